// Changing where a cached message or folder lives without losing what hangs off it: every table that declares a
// foreign key to messages (bodies, the search document message_docs with its thread, whatever a later feature adds)
// follows the message, and so does the search_pending queue (migration 2), which has no foreign key. Key changes run
// with deferred foreign keys (the parent key changes before its children's), inside the caller's transaction.
import type { SQLInputValue } from 'node:sqlite';
import type { Db } from '../cache/db.ts';

interface FkColumns {
  table: string;
  account: string;
  folder: string;
  uid: string;
}

const keyedTables = new WeakMap<Db, FkColumns[]>();

/** Tables whose rows belong to a message, with the columns holding its key. The schema is fixed once open. */
export function messageKeyedTables(db: Db): FkColumns[] {
  let tables = keyedTables.get(db);
  if (!tables) {
    const rows = db
      .prepare(
        `SELECT m.name AS tbl, f.id AS fk, f."from" AS col, f."to" AS ref FROM sqlite_schema m
         JOIN pragma_foreign_key_list(m.name) f
         WHERE m.type = 'table' AND f."table" = 'messages' AND f."to" IS NOT NULL`,
      )
      .all() as { tbl: string; fk: number; col: string; ref: string }[];
    const byFk = new Map<string, Record<string, string>>();
    for (const r of rows) {
      const key = `${r.tbl}\u0000${r.fk}`;
      byFk.set(key, { ...byFk.get(key), table: r.tbl, [r.ref]: r.col });
    }
    tables = [...byFk.values()]
      .filter((c) => c.table && c.account_id && c.folder && c.uid)
      .map((c) => ({
        table: c.table as string,
        account: c.account_id as string,
        folder: c.folder as string,
        uid: c.uid as string,
      }));
    const queue = db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'search_pending'`).get();
    if (queue) tables.push({ table: 'search_pending', account: 'account_id', folder: 'folder', uid: 'uid' });
    keyedTables.set(db, tables);
  }
  return tables;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function deferForeignKeys(db: Db): void {
  if (!db.isTransaction) throw new Error('key changes must run inside a transaction');
  // Reset by SQLite at COMMIT/ROLLBACK; the constraints are still checked then.
  db.exec('PRAGMA defer_foreign_keys = ON');
}

export interface MessageKey {
  folder: string;
  uid: number;
}

/** Moves one message row and everything keyed on it to a new (folder, uid). The new key must be free in `messages`. */
export function rekeyMessage(db: Db, accountId: string, from: MessageKey, to: MessageKey): boolean {
  deferForeignKeys(db);
  const moved = db
    .prepare('UPDATE messages SET folder = ?, uid = ? WHERE account_id = ? AND folder = ? AND uid = ?')
    .run(to.folder, to.uid, accountId, from.folder, from.uid).changes;
  if (Number(moved) === 0) return false;
  for (const t of messageKeyedTables(db)) {
    const [a, f, u] = [quote(t.account), quote(t.folder), quote(t.uid)];
    db.prepare(
      `UPDATE OR REPLACE ${quote(t.table)} SET ${f} = ?, ${u} = ? WHERE ${a} = ? AND ${f} = ? AND ${u} = ?`,
    ).run(to.folder, to.uid, accountId, from.folder, from.uid);
  }
  return true;
}

function columns(db: Db, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((r) => r.name);
}

/** Copies a message row (and its cached body) to a new key. Its search document is not copied: the insert queues the
 * copy for indexing (migration 2's trigger). */
export function copyMessage(db: Db, accountId: string, from: MessageKey, to: MessageKey): boolean {
  let copied = false;
  for (const table of ['messages', 'bodies']) {
    const cols = columns(db, table);
    const select = cols.map((c) => (c === 'folder' ? '?' : c === 'uid' ? '?' : quote(c))).join(', ');
    const params: SQLInputValue[] = [];
    for (const c of cols) if (c === 'folder' || c === 'uid') params.push(c === 'folder' ? to.folder : to.uid);
    const changes = db
      .prepare(
        `INSERT OR IGNORE INTO ${quote(table)} (${cols.map(quote).join(', ')})
         SELECT ${select} FROM ${quote(table)} WHERE account_id = ? AND folder = ? AND uid = ?`,
      )
      .run(...params, accountId, from.folder, from.uid).changes;
    if (table === 'messages') copied = Number(changes) > 0;
    if (!copied) break;
  }
  return copied;
}

/** Renames a folder and its descendants (RFC 3501 §6.3.5: inferior names are renamed too) with their messages. */
export function renameFolderTree(db: Db, accountId: string, from: string, to: string, delimiter: string): string[] {
  deferForeignKeys(db);
  const paths = (
    db
      .prepare('SELECT path FROM folders WHERE account_id = ? AND (path = ? OR substr(path, 1, ?) = ?)')
      .all(accountId, from, from.length + delimiter.length, from + delimiter) as { path: string }[]
  ).map((r) => r.path);
  const leaf = (p: string) => p.split(delimiter).pop() ?? p;
  for (const p of paths) {
    const q = to + p.slice(from.length);
    db.prepare('UPDATE folders SET path = ?, name = ? WHERE account_id = ? AND path = ?').run(
      q,
      leaf(q).normalize('NFC'),
      accountId,
      p,
    );
    const tables = [
      { table: 'messages', account: 'account_id', folder: 'folder' },
      { table: 'provisional_uids', account: 'account_id', folder: 'folder' },
      ...messageKeyedTables(db),
    ];
    for (const t of tables) {
      db.prepare(
        `UPDATE ${quote(t.table)} SET ${quote(t.folder)} = ? WHERE ${quote(t.account)} = ? AND ${quote(t.folder)} = ?`,
      ).run(q, accountId, p);
    }
  }
  return paths;
}
