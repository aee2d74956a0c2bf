// Removing messages for good: STORE +FLAGS \Deleted, then UID EXPUNGE of exactly those UIDs (RFC 4315 §2.1).
// Without UIDPLUS there is only EXPUNGE (RFC 3501 §6.4.3), which removes every \Deleted message of the mailbox —
// including ones another client (or Thunderbird's "mark as deleted" mode) flagged and means to keep for now. The
// fallback therefore expunges only when UID SEARCH DELETED finds nothing but our own messages; otherwise ours are
// left flagged \Deleted (hidden by the UI, expunged by the next safe EXPUNGE or by the other client). A message
// flagged by someone else between that SEARCH and the EXPUNGE would still go: the one window the protocol leaves.
import type { ImapFlow } from 'imapflow';
import { toSequenceSet } from '../../mail/uidset.ts';
import { deletedUids } from './search.ts';
import { uidStore } from './store.ts';
import { run, sequenceArg, type Caps } from './wire.ts';

export type ExpungeOutcome = 'expunged' | 'flagged-only';

export async function uidExpunge(client: ImapFlow, uids: readonly number[], caps: Caps): Promise<ExpungeOutcome> {
  if (uids.length === 0) return 'expunged';
  await uidStore(client, uids, '+', ['\\Deleted']);
  if (caps.uidplus) {
    await run(client, 'UID EXPUNGE', [sequenceArg(toSequenceSet(uids))]);
    return 'expunged';
  }
  const ours = new Set(uids);
  const flagged = await deletedUids(client);
  if (flagged.some((u) => !ours.has(u))) return 'flagged-only';
  await run(client, 'EXPUNGE', false);
  return 'expunged';
}
