// The outbox: every send is committed (row in SQLite, composed message in outbox/<uuid>.eml under the profile) before
// SMTP sees it, then moves queued → sending → sent | failed(reason).
//
// - Transient failures (network, timeouts, 4xx, keychain locked) go back to queued with exponential backoff and
//   jitter; permanent ones (auth, TLS, rejected, too large) stop at failed, visible to the user, who can retry or
//   cancel (a cancelled message from a draft goes back to the drafts).
// - When the server is unreachable, the rest of that account's queue waits for the same retry time instead of
//   knocking 50 times (or timing out 50 × 15 s).
// - Crash safety: the state is committed before and right after the SMTP transaction. A process killed in "sending"
//   leaves its lease (owner pid + instance, expiry) behind; the next engine finds the owner dead and requeues the row,
//   which is sent again with the same bytes and the same Message-ID — the only resend possible, and only if the
//   process died between the server's acceptance and the commit (issue 3). A second live engine on the same profile
//   (the app and `tcv`) never steals a row another one is sending.
// - After acceptance a copy goes to the Sent folder (unless the account's server files it itself), streamed from the
//   same file; a retried copy first looks for the Message-ID in Sent, so a crash during APPEND cannot file it twice.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { ErrorCode } from '../api/errors.ts';
import { TcvError } from '../api/errors.ts';
import type { OutboxEntry, OutboxProgressEvent, OutboxState } from '../api/types.ts';
import type { Db } from '../cache/db.ts';
import type { AppendSource } from './append.ts';
import type { ComposedFile } from './compose.ts';
import type { SmtpMessage, SmtpSendResult } from './smtp.ts';

const TRANSIENT: ReadonlySet<ErrorCode> = new Set([
  'CONNECTION_LOST',
  'CONNECTION_REFUSED',
  'TIMEOUT',
  'HOST_NOT_FOUND',
  'KEYCHAIN_UNAVAILABLE',
]);
/** Errors that say the server (not this message) is the problem: the rest of the account's queue waits too. */
const SERVER_DOWN: ReadonlySet<ErrorCode> = new Set([
  'CONNECTION_LOST',
  'CONNECTION_REFUSED',
  'TIMEOUT',
  'HOST_NOT_FOUND',
  'KEYCHAIN_UNAVAILABLE',
  'AUTH_FAILED',
  'TLS_UNTRUSTED',
  'TLS_FAILED',
  'SECRET_MISSING',
]);
const BASE_DELAY_MS = 5_000;
const MAX_DELAY_MS = 15 * 60_000;
// A send holds its row for this long, renewed while it runs; a row whose lease ran out is anybody's.
const LEASE_MS = 10 * 60_000;
const LEASE_RENEW_MS = 60_000;
// A session stays open this long after a message, for the next one in the queue.
const SESSION_IDLE_MS = 5_000;
// Filing the copy in Sent is retried a few times, then left (the message itself was delivered).
const MAX_COPY_ATTEMPTS = 5;
// Sent entries stay listed (and their files kept until filed) for this long.
const KEEP_SENT_MS = 30 * 24 * 3600_000;
// An .eml without a row is removed only when this old: another engine may be between writing it and inserting.
const ORPHAN_AGE_MS = 10 * 60_000;

const SENT_COPY = { 0: 'pending', 1: 'done', 2: 'not-needed', 3: 'failed' } as const;
type SentCopyCode = keyof typeof SENT_COPY;

interface OutboxRow {
  id: number;
  account_id: string;
  message_id: string;
  subject: string;
  envelope_from: string;
  envelope_to: string;
  display_to: string;
  raw: Uint8Array | null;
  raw_path: string | null;
  size: number;
  smtputf8: number;
  state: OutboxState;
  attempts: number;
  last_error: string | null;
  next_attempt_at: number;
  lease_owner: string | null;
  lease_until: number | null;
  rejected: string;
  draft_id: string | null;
  created_at: string;
  sent_at: string | null;
  appended_to_sent: SentCopyCode;
  append_attempts: number;
  not_before: number;
}

