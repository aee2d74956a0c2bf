// Moving and copying messages between mailboxes.
// MOVE (RFC 6851 §3.1) when the server has it: atomic, and the COPYUID of RFC 4315 comes in an untagged OK before the
// expunges (§4.3). Without MOVE, RFC 6851 §3.3's equivalent: UID COPY, then \Deleted + UID EXPUNGE of just those
// UIDs — and without UIDPLUS as well, the cautious expunge of expunge.ts, so another client's \Deleted messages are
// never removed with ours.
import type { ImapFlow } from 'imapflow';
import { toSequenceSet } from '../../mail/uidset.ts';
import { parseCopyUid, type CopyUid } from './copyuid.ts';
import { uidExpunge, type ExpungeOutcome } from './expunge.ts';
import { mailboxArg, run, sequenceArg, type Caps, type WireResponse } from './wire.ts';

export interface TransferResult {
  /** null when the server sent no COPYUID (no UIDPLUS): the caller finds the new UIDs by Message-ID. */
  copyUid: CopyUid | null;
  /** For a move by COPY + EXPUNGE without UIDPLUS: whether the originals could be expunged safely. */
  source: ExpungeOutcome;
}

export async function uidCopy(
  client: ImapFlow,
  uids: readonly number[],
  dest: string,
  caps: Caps,
): Promise<CopyUid | null> {
  if (uids.length === 0) return null;
  const ok = await run(client, 'UID COPY', [sequenceArg(toSequenceSet(uids)), mailboxArg(client, dest)]);
  return caps.uidplus ? parseCopyUid(ok) : null;
}

export async function uidMove(
  client: ImapFlow,
  uids: readonly number[],
  dest: string,
  caps: Caps,
): Promise<TransferResult> {
  if (uids.length === 0) return { copyUid: null, source: 'expunged' };
  if (!caps.move) {
    // RFC 6851 §3.3: the source is touched only after the copy succeeded (a failed COPY throws here), so a failure
    // can leave a duplicate but never lose the message.
    const copyUid = await uidCopy(client, uids, dest, caps);
    return { copyUid, source: await uidExpunge(client, uids, caps) };
  }
  const untagged: WireResponse[] = [];
  const ok = await run(client, 'UID MOVE', [sequenceArg(toSequenceSet(uids)), mailboxArg(client, dest)], {
    OK: async (r) => {
      untagged.push(r);
    },
  });
  let copyUid: CopyUid | null = null;
  if (caps.uidplus) {
    for (const r of [...untagged, ok]) copyUid ??= parseCopyUid(r);
  }
  return { copyUid, source: 'expunged' };
}
