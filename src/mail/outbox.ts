// The outbox: every send is committed to SQLite (raw bytes included) before SMTP sees it, then moves
// queued → sending → sent | failed(reason). Transient failures (network, timeouts, 4xx) go back to queued with
// exponential backoff and jitter; permanent ones (auth, rejected recipients, too large) stop at failed, visible to
// the user. A process killed during "sending" finds the row there on restart and sends again with the same
// Message-ID: the only resend possible, as issue 3 requires.
import type { ErrorCode } from '../api/errors.ts';
import { TcvError } from '../api/errors.ts';
import type { OutboxEntry, OutboxState } from '../api/types.ts';
import type { Db } from '../cache/db.ts';
import type { ComposedMessage } from './compose.ts';

const TRANSIENT: ReadonlySet<ErrorCode> = new Set([
  'CONNECTION_LOST',
  'CONNECTION_REFUSED',
  'TIMEOUT',
  'HOST_NOT_FOUND',
]);
const BASE_DELAY_MS = 5_000;
const MAX_DELAY_MS = 15 * 60_000;

interface OutboxRow {
  id: number;
  account_id: string;
  message_id: string;
  subject: string;
  envelope_from: string;
  envelope_to: string;
  display_to: string;
  raw: Uint8Array;
  state: OutboxState;
  attempts: number;
  last_error: string | null;
  next_attempt_at: number;
  created_at: string;
  sent_at: string | null;
  appended_to_sent: number;
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
  };
}

export function backoffMs(attempts: number, random = Math.random): number {
  const exp = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp * (0.75 + random() * 0.5));
}

export interface OutboxDeps {
  db: Db;
  submit(accountId: string, envelope: { from: string; to: string[] }, raw: Buffer): Promise<void>;
  appendToSent(accountId: string, raw: Buffer): Promise<void>;
  onChange(entry: OutboxEntry): void;
  now?: () => number;
}

export class Outbox {
  private readonly deps: OutboxDeps;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private closed = false;

  constructor(deps: OutboxDeps) {
    this.deps = deps;
    // A row left in "sending" means the process died mid-send; the server may or may not have accepted it.
    deps.db.prepare("UPDATE outbox SET state = 'queued', next_attempt_at = 0 WHERE state = 'sending'").run();
  }

  private now(): number {
    return this.deps.now ? this.deps.now() : Date.now();
  }

  enqueue(accountId: string, msg: ComposedMessage, displayTo: string[]): OutboxEntry {
    const info = this.deps.db
      .prepare(
        `INSERT INTO outbox (account_id, message_id, subject, envelope_from, envelope_to, display_to, raw, state, created_at)
         VALUES (?,?,?,?,?,?,?, 'queued', ?)`,
      )
      .run(
        accountId,
        msg.messageId,
        msg.subject,
        msg.envelope.from,
        JSON.stringify(msg.envelope.to),
        JSON.stringify(displayTo),
        msg.raw,
        new Date(this.now()).toISOString(),
      );
    const entry = this.get(Number(info.lastInsertRowid));
    this.deps.onChange(entry);
    return entry;
  }

  get(id: number): OutboxEntry {
    const row = this.deps.db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined;
    if (!row) throw new TcvError('MESSAGE_NOT_FOUND', `outbox ${id}`);
    return toEntry(row);
  }

  list(accountId?: string): OutboxEntry[] {
    const rows = (accountId
      ? this.deps.db.prepare('SELECT * FROM outbox WHERE account_id = ? ORDER BY id DESC').all(accountId)
      : this.deps.db.prepare('SELECT * FROM outbox ORDER BY id DESC').all()) as unknown as OutboxRow[];
    return rows.map(toEntry);
  }

  /** Sends one entry now (used right after enqueue so the user sees the outcome). */
  async sendNow(id: number): Promise<OutboxEntry> {
    await this.attempt(id);
    return this.get(id);
  }

  /** Sends every due entry, one at a time, in creation order. Concurrent callers share one run. */
  processDue(): Promise<void> {
    // .finally runs after the assignment even when runDue finishes without awaiting anything.
    this.running ??= this.runDue().finally(() => {
      this.running = null;
      this.schedule();
    });
    return this.running;
  }

  private async runDue(): Promise<void> {
    const due = this.deps.db
      .prepare("SELECT id FROM outbox WHERE state = 'queued' AND next_attempt_at <= ? ORDER BY id")
      .all(this.now()) as { id: number }[];
    for (const { id } of due) {
      if (this.closed) return;
      await this.attempt(id);
    }
  }

  /** Arms a timer for the next due entry, if any. */
  schedule(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const next = this.deps.db.prepare("SELECT min(next_attempt_at) AS t FROM outbox WHERE state = 'queued'").get() as {
      t: number | null;
    };
    if (next.t === null) return;
    const delay = Math.max(0, next.t - this.now());
    this.timer = setTimeout(() => void this.processDue(), delay);
    this.timer.unref();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async attempt(id: number): Promise<void> {
    const { db } = this.deps;
    const claimed = db
      .prepare("UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE id = ? AND state = 'queued'")
      .run(id);
    if (claimed.changes === 0) return;
    const row = db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as unknown as OutboxRow;
    this.deps.onChange(toEntry(row));
    const raw = Buffer.from(row.raw);
    try {
      await this.deps.submit(row.account_id, { from: row.envelope_from, to: JSON.parse(row.envelope_to) }, raw);
    } catch (err) {
      const e = err instanceof TcvError ? err : new TcvError('INTERNAL', String(err));
      const transient = TRANSIENT.has(e.code) || /\bsmtp 4\d\d\b/.test(e.detail);
      db.prepare('UPDATE outbox SET state = ?, last_error = ?, next_attempt_at = ? WHERE id = ?').run(
        transient ? 'queued' : 'failed',
        e.code,
        transient ? this.now() + backoffMs(row.attempts) : 0,
        id,
      );
      this.deps.onChange(this.get(id));
      return;
    }
    db.prepare("UPDATE outbox SET state = 'sent', sent_at = ?, last_error = NULL WHERE id = ?").run(
      new Date(this.now()).toISOString(),
      id,
    );
    this.deps.onChange(this.get(id));
    try {
      await this.deps.appendToSent(row.account_id, raw);
      db.prepare('UPDATE outbox SET appended_to_sent = 1 WHERE id = ?').run(id);
    } catch {
      // The message is delivered; a missing copy in Sent is retried by a later sync (issue 3) and is not a send failure.
    }
  }
}
