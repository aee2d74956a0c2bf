// The user's actions on messages and folders, each one engine method (issue 3 "Actions"): validated, applied to the
// cache and journaled in one transaction (the UI sees the result at once: folder.changed), then sent to the server
// through the queue. Online, the call resolves once the server has it (or refused it: the error is returned and the
// server's state restored); offline, it resolves at once with state "queued" and the queue replays it later.
import { TcvError, type ErrorCode } from '../api/errors.ts';
import type { ActionResult, PendingOp } from '../api/types.ts';
import type { AccountStore } from '../accounts/store.ts';
import { transaction } from '../cache/db.ts';
import { folderBySpecialUse } from '../mail/queries.ts';
import { syncFolder, syncFolderList } from '../mail/sync.ts';
import { emitFolderChanges, type FolderDelta } from './events.ts';
import type { UndoPlan } from './journal.ts';
import { DUE_DATE_PREFIX, JUNK, NOT_JUNK, dueDateKeyword, normalizeFlag } from './keywords.ts';
import { applyLocal } from './local.ts';
import { OpQueue, keepsQueued, type OpQueueDeps } from './queue.ts';
import type { Op, Target, TransferOp } from './types.ts';
import { pathProblem } from '../shared/folder-name.ts';

export interface ActionsDeps extends OpQueueDeps {
  accounts: AccountStore;
}

interface FolderRow {
  path: string;
  delimiter: string;
  special_use: string | null;
  uidvalidity: string | null;
  synced_at: string | null;
}

export interface MessageSelection {
  accountId: string;
  folder: string;
  uids: number[];
}

export class Actions {
  readonly queue: OpQueue;
  private readonly deps: ActionsDeps;

  constructor(deps: ActionsDeps) {
    this.deps = deps;
    this.queue = new OpQueue(deps);
  }

  start(): void {
    this.queue.start();
  }

  close(): Promise<void> {
    return this.queue.close();
  }

  // ---- messages ----

  setFlags(sel: MessageSelection, add: readonly string[], remove: readonly string[]): Promise<ActionResult> {
    const a = this.flags(add);
    const r = this.flags(remove);
    if (a.length + r.length === 0) throw new TcvError('VALIDATION', 'no flag to add or remove');
    const both = a.filter((f) => r.includes(f));
    if (both.length) throw new TcvError('VALIDATION', `both added and removed: ${both.join(' ')}`);
    const folder = this.folder(sel.accountId, sel.folder);
    return this.commit(sel.accountId, sel.uids.length, [
      {
        kind: 'flags',
        folder: folder.path,
        uidValidity: folder.uidvalidity,
        targets: this.targets(sel),
        add: a,
        remove: r,
      },
    ]);
  }

  /** Follow-up flag with a due date (keywords.ts): \Flagged + `$DueDate-YYYYMMDD`; null clears the date. */
  setDueDate(sel: MessageSelection, isoDate: string | null): Promise<ActionResult> {
    const keyword = isoDate === null ? null : dueDateKeyword(isoDate);
    if (isoDate !== null && keyword === null) throw new TcvError('VALIDATION', `not a date: ${isoDate}`);
    const folder = this.folder(sel.accountId, sel.folder);
    const old = new Set<string>();
    const get = this.deps.db.prepare('SELECT keywords FROM messages WHERE account_id = ? AND folder = ? AND uid = ?');
    for (const uid of sel.uids) {
      const row = get.get(sel.accountId, folder.path, uid) as { keywords: string } | undefined;
      for (const k of row ? (JSON.parse(row.keywords) as string[]) : []) {
        if (k.startsWith(DUE_DATE_PREFIX) && k !== keyword) old.add(k);
      }
    }
    const add = keyword ? ['\\Flagged', keyword] : [];
    if (add.length + old.size === 0) {
      return Promise.resolve({
        state: 'done',
        opIds: [],
        count: sel.uids.length,
        undoToken: null,
        pendingReason: null,
      });
    }
    return this.commit(sel.accountId, sel.uids.length, [
      {
        kind: 'flags',
        folder: folder.path,
        uidValidity: folder.uidvalidity,
        targets: this.targets(sel),
        add,
        remove: [...old],
      },
    ]);
  }

  async move(sel: MessageSelection, to: string): Promise<ActionResult> {
    const from = this.folder(sel.accountId, sel.folder);
    const dest = this.folder(sel.accountId, to);
    if (from.path === dest.path) throw new TcvError('VALIDATION', 'source and destination are the same folder');
    return this.commit(sel.accountId, sel.uids.length, [this.transfer('move', sel, from, dest.path)], (ops) =>
      undoOfMove(ops[0], [], []),
    );
  }

