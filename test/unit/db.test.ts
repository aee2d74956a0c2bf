import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, schemaVersion, transaction } from '../../src/cache/db.ts';
import { migrations } from '../../src/cache/migrations.ts';

test('cache opens in WAL mode at the latest schema, and reopening is a no-op', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'tcv-db-')), 'c.sqlite');
  const db = openDb(path);
  assert.equal(schemaVersion(db), migrations.length);
  assert.equal((db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode, 'wal');
  db.close();
  const again = openDb(path);
  assert.equal(schemaVersion(again), migrations.length);
  again.close();
});

test('a failed transaction leaves nothing behind', () => {
  const db = openDb(join(mkdtempSync(join(tmpdir(), 'tcv-db-')), 'c.sqlite'));
  assert.throws(() =>
    transaction(db, () => {
      db.prepare("INSERT INTO accounts VALUES ('a','a','a','personal','a','h',1,'tls','h',1,'tls',NULL,'now')").run();
      throw new Error('crash mid-way');
    }),
  );
  assert.equal((db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n, 0);
  db.close();
});

test('a newer schema than the program knows is refused, not silently used', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'tcv-db-')), 'c.sqlite');
  const db = openDb(path);
  db.exec(`PRAGMA user_version = ${migrations.length + 5}`);
  db.close();
  assert.throws(
    () => openDb(path),
    (e: Error & { code?: string }) => e.code === 'STORAGE',
  );
});
