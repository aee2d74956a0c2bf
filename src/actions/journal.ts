// The persistent side of local-first actions (docs/actions.md "Journal"): the queue of operations not yet on the
// server, the placeholder UIDs of messages moved or copied locally, and undo tokens. All in the profile's SQLite, so a
// restart (or a crash) replays exactly what was left, in the same order.
import { randomUUID } from 'node:crypto';
import type { ErrorCode } from '../api/errors.ts';
import type { PendingOp } from '../api/types.ts';
import type { Db } from '../cache/db.ts';
import { isMessageOp, type Op } from './types.ts';

interface OpRow {
  id: number;
  account_id: string;
  kind: string;
  op: string;
  state: 'pending' | 'dropped';
  attempts: number;
  last_error: string | null;
  reason: string | null;
  created_at: string;
}

export interface QueuedOp {
  id: number;
  accountId: string;
  op: Op;
  attempts: number;
}

/** What undoing a move or a delete does: move the messages back, then change flags (un-marking spam). */
export interface UndoPlan {
  /** Where the messages are now. */
  from: string;
  /** Where they were. */
  to: string;
  /** Their UIDs in `from` when the action was taken: placeholders, resolved through provisional_uids at undo time. */
  uids: number[];
  add: string[];
  remove: string[];
}

/** Undo is offered for a working day: past that, the user has moved on, and the token table stays small. */
export const UNDO_TTL_MS = 24 * 60 * 60_000;
/** Dropped operations stay visible (ops.pending with includeDropped) for a month, then go. */
const DROPPED_TTL_MS = 30 * 24 * 60 * 60_000;

export type Provisional =
  { state: 'waiting' } | { state: 'resolved'; serverUid: number } | { state: 'lost' } | { state: 'unknown' };

function summary(r: OpRow): PendingOp {
  const op = JSON.parse(r.op) as Op;
  const base = {
    id: r.id,
    accountId: r.account_id,
    kind: op.kind,
    state: r.state,
    attempts: r.attempts,
    lastError: (r.last_error as ErrorCode | null) ?? null,
    reason: r.reason,
    createdAt: r.created_at,
  };
  if (isMessageOp(op)) {
    return {
      ...base,
      folder: op.folder,
      to: op.kind === 'move' || op.kind === 'copy' ? op.to : null,
      count: op.targets.length,
    };
  }
  switch (op.kind) {
    case 'createFolder':
      return { ...base, folder: op.path, to: null, count: 1 };
    case 'renameFolder':
      return { ...base, folder: op.from, to: op.to, count: 1 };
    case 'deleteFolder':
      return { ...base, folder: op.paths[op.paths.length - 1] ?? null, to: null, count: op.paths.length };
  }
}

export class Journal {
  private readonly db: Db;
  private readonly now: () => number;

