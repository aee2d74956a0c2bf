// Applying an operation to the cache, at once, before the server has seen it (issue 3 "Offline": "applied locally at
// once"). Runs inside the transaction that journals the operation, so the cache and the queue never disagree.
import type { Db } from '../cache/db.ts';
import { delta, type FolderDelta } from './events.ts';
import { copyMessage, rekeyMessage, renameFolderTree } from './rekey.ts';
import type { Journal } from './journal.ts';
import { SYSTEM_FLAGS, type SystemFlag } from './keywords.ts';
import { assertNever, type FlagsOp, type Op, type TransferOp } from './types.ts';

const FLAG_COLUMN: Record<SystemFlag, string> = {
  '\\Seen': 'seen',
  '\\Flagged': 'flagged',
  '\\Answered': 'answered',
  '\\Draft': 'draft',
  '\\Deleted': 'deleted',
};

const isSystem = (f: string): f is SystemFlag => (SYSTEM_FLAGS as readonly string[]).includes(f);

export interface LocalResult {
  /** The operation as journaled, with what the local step decided (placeholders of a move or copy). */
  op: Op;
  /** What changed in which folder: the UI refreshes these (folder.changed). */
  changes: FolderDelta[];
}

function applyFlags(db: Db, accountId: string, op: FlagsOp): number {
  const get = db.prepare('SELECT keywords FROM messages WHERE account_id = ? AND folder = ? AND uid = ?');
  const sets: string[] = [];
  const values: number[] = [];
  for (const [list, value] of [
    [op.add, 1],
    [op.remove, 0],
  ] as const) {
    for (const f of list) {
      if (!isSystem(f)) continue;
      sets.push(`${FLAG_COLUMN[f]} = ?`);
      values.push(value);
    }
  }
  const add = op.add.filter((f) => !isSystem(f));
  const remove = new Set(op.remove.filter((f) => !isSystem(f)));
  const upd = db.prepare(
    `UPDATE messages SET ${[...sets, 'keywords = ?'].join(', ')} WHERE account_id = ? AND folder = ? AND uid = ?`,
  );
  let n = 0;
  for (const t of op.targets) {
    const row = get.get(accountId, op.folder, t.uid) as { keywords: string } | undefined;
    if (!row) continue;
    n++;
    const keywords = new Set(JSON.parse(row.keywords) as string[]);
    for (const k of add) keywords.add(k);
    for (const k of remove) keywords.delete(k);
    upd.run(...values, JSON.stringify([...keywords].sort()), accountId, op.folder, t.uid);
  }
  return n;
}

function applyTransfer(db: Db, journal: Journal, accountId: string, opId: number, op: TransferOp): TransferOp {
  const placeholders = op.targets.map((t) => {
    const from = { folder: op.folder, uid: t.uid };
    const exists = db
      .prepare('SELECT 1 FROM messages WHERE account_id = ? AND folder = ? AND uid = ?')
      .get(accountId, op.folder, t.uid);
    if (!exists) return 0;
    const p = journal.allocatePlaceholder(accountId, op.to, t.messageId, opId);
    const to = { folder: op.to, uid: p };
    if (op.kind === 'move') rekeyMessage(db, accountId, from, to);
    else copyMessage(db, accountId, from, to);
    return p;
  });
  return { ...op, placeholders };
}

function folderDelimiter(db: Db, accountId: string): string {
  const row = db.prepare('SELECT delimiter FROM folders WHERE account_id = ? LIMIT 1').get(accountId) as
    { delimiter: string } | undefined;
  return row?.delimiter ?? '/';
}

export function applyLocal(db: Db, journal: Journal, accountId: string, opId: number, op: Op): LocalResult {
  switch (op.kind) {
    case 'flags':
      return { op, changes: [delta(op.folder, 0, 0, applyFlags(db, accountId, op))] };
    case 'move':
    case 'copy': {
      const done = applyTransfer(db, journal, accountId, opId, op);
      const n = done.placeholders.filter((p) => p !== 0).length;
      const changes = [delta(op.to, n)];
      if (op.kind === 'move') changes.push(delta(op.folder, 0, n));
      return { op: done, changes };
    }
    case 'expunge': {
      const del = db.prepare('DELETE FROM messages WHERE account_id = ? AND folder = ? AND uid = ?');
      let n = 0;
      for (const t of op.targets) n += Number(del.run(accountId, op.folder, t.uid).changes);
      return { op, changes: [delta(op.folder, 0, n)] };
    }
    case 'createFolder': {
      const delimiter = folderDelimiter(db, accountId);
      db.prepare(
        `INSERT OR IGNORE INTO folders (account_id, path, name, delimiter, special_use, subscribed)
         VALUES (?, ?, ?, ?, NULL, 1)`,
      ).run(accountId, op.path, (op.path.split(delimiter).pop() ?? op.path).normalize('NFC'), delimiter);
      return { op, changes: [delta(op.path)] };
    }
    case 'renameFolder': {
      const paths = renameFolderTree(db, accountId, op.from, op.to, folderDelimiter(db, accountId));
      return { op, changes: [...paths, ...paths.map((p) => op.to + p.slice(op.from.length))].map((p) => delta(p)) };
    }
    case 'deleteFolder': {
      const del = db.prepare('DELETE FROM folders WHERE account_id = ? AND path = ?');
      for (const p of op.paths) del.run(accountId, p);
      return { op, changes: op.paths.map((p) => delta(p)) };
    }
    default:
      return assertNever(op);
  }
}
