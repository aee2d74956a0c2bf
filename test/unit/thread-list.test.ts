// The conversation view's list (src/mail/threadList.ts) over a 100,000-message folder: the page query walks indexes
// (EXPLAIN QUERY PLAN: no temporary B-tree), each thread is one row at its newest message with its counts, and a
// selection of thread rows resolves to every UID of those threads in the folder. Timings are diagnostics.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db } from '../../src/cache/db.ts';
import { headsSql, listThreads, threadUids } from '../../src/mail/threadList.ts';
import { ACCOUNT, tempCache } from '../search/support.ts';

const TOTAL = 100_000;
const FOLDER = 'INBOX';
/** Seeded message i (0 = newest, uid TOTAL - i) is in thread floor(i / 3): threads of three, newest first. */
const THREAD_SIZE = 3;
const NEWEST = Date.UTC(2026, 5, 30, 9, 0);
const THREADS = Math.ceil(TOTAL / THREAD_SIZE);
const threadOf = (uid: number) => Math.floor((TOTAL - uid) / THREAD_SIZE) + 1;

describe('conversation view over 100,000 messages', () => {
  let db: Db;

  before(() => {
    db = tempCache([{ path: FOLDER }, { path: 'Sent' }]);
    const started = performance.now();
    // Rows written by SQL (seconds, not the half minute of the engine's write path: the list reads only these
    // columns). Message i (0 = newest) has uid TOTAL - i, a date ten minutes apart, unread when i % 3 = 0, flagged
    // when i % 17 = 0, an attachment when i % 4 = 0. 300 Sent messages are replies in the newest 100 INBOX threads.
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < CAST(?3 AS INTEGER) - 1)
       INSERT INTO messages (account_id, folder, uid, message_id, subject, from_name, from_addr, date, size, seen,
         flagged, has_attachments)
       SELECT ?1, ?2, ?3 - i, '<t' || i || '@cantho.gov.vn>', 'Công văn số ' || i, 'Sở Nội vụ', 'snv@cantho.gov.vn',
         CAST(?4 AS INTEGER) - i * 600000, 4000 + i % 5000, i % 3 <> 0, i % 17 = 0, i % 4 = 0 FROM n`,
    ).run(ACCOUNT, FOLDER, TOTAL, NEWEST);
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 299)
       INSERT INTO messages (account_id, folder, uid, subject, date, seen) SELECT ?1, 'Sent', 300 - i,
         'TL: Công văn số ' || i, CAST(?2 AS INTEGER) - i * 600000 + 60000, 1 FROM n`,
    ).run(ACCOUNT, NEWEST);
    db.exec('DELETE FROM search_pending');
    // Threads written directly (the threading rules have their own tests, test/search/threads.test.ts).
    db.prepare(
      `INSERT INTO message_docs (doc_id, account_id, folder, uid, thread_id, seen, flagged, has_attachments)
       SELECT (date / 1000) * 1024 + uid % 1024, account_id, folder, uid,
         CASE WHEN folder = ?1 THEN (CAST(?2 AS INTEGER) - uid) / 3 + 1 ELSE (300 - uid) / 3 + 1 END, seen, flagged, has_attachments
       FROM messages`,
    ).run(FOLDER, TOTAL);
    db.exec('ANALYZE');
    t0diag = `seeded ${TOTAL} messages in ${Math.round(performance.now() - started)} ms`;
  });
  after(() => db?.close());
  let t0diag = '';

  for (const dir of ['desc', 'asc'] as const) {
    test(`${dir}: the page walks indexes, no temporary B-tree`, (t) => {
      t.diagnostic(t0diag);
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${headsSql(dir)}`).all(ACCOUNT, FOLDER, 100, 50_000) as {
        detail: string;
      }[];
      const details = plan.map((p) => p.detail);
      t.diagnostic(details.join(' | '));
      assert.ok(!details.some((d) => /TEMP B-TREE/.test(d)), details.join('\n'));
      assert.ok(
        details.some((d) => /messages_by_date/.test(d)),
        details.join('\n'),
      );
      assert.ok(
        details.some((d) => /message_docs_folder_thread/.test(d)),
        details.join('\n'),
      );
    });
  }

  test('one row per thread at its newest message, with the thread counts; first page and deep pages', (t) => {
    let started = performance.now();
    const first = listThreads(db, ACCOUNT, FOLDER, 0, 100);
    t.diagnostic(`first page of 100 threads: ${(performance.now() - started).toFixed(1)} ms (with the total)`);
    started = performance.now();
    assert.deepEqual(listThreads(db, ACCOUNT, FOLDER, 0, 100), first);
    t.diagnostic(`again, total kept: ${(performance.now() - started).toFixed(1)} ms`);
    assert.equal(first.total, THREADS);
    assert.equal(first.items.length, 100);
    first.items.forEach((row, i) => {
      assert.equal(row.threadId, i + 1);
      assert.equal(row.latest.uid, TOTAL - i * THREAD_SIZE);
      assert.equal(threadOf(row.latest.uid), row.threadId);
      assert.equal(row.count, THREAD_SIZE);
      assert.equal(row.elsewhere, 3, 'three Sent replies in each of the newest 100 threads');
    });
    // Seeded flags: message i unread when i % 3 === 0, flagged when i % 17 === 0, attachment when i % 4 === 0.
    const row5 = first.items[5]!; // messages i = 15, 16, 17
    assert.equal(row5.unread, 1);
    assert.equal(row5.flagged, true);
    assert.equal(row5.hasAttachments, true);
    assert.equal(first.items[1]!.flagged, false); // i = 3, 4, 5
    for (const offset of [16_000, THREADS - 50]) {
      started = performance.now();
      const page = listThreads(db, ACCOUNT, FOLDER, offset, 100);
      t.diagnostic(`page at thread ${offset}: ${(performance.now() - started).toFixed(1)} ms`);
      page.items.forEach((row, i) => assert.equal(row.threadId, offset + i + 1));
      assert.equal(page.items.length, Math.min(100, THREADS - offset));
      assert.equal(page.items.at(-1)!.elsewhere, 0);
    }
    const last = listThreads(db, ACCOUNT, FOLDER, THREADS - 1, 10).items;
    assert.equal(last.length, 1);
    assert.equal(last[0]!.count, TOTAL % THREAD_SIZE || THREAD_SIZE);
    started = performance.now();
    const asc = listThreads(db, ACCOUNT, FOLDER, 0, 100, 'asc');
    t.diagnostic(`first page oldest first: ${(performance.now() - started).toFixed(1)} ms`);
    assert.equal(asc.items[0]!.threadId, THREADS);
    assert.equal(asc.items[1]!.threadId, THREADS - 1);
  });

  test('a message not indexed yet is a thread of one, counted in the total', () => {
    // As a message stands between its insert and its indexing: no doc, queued in search_pending.
    db.prepare('DELETE FROM message_docs WHERE account_id = ? AND folder = ? AND uid = ?').run(ACCOUNT, FOLDER, TOTAL);
    db.prepare('INSERT INTO search_pending (account_id, folder, uid) VALUES (?, ?, ?)').run(ACCOUNT, FOLDER, TOTAL);
    try {
      const page = listThreads(db, ACCOUNT, FOLDER, 0, 3);
      assert.equal(page.total, THREADS + 1);
      assert.deepEqual(
        page.items.map((r) => [r.threadId, r.latest.uid, r.count]),
        [
          [null, TOTAL, 1],
          [1, TOTAL - 1, 2],
          [2, TOTAL - 3, 3],
        ],
      );
    } finally {
      db.prepare(
        `INSERT INTO message_docs (doc_id, account_id, folder, uid, thread_id, seen, flagged, has_attachments)
         SELECT (date / 1000) * 1024 + uid % 1024, account_id, folder, uid, 1, seen, flagged, has_attachments
         FROM messages WHERE account_id = ? AND folder = ? AND uid = ?`,
      ).run(ACCOUNT, FOLDER, TOTAL);
      db.exec('DELETE FROM search_pending');
    }
    assert.equal(listThreads(db, ACCOUNT, FOLDER, 0, 1).total, THREADS);
  });

  test('thread rows resolve to every UID of their threads in the folder (by row, by range, Ctrl+A)', (t) => {
    const rows = listThreads(db, ACCOUNT, FOLDER, 10, 2).items;
    const byRow = threadUids(db, ACCOUNT, FOLDER, { uids: rows.map((r) => r.latest.uid) }).sort((a, b) => a - b);
    const expected = rows.flatMap((r) => [0, 1, 2].map((k) => r.latest.uid - k)).sort((a, b) => a - b);
    assert.deepEqual(byRow, expected);
    // The Sent replies of these threads stay where they are: an action on the row acts on this folder's messages.
    const byRange = threadUids(db, ACCOUNT, FOLDER, { ranges: [{ from: 10, to: 11 }] }).sort((a, b) => a - b);
    assert.deepEqual(byRange, expected);
    const started = performance.now();
    const all = threadUids(db, ACCOUNT, FOLDER, { ranges: [{ from: 0, to: THREADS - 1 }] });
    t.diagnostic(`Ctrl+A over ${THREADS} threads → ${all.length} UIDs: ${Math.round(performance.now() - started)} ms`);
    assert.equal(all.length, TOTAL);
    assert.equal(new Set(all).size, TOTAL);
  });
});
