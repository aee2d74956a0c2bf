// The message list's sorts (src/mail/queries.ts orderBy, ensureSortIndex): every sort key, both directions, reads a
// 100,000-message folder through an index (EXPLAIN QUERY PLAN: no "USE TEMP B-TREE"), and the pages come back in the
// order the key says, ties broken by date then uid in the same direction.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { MessageSort, MessageSortKey, MessageSummary } from '../../src/api/types.ts';
import type { Db } from '../../src/cache/db.ts';
import { ensureSortIndex, listMessages, orderBy, uidsAt } from '../../src/mail/queries.ts';
import { ACCOUNT, tempCache } from '../search/support.ts';
import { seedFolder } from '../support/seed.ts';

const TOTAL = 100_000;
const KEYS: MessageSortKey[] = ['date', 'sender', 'subject', 'size', 'flagged'];
const FOLDER = 'INBOX';

function senderKey(m: MessageSummary): string {
  return `${(m.from?.name ?? '').toLowerCase()}\u0000${(m.from?.address ?? '').toLowerCase()}`;
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
        ? a.subject.toLowerCase() < b.subject.toLowerCase()
          ? -1
          : a.subject.toLowerCase() > b.subject.toLowerCase()
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

  test('the default is newest first', () => {
    const page = listMessages(db, ACCOUNT, FOLDER, 0, 3);
    assert.deepEqual(
      page.items.map((m) => m.uid),
      [TOTAL, TOTAL - 1, TOTAL - 2],
    );
  });
});
