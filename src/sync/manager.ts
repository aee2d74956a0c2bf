// The engine's sync orchestration per account (docs/sync.md):
//  - syncAccount: the folder list with LIST-STATUS in one round trip, then every folder, INBOX first, skipping the
//    ones STATUS proves unchanged; progress events per folder.
//  - syncOne: one folder, serialised per folder (two syncs of one folder never interleave), retried with backoff
//    when the connection drops; events: folder.changed when the cache changed, mail.new when new mail arrived in a
//    folder that had been synced before (a first download of 10,000 old messages is not "new mail").
//  - watch: one FolderWatcher per watched folder; its notifications are debounced into syncOne.
//  - bodies: on demand (deduplicated: the reader and the prefetch never fetch one message twice at once) and a
//    bounded background prefetch of recent messages after each sync.
//  - stop: aborts background work at a batch boundary and closes the watchers, for a clean shutdown.
import type { EventName, Events } from '../api/contract.ts';
import { TcvError } from '../api/errors.ts';
import type { ExportResult, SpecialUse, SyncResult, WatchStatus } from '../api/types.ts';
import type { Db } from '../cache/db.ts';
import type { Connections, Lane } from '../engine/connections.ts';
import { classifyMailError } from '../mail/errors.ts';
import { cachedBody, fetchBody } from '../mail/message.ts';
import { findMessage, toSummary, type MessageRow } from '../mail/queries.ts';
import {
  folderState,
  refreshFolderList,
  syncFolder,
  unchangedSinceSync,
  type FolderSyncResult,
  type ListedFolder,
} from '../mail/sync.ts';
import type { Logger } from '../platform/types.ts';
import { isTransient } from './backoff.ts';
import { exportFolder, type ExportFormat } from './export.ts';
import type { AttachmentStore } from './files.ts';
import { FolderWatcher } from './watcher.ts';

export interface SyncSettings {
  /** Bodies of messages received in the last N days are fetched in the background after a sync; 0 turns it off. */
  prefetchDays: number;
  /** At most this many bodies per prefetch run (the next sync continues). */
  prefetchMaxMessages: number;
  /** Larger messages are left for on-demand opening. */
  prefetchMaxBytes: number;
  /** Use IDLE where the server offers it; false forces NOOP polling (tests of the fallback). */
  idle: boolean;
  /** NOOP interval where there is no IDLE. */
  pollIntervalMs: number;
  /** Notifications closer together than this make one sync. */
  debounceMs: number;
  /** Connection attempts of a background sync before it reports the failure. */
  retryAttempts: number;
  /**
   * Index new headers for search inside the header batches (true), leave them queued for the background index pass
   * (false), or 'auto': inline for small runs, queued for an initial sync (src/mail/sync.ts SyncFolderOptions).
   */
  indexDuringSync: boolean | 'auto';
}

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  prefetchDays: 30,
  prefetchMaxMessages: 500,
  prefetchMaxBytes: 10 * 1024 * 1024,
  idle: true,
  pollIntervalMs: 5000,
  debounceMs: 100,
  retryAttempts: 6,
  indexDuringSync: 'auto',
};

export interface SyncManagerDeps {
  db: Db;
  connections: Connections;
  store: AttachmentStore;
  log: Logger;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  settings?: Partial<SyncSettings>;
  now?: () => number;
}

// INBOX first (the list is useful in seconds), then what users look at, the rest by name, bins last.
const ROLE_ORDER: Record<string, number> = { inbox: 0, sent: 1, drafts: 2, archive: 3, all: 4, flagged: 4 };
const LAST_ROLES: Record<string, number> = { junk: 1, trash: 2 };

export function syncOrder(folders: readonly ListedFolder[]): ListedFolder[] {
  const rank = (f: ListedFolder) => {
    const role = f.specialUse ?? '';
    if (role in ROLE_ORDER) return ROLE_ORDER[role] as number;
    if (role in LAST_ROLES) return 100 + (LAST_ROLES[role] as number);
    return f.shared ? 60 : 50;
  };
  return [...folders].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path, 'vi'));
}

interface PendingSync {
  timer: NodeJS.Timeout | null;
  running: boolean;
  dirty: boolean;
}

const NEW_MAIL_ITEMS = 20;
/** Prefetched bodies per folder.changed { previews } event. */
const PREVIEW_BATCH = 10;
// How long shutdown waits for a running batch to commit before it closes the connections under it.
const STOP_GRACE_MS = 3000;

