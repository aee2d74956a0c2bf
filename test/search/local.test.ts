// The local index over a real SQLite cache (no server): Vietnamese folding, đ, operators, ranking, paging, highlights,
// and that expunges, UIDVALIDITY resets and re-inserts keep the index equal to the messages table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openDb } from '../../src/cache/db.ts';
import { migrations } from '../../src/cache/migrations.ts';
import type { Db } from '../../src/cache/db.ts';
import { indexBody, indexPending, localSearch, parseQuery, resolveFolders } from '../../src/search/index.ts';
import { RANK_WINDOW } from '../../src/search/local.ts';
import type { SearchPage } from '../../src/api/types.ts';
import { TcvError } from '../../src/api/errors.ts';
import { ACCOUNT, count, insert, tempCache } from './support.ts';

const vp = { name: 'Văn phòng UBND thành phố', address: 'vanphong@cantho.gov.vn' };
const sokh = { name: 'Sở Khoa học và Công nghệ', address: 'sokhcn@cantho.gov.vn' };
const me = { name: 'Nguyễn Thị Thư', address: 'thu.nt@cantho.gov.vn' };

function fixture(): Db {
  const db = tempCache([
    { path: 'INBOX', specialUse: 'inbox' },
    { path: 'Sent', specialUse: 'sent' },
    { path: 'Dự án/Đà Nẵng', name: 'Đà Nẵng' },
  ]);
  insert(db, 'INBOX', [
    { uid: 1, subject: 'Thư mời họp giao ban tuần', from: vp, to: [me], date: new Date(2026, 2, 2, 8) },
    { uid: 2, subject: 'Công văn số 45/UBND-VP về việc triển khai', from: vp, to: [me], date: new Date(2026, 2, 5) },
    { uid: 3, subject: 'Kế hoạch hoà giải cơ sở', from: sokh, to: [me], date: new Date(2026, 2, 10), seen: true },
    { uid: 4, subject: 'Báo cáo công tác tại Đà Nẵng', from: sokh, to: [me], date: new Date(2026, 2, 12) },
    { uid: 5, subject: 'THƯ MỜI dự hội nghị', from: sokh, to: [me], date: new Date(2026, 2, 15), flagged: true },
    {
      uid: 6,
      subject: 'Quyết định phê duyệt',
      from: vp,
      to: [me],
      cc: [{ name: 'Trần Văn Bình', address: 'binh.tv@cantho.gov.vn' }],
      date: new Date(2026, 3, 1),
      attachment: true,
    },
  ]);
  insert(db, 'Sent', [{ uid: 1, subject: 'Trả lời: Thư mời họp giao ban tuần', from: me, to: [vp], seen: true }]);
  insert(db, 'Dự án/Đà Nẵng', [{ uid: 1, subject: 'Lịch công tác', from: me, to: [sokh], seen: true }]);
  return db;
}

function run(db: Db, query: string, opts: { folder?: string; offset?: number; limit?: number } = {}): SearchPage {
  const q = parseQuery(query);
  const folders = resolveFolders(db, ACCOUNT, opts.folder, q.folders);
  return localSearch(db, q, { accountId: ACCOUNT, folders }, opts.offset ?? 0, opts.limit ?? 50);
}
const subjects = (p: SearchPage) => p.items.map((h) => h.subject).sort();

test('"thu moi", "THƯ MỜI" and "thư mời" all find "Thư mời"', () => {
  const db = fixture();
  const expected = ['THƯ MỜI dự hội nghị', 'Thư mời họp giao ban tuần', 'Trả lời: Thư mời họp giao ban tuần'].sort();
  for (const q of ['thu moi ', 'THƯ MỜI ', 'thư mời ', 'thư mời '.normalize('NFD'), 'Thu Moi ']) {
    assert.deepEqual(subjects(run(db, q)), expected, q);
  }
});

test('tone placement does not matter: "hòa" finds "hoà" and the reverse', () => {
  const db = fixture();
  assert.deepEqual(subjects(run(db, 'hòa giải ')), ['Kế hoạch hoà giải cơ sở']);
  assert.deepEqual(subjects(run(db, 'hoà ')), ['Kế hoạch hoà giải cơ sở']);
  assert.deepEqual(subjects(run(db, 'hoa giai ')), ['Kế hoạch hoà giải cơ sở']);
});

