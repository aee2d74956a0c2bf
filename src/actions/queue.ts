// The replay queue: sends journaled operations to the server, one account at a time, strictly in the order the user
// acted (an operation is never sent while an older one of the same account is still waiting). What happens to an
// operation depends on why it failed:
//  - the connection failed or cannot be made now (network, timeout, login, keychain): it stays first in line and the
//    account is retried with backoff and jitter, on the next sync (intent.ts), and on the next action;
//  - the server refused it (NO/BAD), or its messages are gone: it is dropped — kept in the journal as a record and
//    logged — and the folders it touched are resynced, so the server's state wins and the cache equals it again.
import type { EventName, Events } from '../api/contract.ts';
import { TcvError, type ErrorCode } from '../api/errors.ts';
import { transaction, type Db } from '../cache/db.ts';
import type { Connections } from '../engine/connections.ts';
import { classifyMailError } from '../mail/errors.ts';
import { syncFolder, syncFolderList } from '../mail/sync.ts';
import type { Logger } from '../platform/types.ts';
import { delta, emitFolderChanges } from './events.ts';
import { registerReplayHook, replaying, unregisterReplayHook } from './intent.ts';
import { Journal, type QueuedOp } from './journal.ts';
import { rekeyMessage } from './rekey.ts';
import { replayOp, type Outcome } from './replay.ts';
import { assertNever, isMessageOp, type Op } from './types.ts';

// Failures that say nothing about the operation itself: the server could not be reached or logged into. The
// operation waits; everything else is the server's answer to it.
const KEEP: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'CONNECTION_LOST',
  'CONNECTION_REFUSED',
  'TIMEOUT',
  'HOST_NOT_FOUND',
  'TLS_FAILED',
  'TLS_UNTRUSTED',
  'AUTH_FAILED',
  'SECRET_MISSING',
  'KEYCHAIN_UNAVAILABLE',
]);

export function keepsQueued(code: ErrorCode): boolean {
  return KEEP.has(code);
}

// Retry of a queue that hit a network failure: 2 s, 4 s, 8 s... up to 5 min, half of it random (the same "equal
// jitter" as the sync's reconnects) so that the PCs of an agency do not all come back in the same second.
const RETRY_BASE_MS = 2_000;
const RETRY_CAP_MS = 5 * 60_000;
/** How long close() waits for a replay in flight before the connections are closed under it (it stays queued). */
const CLOSE_WAIT_MS = 5_000;

export function retryDelay(attempts: number, random: () => number = Math.random): number {
  const step = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.min(Math.max(0, attempts - 1), 20));
  return Math.round(step / 2 + random() * (step / 2));
}

export type OpResult = { state: 'done' } | { state: 'queued'; code: ErrorCode } | { state: 'dropped'; error: TcvError };

export interface OpQueueDeps {
  db: Db;
  connections: Connections;
  log: Logger;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  /** Capabilities to pretend the server lacks (wire.ts Caps). */
  without?: readonly string[];
  /**
   * Brings folders (or, with null, the folder list) back in line with the server after a dropped operation. The engine
   * passes its sync manager (serialised per folder); without one, the folders are synced directly.
   */
  resync?: (accountId: string, folders: string[] | null) => Promise<void>;
}

export interface DrainOptions {
  /** Wait for the resync of folders touched by a dropped operation (an action's caller wants the server's state back
   * before it returns; a sync waiting in beforeSync must not wait, since the resync queues behind that very sync). */
  waitResync?: boolean;
}

export class OpQueue {
  readonly journal: Journal;
  private readonly deps: OpQueueDeps;
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  /** Per account: folders to resync after dropped operations (null entry: the folder list). */
  private readonly toResync = new Map<string, Set<string | null>>();
  private readonly resyncs = new Set<Promise<void>>();
  private closed = false;

  constructor(deps: OpQueueDeps) {
    this.deps = deps;
    this.journal = new Journal(deps.db);
    registerReplayHook(deps.db, (accountId) => this.beforeSync(accountId));
  }

  /** After opening the profile: housekeeping, and a replay of whatever a previous run left queued. */
  start(): void {
    this.journal.prune();
    for (const accountId of this.journal.accountsWithPending()) this.schedule(accountId, 0);
  }

