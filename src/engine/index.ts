// The engine: one object that owns the profile's cache, the IMAP connections and the outbox, and implements every
// method of the API contract. It runs the same in Electron's main, in plain Node (tests, harness) and behind `tcv`.
import { join } from 'node:path';
import type { EventName, Events, Handlers } from '../api/contract.ts';
import { TcvError } from '../api/errors.ts';
import type { AccountSummary } from '../api/types.ts';
import { AccountStore } from '../accounts/store.ts';
import { Actions } from '../actions/service.ts';
import { openDb } from '../cache/db.ts';
import { Outbox } from '../mail/outbox.ts';
import { folderBySpecialUse } from '../mail/queries.ts';
import { submitRaw } from '../mail/smtp.ts';
import { syncFolderList } from '../mail/sync.ts';
import { trustedCas } from '../mail/tls.ts';
import { Connections } from './connections.ts';
import type { EngineContext } from './context.ts';
import { accountHandlers } from './handlers/accounts.ts';
import { actionHandlers } from './handlers/actions.ts';
import { directoryHandlers } from './handlers/directory.ts';
import { mailHandlers } from './handlers/mail.ts';
import { searchHandlers } from './handlers/search.ts';
import { readerHandlers } from './handlers/reader.ts';
import { sendHandlers } from './handlers/send.ts';
import type { Engine, EngineEventListener, EngineOptions } from './types.ts';

export type { Engine, EngineOptions } from './types.ts';
export { ENGINE_NAME } from './handlers/accounts.ts';

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

  // Actions on messages and folders: local-first, queued while offline (src/actions, docs/actions.md).
  const actions = new Actions({ db, accounts, connections, log, emit });
  actions.start();

  const ctx: EngineContext = { opts, db, accounts, connections, outbox, actions, secrets, log, casFor, password, emit };
  const handlers: Handlers = {
    ...accountHandlers(ctx),
    ...actionHandlers(ctx),
    ...directoryHandlers(ctx),
    ...mailHandlers(ctx),
    ...searchHandlers(ctx),
    ...readerHandlers(ctx),
    ...sendHandlers(ctx),
  };

  return {
    handlers,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      // A replay in flight finishes (or stays queued) before its connection goes.
      await actions.close();
      outbox.close();
      await connections.closeAll();
      db.close();
    },
  };
}