test('đ is folded to d, which SQLite remove_diacritics alone does not do: "da nang" finds "Đà Nẵng"', () => {
  const db = fixture();
  for (const q of ['da nang ', 'Đà Nẵng ', 'ĐÀ NẴNG ', 'dà nẵng ']) {
    assert.deepEqual(subjects(run(db, q)), ['Báo cáo công tác tại Đà Nẵng'], q);
  }
  // The proof that the fold is ours: SQLite's own tokenizer keeps đ apart from d.
  db.exec("CREATE VIRTUAL TABLE probe USING fts5(t, tokenize = 'unicode61 remove_diacritics 2')");
  db.exec("INSERT INTO probe VALUES ('Đà Nẵng')");
  assert.equal(count(db, "SELECT count(*) AS n FROM probe WHERE probe MATCH 'da'"), 0);
  assert.equal(count(db, "SELECT count(*) AS n FROM probe WHERE probe MATCH 'nang'"), 1);
});

test('the last word matches as a prefix while typing', () => {
  const db = fixture();
  assert.deepEqual(subjects(run(db, 'quyet đi')), ['Quyết định phê duyệt']);
  assert.deepEqual(subjects(run(db, 'quyet đi ')), [], 'a finished word is whole');
  assert.deepEqual(subjects(run(db, 'công văn 45/UB')), ['Công văn số 45/UBND-VP về việc triển khai']);
});

test('phrases need their words together and in order', () => {
  const db = fixture();
  assert.deepEqual(subjects(run(db, '"giao ban tuần"')), [
    'Thư mời họp giao ban tuần',
    'Trả lời: Thư mời họp giao ban tuần',
  ]);
  assert.deepEqual(subjects(run(db, '"tuần giao ban"')), []);
});

test('from:, to:, subject: look only in their field; addresses and names both count', () => {
  const db = fixture();
  assert.deepEqual(subjects(run(db, 'from:vanphong@cantho.gov.vn ')).length, 3);
  assert.deepEqual(subjects(run(db, 'from:"Sở Khoa học" thư mời ')), ['THƯ MỜI dự hội nghị']);
  assert.deepEqual(subjects(run(db, 'to:binh.tv ')), ['Quyết định phê duyệt'], 'cc counts as a recipient');
  assert.deepEqual(subjects(run(db, 'to:"Trần Văn Bình" ')), ['Quyết định phê duyệt']);
  assert.deepEqual(subjects(run(db, 'subject:vanphong ')), []);
  assert.equal(run(db, 'vanphong ').total, 4, 'a free word searches every field, the Sent reply to vanphong too');
});

test('has:attachment, is:unread, is:flagged, before:/after:, folder:', () => {
  const db = fixture();
  assert.deepEqual(subjects(run(db, 'has:attachment')), ['Quyết định phê duyệt']);
  assert.equal(run(db, 'is:unread').total, 5);
  assert.equal(run(db, 'is:read folder:INBOX').total, 1);
  assert.deepEqual(subjects(run(db, 'is:flagged')), ['THƯ MỜI dự hội nghị']);
  assert.deepEqual(subjects(run(db, 'after:05/03/2026 before:12/03/2026')), [
    'Công văn số 45/UBND-VP về việc triển khai',
    'Kế hoạch hoà giải cơ sở',
  ]);
  assert.deepEqual(subjects(run(db, 'thư mời folder:sent')), ['Trả lời: Thư mời họp giao ban tuần']);
  assert.deepEqual(subjects(run(db, 'thư mời folder:"Thư đã gửi"')), ['Trả lời: Thư mời họp giao ban tuần']);
  assert.deepEqual(subjects(run(db, 'folder:"da nang"')), ['Lịch công tác'], 'folder names fold too');
  assert.deepEqual(subjects(run(db, 'thư mời', { folder: 'INBOX' })).length, 2);
  assert.throws(
    () => run(db, 'folder:Không có'),
    (e: unknown) => e instanceof TcvError && e.code === 'FOLDER_NOT_FOUND',
  );
});