  async copy(sel: MessageSelection, to: string): Promise<ActionResult> {
    const from = this.folder(sel.accountId, sel.folder);
    const dest = this.folder(sel.accountId, to);
    if (from.path === dest.path) throw new TcvError('VALIDATION', 'source and destination are the same folder');
    return this.commit(sel.accountId, sel.uids.length, [this.transfer('copy', sel, from, dest.path)]);
  }

  /** To Trash, undoable; permanently (also from Trash itself, or when the account has no Trash): not undoable. */
  async delete(sel: MessageSelection, permanent: boolean): Promise<ActionResult> {
    const from = this.folder(sel.accountId, sel.folder);
    const trash = folderBySpecialUse(this.deps.db, sel.accountId, 'trash');
    if (permanent || !trash || trash === from.path) {
      return this.commit(sel.accountId, sel.uids.length, [
        { kind: 'expunge', folder: from.path, uidValidity: from.uidvalidity, targets: this.targets(sel) },
      ]);
    }
    return this.commit(sel.accountId, sel.uids.length, [this.transfer('move', sel, from, trash)], (ops) =>
      undoOfMove(ops[0], [], []),
    );
  }

  /**
   * Spam: $Junk (and not $NotJunk), then into Junk — the keywords teach server-side filters and other clients.
   * Not spam: the reverse, back to the Inbox. Undoable either way.
   */
  async markSpam(sel: MessageSelection, spam: boolean): Promise<ActionResult> {
    const from = this.folder(sel.accountId, sel.folder);
    const junk = folderBySpecialUse(this.deps.db, sel.accountId, 'junk');
    const inbox = folderBySpecialUse(this.deps.db, sel.accountId, 'inbox') ?? 'INBOX';
    const [add, remove] = spam ? [[JUNK], [NOT_JUNK]] : [[NOT_JUNK], [JUNK]];
    const ops: Op[] = [
      { kind: 'flags', folder: from.path, uidValidity: from.uidvalidity, targets: this.targets(sel), add, remove },
    ];
    const dest = spam ? junk : from.path === junk ? inbox : null;
    if (dest && dest !== from.path) ops.push(this.transfer('move', sel, from, this.folder(sel.accountId, dest).path));
    // Undo takes the message back and the keyword off; what was removed is not put back (a $NotJunk that was never
    // there would be worse than one missing).
    return this.commit(sel.accountId, sel.uids.length, ops, (done) => undoOfMove(done[1], [], add));
  }

  /** Undoes a move, a delete to Trash or a spam marking: the messages go back where they were. */
  async undo(token: string): Promise<ActionResult> {
    const taken = this.queue.journal.takeUndo(token);
    if (!taken) throw new TcvError('UNDO_EXPIRED', token);
    const { accountId, plan } = taken;
    const journal = this.queue.journal;
    const uids: number[] = [];
    for (const u of plan.uids) {
      const p = u < 0 ? journal.provisional(u) : ({ state: 'resolved', serverUid: u } as const);
      if (p.state === 'resolved') uids.push(p.serverUid);
      else if (p.state === 'waiting') uids.push(u);
    }
    const exists = this.deps.db.prepare('SELECT 1 FROM messages WHERE account_id = ? AND folder = ? AND uid = ?');
    const present = uids.filter((u) => exists.get(accountId, plan.from, u));
    if (present.length === 0) throw new TcvError('MESSAGE_NOT_FOUND', `undo: nothing left in ${plan.from}`);
    const from = this.folder(accountId, plan.from);
    const to = this.folder(accountId, plan.to);
    const sel = { accountId, folder: from.path, uids: present };
    const ops: Op[] = [];
    if (plan.add.length || plan.remove.length) {
      ops.push({
        kind: 'flags',
        folder: from.path,
        uidValidity: from.uidvalidity,
        targets: this.targets(sel),
        add: plan.add,
        remove: plan.remove,
      });
    }
    ops.push(this.transfer('move', sel, from, to.path));
    return this.commit(accountId, present.length, ops);
  }

  // ---- folders ----

  async createFolder(accountId: string, path: string): Promise<ActionResult> {
    await this.ensureFolders(accountId);
    const name = this.validFolderName(accountId, path);
    if (this.findFolder(accountId, name)) throw new TcvError('FOLDER_EXISTS', name);
    return this.commit(accountId, 1, [{ kind: 'createFolder', path: name }]);
  }