export class SyncManager {
  readonly settings: SyncSettings;
  private readonly deps: SyncManagerDeps;
  private readonly abort = new AbortController();
  /** Running exports by their exportId (folders.exportCancel). */
  private readonly exports = new Map<string, AbortController>();
  private readonly folderChains = new Map<string, Promise<unknown>>();
  private readonly pending = new Map<string, PendingSync>();
  private readonly watchers = new Map<string, FolderWatcher[]>();
  private readonly bodies = new Map<string, Promise<void>>();
  private readonly prefetching = new Map<string, { dirty: boolean; run: Promise<void> }>();
  private readonly background = new Set<Promise<unknown>>();

  constructor(deps: SyncManagerDeps) {
    this.deps = deps;
    this.settings = { ...DEFAULT_SYNC_SETTINGS, ...deps.settings };
  }

  private get signal(): AbortSignal {
    return this.abort.signal;
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.background.add(p);
    const done = () => this.background.delete(p);
    p.then(done, done);
    return p;
  }

  /** Runs fn after every earlier task on the same folder has finished. */
  private serial<T>(accountId: string, folder: string, fn: () => Promise<T>): Promise<T> {
    const key = `${accountId}\u0000${folder}`;
    const prev = this.folderChains.get(key) ?? Promise.resolve();
    const next = prev.catch(() => undefined).then(fn);
    this.folderChains.set(key, next);
    const clear = () => {
      if (this.folderChains.get(key) === next) this.folderChains.delete(key);
    };
    next.then(clear, clear);
    return next;
  }

  private removeBodies =
    (accountId: string, folder: string) => (uids: number[] | 'all', uidValidity: string | null) => {
      try {
        this.deps.store.remove(accountId, folder, uids, uidValidity);
      } catch (err) {
        this.deps.log.warn('attachment cleanup failed', { account: accountId, folder, error: String(err) });
      }
    };

  async refreshFolders(accountId: string): Promise<ListedFolder[]> {
    const { db, connections, store } = this.deps;
    return connections.retry(
      accountId,
      (c) =>
        refreshFolderList(c, db, accountId, {
          onRemoved: (paths) => paths.forEach((p) => store.removeFolder(accountId, p)),
        }),
      { lane: 'sync', signal: this.signal, attempts: this.settings.retryAttempts },
    );
  }

  /** One folder, incrementally when it can be. */
  async syncOne(
    accountId: string,
    folder: string,
    onProgress?: (done: number, total: number) => void,
  ): Promise<FolderSyncResult> {
    const { db, connections, emit } = this.deps;
    if (!folderState(db, accountId, folder)) await this.refreshFolders(accountId);
    if (!folderState(db, accountId, folder)) throw new TcvError('FOLDER_NOT_FOUND', `${accountId} ${folder}`);
    const result = await this.serial(accountId, folder, () =>
      connections.retry(
        accountId,
        (c) =>
          syncFolder(c, db, accountId, folder, {
            signal: this.signal,
            onProgress,
            onBodiesRemoved: this.removeBodies(accountId, folder),
            indexDuringSync: this.settings.indexDuringSync,
          }),
        { lane: 'sync', signal: this.signal, attempts: this.settings.retryAttempts },
      ),
    );
    if (result.added || result.removed || result.flagsChanged || result.uidValidityReset) {
      const unread = (
        db
          .prepare('SELECT count(*) AS n FROM messages WHERE account_id = ? AND folder = ? AND seen = 0')
          .get(accountId, folder) as { n: number }
      ).n;
      emit('folder.changed', {
        accountId,
        folder,
        added: result.added,
        removed: result.removed,
        flagsChanged: result.flagsChanged,
        total: result.total,
        unread,
      });
    }
    if (result.incremental && result.added > 0) {
      const items = result.newUids
        .slice(0, NEW_MAIL_ITEMS)
        .map((uid) => findMessage(db, accountId, folder, uid))
        .filter((r): r is MessageRow => Boolean(r))
        .map(toSummary);
      emit('mail.new', { accountId, folder, count: result.added, items });
    }
    return result;
  }