test('ranked by bm25 (subject weighs more than body), newest first on ties, and paged', () => {
  const db = tempCache([{ path: 'INBOX' }]);
  const msgs = Array.from({ length: 7 }, (_, i) => ({
    uid: i + 1,
    subject: 'Thông báo lịch trực',
    from: vp,
    date: new Date(2026, 0, 1 + i),
  }));
  insert(db, 'INBOX', [...msgs, { uid: 100, subject: 'Về việc khác', from: sokh, date: new Date(2026, 5, 1) }]);
  indexBody(db, ACCOUNT, 'INBOX', 100, 'Nội dung có nhắc đến lịch trực của cơ quan.', []);
  db.prepare(
    "INSERT INTO bodies (account_id, folder, uid, text, fetched_at) VALUES (?, 'INBOX', 100, 'Nội dung có nhắc đến lịch trực của cơ quan.', 'x')",
  ).run(ACCOUNT);
  const all = run(db, 'lịch trực ');
  assert.equal(all.total, 8);
  assert.deepEqual(
    all.items.map((h) => h.uid),
    [7, 6, 5, 4, 3, 2, 1, 100],
    'equal scores newest first; a body-only match after subject matches even though it is newest',
  );
  const page = run(db, 'lịch trực ', { offset: 3, limit: 3 });
  assert.equal(page.total, 8);
  assert.deepEqual(
    page.items.map((h) => h.uid),
    [4, 3, 2],
  );
  const past = run(db, 'lịch trực ', { offset: 50, limit: 3 });
  assert.equal(past.total, 8, 'the total is known past the last page');
  assert.deepEqual(past.items, []);
});

test('highlights are ranges of the original text, marks included', () => {
  const db = fixture();
  const h = run(db, 'thu moi ').items.find((x) => x.subject === 'Thư mời họp giao ban tuần');
  assert.ok(h);
  assert.deepEqual(h.highlights.subject, [
    [0, 3],
    [4, 7],
  ]);
  assert.deepEqual(
    h.highlights.subject.map(([s, e]) => h.subject.slice(s, e)),
    ['Thư', 'mời'],
  );
  const nang = run(db, 'da nan').items[0];
  assert.ok(nang);
  assert.deepEqual(
    nang.highlights.subject.map(([s, e]) => nang.subject.slice(s, e)),
    ['Đà', 'Nẵn'],
    'a prefix highlights only what was typed',
  );
  const from = run(db, 'from:vanphong ').items[0];
  assert.deepEqual(from?.highlights.fromAddress, [[0, 8]]);
  assert.deepEqual(from?.highlights.subject, [], 'from: does not highlight the subject');
});

test('bodies and attachment names are searchable once fetched, with a snippet around the match', () => {
  const db = fixture();
  const text = `Kính gửi các phòng ban.\n\n${'Nội dung chung. '.repeat(20)}Đề nghị nộp báo cáo tổng kết trước ngày 20.`;
  db.prepare(
    `INSERT INTO bodies (account_id, folder, uid, text, attachments_json, fetched_at) VALUES (?, 'INBOX', 6, ?, ?, 'x')`,
  ).run(ACCOUNT, text, JSON.stringify([{ filename: 'Quyết định 123-QĐ.pdf' }]));
  indexBody(db, ACCOUNT, 'INBOX', 6, text, ['Quyết định 123-QĐ.pdf']);
  const hit = run(db, 'tong ket ').items[0];
  assert.equal(hit?.uid, 6);
  const snip = hit?.highlights.snippet;
  assert.ok(snip && snip.text.startsWith('…'), snip?.text);
  assert.deepEqual(
    snip.ranges.map(([s, e]) => snip.text.slice(s, e)),
    ['tổng', 'kết'],
  );
  const file = run(db, '123 qd ').items[0];
  assert.equal(file?.uid, 6);
  assert.deepEqual(
    file?.highlights.attachments.map((a) => a.filename),
    ['Quyết định 123-QĐ.pdf'],
  );
  assert.equal(run(db, 'quyet dinh ').total, 1, 'subject and attachment of one message: one hit');
});

