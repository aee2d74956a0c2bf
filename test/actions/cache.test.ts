// The local half of actions, on a real profile cache without a server: applying each operation to the cache, moving
// a message with everything keyed on it (body, search document, index queue), renaming a folder tree, the journal's
// placeholders and undo tokens, and what sync is told to leave alone while operations are queued.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, transaction, type Db } from '../../src/cache/db.ts';
import { applyLocal } from '../../src/actions/local.ts';
import { Journal } from '../../src/actions/journal.ts';
import { folderIntent, localIntent } from '../../src/actions/intent.ts';
import { messageKeyedTables, rekeyMessage } from '../../src/actions/rekey.ts';
import type { Op } from '../../src/actions/types.ts';

const A = 'vanphong@cantho.gov.vn';

function cache(): Db {
  const db = openDb(join(mkdtempSync(join(tmpdir(), 'tcv-actions-cache-')), 'cache.sqlite'));
  db.prepare(
    `INSERT INTO accounts (id, email, display_name, kind, username, imap_host, imap_port, imap_security,
       smtp_host, smtp_port, smtp_security, ca_file, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  ).run(A, A, 'Văn phòng', 'unit', A, '127.0.0.1', 1, 'starttls', '127.0.0.1', 1, 'starttls', null, '');
  for (const [path, special] of [
    ['INBOX', 'inbox'],
    ['Trash', 'trash'],
    ['Dự án', null],
    ['Dự án/Cầu Cần Thơ', null],
    ['Lưu', null],
  ] as const) {
    db.prepare(
      `INSERT INTO folders (account_id, path, name, delimiter, special_use, uidvalidity, synced_at) VALUES (?,?,?,?,?,?,?)`,
    ).run(A, path, path.split('/').pop() as string, '/', special, '77', '2026-01-01');
  }
  return db;
}

function addMessage(db: Db, folder: string, uid: number, opts: { body?: boolean; keywords?: string[] } = {}): void {
  db.prepare(`INSERT INTO messages (account_id, folder, uid, message_id, subject, keywords) VALUES (?,?,?,?,?,?)`).run(
    A,
    folder,
    uid,
    `<m${uid}@x>`,
    `Thư ${uid}`,
    JSON.stringify(opts.keywords ?? []),
  );
  if (opts.body) {
    db.prepare(`INSERT INTO bodies (account_id, folder, uid, text, fetched_at) VALUES (?,?,?,?,?)`).run(
      A,
      folder,
      uid,
      `Nội dung ${uid}`,
      'now',
    );
  }
}

const row = (db: Db, folder: string, uid: number) =>
  db.prepare('SELECT * FROM messages WHERE account_id = ? AND folder = ? AND uid = ?').get(A, folder, uid) as
    Record<string, unknown> | undefined;
const count = (db: Db, table: string, folder: string, uid: number) =>
  (
    db
      .prepare(`SELECT count(*) AS n FROM ${table} WHERE account_id = ? AND folder = ? AND uid = ?`)
      .get(A, folder, uid) as {
      n: number;
    }
  ).n;

function apply(db: Db, op: Op) {
  const journal = new Journal(db);
  return transaction(db, () => {
    const id = journal.enqueue(A, op);
    const r = applyLocal(db, journal, A, id, op);
    journal.update(id, r.op);
    return { id, ...r };
  });
}

test('the tables keyed on a message are found from the schema: bodies, the search document, the index queue', () => {
  const db = cache();
  const names = messageKeyedTables(db).map((t) => t.table);
  assert.ok(names.includes('bodies'));
  assert.ok(names.includes('message_docs'));
  assert.ok(names.includes('search_pending'));
  assert.ok(!names.includes('draft_tombstones'), 'no foreign key to messages: not the message’s own data');
});

test('a message moves with its body and its search document; foreign keys hold at commit', () => {
  const db = cache();
  addMessage(db, 'INBOX', 5, { body: true });
  // The search feature owns message_docs; fill whatever columns it requires.
  const cols = db.prepare(`SELECT name, "notnull" AS nn FROM pragma_table_info('message_docs')`).all() as {
    name: string;
    nn: number;
  }[];
  const key: Record<string, string | number> = { account_id: A, folder: 'INBOX', uid: 5 };
  const names = cols.filter((c) => c.name in key || (c.nn && c.name !== 'doc_id')).map((c) => c.name);
  db.prepare(`INSERT INTO message_docs (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(
    ...names.map((n) => key[n] ?? 0),
  );
  transaction(db, () => rekeyMessage(db, A, { folder: 'INBOX', uid: 5 }, { folder: 'Lưu', uid: -3 }));
  assert.equal(row(db, 'INBOX', 5), undefined);
  assert.equal(row(db, 'Lưu', -3)?.subject, 'Thư 5');
  assert.equal(count(db, 'bodies', 'Lưu', -3), 1);
  assert.equal(count(db, 'message_docs', 'Lưu', -3), 1);
  assert.equal(count(db, 'search_pending', 'Lưu', -3), 1);
  assert.deepEqual(db.prepare('PRAGMA foreign_key_check').all(), []);
  assert.throws(() => rekeyMessage(db, A, { folder: 'Lưu', uid: -3 }, { folder: 'INBOX', uid: 5 }), /transaction/);
});

test('flags: system flags as columns, keywords added and removed, other keywords kept', () => {
  const db = cache();
  addMessage(db, 'INBOX', 1, { keywords: ['$label1', 'giu'] });
  const r = apply(db, {
    kind: 'flags',
    folder: 'INBOX',
    uidValidity: '77',
    targets: [
      { uid: 1, messageId: '<m1@x>' },
      { uid: 99, messageId: null },
    ],
    add: ['\\Seen', '\\Flagged', '$DueDate-20261130'],
    remove: ['$label1', '\\Answered'],
  });
  assert.deepEqual(r.changes, [{ folder: 'INBOX', added: 0, removed: 0, flagsChanged: 1 }]);
  const m = row(db, 'INBOX', 1);
  assert.equal(m?.seen, 1);
  assert.equal(m?.flagged, 1);
  assert.equal(m?.answered, 0);
  assert.deepEqual(JSON.parse(m?.keywords as string), ['$DueDate-20261130', 'giu']);
});

test('move: rows leave the source for placeholders in the destination; intent tells sync what to leave alone', () => {
  const db = cache();
  addMessage(db, 'INBOX', 1, { body: true });
  addMessage(db, 'INBOX', 2);
  const r = apply(db, {
    kind: 'move',
    folder: 'INBOX',
    uidValidity: '77',
    targets: [
      { uid: 1, messageId: '<m1@x>' },
      { uid: 2, messageId: '<m2@x>' },
      { uid: 3, messageId: null },
    ],
    to: 'Lưu',
    placeholders: [],
  });
  assert.equal(r.op.kind, 'move');
  const placeholders = r.op.kind === 'move' ? r.op.placeholders : [];
  assert.equal(placeholders.length, 3);
  assert.ok((placeholders[0] as number) < 0 && (placeholders[1] as number) < 0);
  assert.equal(placeholders[2], 0, 'not cached: nothing to show, the server moves it anyway');
  assert.equal(row(db, 'INBOX', 1), undefined);
  assert.equal(count(db, 'bodies', 'Lưu', placeholders[0] as number), 1);
  assert.deepEqual(
    r.changes.map((c) => [c.folder, c.added, c.removed]),
    [
      ['Lưu', 2, 0],
      ['INBOX', 0, 2],
    ],
  );
  const journal = new Journal(db);
  assert.equal(journal.provisional(placeholders[0] as number).state, 'waiting');
  assert.deepEqual([...localIntent(db, A, 'INBOX').hidden].sort(), [1, 2, 3]);
  assert.deepEqual([...localIntent(db, A, 'Lưu').keep].sort(), [...placeholders.slice(0, 2)].sort());
  journal.resolvePlaceholder(placeholders[0] as number, 40);
  assert.deepEqual(journal.provisional(placeholders[0] as number), { state: 'resolved', serverUid: 40 });
  journal.done(r.id);
  assert.equal(localIntent(db, A, 'INBOX').hidden.size, 0, 'nothing queued, nothing hidden');
});

test('copy keeps the original and copies the body; expunge deletes rows and what hangs off them', () => {
  const db = cache();
  addMessage(db, 'INBOX', 1, { body: true });
  const c = apply(db, {
    kind: 'copy',
    folder: 'INBOX',
    uidValidity: '77',
    targets: [{ uid: 1, messageId: '<m1@x>' }],
    to: 'Lưu',
    placeholders: [],
  });
  const p = c.op.kind === 'copy' ? (c.op.placeholders[0] as number) : 0;
  assert.ok(row(db, 'INBOX', 1));
  assert.equal(row(db, 'Lưu', p)?.message_id, '<m1@x>');
  assert.equal(count(db, 'bodies', 'Lưu', p), 1);
  apply(db, { kind: 'expunge', folder: 'INBOX', uidValidity: '77', targets: [{ uid: 1, messageId: '<m1@x>' }] });
  assert.equal(row(db, 'INBOX', 1), undefined);
  assert.equal(count(db, 'bodies', 'INBOX', 1), 0);
});

test('folders: create, rename a tree with its messages and bodies, delete; sync is told which to keep or hide', () => {
  const db = cache();
  addMessage(db, 'Dự án/Cầu Cần Thơ', 8, { body: true });
  apply(db, { kind: 'createFolder', path: 'Công văn đến' });
  const f = db.prepare('SELECT name, delimiter FROM folders WHERE account_id = ? AND path = ?').get(A, 'Công văn đến');
  assert.deepEqual({ ...(f as object) }, { name: 'Công văn đến', delimiter: '/' });
  apply(db, { kind: 'renameFolder', from: 'Dự án', to: 'Dự án 2026' });
  const paths = (
    db.prepare('SELECT path FROM folders WHERE account_id = ? ORDER BY path').all(A) as { path: string }[]
  ).map((r) => r.path);
  assert.ok(paths.includes('Dự án 2026') && paths.includes('Dự án 2026/Cầu Cần Thơ'));
  assert.ok(!paths.includes('Dự án') && !paths.includes('Dự án/Cầu Cần Thơ'));
  assert.equal(row(db, 'Dự án 2026/Cầu Cần Thơ', 8)?.subject, 'Thư 8');
  assert.equal(count(db, 'bodies', 'Dự án 2026/Cầu Cần Thơ', 8), 1);
  assert.deepEqual(db.prepare('PRAGMA foreign_key_check').all(), []);
  const intent = folderIntent(db, A);
  assert.ok(intent.keep.has('Công văn đến') && intent.keep.has('Dự án 2026'));
  assert.ok(intent.hidden.has('Dự án'));
  apply(db, { kind: 'deleteFolder', paths: ['Dự án 2026/Cầu Cần Thơ', 'Dự án 2026'] });
  assert.equal(row(db, 'Dự án 2026/Cầu Cần Thơ', 8), undefined);
  assert.ok(folderIntent(db, A).hidden.has('Dự án 2026'));
});

test('journal: order, failures, drops, and single-use undo tokens that expire', () => {
  const db = cache();
  let now = Date.parse('2026-11-30T08:00:00Z');
  const journal = new Journal(db, () => now);
  const a = journal.enqueue(A, { kind: 'createFolder', path: 'X' });
  const b = journal.enqueue(A, { kind: 'createFolder', path: 'Y' });
  assert.equal(journal.next(A)?.id, a);
  assert.equal(journal.failed(a, 'CONNECTION_REFUSED'), 1);
  assert.equal(journal.next(A)?.id, a, 'a failed operation stays first in line');
  journal.drop(a, 'FOLDER_EXISTS', 'exists');
  assert.equal(journal.next(A)?.id, b);
  assert.deepEqual(
    journal.list(A, true).map((o) => [o.id, o.state, o.lastError]),
    [
      [a, 'dropped', 'FOLDER_EXISTS'],
      [b, 'pending', null],
    ],
  );
  assert.equal(journal.list(A, false).length, 1);
  const token = journal.saveUndo(A, { from: 'Trash', to: 'INBOX', uids: [-1], add: [], remove: [] });
  assert.equal(journal.takeUndo(token)?.plan.to, 'INBOX');
  assert.equal(journal.takeUndo(token), null, 'single use');
  const late = journal.saveUndo(A, { from: 'Trash', to: 'INBOX', uids: [-1], add: [], remove: [] });
  now += 25 * 60 * 60_000;
  assert.equal(journal.takeUndo(late), null, 'expired after a day');
  now += 31 * 24 * 60 * 60_000;
  journal.prune();
  assert.deepEqual(
    journal.list(A, true).map((o) => o.id),
    [b],
    'old dropped records go',
  );
});
