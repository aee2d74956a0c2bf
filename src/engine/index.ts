// The engine: one object that owns the profile's cache, the IMAP connections and the outbox, and implements every
// method of the API contract. It runs the same in Electron's main, in plain Node (tests, harness) and behind `tcv`.
import { join } from 'node:path';
import type { EventName, Events, Handlers } from '../api/contract.ts';
import { TcvError } from '../api/errors.ts';
import type { AccountSummary } from '../api/types.ts';
import { AccountStore } from '../accounts/store.ts';
import { Actions } from '../actions/service.ts';
import { openDb } from '../cache/db.ts';
import { activePolicy } from '../policy/load.ts';
import { trustedCas } from '../mail/tls.ts';
import { createSending } from '../drafts/sending.ts';
import { Connections } from './connections.ts';
import { AttachmentStore } from '../sync/files.ts';
import { SyncManager } from '../sync/manager.ts';
import { BackgroundIndex } from '../search/background.ts';
import { MemoryRelease } from '../platform/memory-release.ts';
import type { EngineContext } from './context.ts';
import { accountHandlers } from './handlers/accounts.ts';
import { actionHandlers } from './handlers/actions.ts';
import { contactHandlers } from './handlers/contacts.ts';
import { desktopHandlers } from './handlers/desktop.ts';
import { directoryHandlers } from './handlers/directory.ts';
import { discoveryHandlers } from './handlers/discovery.ts';
import { mailHandlers } from './handlers/mail.ts';
import { readerHandlers } from './handlers/reader.ts';
import { searchHandlers } from './handlers/search.ts';
import { threadHandlers } from './handlers/threads.ts';
import { settingsHandlers } from './handlers/settings.ts';
import { JsonFilePreferencesStore } from '../settings/store.ts';
import { withLockedSettings } from '../settings/locked.ts';
import { sendHandlers } from './handlers/send.ts';
import type { Engine, EngineEventListener, EngineOptions } from './types.ts';

export type { Engine, EngineOptions } from './types.ts';
export { ENGINE_NAME } from './handlers/accounts.ts';

export async function createEngine(opts: EngineOptions): Promise<Engine> {
  const { log, secrets } = opts;
  const db = openDb(join(opts.profileDir, 'cache.sqlite'));
  const accounts = new AccountStore(db);
  const listeners = new Set<EngineEventListener>();
  // Headers an initial sync stored wait for this pass (docs/search.md); it resumes whatever a restart left queued.
  // After big work (a large sync, the index pass) the freed heap pages go back to the OS (src/platform/memory-release.ts).
  const searchIndex = new BackgroundIndex(db, log, (indexed) => memory.note(indexed));
  const memory = new MemoryRelease({ log, busy: () => searchIndex.busy });
  const emit = <E extends EventName>(event: E, payload: Events[E]) => {
    // Every change of the cached messages is announced by folder.changed: the index pass follows it.
    if (event === 'folder.changed') {
      searchIndex.kick();
      const c = payload as Events['folder.changed'];
      memory.note(c.added + c.removed + c.flagsChanged);
    }
    for (const l of listeners) {
      try {
        l(event, payload);
      } catch (err) {
        log.error('event listener failed', { event, error: String(err) });
      }
    }
  };

  // The IT policy (src/policy): a broken file is logged and the app runs as if there were none (docs/policy.md).
  if (opts.policy?.status === 'invalid') {
    log.error('policy file not applied', { code: opts.policy.error.code, detail: opts.policy.error.detail });
  }
  const policyCa = activePolicy(opts.policy)?.caFile;
  const casFor = (a: AccountSummary) =>
    trustedCas([...(opts.trustedCaFiles ?? []), ...(policyCa ? [policyCa] : []), ...(a.caFile ? [a.caFile] : [])]);
  const password = async (id: string) => {
    const pw = await secrets.get(id);
    if (pw === null) throw new TcvError('SECRET_MISSING', id);
    return pw;
  };
  const connections = new Connections({
    account: (id) => accounts.get(id),
    password,
    cas: casFor,
    log,
    onReachability: (accountId, online, reason) =>
      emit('account.connection', { accountId, online, ...(reason ? { reason } : {}) }),
  });
  // Sync, watching, bodies and export (src/sync, docs/sync.md).
  const store = new AttachmentStore(opts.profileDir);
  // The user's preferences (src/settings, docs/settings.md); the prefetch window comes from them unless the host forces it.
  // Settings IT fixed in the policy answer in place of the user's and cannot be changed (src/settings/locked.ts).
  const preferences = withLockedSettings(
    opts.preferences ?? new JsonFilePreferencesStore(join(opts.profileDir, 'preferences.json'), log),
    activePolicy(opts.policy)?.lockedSettings ?? {},
  );
  const syncSettings = { prefetchDays: preferences.get().prefetchDays, ...opts.sync };
  const sync = new SyncManager({ db, connections, store, log, emit, settings: syncSettings });

  // Outbox, drafts, send settings (src/drafts/sending.ts, docs/compose.md).
  const sending = createSending({
    db,
    profileDir: opts.profileDir,
    accounts,
    imap: (accountId, fn) => connections.run(accountId, fn),
    password,
    casFor,
    log,
    emit,
  });
  const { outbox } = sending;
  sending.start();

  // Actions on messages and folders: local-first, queued while offline (src/actions, docs/actions.md).
  const actions = new Actions({
    db,
    accounts,
    connections,
    log,
    emit,
    resync: async (accountId, folders) => {
      if (folders === null) await sync.refreshFolders(accountId);
      else for (const f of folders) await sync.syncOne(accountId, f);
    },
  });
  actions.start();

  const ctx: EngineContext = {
    opts,
    db,
    accounts,
    connections,
    sync,
    store,
    outbox,
    actions,
    sending,
    preferences,
    searchIndex,
    secrets,
    log,
    casFor,
    password,
    emit,
  };
  const handlers: Handlers = {
    ...accountHandlers(ctx),
    ...actionHandlers(ctx),
    ...contactHandlers(ctx),
    ...desktopHandlers(ctx),
    ...directoryHandlers(ctx),
    ...discoveryHandlers(ctx),
    ...mailHandlers(ctx),
    ...readerHandlers(ctx),
    ...searchHandlers(ctx),
    ...settingsHandlers(ctx),
    ...sendHandlers(ctx),
    ...threadHandlers(ctx),
  };

  searchIndex.kick();

  return {
    handlers,
    indexIdle: () => searchIndex.idle(),
    async restIdle() {
      await searchIndex.idle();
      await memory.settled();
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      // A replay in flight finishes (or stays queued) before its connection goes.
      await actions.close();
      // Background sync stops at a batch boundary and the watchers log out before the connections go.
      await sync.stop();
      await searchIndex.stop();
      memory.close();
      // Waits for a message being sent: its row must not be left in "sending".
      await sending.close();
      await connections.closeAll();
      await sync.drained();
      db.close();
    },
  };
}