  /**
   * Sends the account's queued operations, oldest first, until the queue is empty or the connection fails.
   * Concurrent calls for one account run one after the other. Resolves with what happened to each operation tried.
   */
  async drain(accountId: string, opts: DrainOptions = {}): Promise<Map<number, OpResult>> {
    const previous = this.chains.get(accountId) ?? Promise.resolve();
    const run = previous.then(() => replaying.run(accountId, () => this.drainNow(accountId)));
    const tail = run.catch(() => undefined);
    this.chains.set(accountId, tail);
    void tail.then(() => {
      if (this.chains.get(accountId) === tail) this.chains.delete(accountId);
    });
    const results = await run;
    // Outside the chain: a resync waits for a sync of the same folder, which may itself be waiting for this queue.
    const resync = this.resyncDropped(accountId);
    if (opts.waitResync ?? true) await resync;
    return results;
  }

  private async beforeSync(accountId: string): Promise<void> {
    if (this.closed) return;
    if (this.journal.pendingCount(accountId) === 0 && !this.chains.has(accountId)) return;
    await this.drain(accountId, { waitResync: false });
  }

  private resyncDropped(accountId: string): Promise<void> {
    const wanted = this.toResync.get(accountId);
    if (!wanted?.size || this.closed) return Promise.resolve();
    this.toResync.delete(accountId);
    const { db, connections, log } = this.deps;
    const folders = [...wanted].filter((f): f is string => f !== null);
    const resync =
      this.deps.resync ??
      ((acc: string, list: string[] | null) =>
        connections.run(acc, async (client) => {
          if (list === null) await syncFolderList(client, db, acc);
          else for (const f of list) if (isSynced(db, acc, f)) await syncFolder(client, db, acc, f);
        }));
    const p = (async () => {
      try {
        if (wanted.has(null)) await resync(accountId, null);
        const synced = folders.filter((f) => isSynced(db, accountId, f));
        if (synced.length) await resync(accountId, synced);
      } catch (err) {
        // The next sync settles it; the dropped operation is not replayed either way.
        log.warn('resync after a dropped action failed', { account: accountId, error: String(err) });
      }
      emitFolderChanges(
        db,
        this.deps.emit,
        accountId,
        folders.map((f) => delta(f)),
      );
    })();
    this.resyncs.add(p);
    void p.finally(() => this.resyncs.delete(p));
    return p;
  }

  private schedule(accountId: string, delayMs: number): void {
    if (this.closed) return;
    const at = Date.now() + delayMs;
    const existing = this.timers.get(accountId);
    if (existing && existing.at <= at) return;
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(() => {
      this.timers.delete(accountId);
      this.drain(accountId).catch((err: unknown) =>
        this.deps.log.error('replay failed', { account: accountId, error: String(err) }),
      );
    }, delayMs);
    timer.unref();
    this.timers.set(accountId, { at, timer });
  }

  private async drainNow(accountId: string): Promise<Map<number, OpResult>> {
    const results = new Map<number, OpResult>();
    const { journal } = this;
    const { log } = this.deps;
    while (!this.closed) {
      const q = journal.next(accountId);
      if (!q) break;
      let outcome: Outcome;
      try {
        outcome = await this.deps.connections.run(accountId, (client) =>
          replayOp(client, { db: this.deps.db, journal, log: this.deps.log, without: this.deps.without ?? [] }, q),
        );
      } catch (err) {
        const e = err instanceof TcvError ? err : classifyMailError(err, 'imap');
        if (keepsQueued(e.code) || this.closed) {
          const attempts = journal.failed(q.id, e.code);
          results.set(q.id, { state: 'queued', code: e.code });
          log.info('action queued until the connection is back', {
            account: accountId,
            op: q.id,
            kind: q.op.kind,
            code: e.code,
            attempts,
          });
          this.schedule(accountId, retryDelay(attempts));
          break;
        }
        this.dropOp(q, e.code, e.detail || e.message);
        results.set(q.id, { state: 'dropped', error: e });
        continue;
      }
      if (outcome.state === 'dropped') {
        this.dropOp(q, null, outcome.reason);
        results.set(q.id, { state: 'dropped', error: new TcvError('MESSAGE_NOT_FOUND', outcome.reason) });
        continue;
      }
      this.commit(q, outcome);
      results.set(q.id, { state: 'done' });
    }
    this.deps.emit('ops.changed', { accountId, pending: journal.pendingCount(accountId) });
    return results;
  }

