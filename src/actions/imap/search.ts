// UID SEARCH (RFC 3501 §6.4.4) and STATUS (§6.3.10), as the replay needs them: which of our UIDs still exist, where a
// message went by its Message-ID, and the destination's UIDNEXT before a COPY/MOVE.
import type { ImapFlow } from 'imapflow';
import { atom, mailboxArg, run, sequenceArg, type WireResponse, type WireValue } from './wire.ts';
import { toSequenceSet } from '../../mail/uidset.ts';

function numbers(response: WireResponse, into: Set<number>): void {
  for (const n of response.numbers ?? []) if (Number.isInteger(n)) into.add(n);
  for (const a of response.attributes ?? []) {
    if (!Array.isArray(a) && typeof a.value === 'string' && /^\d+$/.test(a.value)) into.add(Number(a.value));
  }
}

/** UID SEARCH in the selected mailbox; the UIDs found, ascending. */
export async function uidSearch(client: ImapFlow, criteria: WireValue[]): Promise<number[]> {
  const found = new Set<number>();
  await run(client, 'UID SEARCH', criteria, { SEARCH: async (r) => numbers(r, found) });
  return [...found].sort((a, b) => a - b);
}

/** Which of `uids` the selected mailbox still holds (a UID command on a missing UID is not an error, RFC 3501 §6.4.8,
 * so an expunged message has to be noticed this way). */
export async function existingUids(client: ImapFlow, uids: readonly number[]): Promise<Set<number>> {
  if (uids.length === 0) return new Set();
  return new Set(await uidSearch(client, [atom('UID'), sequenceArg(toSequenceSet(uids))]));
}

/** UIDs of the messages with this Message-ID in the selected mailbox, at or above `minUid`. */
export async function uidsByMessageId(client: ImapFlow, messageId: string, minUid = 1): Promise<number[]> {
  const criteria: WireValue[] = [atom('HEADER'), atom('Message-ID'), { type: 'STRING', value: messageId }];
  if (minUid > 1) criteria.unshift(atom('UID'), sequenceArg(`${minUid}:*`));
  // "n:*" always matches the highest UID (RFC 3501 §6.4.8 "*"), so filter again.
  return (await uidSearch(client, criteria)).filter((u) => u >= minUid);
}

/** UID SEARCH DELETED: the messages flagged \Deleted, by anyone. */
export async function deletedUids(client: ImapFlow): Promise<number[]> {
  return uidSearch(client, [atom('DELETED')]);
}

/** UIDNEXT of a mailbox other than the selected one (RFC 3501 §6.3.10 advises against STATUS on the selected one). */
export async function uidNext(client: ImapFlow, path: string): Promise<number> {
  let value: number | null = null;
  await run(client, 'STATUS', [mailboxArg(client, path), [atom('UIDNEXT')]], {
    STATUS: async (r) => {
      const list = r.attributes?.[1];
      if (!Array.isArray(list)) return;
      for (let i = 0; i + 1 < list.length; i += 2) {
        const k = list[i];
        const v = list[i + 1];
        if (k && !Array.isArray(k) && String(k.value).toUpperCase() === 'UIDNEXT' && v && !Array.isArray(v)) {
          value = Number(v.value);
        }
      }
    },
  });
  if (value === null || !Number.isInteger(value)) throw new Error(`STATUS ${path}: no UIDNEXT`);
  return value;
}