  constructor(db: Db, now: () => number = Date.now) {
    this.db = db;
    this.now = now;
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  enqueue(accountId: string, op: Op): number {
    const r = this.db
      .prepare(`INSERT INTO pending_ops (account_id, kind, op, state, created_at) VALUES (?, ?, ?, 'pending', ?)`)
      .run(accountId, op.kind, JSON.stringify(op), this.iso());
    return Number(r.lastInsertRowid);
  }

  /** Rewrites an operation's payload (its placeholders, the destination's UIDNEXT before the first attempt). */
  update(id: number, op: Op): void {
    this.db.prepare('UPDATE pending_ops SET op = ? WHERE id = ?').run(JSON.stringify(op), id);
  }

  /** The oldest pending operation of the account: the replay order is the order the user acted in. */
  next(accountId: string): QueuedOp | null {
    const r = this.db
      .prepare(`SELECT * FROM pending_ops WHERE account_id = ? AND state = 'pending' ORDER BY id LIMIT 1`)
      .get(accountId) as OpRow | undefined;
    return r ? { id: r.id, accountId: r.account_id, op: JSON.parse(r.op) as Op, attempts: r.attempts } : null;
  }

  get(id: number): QueuedOp | null {
    const r = this.db.prepare('SELECT * FROM pending_ops WHERE id = ?').get(id) as OpRow | undefined;
    return r && r.state === 'pending'
      ? { id: r.id, accountId: r.account_id, op: JSON.parse(r.op) as Op, attempts: r.attempts }
      : null;
  }

  /** Every pending operation of the account, oldest first (the sync guard reads them: intent.ts). */
  pendingOps(accountId: string): Op[] {
    return (
      this.db
        .prepare(`SELECT op FROM pending_ops WHERE account_id = ? AND state = 'pending' ORDER BY id`)
        .all(accountId) as { op: string }[]
    ).map((r) => JSON.parse(r.op) as Op);
  }

  pendingCount(accountId: string): number {
    return (
      this.db
        .prepare(`SELECT count(*) AS n FROM pending_ops WHERE account_id = ? AND state = 'pending'`)
        .get(accountId) as { n: number }
    ).n;
  }

  accountsWithPending(): string[] {
    return (
      this.db.prepare(`SELECT DISTINCT account_id FROM pending_ops WHERE state = 'pending'`).all() as {
        account_id: string;
      }[]
    ).map((r) => r.account_id);
  }

  /** The server has it: the operation leaves the queue. */
  done(id: number): void {
    this.db.prepare('DELETE FROM pending_ops WHERE id = ?').run(id);
  }

  /** The connection failed: the operation stays, first in line. */
  failed(id: number, code: ErrorCode): number {
    this.db.prepare('UPDATE pending_ops SET attempts = attempts + 1, last_error = ? WHERE id = ?').run(code, id);
    return (this.db.prepare('SELECT attempts FROM pending_ops WHERE id = ?').get(id) as { attempts: number }).attempts;
  }

  /** The server refused it or its messages are gone: kept as a record, never replayed. */
  drop(id: number, code: ErrorCode | null, reason: string): void {
    this.db
      .prepare(
        `UPDATE pending_ops SET state = 'dropped', last_error = coalesce(?, last_error), reason = ?, dropped_at = ?
         WHERE id = ?`,
      )
      .run(code, reason.slice(0, 1000), this.iso(), id);
  }

  list(accountId: string | undefined, includeDropped: boolean): PendingOp[] {
    const states = includeDropped ? `('pending', 'dropped')` : `('pending')`;
    const rows = (accountId
      ? this.db
          .prepare(`SELECT * FROM pending_ops WHERE account_id = ? AND state IN ${states} ORDER BY id`)
          .all(accountId)
      : this.db.prepare(`SELECT * FROM pending_ops WHERE state IN ${states} ORDER BY id`).all()) as unknown as OpRow[];
    return rows.map(summary);
  }

  // Placeholders. A message moved or copied locally gets a negative UID in its new folder (never a valid IMAP UID,
  // RFC 3501 §2.3.1.1: UIDs are positive), until the replay learns the server's UID.

  allocatePlaceholder(accountId: string, folder: string, messageId: string | null, opId: number): number {
    const r = this.db
      .prepare(
        `INSERT INTO provisional_uids (account_id, folder, message_id, op_id, state, created_at)
         VALUES (?, ?, ?, ?, 'waiting', ?)`,
      )
      .run(accountId, folder, messageId, opId, this.iso());
    return -Number(r.lastInsertRowid);
  }

  provisional(localUid: number): Provisional {
    const r = this.db.prepare('SELECT state, server_uid FROM provisional_uids WHERE id = ?').get(-localUid) as
      { state: 'waiting' | 'resolved' | 'lost'; server_uid: number | null } | undefined;
    if (!r) return { state: 'unknown' };
    if (r.state === 'resolved' && r.server_uid !== null) return { state: 'resolved', serverUid: r.server_uid };
    return r.state === 'waiting' ? { state: 'waiting' } : { state: 'lost' };
  }

  /** Where the placeholder's row is now: a local rename of its folder carries it along (rekey.ts). */
  placeholderFolder(localUid: number): string | null {
    const r = this.db.prepare('SELECT folder FROM provisional_uids WHERE id = ?').get(-localUid) as
      { folder: string } | undefined;
    return r?.folder ?? null;
  }

  resolvePlaceholder(localUid: number, serverUid: number): void {
    this.db
      .prepare(`UPDATE provisional_uids SET state = 'resolved', server_uid = ? WHERE id = ?`)
      .run(serverUid, -localUid);
  }

  losePlaceholder(localUid: number): void {
    this.db.prepare(`UPDATE provisional_uids SET state = 'lost' WHERE id = ?`).run(-localUid);
  }

  /** Placeholders in a folder still waiting for their server UID: sync must leave these rows alone. */
  waitingPlaceholders(accountId: string, folder: string): number[] {
    return (
      this.db
        .prepare(
          `SELECT m.uid FROM messages m JOIN provisional_uids p ON p.id = -m.uid
           WHERE m.account_id = ? AND m.folder = ? AND m.uid < 0 AND p.state = 'waiting'`,
        )
        .all(accountId, folder) as { uid: number }[]
    ).map((r) => r.uid);
  }

  // Undo tokens: random, single use, for UNDO_TTL_MS.

  saveUndo(accountId: string, plan: UndoPlan): string {
    const token = randomUUID();
    this.db
      .prepare('INSERT INTO undo_tokens (token, account_id, plan, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(token, accountId, JSON.stringify(plan), this.iso(), this.now() + UNDO_TTL_MS);
    return token;
  }

  takeUndo(token: string): { accountId: string; plan: UndoPlan } | null {
    const r = this.db.prepare('SELECT account_id, plan, expires_at FROM undo_tokens WHERE token = ?').get(token) as
      { account_id: string; plan: string; expires_at: number } | undefined;
    if (!r) return null;
    this.db.prepare('DELETE FROM undo_tokens WHERE token = ?').run(token);
    if (r.expires_at < this.now()) return null;
    return { accountId: r.account_id, plan: JSON.parse(r.plan) as UndoPlan };
  }

  /** Start-up housekeeping: expired undo tokens, old dropped operations, placeholders nobody can refer to. */
  prune(): void {
    const now = this.now();
    // A placeholder row whose operation is settled has no business in the cache (sync only reconciles UIDs >= 1).
    this.db
      .prepare(
        `DELETE FROM messages WHERE (account_id, folder, uid) IN
           (SELECT account_id, folder, -id FROM provisional_uids WHERE state <> 'waiting')`,
      )
      .run();
    this.db.prepare('DELETE FROM undo_tokens WHERE expires_at < ?').run(now);
    this.db
      .prepare(`DELETE FROM pending_ops WHERE state = 'dropped' AND dropped_at < ?`)
      .run(new Date(now - DROPPED_TTL_MS).toISOString());
    this.db
      .prepare(
        `DELETE FROM provisional_uids WHERE state <> 'waiting' AND created_at < ?
           AND NOT EXISTS (SELECT 1 FROM pending_ops o WHERE o.account_id = provisional_uids.account_id AND o.state = 'pending')
           AND NOT EXISTS (SELECT 1 FROM undo_tokens t WHERE t.account_id = provisional_uids.account_id)`,
      )
      .run(new Date(now - UNDO_TTL_MS).toISOString());
  }
}