  /** Every folder of the account, INBOX first. */
  async syncAccount(accountId: string): Promise<SyncResult> {
    const started = performance.now();
    const { db, emit, log } = this.deps;
    const listed = syncOrder(await this.refreshFolders(accountId));
    const details: SyncResult[] = [];
    let i = 0;
    for (const f of listed) {
      i++;
      this.signal.throwIfAborted();
      if (unchangedSinceSync(db, accountId, f)) {
        details.push({ ...emptyResult(f.path, f.messages ?? 0), mode: 'skipped' });
        continue;
      }
      const folderIndex = i;
      try {
        const r = await this.syncOne(accountId, f.path, (done, total) =>
          emit('sync.progress', {
            accountId,
            folder: f.path,
            done,
            total,
            phase: 'headers',
            folderIndex,
            folderCount: listed.length,
          }),
        );
        details.push(stripFolderResult(r));
      } catch (err) {
        const e = classifyMailError(err, 'imap');
        // One folder the server will not open (deleted meanwhile, no read right on a shared folder) must not stop
        // the others; a network or login failure stops the run.
        if (isTransient(e) || e.code === 'AUTH_FAILED' || this.signal.aborted) throw e;
        log.warn('folder sync failed', { account: accountId, folder: f.path, code: e.code, detail: e.detail });
      }
    }
    this.schedulePrefetch(accountId);
    const sum = (k: 'total' | 'added' | 'removed' | 'flagsChanged') => details.reduce((n, d) => n + d[k], 0);
    return {
      folders: listed.length,
      folder: details[0]?.folder ?? 'INBOX',
      total: sum('total'),
      added: sum('added'),
      removed: sum('removed'),
      flagsChanged: sum('flagsChanged'),
      uidValidityReset: details.some((d) => d.uidValidityReset),
      ms: Math.round(performance.now() - started),
      details,
    };
  }

  // ---- watching ---------------------------------------------------------------------------------------------------

  /** Default watch list: INBOX, and the INBOX of each delegated unit mailbox (shared namespace) the account sees. */
  defaultWatchFolders(accountId: string): string[] {
    const rows = this.deps.db.prepare('SELECT path, special_use FROM folders WHERE account_id = ?').all(accountId) as {
      path: string;
      special_use: SpecialUse;
    }[];
    const inbox = rows.find((r) => r.special_use === 'inbox')?.path ?? 'INBOX';
    // shared/<owner>/INBOX: a delegated unit mailbox (Dovecot's "other users" namespace; the owner may contain dots).
    const shared = rows.map((r) => r.path).filter((p) => /^shared([./]).+\1INBOX$/i.test(p));
    return [inbox, ...shared.sort()];
  }

