// The connection manager: a small, bounded pool of IMAP sessions per account (issue 3 "Connection manager").
//  - Two long-lived lanes: 'work' for what the user is waiting on (open a message, set a flag, send's APPEND) and
//    'sync' for background work (header sync, body prefetch, export), so an initial sync of 100,000 headers never
//    queues in front of the message the user just clicked. Callers on one lane share its session: imapflow queues
//    commands and getMailboxLock() serialises mailbox access, so nested or concurrent callers cannot deadlock here.
//  - Dedicated sessions for IDLE (src/sync/watcher.ts): IDLE (RFC 2177) watches only the selected mailbox and
//    blocks its session, so each watched mailbox has its own, up to `maxDedicated` per account.
//  - A dropped session is reopened on next use; retry() adds exponential backoff with jitter for background work.
//  - Errors leave as typed TcvErrors (auth, TLS, network, server, quota) from src/mail/errors.ts.
//  - closeAll() logs every session out and refuses new ones, for a clean shutdown.
import type { ImapFlow } from 'imapflow';
import { TcvError, type ErrorCode } from '../api/errors.ts';
import type { AccountSummary } from '../api/types.ts';
import type { Logger } from '../platform/types.ts';
import { classifyMailError } from '../mail/errors.ts';
import { connectImap, type ImapConnectOptions } from '../mail/imap.ts';
import { DEFAULT_BACKOFF, backoffDelay, isTransient, sleep, type BackoffPolicy } from '../sync/backoff.ts';

export type Lane = 'work' | 'sync';

export interface ConnectionDeps {
  account(id: string): AccountSummary;
  password(id: string): Promise<string>;
  cas(account: AccountSummary): string[];
  log: Logger;
  /** Opens one session; tests replace it. Defaults to connectImap (verified TLS, QRESYNC enabled when offered). */
  connect?: (opts: ImapConnectOptions) => Promise<ImapFlow>;
  /** Dedicated (IDLE) sessions per account, besides the two lanes. */
  maxDedicated?: number;
  backoff?: BackoffPolicy;
  /**
   * Told when an account's server becomes reachable or unreachable (a session opened, or a network failure: refused,
   * lost, timed out, host not found); only on a change. The status bar's online/offline state (event account.connection).
   */
  onReachability?: (accountId: string, online: boolean, reason?: ErrorCode) => void;
}

export interface RetryOptions {
  lane?: Lane;
  signal?: AbortSignal;
  /** Attempts in all, the first included (default 6: about 8 s of waiting with the default policy). */
  attempts?: number;
  onRetry?: (err: TcvError, attempt: number, delayMs: number) => void;
}

export interface PoolStats {
  lanes: Lane[];
  dedicated: number;
}

const DEFAULT_MAX_DEDICATED = 4;

export class Connections {
  private readonly deps: ConnectionDeps;
  private readonly lanes = new Map<string, Promise<ImapFlow>>();
  private readonly dedicated = new Map<string, Set<ImapFlow>>();
  private closed = false;
  private readonly reachable = new Map<string, { online: boolean; reason?: ErrorCode }>();

  constructor(deps: ConnectionDeps) {
    this.deps = deps;
  }

  private async connect(accountId: string): Promise<ImapFlow> {
    if (this.closed) throw new TcvError('CONNECTION_LOST', 'engine is shutting down');
    const account = this.deps.account(accountId);
    const password = await this.deps.password(accountId);
    const opts: ImapConnectOptions = {
      account,
      password,
      cas: this.deps.cas(account),
      log: this.deps.log,
      qresync: true,
    };
    let client: ImapFlow;
    try {
      client = await (this.deps.connect ?? connectImap)(opts);
    } catch (err) {
      const e = classifyMailError(err, 'imap');
      if (isTransient(e)) this.setReachable(accountId, false, e.code);
      throw e;
    }
    this.setReachable(accountId, true);
    if (this.closed) {
      client.close();
      throw new TcvError('CONNECTION_LOST', 'engine is shutting down');
    }
    return client;
  }

  private lane(accountId: string, lane: Lane): Promise<ImapFlow> {
    const key = `${accountId}\u0000${lane}`;
    const existing = this.lanes.get(key);
    if (existing) return existing;
    const p = this.connect(accountId);
    this.lanes.set(key, p);
    const forget = () => {
      if (this.lanes.get(key) === p) this.lanes.delete(key);
    };
    p.then((client) => client.once('close', forget), forget);
    return p;
  }

