// UID STORE (RFC 3501 §6.4.6) with +FLAGS.SILENT / -FLAGS.SILENT: only the flags the user changed are sent, so a
// flag another client set in the meantime is kept (offline replay "applies our change on top"). .SILENT because the
// cache already holds the result; the next sync reads the server's whole truth anyway.
import type { ImapFlow } from 'imapflow';
import { toSequenceSet } from '../../mail/uidset.ts';
import { atom, run, sequenceArg } from './wire.ts';

export async function uidStore(
  client: ImapFlow,
  uids: readonly number[],
  op: '+' | '-',
  flags: readonly string[],
): Promise<void> {
  if (uids.length === 0 || flags.length === 0) return;
  await run(client, 'UID STORE', [sequenceArg(toSequenceSet(uids)), atom(`${op}FLAGS.SILENT`), flags.map(atom)]);
}
