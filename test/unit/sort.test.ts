// The message list's sorts (src/mail/queries.ts orderBy, ensureSortIndex): every sort key, both directions, reads a
// 100,000-message folder through an index (EXPLAIN QUERY PLAN: no "USE TEMP B-TREE"), and the pages come back in the
// order the key says, ties broken by date then uid in the same direction; sender and subject in Vietnamese order
// (stored keys, src/text/collate.ts), rows cached before the keys existed filled in once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { MessageSort, MessageSortKey, MessageSummary } from '../../src/api/types.ts';
import type { Db } from '../../src/cache/db.ts';
import { ensureSortIndex, listMessages, orderBy, uidsAt } from '../../src/mail/queries.ts';
import { ACCOUNT, tempCache } from '../search/support.ts';
import { seedFolder, seededHeader } from '../support/seed.ts';
import { insertHeaders } from '../../src/mail/sync.ts';
import { sortKey } from '../../src/text/collate.ts';

const TOTAL = 100_000;
const KEYS: MessageSortKey[] = ['date', 'sender', 'subject', 'size', 'flagged'];
const FOLDER = 'INBOX';

function senderKey(m: MessageSummary): string {
  return sortKey(m.from?.name || m.from?.address || '');
}

function compare(by: MessageSortKey, a: MessageSummary, b: MessageSummary): number {
  const lead =
    by === 'sender'
      ? senderKey(a) < senderKey(b)
        ? -1
        : senderKey(a) > senderKey(b)
          ? 1
          : 0
      : by === 'subject'
        ? sortKey(a.subject) < sortKey(b.subject)
          ? -1
          : sortKey(a.subject) > sortKey(b.subject)
            ? 1
            : 0
        : by === 'size'
          ? a.size - b.size
          : by === 'flagged'
            ? Number(a.flagged) - Number(b.flagged)
            : 0;
  return lead || Date.parse(a.date ?? '') - Date.parse(b.date ?? '') || a.uid - b.uid;
}

