// Prepared statements by SQL text, per database. Preparing costs tens of microseconds; the engine's hot paths (search,
// indexing, threading) run the same few statements once per hit or per message. The SQL of a caller varies only with
// a query's shape, so the set stays small; a bound keeps a pathological caller from growing it without end.
import type { StatementSync } from 'node:sqlite';
import type { Db } from './db.ts';

const MAX_PER_DB = 500;
const byDb = new WeakMap<Db, Map<string, StatementSync>>();

/** The prepared statement for `sql` on `db`, prepared once. */
export function cached(db: Db, sql: string): StatementSync {
  let bySql = byDb.get(db);
  if (!bySql) byDb.set(db, (bySql = new Map()));
  let st = bySql.get(sql);
  if (!st) {
    if (bySql.size >= MAX_PER_DB) bySql.clear();
    bySql.set(sql, (st = db.prepare(sql)));
  }
  return st;
}

const groups = new WeakMap<object, WeakMap<Db, Record<string, StatementSync>>>();

/**
 * A named group of prepared statements from an object of SQL texts, built once per database and group:
 * `const SQL = { insert: '…' } as const; statements(db, SQL).insert.run(…)`. For hot paths (per message).
 */
export function statements<K extends string>(db: Db, sqlByName: Readonly<Record<K, string>>): Record<K, StatementSync> {
  let perDb = groups.get(sqlByName);
  if (!perDb) groups.set(sqlByName, (perDb = new WeakMap()));
  let group = perDb.get(db);
  if (!group) {
    group = {};
    for (const [name, text] of Object.entries<string>(sqlByName)) group[name] = db.prepare(text);
    perDb.set(db, group);
  }
  return group as Record<K, StatementSync>;
}