test('expunge, UIDVALIDITY reset, folder removal and re-insert keep the index equal to messages', () => {
  const db = fixture();
  const docs = () => count(db, 'SELECT count(*) AS n FROM message_docs');
  const messages = () => count(db, 'SELECT count(*) AS n FROM messages');
  const ftsRows = () => count(db, 'SELECT count(*) AS n FROM search_fts_docsize');
  assert.equal(docs(), messages());
  assert.equal(ftsRows(), messages());

  db.prepare("DELETE FROM messages WHERE account_id = ? AND folder = 'INBOX' AND uid = 4").run(ACCOUNT);
  assert.equal(run(db, 'da nang ').total, 0, 'an expunged message is gone from the index');
  assert.equal(ftsRows(), messages());

  insert(db, 'INBOX', [{ uid: 5, subject: 'Thư mời (gửi lại)', from: sokh }]);
  assert.equal(run(db, 'hoi nghi ').total, 0, 'a replaced row is re-indexed, not duplicated');
  assert.equal(run(db, 'gui lai ').total, 1);
  assert.equal(ftsRows(), messages());

  db.prepare("DELETE FROM messages WHERE account_id = ? AND folder = 'INBOX'").run(ACCOUNT);
  db.prepare("DELETE FROM folders WHERE account_id = ? AND path = 'Dự án/Đà Nẵng'").run(ACCOUNT);
  assert.equal(ftsRows(), messages());
  assert.equal(docs(), 1);
  assert.deepEqual(subjects(run(db, 'thu moi ')), ['Trả lời: Thư mời họp giao ban tuần']);
});

test('messages inserted by another path are indexed before the next search', () => {
  const db = tempCache([{ path: 'INBOX' }]);
  insert(db, 'INBOX', [{ uid: 1, subject: 'Giấy mời tập huấn', from: vp }], { index: false });
  assert.equal(count(db, 'SELECT count(*) AS n FROM search_pending'), 1);
  assert.equal(indexPending(db), 1);
  assert.equal(count(db, 'SELECT count(*) AS n FROM search_pending'), 0);
  assert.equal(run(db, 'tap huan ').total, 1);
  assert.equal(indexPending(db), 0, 'nothing left: a no-op');
  insert(db, 'INBOX', [{ uid: 2, subject: 'Giấy mời lần 2', from: vp }]);
  assert.equal(count(db, 'SELECT count(*) AS n FROM search_pending'), 0, 'sync-style inserts leave nothing pending');
});

test('flag changes reach the index at once (is:unread, is:flagged follow UPDATE messages)', () => {
  const db = fixture();
  assert.equal(run(db, 'thư mời is:unread').total, 2);
  db.prepare("UPDATE messages SET seen = 1 WHERE account_id = ? AND folder = 'INBOX' AND uid = 1").run(ACCOUNT);
  assert.deepEqual(subjects(run(db, 'thư mời is:unread')), ['THƯ MỜI dự hội nghị']);
  assert.equal(run(db, 'is:unread').total, 4);
  db.prepare("UPDATE messages SET flagged = 1 WHERE account_id = ? AND folder = 'INBOX' AND uid = 2").run(ACCOUNT);
  assert.deepEqual(subjects(run(db, 'is:flagged folder:INBOX')), [
    'Công văn số 45/UBND-VP về việc triển khai',
    'THƯ MỜI dự hội nghị',
  ]);
  assert.deepEqual(subjects(run(db, 'after:01/04/2026')), ['Quyết định phê duyệt']);
  assert.equal(run(db, 'is:unread after:05/03/2026 before:13/03/2026').total, 2);
});

test('accounts are kept apart, and a user can never match the internal scope tokens', () => {
  const db = fixture();
  const other = 'ubnd.ninhkieu@cantho.gov.vn';
  db.prepare(
    `INSERT INTO accounts VALUES (?, ?, 'Ninh Kiều', 'unit', ?, 'h', 143, 'starttls', 'h', 587, 'starttls', NULL, 'now')`,
  ).run(other, other, other);
  db.prepare(
    "INSERT INTO folders (account_id, path, name, delimiter, synced_at) VALUES (?, 'INBOX', 'INBOX', '/', 'x')",
  ).run(other);
  db.prepare(
    `INSERT INTO messages (account_id, folder, uid, subject, from_name, from_addr, date) VALUES (?, 'INBOX', 1, 'Thư mời tập huấn', 'Sở Nội vụ', 'sonv@cantho.gov.vn', 1)`,
  ).run(other);
  indexPending(db);
  assert.equal(run(db, 'thu moi ').total, 3, 'only this account');
  const q = parseQuery('thu moi ');
  assert.equal(localSearch(db, q, { folders: null }, 0, 50).total, 4, 'every account');
  assert.equal(localSearch(db, q, { accountId: other, folders: null }, 0, 50).items[0]?.accountId, other);
  for (const probe of ['s1 ', '_s1 ', 's2 ', '"_s2"', 's ']) assert.equal(run(db, probe).total, 0, probe);
});