  /** Runs fn on the account's session for `lane`, reopening it once if it had dropped since last use. */
  async run<T>(accountId: string, fn: (client: ImapFlow) => Promise<T>, lane: Lane = 'work'): Promise<T> {
    let client = await this.lane(accountId, lane);
    if (!client.usable) {
      this.dropLane(accountId, lane);
      client = await this.lane(accountId, lane);
    }
    try {
      return await fn(client);
    } catch (err) {
      const e = classifyMailError(err, 'imap');
      if (e.code === 'CONNECTION_LOST' || e.code === 'TIMEOUT' || !client.usable) this.dropLane(accountId, lane);
      if (isTransient(e)) this.setReachable(accountId, false, e.code);
      throw e;
    }
  }

  /**
   * Like run, but a transient failure (connection lost or refused, timeout) is retried after a backoff with jitter.
   * fn must be safe to run again from the start: sync is (the cache records only what was committed).
   */
  async retry<T>(accountId: string, fn: (client: ImapFlow) => Promise<T>, opts: RetryOptions = {}): Promise<T> {
    const attempts = opts.attempts ?? 6;
    for (let attempt = 0; ; attempt++) {
      opts.signal?.throwIfAborted();
      try {
        return await this.run(accountId, fn, opts.lane ?? 'sync');
      } catch (err) {
        const e = classifyMailError(err, 'imap');
        if (this.closed || opts.signal?.aborted || !isTransient(e) || attempt + 1 >= attempts) throw e;
        const delay = backoffDelay(attempt, this.deps.backoff ?? DEFAULT_BACKOFF);
        this.deps.log.warn('imap retry', { account: accountId, code: e.code, attempt: attempt + 1, delayMs: delay });
        opts.onRetry?.(e, attempt + 1, delay);
        await sleep(delay, opts.signal);
      }
    }
  }

  /**
   * A session of its own (for IDLE), outside the lanes. Counted against maxDedicated per account; give it back with
   * release(), which logs it out.
   */
  async openDedicated(accountId: string): Promise<ImapFlow> {
    const set = this.dedicated.get(accountId) ?? new Set<ImapFlow>();
    const max = this.deps.maxDedicated ?? DEFAULT_MAX_DEDICATED;
    if (set.size >= max) throw new TcvError('SERVER_ERROR', `at most ${max} watched mailboxes per account`);
    const client = await this.connect(accountId);
    set.add(client);
    this.dedicated.set(accountId, set);
    client.once('close', () => set.delete(client));
    return client;
  }

  async release(accountId: string, client: ImapFlow): Promise<void> {
    this.dedicated.get(accountId)?.delete(client);
    await logout(client);
  }

  stats(accountId: string): PoolStats {
    const lanes = (['work', 'sync'] as const).filter((l) => this.lanes.has(`${accountId}\u0000${l}`));
    return { lanes, dedicated: this.dedicated.get(accountId)?.size ?? 0 };
  }

  /** Last known reachability of each account's server; an account not tried yet is absent. */
  reachability(): { accountId: string; online: boolean; reason?: ErrorCode }[] {
    return [...this.reachable].map(([accountId, r]) => ({ accountId, ...r }));
  }

  private setReachable(accountId: string, online: boolean, reason?: ErrorCode): void {
    if (this.reachable.get(accountId)?.online === online) return;
    this.reachable.set(accountId, online ? { online } : { online, ...(reason ? { reason } : {}) });
    this.deps.onReachability?.(accountId, online, reason);
  }

  private dropLane(accountId: string, lane: Lane): void {
    const key = `${accountId}\u0000${lane}`;
    const p = this.lanes.get(key);
    this.lanes.delete(key);
    p?.then((c) => c.close()).catch(() => {});
  }

  /** Closes every session of the account (its settings changed, or it was removed). Watchers reconnect or stop. */
  drop(accountId: string): void {
    this.dropLane(accountId, 'work');
    this.dropLane(accountId, 'sync');
    for (const c of this.dedicated.get(accountId) ?? []) c.close();
    this.dedicated.delete(accountId);
  }

  async closeAll(): Promise<void> {
    this.closed = true;
    const lanes = [...this.lanes.values()];
    this.lanes.clear();
    const dedicated = [...this.dedicated.values()].flatMap((s) => [...s]);
    this.dedicated.clear();
    await Promise.all([
      ...lanes.map(async (p) => {
        try {
          await logout(await p);
        } catch {
          // Already failed or closed: nothing to release.
        }
      }),
      ...dedicated.map((c) => logout(c)),
    ]);
  }
}

// LOGOUT politely, but never wait long for a server that stopped answering: shutdown must finish.
const LOGOUT_TIMEOUT_MS = 2000;

async function logout(client: ImapFlow): Promise<void> {
  if (!client.usable) {
    client.close();
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.logout(),
      new Promise((resolve) => {
        timer = setTimeout(resolve, LOGOUT_TIMEOUT_MS);
      }),
    ]);
  } catch {
    // The session is going away either way.
  } finally {
    clearTimeout(timer);
    client.close();
  }
}
