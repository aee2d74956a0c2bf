import { TcvError } from '../../api/errors.ts';
import type { mailMethods } from '../../api/methods/mail.ts';
import { cachedBody, fetchBody, messageDetail } from '../../mail/message.ts';
import { findMessage, listFolders, listMessages } from '../../mail/queries.ts';
import { syncFolder, syncFolderList } from '../../mail/sync.ts';
import type { EngineContext, FeatureHandlers } from '../context.ts';

export function mailHandlers(ctx: EngineContext): FeatureHandlers<keyof typeof mailMethods> {
  const { db, accounts, connections, emit } = ctx;

  const ensureFolders = async (accountId: string) => {
    accounts.get(accountId);
    const n = db.prepare('SELECT count(*) AS n FROM folders WHERE account_id = ?').get(accountId) as { n: number };
    if (n.n === 0) await connections.run(accountId, (c) => syncFolderList(c, db, accountId));
  };

  return {
    'folders.list': async ({ accountId }) => {
      await ensureFolders(accountId);
      return listFolders(db, accountId);
    },
    'sync.run': async ({ accountId, folder }) => {
      accounts.get(accountId);
      return connections.run(accountId, async (c) => {
        const folders = await syncFolderList(c, db, accountId);
        const path = folder ?? 'INBOX';
        const result = await syncFolder(c, db, accountId, path, {
          onProgress: (done, total) => emit('sync.progress', { accountId, folder: path, done, total }),
        });
        if (result.added > 0) emit('mail.new', { accountId, folder: path, count: result.added });
        return { ...result, folders };
      });
    },
    'messages.list': async ({ accountId, folder, offset, limit }) => {
      accounts.get(accountId);
      return listMessages(db, accountId, folder, offset, limit);
    },
    'messages.get': async ({ accountId, folder, uid }) => {
      accounts.get(accountId);
      const row = findMessage(db, accountId, folder, uid);
      if (!row) throw new TcvError('MESSAGE_NOT_FOUND', `${folder} ${uid}`);
      if (!cachedBody(db, accountId, folder, uid)) {
        await connections.run(accountId, (c) => fetchBody(c, db, accountId, folder, uid));
      }
      if (row.seen === 0) {
        // Opening a message marks it read, as in Outlook; the server is told first so the cache never runs ahead.
        await connections.run(accountId, async (c) => {
          const lock = await c.getMailboxLock(folder);
          try {
            await c.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
          } finally {
            lock.release();
          }
        });
        db.prepare('UPDATE messages SET seen = 1 WHERE account_id = ? AND folder = ? AND uid = ?').run(
          accountId,
          folder,
          uid,
        );
      }
      return messageDetail(db, accountId, folder, uid);
    },
  };
}