  async renameFolder(accountId: string, path: string, to: string): Promise<ActionResult> {
    const folder = this.folder(accountId, path);
    this.unprotected(folder);
    const name = this.validFolderName(accountId, to);
    if (name === folder.path) throw new TcvError('VALIDATION', 'same name');
    if (this.findFolder(accountId, name)) throw new TcvError('FOLDER_EXISTS', name);
    if (name.startsWith(folder.path + folder.delimiter)) {
      throw new TcvError('VALIDATION', 'a folder cannot be moved into itself');
    }
    return this.commit(accountId, 1, [{ kind: 'renameFolder', from: folder.path, to: name }]);
  }

  async deleteFolder(accountId: string, path: string): Promise<ActionResult> {
    const folder = this.folder(accountId, path);
    this.unprotected(folder);
    const prefix = folder.path + folder.delimiter;
    const tree = (
      this.deps.db.prepare('SELECT path, special_use FROM folders WHERE account_id = ?').all(accountId) as {
        path: string;
        special_use: string | null;
      }[]
    ).filter((f) => f.path === folder.path || f.path.startsWith(prefix));
    const special = tree.find((f) => f.special_use);
    if (special) throw new TcvError('FOLDER_PROTECTED', `${special.path} is inside ${folder.path}`);
    const paths = tree.map((f) => f.path).sort((a, b) => b.length - a.length || b.localeCompare(a));
    return this.commit(accountId, paths.length, [{ kind: 'deleteFolder', paths }]);
  }

  /** Permanently deletes every message of the folder the cache knows of (a message arriving meanwhile stays). */
  async emptyFolder(accountId: string, path: string): Promise<ActionResult> {
    let folder = this.folder(accountId, path);
    if (!folder.synced_at) {
      // Never synced: learn what is in it first, if the server can be reached.
      await this.deps.connections
        .run(accountId, (c) => syncFolder(c, this.deps.db, accountId, folder.path))
        .catch((err: unknown) => {
          if (!(err instanceof TcvError && keepsQueued(err.code))) throw err;
        });
      folder = this.folder(accountId, path);
    }
    const uids = (
      this.deps.db
        .prepare('SELECT uid FROM messages WHERE account_id = ? AND folder = ?')
        .all(accountId, folder.path) as {
        uid: number;
      }[]
    ).map((r) => r.uid);
    if (uids.length === 0) return { state: 'done', opIds: [], count: 0, undoToken: null, pendingReason: null };
    const sel = { accountId, folder: folder.path, uids };
    return this.commit(accountId, uids.length, [
      { kind: 'expunge', folder: folder.path, uidValidity: folder.uidvalidity, targets: this.targets(sel) },
    ]);
  }

  // ---- the queue ----

  pending(accountId: string | undefined, includeDropped: boolean): PendingOp[] {
    if (accountId) this.deps.accounts.get(accountId);
    return this.queue.journal.list(accountId, includeDropped);
  }

  async replay(accountId: string): Promise<PendingOp[]> {
    this.deps.accounts.get(accountId);
    await this.queue.drain(accountId);
    return this.queue.journal.list(accountId, false);
  }

  // ---- plumbing ----

  /**
   * Journals and applies the operations in one transaction, tells the UI, then sends them. The result is "done" when
   * the server has all of them, "queued" when the connection failed; a refusal by the server is thrown (after the
   * queue restored the server's state).
   */
  private async commit(
    accountId: string,
    count: number,
    ops: Op[],
    undo?: (done: Op[]) => UndoPlan | null,
  ): Promise<ActionResult> {
    const { db, emit } = this.deps;
    const journal = this.queue.journal;
    const changes: FolderDelta[] = [];
    const { ids, token } = transaction(db, () => {
      const ids: number[] = [];
      const done: Op[] = [];
      for (const op of ops) {
        const id = journal.enqueue(accountId, op);
        const local = applyLocal(db, journal, accountId, id, op);
        journal.update(id, local.op);
        changes.push(...local.changes);
        ids.push(id);
        done.push(local.op);
      }
      const plan = undo?.(done) ?? null;
      return { ids, token: plan && plan.uids.length ? journal.saveUndo(accountId, plan) : null };
    });
    emitFolderChanges(db, emit, accountId, changes);
    emit('ops.changed', { accountId, pending: journal.pendingCount(accountId) });

    const results = await this.queue.drain(accountId);
    let pendingReason: ErrorCode | null = null;
    for (const id of ids) {
      const r = results.get(id);
      if (r?.state === 'dropped') throw r.error;
      if (r?.state === 'queued') pendingReason ??= r.code;
    }
    const queued = ids.some((id) => journal.get(id) !== null);
    // An operation behind one that failed was not tried: it waits for the same reason.
    if (queued) pendingReason ??= this.lastError(ids) ?? 'CONNECTION_LOST';
    return {
      state: queued ? 'queued' : 'done',
      opIds: ids,
      count,
      undoToken: token,
      pendingReason: queued ? pendingReason : null,
    };
  }

