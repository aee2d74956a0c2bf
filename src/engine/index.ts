// The engine: one object that owns the profile's cache, the IMAP connections and the outbox, and implements every
// method of the API contract. It runs the same in Electron's main, in plain Node (tests, harness) and behind `tcv`.
import { join } from 'node:path';
import type { EventName, Events, Handlers } from '../api/contract.ts';
import { TcvError } from '../api/errors.ts';
import type { AccountSummary } from '../api/types.ts';
import { AccountStore } from '../accounts/store.ts';
import { openDb } from '../cache/db.ts';
import { composeMessage } from '../mail/compose.ts';
import { fetchBody, cachedBody, messageDetail } from '../mail/message.ts';
import { withImap } from '../mail/imap.ts';
import { Outbox } from '../mail/outbox.ts';
import { findMessage, folderBySpecialUse, listFolders, listMessages } from '../mail/queries.ts';
import { submitRaw } from '../mail/smtp.ts';
import { syncFolder, syncFolderList } from '../mail/sync.ts';
import { trustedCas } from '../mail/tls.ts';
import { Connections } from './connections.ts';
import { runDoctor } from './doctor.ts';
import type { Engine, EngineEventListener, EngineOptions } from './types.ts';

export type { Engine, EngineOptions } from './types.ts';

export const ENGINE_NAME = 'tcv-engine';

export async function createEngine(opts: EngineOptions): Promise<Engine> {
  const { log, secrets } = opts;
  const db = openDb(join(opts.profileDir, 'cache.sqlite'));
  const accounts = new AccountStore(db);
  const listeners = new Set<EngineEventListener>();
  const emit = <E extends EventName>(event: E, payload: Events[E]) => {
    for (const l of listeners) {
      try {
        l(event, payload);
      } catch (err) {
        log.error('event listener failed', { event, error: String(err) });
      }
    }
  };

  const casFor = (a: AccountSummary) => trustedCas([...(opts.trustedCaFiles ?? []), ...(a.caFile ? [a.caFile] : [])]);
  const password = async (id: string) => {
    const pw = await secrets.get(id);
    if (pw === null) throw new TcvError('SECRET_MISSING', id);
    return pw;
  };
  const connections = new Connections({ account: (id) => accounts.get(id), password, cas: casFor, log });

  const sentFolder = async (accountId: string): Promise<string | null> => {
    const known = folderBySpecialUse(db, accountId, 'sent');
    if (known) return known;
    await connections.run(accountId, (c) => syncFolderList(c, db, accountId));
    return folderBySpecialUse(db, accountId, 'sent');
  };

  const outbox = new Outbox({
    db,
    submit: async (accountId, envelope, raw) => {
      const account = accounts.get(accountId);
      await submitRaw(account, await password(accountId), casFor(account), envelope, raw);
    },
    appendToSent: async (accountId, raw) => {
      // Dovecot and most agency servers do not file submitted mail in Sent by themselves.
      const path = await sentFolder(accountId);
      if (!path) return;
      await connections.run(accountId, (c) => c.append(path, raw, ['\\Seen']).then(() => undefined));
    },
    onChange: (entry) => emit('outbox.changed', { entry }),
  });
  outbox.schedule();

  const ensureFolders = async (accountId: string) => {
    accounts.get(accountId);
    const n = db.prepare('SELECT count(*) AS n FROM folders WHERE account_id = ?').get(accountId) as { n: number };
    if (n.n === 0) await connections.run(accountId, (c) => syncFolderList(c, db, accountId));
  };

  const handlers: Handlers = {
    'app.info': async () => ({
      name: 'Thư Công Vụ',
      version: opts.appVersion ?? 'dev',
      engine: ENGINE_NAME,
      profileDir: opts.profileDir,
    }),
    'accounts.list': async () => accounts.list(),
    'accounts.add': async (p) => {
      const draft = accounts.draft(p);
      if (accounts.find(draft.id)) throw new TcvError('ACCOUNT_EXISTS', draft.id);
      if (p.verify) {
        await withImap({ account: draft, password: p.password, cas: casFor(draft), log }, async () => undefined);
      }
      await secrets.set(draft.id, p.password);
      try {
        accounts.insert(draft);
      } catch (err) {
        await secrets.delete(draft.id).catch(() => false);
        throw err;
      }
      log.info('account added', { account: draft.id, imap: draft.imap, smtp: draft.smtp });
      return draft;
    },
    'accounts.remove': async ({ accountId }) => {
      connections.drop(accountId);
      const removed = accounts.remove(accountId);
      if (removed) await secrets.delete(accountId);
      return { removed };
    },
    'accounts.diagnose': async ({ accountId }) => runDoctor(accounts.get(accountId), { secrets, cas: casFor, log }),
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
        db.prepare('UPDATE messages SET seen = 1 WHERE account_id = ? AND folder = ? AND uid = ?').run(accountId, folder, uid);
      }
      return messageDetail(db, accountId, folder, uid);
    },
    'messages.send': async (p) => {
      const account = accounts.get(p.accountId);
      const msg = await composeMessage(account, p);
      const entry = outbox.enqueue(account.id, msg, [...p.to, ...p.cc]);
      return outbox.sendNow(entry.id);
    },
    'outbox.list': async ({ accountId }) => outbox.list(accountId),
  };

  return {
    handlers,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      outbox.close();
      await connections.closeAll();
      db.close();
    },
  };
}