  async watch(accountId: string, folders?: string[]): Promise<WatchStatus> {
    this.signal.throwIfAborted();
    await this.unwatch(accountId);
    if (!folders) {
      await this.refreshFolders(accountId);
      folders = this.defaultWatchFolders(accountId);
    }
    const { connections, log } = this.deps;
    const list = [...new Set(folders)];
    const watchers = list.map(
      (folder) =>
        new FolderWatcher({
          accountId,
          folder,
          open: () => connections.openDedicated(accountId),
          release: (c) => connections.release(accountId, c),
          onChange: (f) => this.requestSync(accountId, f),
          log,
          useIdle: this.settings.idle,
          pollIntervalMs: this.settings.pollIntervalMs,
        }),
    );
    this.watchers.set(accountId, watchers);
    for (const w of watchers) w.start();
    // Report the mode once every watcher has its connection (or a few seconds passed: a server may be slow).
    const deadline = Date.now() + 5000;
    while (watchers.some((w) => w.mode === 'off') && Date.now() < deadline && !this.signal.aborted) {
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.watchStatus(accountId);
  }

  watchStatus(accountId: string): WatchStatus {
    const ws = this.watchers.get(accountId) ?? [];
    const modes = new Set(ws.map((w) => w.mode));
    return {
      accountId,
      folders: ws.map((w) => w.folder),
      mode: modes.has('idle') ? 'idle' : modes.has('poll') ? 'poll' : 'off',
    };
  }

  async unwatch(accountId: string): Promise<WatchStatus> {
    const ws = this.watchers.get(accountId) ?? [];
    this.watchers.delete(accountId);
    await Promise.all(ws.map((w) => w.stop()));
    for (const [key, p] of this.pending) {
      if (key.startsWith(`${accountId}\u0000`) && p.timer) {
        clearTimeout(p.timer);
        p.timer = null;
      }
    }
    return { accountId, folders: [], mode: 'off' };
  }

  /** Debounced, coalesced incremental sync of a folder after a notification. */
  requestSync(accountId: string, folder: string): void {
    if (this.signal.aborted) return;
    const key = `${accountId}\u0000${folder}`;
    let st = this.pending.get(key);
    if (!st) {
      st = { timer: null, running: false, dirty: false };
      this.pending.set(key, st);
    }
    const s = st;
    if (s.timer) return;
    s.timer = setTimeout(() => {
      s.timer = null;
      if (s.running) {
        s.dirty = true;
        return;
      }
      s.running = true;
      const run = async () => {
        try {
          do {
            s.dirty = false;
            const r = await this.syncOne(accountId, folder).catch((err: unknown) => {
              if (!this.signal.aborted) {
                this.deps.log.warn('watch sync failed', { account: accountId, folder, error: String(err) });
              }
              return null;
            });
            if (r && r.added > 0) this.schedulePrefetch(accountId);
          } while (s.dirty && !this.signal.aborted);
        } finally {
          s.running = false;
        }
      };
      void this.track(run());
    }, this.settings.debounceMs);
  }

  // ---- bodies -----------------------------------------------------------------------------------------------------

  /** Fetches a message's body into the cache unless it is there; one fetch per message at a time. */
  ensureBody(accountId: string, folder: string, uid: number, lane: Lane = 'work'): Promise<void> {
    const { db, connections, store } = this.deps;
    if (cachedBody(db, accountId, folder, uid)) return Promise.resolve();
    const key = `${accountId}\u0000${folder}\u0000${uid}`;
    const running = this.bodies.get(key);
    if (running) return running;
    const p = connections.run(accountId, (c) => fetchBody(c, db, accountId, folder, uid, { store }), lane);
    // A body the user opened gives its row a preview line at once; the prefetch reports its own in batches.
    if (lane === 'work')
      void p.then(
        () => this.emitPreviews(accountId, folder, 1),
        () => undefined,
      );
    this.bodies.set(key, p);
    const clear = () => this.bodies.delete(key);
    p.then(clear, clear);
    return p;
  }

  /** Starts (or marks for another round) the background prefetch of recent bodies. */
  schedulePrefetch(accountId: string): void {
    if (this.settings.prefetchDays <= 0 || this.signal.aborted) return;
    const running = this.prefetching.get(accountId);
    if (running) {
      running.dirty = true;
      return;
    }
    const state = { dirty: false, run: Promise.resolve() };
    state.run = this.track(
      (async () => {
        try {
          do {
            state.dirty = false;
            await this.prefetch(accountId);
          } while (state.dirty && !this.signal.aborted);
        } catch (err) {
          if (!this.signal.aborted) this.deps.log.warn('prefetch stopped', { account: accountId, error: String(err) });
        } finally {
          this.prefetching.delete(accountId);
        }
      })(),
    );
    this.prefetching.set(accountId, state);
  }

  /** Waits for a running prefetch of the account (tests, the CLI). */
  async prefetchIdle(accountId: string): Promise<void> {
    await this.prefetching.get(accountId)?.run;
  }

  private async prefetch(accountId: string): Promise<void> {
    const { db, emit, log } = this.deps;
    const now = this.deps.now?.() ?? Date.now();
    const since = now - this.settings.prefetchDays * 86_400_000;
    // Arrival time (INTERNALDATE) decides "recent": a Date header can be anything the sender's PC said.
    const rows = db
      .prepare(
        `SELECT m.folder, m.uid FROM messages m JOIN folders f ON f.account_id = m.account_id AND f.path = m.folder
         WHERE m.account_id = ? AND coalesce(m.internal_date, m.date) >= ? AND m.size <= ?
           AND coalesce(f.special_use, '') NOT IN ('trash', 'junk')
           AND NOT EXISTS (SELECT 1 FROM bodies b WHERE b.account_id = m.account_id AND b.folder = m.folder AND b.uid = m.uid)
         ORDER BY f.special_use = 'inbox' DESC, coalesce(m.internal_date, m.date) DESC
         LIMIT ?`,
      )
      .all(accountId, since, this.settings.prefetchMaxBytes, this.settings.prefetchMaxMessages) as {
      folder: string;
      uid: number;
    }[];
    let done = 0;
    // Preview lines filled per folder, told to the UI every PREVIEW_BATCH bodies so the list repaints in steps.
    let previews = { folder: '', n: 0 };
    const flushPreviews = () => {
      if (previews.n) this.emitPreviews(accountId, previews.folder, previews.n);
      previews = { folder: '', n: 0 };
    };
    for (const r of rows) {
      this.signal.throwIfAborted();
      if (r.folder !== previews.folder) flushPreviews();
      try {
        await this.ensureBody(accountId, r.folder, r.uid, 'sync');
        previews = { folder: r.folder, n: previews.n + 1 };
        if (previews.n >= PREVIEW_BATCH) flushPreviews();
      } catch (err) {
        const e = classifyMailError(err, 'imap');
        // Expunged since the sync: the next sync removes the header. Anything else ends this round.
        if (e.code !== 'MESSAGE_NOT_FOUND') throw e;
        log.debug('prefetch skipped', { account: accountId, folder: r.folder, uid: r.uid });
      }
      done++;
      if (done % 10 === 0 || done === rows.length) {
        emit('sync.progress', { accountId, folder: r.folder, done, total: rows.length, phase: 'bodies' });
      }
    }
    flushPreviews();
    if (rows.length === 0) emit('sync.progress', { accountId, folder: '', done: 0, total: 0, phase: 'bodies' });
  }

  /** folder.changed with `previews`: rows of the folder got their preview line (docs/sync.md "Snippet"). */
  private emitPreviews(accountId: string, folder: string, previews: number): void {
    const { db, emit } = this.deps;
    // Two index counts (messages_by_date, the partial messages_unread), not a scan of the rows.
    const count = (unread: boolean) =>
      (
        db
          .prepare(
            `SELECT count(*) AS n FROM messages WHERE account_id = ? AND folder = ?${unread ? ' AND seen = 0' : ''}`,
          )
          .get(accountId, folder) as { n: number }
      ).n;
    emit('folder.changed', {
      accountId,
      folder,
      added: 0,
      removed: 0,
      flagsChanged: 0,
      total: count(false),
      unread: count(true),
      previews,
    });
  }

  // ---- export -----------------------------------------------------------------------------------------------------

  async exportFolder(
    accountId: string,
    folder: string,
    format: ExportFormat,
    destination: string,
    exportId?: string,
  ): Promise<ExportResult> {
    const { connections, emit } = this.deps;
    if (exportId && this.exports.has(exportId)) throw new TcvError('INVALID_STATE', `export ${exportId} is running`);
    const cancel = new AbortController();
    if (exportId) this.exports.set(exportId, cancel);
    try {
      return await exportFolder({
        run: (fn) => connections.run(accountId, fn, 'sync'),
        folder,
        format,
        destination,
        signal: AbortSignal.any([this.signal, cancel.signal]),
        onProgress: (done, total, bytes) => {
          if (exportId) emit('export.progress', { exportId, accountId, folder, done, total, bytes });
        },
      });
    } finally {
      if (exportId) this.exports.delete(exportId);
    }
  }

  /** Cancels a running export (folders.exportCancel); false if none runs under that id (finished, or never). */
  cancelExport(exportId: string): boolean {
    const running = this.exports.get(exportId);
    running?.abort(new TcvError('EXPORT_CANCELLED', `export ${exportId} cancelled by the user`));
    return running !== undefined;
  }

  // ---- shutdown ---------------------------------------------------------------------------------------------------

  /**
   * Stops background work: aborts at the next batch boundary and logs the watchers out. Waits a little for running
   * work to end by itself; the engine then closes the connections, which ends the rest, and calls drained().
   */
  async stop(): Promise<void> {
    this.abort.abort(new TcvError('CONNECTION_LOST', 'engine is shutting down'));
    for (const p of this.pending.values()) if (p.timer) clearTimeout(p.timer);
    await Promise.all([...this.watchers.keys()].map((a) => this.unwatch(a)));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.drained(),
      new Promise((r) => {
        timer = setTimeout(r, STOP_GRACE_MS);
      }),
    ]);
    clearTimeout(timer);
  }

  /** Resolves when no sync, prefetch or body fetch is running any more (after stop and the connections' close). */
  async drained(): Promise<void> {
    await Promise.allSettled([...this.background, ...this.folderChains.values(), ...this.bodies.values()]);
  }
}

function emptyResult(folder: string, total: number): SyncResult {
  return { folders: 1, folder, total, added: 0, removed: 0, flagsChanged: 0, uidValidityReset: false, ms: 0 };
}

function stripFolderResult(r: FolderSyncResult): SyncResult {
  const { newUids: _n, incremental: _i, ...rest } = r;
  return rest;
}
