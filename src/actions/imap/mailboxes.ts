// CREATE, RENAME and DELETE (RFC 3501 §6.3.3-6.3.5), idempotent so that a replay after a lost connection — when the
// first attempt may have reached the server — ends in the state the user asked for.
import type { ImapFlow } from 'imapflow';
import { commandError } from './wire.ts';

async function exists(client: ImapFlow, path: string): Promise<boolean> {
  const list = await client.list().catch((err: unknown) => {
    throw commandError(err, 'LIST');
  });
  return list.some((f) => f.path === path && !f.flags?.has('\\NonExistent') && !f.flags?.has('\\Noselect'));
}

/** Creates and subscribes the mailbox; an existing one is fine (ALREADYEXISTS, RFC 5530). */
export async function createMailbox(client: ImapFlow, path: string): Promise<void> {
  try {
    await client.mailboxCreate(path);
  } catch (err) {
    throw commandError(err, 'CREATE');
  }
}

/** Renames; if `from` is gone and `to` is there, an earlier attempt already did it. RFC 3501 §6.3.5: inferior
 * names move with it. */
export async function renameMailbox(client: ImapFlow, from: string, to: string): Promise<void> {
  try {
    await client.mailboxRename(from, to);
  } catch (err) {
    const e = commandError(err, 'RENAME');
    if (e.code === 'FOLDER_NOT_FOUND' && (await exists(client, to))) return;
    throw e;
  }
}

/** Deletes; a mailbox that is already gone is fine. */
export async function deleteMailbox(client: ImapFlow, path: string): Promise<void> {
  try {
    await client.mailboxDelete(path);
  } catch (err) {
    const e = commandError(err, 'DELETE');
    if (e.code !== 'FOLDER_NOT_FOUND') throw e;
  }
}