test('beyond the ranking window, older matches follow newest first and pages stay consistent', () => {
  const db = tempCache([{ path: 'INBOX' }]);
  const n = RANK_WINDOW + 30;
  // The oldest message matches best (the word three times in its subject) but is outside the newest RANK_WINDOW.
  const msgs = Array.from({ length: n }, (_, i) => ({
    uid: i + 1,
    subject: i === 0 ? 'Tiếp dân tiếp dân tiếp dân' : `Lịch tiếp dân số ${i}`,
    from: vp,
    date: new Date(2026, 0, 1, 0, i),
  }));
  for (let i = 0; i < n; i += 1000) insert(db, 'INBOX', msgs.slice(i, i + 1000));
  const first = run(db, 'tiếp dân ', { limit: 10 });
  assert.equal(first.total, n);
  assert.ok(!first.items.some((h) => h.uid === 1), 'not ranked: outside the window');
  const seen = new Set<number>();
  for (let offset = 0; offset < n; offset += 200) {
    for (const h of run(db, 'tiếp dân ', { offset, limit: 200 }).items) seen.add(h.uid);
  }
  assert.equal(seen.size, n, 'every match exactly once across pages');
  const last = run(db, 'tiếp dân ', { offset: n - 5, limit: 10 });
  assert.deepEqual(
    last.items.map((h) => h.uid),
    [5, 4, 3, 2, 1],
    'the tail is newest first',
  );
});

/** A cache file as a program at schema `version` left it: its migrations only, with ACCOUNT and its INBOX. */
function oldCache(version: number): { path: string; old: DatabaseSync } {
  const path = join(mkdtempSync(join(tmpdir(), 'tcv-search-upgrade-')), 'cache.sqlite');
  const old = new DatabaseSync(path, { enableForeignKeyConstraints: true });
  for (const [i, sql] of migrations.slice(0, version).entries()) {
    old.exec(sql);
    old.exec(`PRAGMA user_version = ${i + 1}`);
  }
  old
    .prepare(
      `INSERT INTO accounts VALUES (?, ?, 'x', 'unit', ?, 'h', 143, 'starttls', 'h', 587, 'starttls', NULL, 'now')`,
    )
    .run(ACCOUNT, ACCOUNT, ACCOUNT);
  old
    .prepare(
      "INSERT INTO folders (account_id, path, name, delimiter, synced_at) VALUES (?, 'INBOX', 'INBOX', '/', 'x')",
    )
    .run(ACCOUNT);
  return { path, old };
}

test('a cache from before the current index (schema 3) is re-indexed from its messages after the upgrade', () => {
  const { path, old } = oldCache(3);
  old
    .prepare(
      `INSERT INTO messages (account_id, folder, uid, subject, from_name, from_addr, date) VALUES (?, 'INBOX', 7, 'Thông báo nghỉ lễ', 'Văn phòng', 'vanphong@cantho.gov.vn', 1)`,
    )
    .run(ACCOUNT);
  // What the schema-3 indexer had written, which the upgrade must drop.
  old.prepare('DELETE FROM search_pending').run();
  old.prepare("INSERT INTO message_docs VALUES (1024, ?, 'INBOX', 7, 1024, 0, 0, 0)").run(ACCOUNT);
  old.close();
  const db = openDb(path);
  assert.equal(count(db, 'SELECT count(*) AS n FROM message_docs'), 0);
  assert.equal(count(db, 'SELECT count(*) AS n FROM search_pending'), 1);
  assert.equal(indexPending(db), 1);
  assert.deepEqual(subjects(run(db, 'nghi le ')), ['Thông báo nghỉ lễ']);
  db.close();
});