function toEntry(r: OutboxRow): OutboxEntry {
  return {
    id: r.id,
    accountId: r.account_id,
    messageId: r.message_id,
    subject: r.subject,
    to: JSON.parse(r.display_to) as string[],
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    size: r.size,
    rejected: JSON.parse(r.rejected) as string[],
    nextAttemptAt: r.state === 'queued' ? new Date(r.next_attempt_at).toISOString() : null,
    sentCopy: r.state === 'sent' ? SENT_COPY[r.appended_to_sent] : 'pending',
    draftId: r.draft_id,
    holdUntil: r.state === 'queued' && r.not_before > 0 ? new Date(r.not_before).toISOString() : null,
  };
}

export function backoffMs(attempts: number, random = Math.random, base = BASE_DELAY_MS): number {
  const exp = Math.min(MAX_DELAY_MS, base * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp * (0.75 + random() * 0.5));
}

export function isTransient(e: TcvError): boolean {
  return TRANSIENT.has(e.code) || /\bsmtp 4\d\d\b/.test(e.detail);
}

/** A submission connection (SmtpSession in the engine, a fake in unit tests). */
export interface Submitter {
  readonly usable: boolean;
  send(msg: SmtpMessage): Promise<SmtpSendResult>;
  close(): void;
}

export interface SentCopyRequest {
  messageId: string;
  source: AppendSource;
  /** A previous attempt may have stored it: look for the Message-ID before appending. */
  checkFirst: boolean;
}

export interface OutboxDeps {
  db: Db;
  /** The profile folder; composed messages live in <profileDir>/outbox. */
  profileDir: string;
  openSubmitter(accountId: string): Promise<Submitter>;
  /** Files the copy in Sent; 'not-needed' when the account's server does it itself. */
  fileSentCopy(accountId: string, req: SentCopyRequest): Promise<'done' | 'not-needed'>;
  onChange(entry: OutboxEntry, removed?: boolean): void;
  /** Bytes of an entry handed to the server so far, while DATA streams (at most ~10 times a second). */
  onProgress?(progress: OutboxProgressEvent): void;
  /** Called once a message is accepted by the server (drafts clean up, the original gets \Answered). */
  afterSent?(entry: OutboxEntry): Promise<void> | void;
  onError?(message: string, fields: Record<string, unknown>): void;
  now?: () => number;
  random?: () => number;
  baseDelayMs?: number;
}

// Outbox instances alive in this process, so a lease held by another engine in the same process is respected.
const liveInstances = new Set<string>();