  /** The server has the operation: placeholders become server UIDs, the operation leaves the queue, atomically. */
  private commit(q: QueuedOp, outcome: Extract<Outcome, { state: 'done' }>): void {
    const { db } = this.deps;
    const op = q.op;
    let changed = false;
    transaction(db, () => {
      if (op.kind === 'move' || op.kind === 'copy') {
        const exists = db.prepare('SELECT 1 FROM messages WHERE account_id = ? AND folder = ? AND uid = ?');
        const del = db.prepare('DELETE FROM messages WHERE account_id = ? AND folder = ? AND uid = ?');
        for (const [p, uid] of outcome.resolved) {
          // The row may have followed a local rename of the destination since (rekey.ts renameFolderTree).
          const folder = this.journal.placeholderFolder(p) ?? op.to;
          // A sync may already have fetched the message under its real UID: then the placeholder just goes.
          if (exists.get(q.accountId, folder, uid)) del.run(q.accountId, folder, p);
          else rekeyMessage(db, q.accountId, { folder, uid: p }, { folder, uid });
          this.journal.resolvePlaceholder(p, uid);
        }
        for (const p of outcome.lost) {
          del.run(q.accountId, this.journal.placeholderFolder(p) ?? op.to, p);
          this.journal.losePlaceholder(p);
        }
        changed = outcome.resolved.length + outcome.lost.length > 0;
      }
      invalidateSyncPoint(db, q.accountId, outcome.stale);
      this.journal.done(q.id);
    });
    if (outcome.notes.length) {
      this.deps.log.warn('action replayed with conflicts resolved for the server', {
        account: q.accountId,
        op: q.id,
        kind: op.kind,
        notes: outcome.notes,
      });
    }
    if (changed && (op.kind === 'move' || op.kind === 'copy')) {
      emitFolderChanges(db, this.deps.emit, q.accountId, [delta(op.to)]);
    }
  }

  /** The server refused the operation or its messages are gone: record it, take back its placeholders, and have the
   * folders it touched resynced from the server (the server wins) once the queue is through. */
  private dropOp(q: QueuedOp, code: ErrorCode | null, reason: string): void {
    const { db } = this.deps;
    const op = q.op;
    transaction(db, () => {
      this.journal.drop(q.id, code, reason);
      // The cache shows the operation done; the server does not have it. An incremental sync trusts the cache's
      // counts since the last sync point and might not look: the touched folders get a full reconcile.
      if (isMessageOp(op)) invalidateSyncPoint(db, q.accountId, touchedFolders(op));
      if (op.kind === 'move' || op.kind === 'copy') {
        const del = db.prepare('DELETE FROM messages WHERE account_id = ? AND folder = ? AND uid = ?');
        for (const p of op.placeholders) {
          if (p === 0 || this.journal.provisional(p).state !== 'waiting') continue;
          del.run(q.accountId, this.journal.placeholderFolder(p) ?? op.to, p);
          this.journal.losePlaceholder(p);
        }
      }
    });
    this.deps.log.warn('action dropped: the server refused it or its messages are gone', {
      account: q.accountId,
      op: q.id,
      kind: op.kind,
      code,
      reason,
    });
    const wanted = this.toResync.get(q.accountId) ?? new Set<string | null>();
    if (isMessageOp(op)) for (const f of touchedFolders(op)) wanted.add(f);
    else wanted.add(null);
    this.toResync.set(q.accountId, wanted);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    const inFlight = Promise.allSettled([...this.chains.values(), ...this.resyncs]);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([inFlight, new Promise((r) => (timer = setTimeout(r, CLOSE_WAIT_MS)))]);
    clearTimeout(timer);
    unregisterReplayHook(this.deps.db);
  }
}

function touchedFolders(op: Op): string[] {
  switch (op.kind) {
    case 'flags':
    case 'expunge':
      return [op.folder];
    case 'move':
    case 'copy':
      return [op.folder, op.to];
    case 'createFolder':
      return [op.path];
    case 'renameFolder':
      return [op.from, op.to];
    case 'deleteFolder':
      return op.paths;
    default:
      return assertNever(op);
  }
}

/**
 * Drops a folder's sync point (src/mail/sync.ts: UIDNEXT with HIGHESTMODSEQ, "or none: the next run reconciles by UID
 * set, keeping what was committed"), for a folder whose cache the queue left different from the server.
 */
function invalidateSyncPoint(db: Db, accountId: string, folders: readonly string[]): void {
  const upd = db.prepare('UPDATE folders SET uidnext = NULL WHERE account_id = ? AND path = ?');
  for (const f of folders) upd.run(accountId, f);
}

function isSynced(db: Db, accountId: string, folder: string): boolean {
  const row = db.prepare('SELECT synced_at FROM folders WHERE account_id = ? AND path = ?').get(accountId, folder) as
    { synced_at: string | null } | undefined;
  return Boolean(row?.synced_at);
}