test('the prefix-index rebuild (schema 6 → 7) keeps doc_ids and threads, and re-fills the index', () => {
  const { path, old } = oldCache(6);
  insert(old as unknown as Db, 'INBOX', [
    { uid: 1, subject: 'Thông báo nghỉ lễ', messageId: '<a@x>', date: new Date(2026, 3, 1) },
    { uid: 2, subject: 'Re: Thông báo nghỉ lễ', messageId: '<b@x>', inReplyTo: '<a@x>', date: new Date(2026, 3, 2) },
  ]);
  const before = old.prepare('SELECT doc_id, thread_id FROM message_docs ORDER BY uid').all();
  old.close();
  const db = openDb(path);
  assert.equal(indexPending(db), 2);
  assert.deepEqual(db.prepare('SELECT doc_id, thread_id FROM message_docs ORDER BY uid').all(), before);
  assert.equal(run(db, 'thông bá').total, 2, 'a 3-letter prefix');
  assert.equal(run(db, 'nghỉ lễ thông').total, 2, 'a 5-letter prefix');
  db.close();
});

test('leaving words out: -từ, -"cụm từ", -from:, NOT, and a query of exclusions only', () => {
  const db = fixture();
  // "thư mời" without the reply in Sent, and without Sở KH&CN's letter.
  assert.deepEqual(subjects(run(db, 'thư mời -"trả lời"')), ['THƯ MỜI dự hội nghị', 'Thư mời họp giao ban tuần']);
  assert.deepEqual(subjects(run(db, 'thư mời -tra -from:sokhcn')), ['Thư mời họp giao ban tuần']);
  assert.deepEqual(subjects(run(db, 'thư mời NOT sokhcn NOT "trả lời"')), ['Thư mời họp giao ban tuần']);
  // Exclusions only: every other message of the account, newest first; and within a folder.
  // (Not "-thư": the fixture's user is Nguyễn Thị Thư, in every letter's sender or recipients.)
  const rest = run(db, '-mời -"công văn"');
  assert.deepEqual(subjects(rest), [
    'Báo cáo công tác tại Đà Nẵng',
    'Kế hoạch hoà giải cơ sở',
    'Lịch công tác',
    'Quyết định phê duyệt',
  ]);
  assert.deepEqual(
    rest.items.map((h) => h.date),
    [...rest.items.map((h) => h.date)].sort((a, b) => (b ?? '').localeCompare(a ?? '')),
  );
  assert.deepEqual(subjects(run(db, '-mời', { folder: 'Dự án/Đà Nẵng' })), ['Lịch công tác']);
  // Conditions negated.
  assert.deepEqual(subjects(run(db, 'thư mời -is:unread')), ['Trả lời: Thư mời họp giao ban tuần']);
  assert.equal(run(db, '-has:attachment').total, 7);
  assert.deepEqual(subjects(run(db, 'from:vanphong -has:attachment')), [
    'Công văn số 45/UBND-VP về việc triển khai',
    'Thư mời họp giao ban tuần',
  ]);
  // Highlights never mark a word that was left out.
  const h = run(db, 'công tác -"Đà Nẵng"').items[0];
  assert.equal(h?.subject, 'Lịch công tác');
  assert.deepEqual(
    h?.highlights.subject.map(([s, e]) => h.subject.slice(s, e)),
    ['công', 'tác'],
  );
});

test('OR: either word or phrase, combined with required words, operators and folders', () => {
  const db = fixture();
  assert.deepEqual(subjects(run(db, '"quyết định" OR "kế hoạch" ')), [
    'Kế hoạch hoà giải cơ sở',
    'Quyết định phê duyệt',
  ]);
  assert.deepEqual(subjects(run(db, 'from:vanphong OR "đà nẵng" ')), [
    'Báo cáo công tác tại Đà Nẵng',
    'Công văn số 45/UBND-VP về việc triển khai',
    'Quyết định phê duyệt',
    'Thư mời họp giao ban tuần',
  ]);
  assert.deepEqual(subjects(run(db, '"thư mời" OR "công văn" -"trả lời" ')), [
    'Công văn số 45/UBND-VP về việc triển khai',
    'THƯ MỜI dự hội nghị',
    'Thư mời họp giao ban tuần',
  ]);
  assert.deepEqual(subjects(run(db, 'công OR lịch folder:"Đà Nẵng" ')), ['Lịch công tác']);
  // Both sides are highlighted.
  const h = run(db, '"hội nghị" OR "giao ban" ').items.map((x) =>
    x.highlights.subject.map(([s, e]) => x.subject.slice(s, e)).join(' '),
  );
  assert.deepEqual(h.sort(), ['giao ban', 'giao ban', 'hội nghị']);
});