function ownerAlive(owner: string, self: string): boolean {
  if (owner === self) return true;
  const [pidText, instance] = owner.split(':');
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return liveInstances.has(owner) && instance !== undefined;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class Outbox {
  private readonly deps: OutboxDeps;
  private readonly dir: string;
  private readonly instance = `${process.pid}:${randomUUID()}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly lanes = new Map<string, Promise<void>>();
  private readonly sessions = new Map<string, { session: Submitter; idle: NodeJS.Timeout }>();
  private closed = false;

  constructor(deps: OutboxDeps) {
    this.deps = deps;
    this.dir = join(deps.profileDir, 'outbox');
    mkdirSync(this.dir, { recursive: true });
    liveInstances.add(this.instance);
    this.recover();
    this.prune();
  }

  private now(): number {
    return this.deps.now ? this.deps.now() : Date.now();
  }

  /** Where the next composed message should be written (then passed to enqueue). */
  newMessagePath(): string {
    return join(this.dir, `${randomUUID()}.eml`);
  }

  private absolute(rawPath: string): string {
    return resolve(this.deps.profileDir, rawPath);
  }

  /**
   * Releases rows held by an engine that is gone (killed, crashed) or whose lease ran out: a message left in
   * "sending" goes back to the queue, a Sent copy left half-filed is tried again (looking for it first).
   */
  recover(): number {
    const rows = this.deps.db
      .prepare(
        "SELECT id, state, lease_owner, lease_until FROM outbox WHERE state = 'sending' OR lease_owner IS NOT NULL",
      )
      .all() as { id: number; state: OutboxState; lease_owner: string | null; lease_until: number | null }[];
    let n = 0;
    for (const r of rows) {
      const expired = r.lease_until === null || r.lease_until < this.now();
      if (!expired && r.lease_owner && ownerAlive(r.lease_owner, this.instance)) continue;
      const changed = this.deps.db
        .prepare(
          `UPDATE outbox SET state = CASE state WHEN 'sending' THEN 'queued' ELSE state END, next_attempt_at = 0,
             lease_owner = NULL, lease_until = NULL
           WHERE id = ? AND state = ? AND lease_owner IS ?`,
        )
        .run(r.id, r.state, r.lease_owner);
      if (changed.changes) {
        n++;
        this.deps.onChange(this.get(r.id));
      }
    }
    return n;
  }

  /** Drops sent entries older than KEEP_SENT_MS and .eml files no row refers to. */
  private prune(): void {
    const { db } = this.deps;
    const cutoff = new Date(this.now() - KEEP_SENT_MS).toISOString();
    const old = db.prepare("SELECT id, raw_path FROM outbox WHERE state = 'sent' AND sent_at < ?").all(cutoff) as {
      id: number;
      raw_path: string | null;
    }[];
    for (const r of old) {
      db.prepare('DELETE FROM outbox WHERE id = ?').run(r.id);
      if (r.raw_path) rmSync(this.absolute(r.raw_path), { force: true });
    }
    const known = new Set(
      (db.prepare('SELECT raw_path FROM outbox WHERE raw_path IS NOT NULL').all() as { raw_path: string }[]).map((r) =>
        this.absolute(r.raw_path),
      ),
    );
    for (const name of readdirSync(this.dir)) {
      const path = join(this.dir, name);
      if (known.has(path)) continue;
      try {
        if (this.now() - statSync(path).mtimeMs > ORPHAN_AGE_MS) rmSync(path, { force: true });
      } catch {
        // Removed meanwhile.
      }
    }
  }

  /**
   * Commits a composed message to the queue. With holdMs, nothing is handed to SMTP before that much time has passed:
   * the "undo send" window, during which cancel() takes it back. The hold is in the row, not in a UI timer, so a
   * crash or a closed window neither loses the message nor sends it early.
   */
  enqueue(accountId: string, msg: ComposedFile, opts: { draftId?: string | null; holdMs?: number } = {}): OutboxEntry {
    const notBefore = opts.holdMs && opts.holdMs > 0 ? this.now() + Math.floor(opts.holdMs) : 0;
    const rel = relative(this.deps.profileDir, msg.path);
    if (rel.startsWith('..') || rel.includes(`..${sep}`)) throw new TcvError('INTERNAL', `outbox file outside profile`);
    const info = this.deps.db
      .prepare(
        `INSERT INTO outbox (account_id, message_id, subject, envelope_from, envelope_to, display_to, raw_path, size,
           smtputf8, state, draft_id, created_at, not_before, next_attempt_at)
         VALUES (?,?,?,?,?,?,?,?,?, 'queued', ?, ?, ?, ?)`,
      )
      .run(
        accountId,
        msg.messageId,
        msg.subject,
        msg.envelope.from,
        JSON.stringify(msg.envelope.to),
        JSON.stringify(msg.displayTo),
        rel.split(sep).join('/'),
        msg.size,
        msg.smtpUtf8 ? 1 : 0,
        opts.draftId ?? null,
        new Date(this.now()).toISOString(),
        notBefore,
        notBefore,
      );
    const entry = this.get(Number(info.lastInsertRowid));
    this.deps.onChange(entry);
    return entry;
  }

  private row(id: number): OutboxRow {
    const row = this.deps.db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined;
    if (!row) throw new TcvError('MESSAGE_NOT_FOUND', `outbox ${id}`);
    return row;
  }

  get(id: number): OutboxEntry {
    return toEntry(this.row(id));
  }

  list(accountId?: string): OutboxEntry[] {
    const rows = (accountId
      ? this.deps.db.prepare('SELECT * FROM outbox WHERE account_id = ? ORDER BY id DESC').all(accountId)
      : this.deps.db.prepare('SELECT * FROM outbox ORDER BY id DESC').all()) as unknown as OutboxRow[];
    return rows.map(toEntry);
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    void p.then(
      () => this.inFlight.delete(p),
      () => this.inFlight.delete(p),
    );
    return p;
  }

  /**
   * Runs fn after everything already queued for this account: one message at a time per account, over one SMTP
   * session, whether the sends come from the UI, a retry or the timer.
   */
  private inLane<T>(accountId: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.lanes.get(accountId) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const tail = next.then(
      () => undefined,
      () => undefined,
    );
    this.lanes.set(accountId, tail);
    void tail.then(() => {
      if (this.lanes.get(accountId) === tail) this.lanes.delete(accountId);
    });
    return this.track(next);
  }

  private async acquire(accountId: string): Promise<Submitter> {
    const cached = this.sessions.get(accountId);
    if (cached) {
      clearTimeout(cached.idle);
      this.sessions.delete(accountId);
      if (cached.session.usable) return cached.session;
      cached.session.close();
    }
    return this.deps.openSubmitter(accountId);
  }

  /** Keeps a usable session a few seconds for the next message (a run of 50 circulars logs in once). */
  private release(accountId: string, session: Submitter): void {
    if (!session.usable || this.closed) {
      session.close();
      return;
    }
    const idle = setTimeout(() => {
      if (this.sessions.get(accountId)?.session === session) this.sessions.delete(accountId);
      session.close();
    }, SESSION_IDLE_MS);
    idle.unref();
    this.sessions.set(accountId, { session, idle });
  }

  /** Sends one entry now (right after enqueue, or on retry) so the user sees the outcome. */
  async sendNow(id: number): Promise<OutboxEntry> {
    const accountId = this.row(id).account_id;
    await this.inLane(accountId, () => this.attempt(id, new Map()));
    await this.inLane(accountId, () => this.fileCopy(id));
    // A failure left it (or its Sent copy) for later: make sure a timer is armed for it.
    this.schedule();
    return this.get(id);
  }

  /** Failed or waiting (held for undo too) → queued and attempted at once; a Sent copy that failed is tried again. */
  async retry(id: number): Promise<OutboxEntry> {
    const r = this.row(id);
    if (r.state === 'sent' && (r.appended_to_sent === 0 || r.appended_to_sent === 3) && (r.raw_path || r.raw)) {
      this.deps.db.prepare('UPDATE outbox SET appended_to_sent = 0, next_attempt_at = 0 WHERE id = ?').run(id);
      await this.inLane(r.account_id, () => this.fileCopy(id));
      this.schedule();
      return this.get(id);
    }
    if (r.state !== 'failed' && r.state !== 'queued') throw new TcvError('INVALID_STATE', `outbox ${id} is ${r.state}`);
    this.deps.db
      .prepare(
        "UPDATE outbox SET state = 'queued', next_attempt_at = 0, not_before = 0 WHERE id = ? AND state IN ('failed', 'queued')",
      )
      .run(id);
    return this.sendNow(id);
  }

  /** Removes a queued or failed message (it was never sent). Returns the entry as it was. */
  cancel(id: number): OutboxEntry {
    const r = this.row(id);
    if (r.state !== 'failed' && r.state !== 'queued') throw new TcvError('INVALID_STATE', `outbox ${id} is ${r.state}`);
    const gone = this.deps.db.prepare("DELETE FROM outbox WHERE id = ? AND state IN ('failed', 'queued')").run(id);
    if (!gone.changes) throw new TcvError('INVALID_STATE', `outbox ${id} changed state`);
    if (r.raw_path) rmSync(this.absolute(r.raw_path), { force: true });
    const entry = toEntry(r);
    this.deps.onChange(entry, true);
    return entry;
  }

  /** Sends every due entry and files pending Sent copies. Concurrent callers share one run. */
  processDue(): Promise<void> {
    // .finally runs after the assignment even when runDue finishes without awaiting anything.
    this.running ??= this.track(this.runDue()).finally(() => {
      this.running = null;
      this.schedule();
    });
    return this.running;
  }

  private async runDue(): Promise<void> {
    const { db } = this.deps;
    this.recover();
    const due = db
      .prepare("SELECT id, account_id FROM outbox WHERE state = 'queued' AND next_attempt_at <= ? ORDER BY id")
      .all(this.now()) as { id: number; account_id: string }[];
    // Accounts whose server is down in this run, with the time their queue waits until.
    const down = new Map<string, number>();
    const back = new Set<string>();
    const tried = new Set<number>();
    for (const { id, account_id } of due) {
      if (this.closed) return;
      tried.add(id);
      if ((await this.inLane(account_id, () => this.attempt(id, down))) === 'sent') back.add(account_id);
    }
    // The server took a message: it is back, so the rest of that account's queue goes now rather than at each
    // message's own retry time.
    for (const accountId of back) {
      const waiting = db
        .prepare("SELECT id FROM outbox WHERE state = 'queued' AND account_id = ? ORDER BY id")
        .all(accountId) as { id: number }[];
      for (const { id } of waiting) {
        if (this.closed || down.has(accountId)) break;
        if (tried.has(id)) continue;
        await this.inLane(accountId, () => this.attempt(id, down));
      }
    }
    const copies = db
      .prepare(
        `SELECT id, account_id FROM outbox WHERE state = 'sent' AND appended_to_sent = 0 AND lease_owner IS NULL
           AND next_attempt_at <= ? ORDER BY id`,
      )
      .all(this.now()) as { id: number; account_id: string }[];
    for (const { id, account_id } of copies) {
      if (this.closed) return;
      await this.inLane(account_id, () => this.fileCopy(id));
    }
  }

  /** Arms a timer for the next due entry, if any. */
  schedule(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const next = this.deps.db
      .prepare(
        `SELECT min(next_attempt_at) AS t FROM outbox
         WHERE state = 'queued' OR (state = 'sent' AND appended_to_sent = 0 AND lease_owner IS NULL)`,
      )
      .get() as { t: number | null };
    if (next.t === null) return;
    const delay = Math.min(Math.max(0, next.t - this.now()), MAX_DELAY_MS);
    this.timer = setTimeout(() => void this.processDue(), delay);
    this.timer.unref();
  }

  /** Stops the timer and waits for a send in progress to finish (its row must not be left in "sending"). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.inFlight]);
    for (const { session, idle } of this.sessions.values()) {
      clearTimeout(idle);
      session.close();
    }
    this.sessions.clear();
    liveInstances.delete(this.instance);
  }

  private source(r: OutboxRow): { source: string | Buffer; file: AppendSource } {
    if (r.raw_path) {
      const path = this.absolute(r.raw_path);
      return { source: path, file: { path, size: r.size } };
    }
    const bytes = Buffer.from(r.raw ?? new Uint8Array());
    return { source: bytes, file: { bytes, size: bytes.length } };
  }

  /** Holds the row's lease while fn runs (renewed), so another engine leaves it alone and a dead one is noticed. */
  private async leased<T>(id: number, fn: () => Promise<T>): Promise<T> {
    const renew = setInterval(() => {
      try {
        this.deps.db
          .prepare('UPDATE outbox SET lease_until = ? WHERE id = ? AND lease_owner = ?')
          .run(this.now() + LEASE_MS, id, this.instance);
      } catch {
        // The database is closing; the lease simply runs out.
      }
    }, LEASE_RENEW_MS);
    renew.unref();
    try {
      return await fn();
    } finally {
      clearInterval(renew);
    }
  }

  private async attempt(id: number, down: Map<string, number>): Promise<'sent' | 'queued' | 'failed' | 'skipped'> {
    const { db } = this.deps;
    const pre = this.row(id);
    const waitUntil = down.get(pre.account_id);
    if (waitUntil !== undefined) {
      // Same server, same outage: wait with the message that found it down, without counting an attempt.
      db.prepare("UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND state = 'queued'").run(waitUntil, id);
      return 'skipped';
    }
    const claimed = db
      .prepare(
        `UPDATE outbox SET state = 'sending', attempts = attempts + 1, lease_owner = ?, lease_until = ?
         WHERE id = ? AND state = 'queued' AND not_before <= ?`,
      )
      .run(this.instance, this.now() + LEASE_MS, id, this.now());
    if (claimed.changes === 0) return 'skipped';
    const row = this.row(id);
    this.deps.onChange(toEntry(row));
    let result: SmtpSendResult;
    try {
      result = await this.leased(id, async () => {
        const session = await this.acquire(row.account_id);
        try {
          return await session.send({
            envelope: { from: row.envelope_from, to: JSON.parse(row.envelope_to) as string[] },
            source: this.source(row).source,
            size: row.size,
            smtpUtf8: row.smtputf8 === 1,
            ...(this.deps.onProgress
              ? {
                  onProgress: (sent: number, total: number) =>
                    this.deps.onProgress?.({ id, accountId: row.account_id, draftId: row.draft_id, sent, total }),
                }
              : {}),
          });
        } finally {
          this.release(row.account_id, session);
        }
      });
    } catch (err) {
      const e = err instanceof TcvError ? err : new TcvError('INTERNAL', String(err), { cause: err });
      const transient = isTransient(e);
      const next = transient ? this.now() + backoffMs(row.attempts, this.deps.random, this.deps.baseDelayMs) : 0;
      db.prepare(
        `UPDATE outbox SET state = ?, last_error = ?, next_attempt_at = ?, lease_owner = NULL, lease_until = NULL
         WHERE id = ?`,
      ).run(transient ? 'queued' : 'failed', e.code, next, id);
      // The rest of the account's queue waits: until this retry, or (a password or certificate to fix) the longest
      // backoff, when the user's retry or the next engine start sends them sooner.
      if (SERVER_DOWN.has(e.code)) down.set(row.account_id, transient ? next : this.now() + MAX_DELAY_MS);
      this.deps.onError?.('outbox send failed', { id, code: e.code, detail: e.detail });
      this.deps.onChange(this.get(id));
      return transient ? 'queued' : 'failed';
    }
    // Committed at once: from here on, a crash can no longer cause a resend.
    db.prepare(
      `UPDATE outbox SET state = 'sent', sent_at = ?, last_error = NULL, rejected = ?, next_attempt_at = 0,
         lease_owner = NULL, lease_until = NULL WHERE id = ?`,
    ).run(new Date(this.now()).toISOString(), JSON.stringify(result.rejected), id);
    const entry = this.get(id);
    this.deps.onChange(entry);
    try {
      await this.deps.afterSent?.(entry);
    } catch (err) {
      this.deps.onError?.('after-send step failed', { id, error: String(err) });
    }
    return 'sent';
  }

  /** Files the Sent copy of a sent entry, if still pending; the .eml goes once it is no longer needed. */
  private async fileCopy(id: number): Promise<void> {
    const { db } = this.deps;
    const r = this.row(id);
    if (r.state !== 'sent' || r.appended_to_sent !== 0) return;
    const claimed = db
      .prepare(
        `UPDATE outbox SET append_attempts = append_attempts + 1, lease_owner = ?, lease_until = ?
         WHERE id = ? AND state = 'sent' AND appended_to_sent = 0 AND lease_owner IS NULL`,
      )
      .run(this.instance, this.now() + LEASE_MS, id);
    if (!claimed.changes) return;
    try {
      const outcome = await this.leased(id, () =>
        this.deps.fileSentCopy(r.account_id, {
          messageId: r.message_id,
          source: this.source(r).file,
          // An earlier attempt (perhaps by a process that died during APPEND) may have stored it.
          checkFirst: r.append_attempts > 0,
        }),
      );
      db.prepare(
        `UPDATE outbox SET appended_to_sent = ?, next_attempt_at = 0, lease_owner = NULL, lease_until = NULL
         WHERE id = ?`,
      ).run(outcome === 'done' ? 1 : 2, id);
      if (r.raw_path) {
        db.prepare('UPDATE outbox SET raw_path = NULL, raw = NULL WHERE id = ? AND raw_path = ?').run(id, r.raw_path);
        rmSync(this.absolute(r.raw_path), { force: true });
      }
    } catch (err) {
      const e = err instanceof TcvError ? err : new TcvError('INTERNAL', String(err), { cause: err });
      const attempts = r.append_attempts + 1;
      const giveUp = attempts >= MAX_COPY_ATTEMPTS || !isTransient(e);
      db.prepare(
        `UPDATE outbox SET appended_to_sent = ?, next_attempt_at = ?, lease_owner = NULL, lease_until = NULL
         WHERE id = ?`,
      ).run(giveUp ? 3 : 0, giveUp ? 0 : this.now() + backoffMs(attempts, this.deps.random, this.deps.baseDelayMs), id);
      this.deps.onError?.('filing the copy in Sent failed', { id, code: e.code, detail: e.detail, giveUp });
    }
    this.deps.onChange(this.get(id));
  }
}
