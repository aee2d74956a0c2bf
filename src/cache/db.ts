// The profile's cache: node:sqlite (built into Electron's Node, so no native module to rebuild per ABI), WAL so a
// reader never blocks the writer and a crash at any point leaves a consistent file. One writer: the engine.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { TcvError } from '../api/errors.ts';
import { migrations } from './migrations.ts';

export type Db = DatabaseSync;
export type Row = Record<string, SQLInputValue>;

export function openDb(path: string): Db {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const db = new DatabaseSync(path, { enableForeignKeyConstraints: true });
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;');
    migrate(db);
    return db;
  } catch (err) {
    if (err instanceof TcvError) throw err;
    throw new TcvError('STORAGE', `open ${path}: ${(err as Error).message}`, { cause: err });
  }
}

export function schemaVersion(db: Db): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  return row.user_version;
}

function migrate(db: Db): void {
  let version = schemaVersion(db);
  if (version > migrations.length) {
    throw new TcvError('STORAGE', `cache schema ${version} is newer than this program (${migrations.length})`);
  }
  while (version < migrations.length) {
    const sql = migrations[version] as string;
    transaction(db, () => {
      db.exec(sql);
      db.exec(`PRAGMA user_version = ${version + 1}`);
    });
    version++;
  }
}

/** Runs fn in one transaction (BEGIN IMMEDIATE: take the write lock up front, never fail half-way on upgrade). */
export function transaction<T>(db: Db, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const out = fn();
    db.exec('COMMIT');
    return out;
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}
