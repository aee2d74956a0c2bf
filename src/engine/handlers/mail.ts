import { copyFile, constants as fsConstants, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TcvError } from '../../api/errors.ts';
import type { mailMethods } from '../../api/methods/mail.ts';
import { cachedBody, messageDetail, storedAttachments } from '../../mail/message.ts';
import { findMessage, listFolders, listMessages, uidsAt } from '../../mail/queries.ts';
import { syncFolderList } from '../../mail/sync.ts';
import type { EngineContext, FeatureHandlers } from '../context.ts';

export function mailHandlers(ctx: EngineContext): FeatureHandlers<keyof typeof mailMethods> {
  const { db, accounts, connections, sync, store } = ctx;

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
      if (!folder) return sync.syncAccount(accountId);
      const r = await sync.syncOne(accountId, folder, (done, total) =>
        ctx.emit('sync.progress', { accountId, folder, done, total, phase: 'headers' }),
      );
      sync.schedulePrefetch(accountId);
      const { newUids: _n, incremental: _i, ...result } = r;
      return result;
    },
    'sync.watch': async ({ accountId, folders }) => {
      accounts.get(accountId);
      return sync.watch(accountId, folders);
    },
    'sync.unwatch': async ({ accountId }) => {
      accounts.get(accountId);
      return sync.unwatch(accountId);
    },
    'messages.list': async ({ accountId, folder, offset, limit, sort }) => {
      accounts.get(accountId);
      return listMessages(db, accountId, folder, offset, limit, sort);
    },
    'messages.uidsAt': async ({ accountId, folder, sort, ranges }) => {
      accounts.get(accountId);
      return uidsAt(db, accountId, folder, sort, ranges);
    },
    'messages.get': async ({ accountId, folder, uid }) => {
      accounts.get(accountId);
      const row = findMessage(db, accountId, folder, uid);
      if (!row) throw new TcvError('MESSAGE_NOT_FOUND', `${folder} ${uid}`);
      await sync.ensureBody(accountId, folder, uid);
      if (row.seen === 0) {
        // Opening a message marks it read, as in Outlook. It goes through the actions queue (local-first): the cache
        // changes at once and the server is told now, or on reconnect when offline, so a cached message opens offline.
        await ctx.actions.setFlags({ accountId, folder, uids: [uid] }, ['\\Seen'], []);
      }
      return messageDetail(db, accountId, folder, uid);
    },
    'attachments.save': async ({ accountId, folder, uid, index, destination }) => {
      accounts.get(accountId);
      if (!findMessage(db, accountId, folder, uid)) throw new TcvError('MESSAGE_NOT_FOUND', `${folder} ${uid}`);
      const locate = () => {
        const body = cachedBody(db, accountId, folder, uid);
        const a = body ? storedAttachments(body).find((x) => x.index === index) : undefined;
        return { body, a, path: a?.file ? join(store.root, a.file) : null };
      };
      await sync.ensureBody(accountId, folder, uid);
      let found = locate();
      if (found.body && !found.a) throw new TcvError('MESSAGE_NOT_FOUND', `${folder} ${uid} attachment ${index}`);
      if (!found.path || !existsSync(found.path)) {
        // Cached before attachments were kept as files, or the file was removed by hand: fetch the message again.
        db.prepare('DELETE FROM bodies WHERE account_id = ? AND folder = ? AND uid = ?').run(accountId, folder, uid);
        await sync.ensureBody(accountId, folder, uid);
        found = locate();
      }
      const { a, path } = found;
      if (!a || !path) throw new TcvError('MESSAGE_NOT_FOUND', `${folder} ${uid} attachment ${index}`);
      let out = path;
      if (destination) {
        await mkdir(dirname(destination), { recursive: true });
        try {
          // Never over an existing file: the caller (a save dialog in main) deals with "replace?" itself.
          await copyFile(path, destination, fsConstants.COPYFILE_EXCL);
        } catch (err) {
          throw new TcvError('STORAGE', `copy to ${destination}: ${(err as Error).message}`, { cause: err });
        }
        out = destination;
      }
      return { path: out, filename: a.filename, contentType: a.contentType, size: a.size };
    },
    'folders.export': async ({ accountId, folder, format, destination, exportId }) => {
      accounts.get(accountId);
      return sync.exportFolder(accountId, folder, format, destination, exportId);
    },
    'folders.exportCancel': async ({ exportId }) => ({ cancelled: sync.cancelExport(exportId) }),
  };
}