  /** The reason the account's queue is stuck, from its oldest pending operation. */
  private lastError(ids: number[]): ErrorCode | null {
    const first = ids[0];
    if (first === undefined) return null;
    const row = this.deps.db
      .prepare(
        `SELECT last_error FROM pending_ops WHERE state = 'pending' AND last_error IS NOT NULL
           AND account_id = (SELECT account_id FROM pending_ops WHERE id = ?) ORDER BY id LIMIT 1`,
      )
      .get(first) as { last_error: ErrorCode } | undefined;
    return row?.last_error ?? null;
  }

  private flags(list: readonly string[]): string[] {
    const out: string[] = [];
    for (const f of list) {
      const n = normalizeFlag(f);
      if (!n) throw new TcvError('VALIDATION', `not a flag or keyword: ${JSON.stringify(f)}`);
      if (!out.includes(n)) out.push(n);
    }
    return out;
  }

  private targets(sel: MessageSelection): Target[] {
    const get = this.deps.db.prepare('SELECT message_id FROM messages WHERE account_id = ? AND folder = ? AND uid = ?');
    return [...new Set(sel.uids)].map((uid) => {
      const row = get.get(sel.accountId, sel.folder, uid) as { message_id: string | null } | undefined;
      return { uid, messageId: row?.message_id ?? null };
    });
  }

  private transfer(kind: 'move' | 'copy', sel: MessageSelection, from: FolderRow, to: string): TransferOp {
    return { kind, folder: from.path, uidValidity: from.uidvalidity, targets: this.targets(sel), to, placeholders: [] };
  }

  private findFolder(accountId: string, path: string): FolderRow | null {
    const row = this.deps.db
      .prepare(
        'SELECT path, delimiter, special_use, uidvalidity, synced_at FROM folders WHERE account_id = ? AND path = ?',
      )
      .get(accountId, path) as FolderRow | undefined;
    return row ?? null;
  }

  private folder(accountId: string, path: string): FolderRow {
    this.deps.accounts.get(accountId);
    const found =
      this.findFolder(accountId, path) ?? (path.toUpperCase() === 'INBOX' ? this.findFolder(accountId, 'INBOX') : null);
    if (!found) throw new TcvError('FOLDER_NOT_FOUND', `${accountId} ${path}`);
    return found;
  }

  /** A profile that never listed this account's folders (the CLI on a fresh profile) lists them first, if online. */
  async ensureFolders(accountId: string): Promise<void> {
    this.deps.accounts.get(accountId);
    const n = this.deps.db.prepare('SELECT count(*) AS n FROM folders WHERE account_id = ?').get(accountId) as {
      n: number;
    };
    if (n.n > 0) return;
    await this.deps.connections
      .run(accountId, (c) => syncFolderList(c, this.deps.db, accountId))
      .catch((err: unknown) => {
        if (!(err instanceof TcvError && keepsQueued(err.code))) throw err;
      });
  }

  private unprotected(folder: FolderRow): void {
    if (folder.path.toUpperCase() === 'INBOX' || folder.special_use) {
      throw new TcvError('FOLDER_PROTECTED', folder.path);
    }
  }

  private validFolderName(accountId: string, raw: string): string {
    const name = raw.normalize('NFC').trim();
    const delimiter =
      (
        this.deps.db.prepare('SELECT delimiter FROM folders WHERE account_id = ? LIMIT 1').get(accountId) as
          { delimiter: string } | undefined
      )?.delimiter ?? '/';
    const problem = pathProblem(name, delimiter);
    if (problem) throw new TcvError(problem, `folder name ${JSON.stringify(raw)}`);
    return name;
  }
}

function undoOfMove(op: Op | undefined, add: string[], remove: string[]): UndoPlan | null {
  if (!op || op.kind !== 'move') return null;
  return { from: op.to, to: op.folder, uids: op.placeholders.filter((p) => p !== 0), add, remove };
}