describe('message list sort over 100,000 messages', () => {
  let db: Db;

  before(() => {
    db = tempCache([{ path: FOLDER, specialUse: '\\Inbox' }, { path: 'Khác' }]);
    const ms = seedFolder(db, ACCOUNT, FOLDER, TOTAL, { index: false });
    // A second folder, so an index that ignored the folder would show up in the plan and the results.
    seedFolder(db, ACCOUNT, 'Khác', 500, { firstUid: 1, index: false });
    db.exec('ANALYZE');
    console.log(`# seeded ${TOTAL} messages in ${Math.round(ms)} ms`);
  });
  after(() => db?.close());

  for (const by of KEYS) {
    for (const dir of ['asc', 'desc'] as const) {
      const sort: MessageSort = { by, dir };
      test(`${by} ${dir}: an index walk, no temporary B-tree`, (t) => {
        ensureSortIndex(db, by);
        const plan = db
          .prepare(
            `EXPLAIN QUERY PLAN SELECT uid FROM messages WHERE account_id = ? AND folder = ?
             ORDER BY ${orderBy(sort)} LIMIT 100 OFFSET 50000`,
          )
          .all(ACCOUNT, FOLDER) as { detail: string }[];
        const details = plan.map((p) => p.detail);
        t.diagnostic(details.join(' | '));
        assert.ok(!details.some((d) => /TEMP B-TREE/.test(d)), details.join('\n'));
        assert.ok(
          details.some((d) => /USING COVERING INDEX messages_by_/.test(d)),
          details.join('\n'),
        );
      });

      test(`${by} ${dir}: pages in order, at the start, the middle and the end`, (t) => {
        const sign = dir === 'asc' ? 1 : -1;
        for (const offset of [0, 50_000, TOTAL - 150]) {
          const started = performance.now();
          const page = listMessages(db, ACCOUNT, FOLDER, offset, 200, sort);
          t.diagnostic(`offset ${offset}: ${(performance.now() - started).toFixed(1)} ms`);
          assert.equal(page.total, TOTAL);
          assert.equal(page.items.length, Math.min(200, TOTAL - offset));
          for (let i = 1; i < page.items.length; i++) {
            const a = page.items[i - 1]!;
            const b = page.items[i]!;
            assert.ok(sign * compare(by, a, b) < 0, `${by} ${dir} at ${offset + i}: ${a.uid} then ${b.uid}`);
            assert.equal(b.folder, FOLDER);
          }
        }
      });
    }
  }

  test('a sort index is not in the schema (the sync does not pay for it) until the first sort by its key', (t) => {
    const fresh = tempCache([{ path: FOLDER }]);
    try {
      seedFolder(fresh, ACCOUNT, FOLDER, 20_000, { index: false });
      const indexes = () =>
        (
          fresh.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'messages_by_%'").all() as {
            name: string;
          }[]
        )
          .map((r) => r.name)
          .sort();
      assert.deepEqual(indexes(), ['messages_by_date']);
      const started = performance.now();
      const page = listMessages(fresh, ACCOUNT, FOLDER, 0, 10, { by: 'size', dir: 'desc' });
      t.diagnostic(`first sort by size over 20,000 rows: ${Math.round(performance.now() - started)} ms (index built)`);
      assert.deepEqual(indexes(), ['messages_by_date', 'messages_by_size']);
      assert.ok(page.items[0]!.size >= page.items[9]!.size);
    } finally {
      fresh.close();
    }
  });

  test('the page query reads rows by primary key', () => {
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT uid FROM messages WHERE account_id = ? AND folder = ?
         AND uid IN (SELECT value FROM json_each(?))`,
      )
      .all(ACCOUNT, FOLDER, '[1,2]') as { detail: string }[];
    const details = plan.map((p) => p.detail).join('\n');
    assert.match(details, /SEARCH messages USING PRIMARY KEY \(account_id=\? AND folder=\? AND uid=\?\)/);
    assert.doesNotMatch(details, /TEMP B-TREE|SCAN messages/);
  });

  test('UIDs at index ranges follow the sort, for a whole-folder selection too', () => {
    const sort: MessageSort = { by: 'subject', dir: 'asc' };
    const page = listMessages(db, ACCOUNT, FOLDER, 1000, 10, sort);
    const uids = uidsAt(db, ACCOUNT, FOLDER, sort, [
      { from: 1000, to: 1002 },
      { from: 1007, to: 1009 },
    ]);
    assert.deepEqual(
      uids,
      [0, 1, 2, 7, 8, 9].map((i) => page.items[i]!.uid),
    );
    const all = uidsAt(db, ACCOUNT, FOLDER, { by: 'date', dir: 'desc' }, [{ from: 0, to: TOTAL - 1 }]);
    assert.equal(all.length, TOTAL);
    assert.equal(new Set(all).size, TOTAL);
    assert.equal(all[0], TOTAL);
  });

  test('sender and subject in Vietnamese order: Đ after D, Ánh next to Anh, case ignored', () => {
    const fresh = tempCache([{ path: FOLDER }]);
    try {
      const names = ['Đặng Thu', 'Zalo', 'anh Tú', 'Dương Lan', 'Ánh Hồng', 'Bảo', 'Ảnh Viện', 'Đào Mai', 'Ánh Dương'];
      insertHeaders(
        fresh,
        ACCOUNT,
        FOLDER,
        names.map((name, i) => ({ ...seededHeader(i, names.length), fromName: name, subject: name })),
        false,
      );
      const order = (by: MessageSortKey) =>
        listMessages(fresh, ACCOUNT, FOLDER, 0, 50, { by, dir: 'asc' }).items.map((m) =>
          by === 'sender' ? m.from?.name : m.subject,
        );
      // Tones and case do not separate the four "anh" (the words after them decide); every Đ follows every D.
      const expected = [
        'Ánh Dương',
        'Ánh Hồng',
        'anh Tú',
        'Ảnh Viện',
        'Bảo',
        'Dương Lan',
        'Đào Mai',
        'Đặng Thu',
        'Zalo',
      ];
      assert.deepEqual(order('sender'), expected);
      assert.deepEqual(order('subject'), expected);
    } finally {
      fresh.close();
    }
  });

  test('rows cached before the keys existed get them on the first sort by sender', () => {
    const fresh = tempCache([{ path: FOLDER }]);
    try {
      seedFolder(fresh, ACCOUNT, FOLDER, 2000, { index: false });
      // As migration 11 leaves an older cache: the columns exist, the keys do not.
      fresh.exec('UPDATE messages SET sender_key = NULL, subject_key = NULL');
      const page = listMessages(fresh, ACCOUNT, FOLDER, 0, 2000, { by: 'sender', dir: 'asc' });
      const missing = fresh.prepare(
        'SELECT count(*) AS n FROM messages WHERE sender_key IS NULL OR subject_key IS NULL',
      );
      assert.equal((missing.get() as { n: number }).n, 0);
      for (let i = 1; i < page.items.length; i++)
        assert.ok(compare('sender', page.items[i - 1]!, page.items[i]!) < 0, `at ${i}`);
    } finally {
      fresh.close();
    }
  });

  test('the default is newest first', () => {
    const page = listMessages(db, ACCOUNT, FOLDER, 0, 3);
    assert.deepEqual(
      page.items.map((m) => m.uid),
      [TOTAL, TOTAL - 1, TOTAL - 2],
    );
  });
});
