// The conversation view's display rows (renderer/features/mailbox/threadRows.ts): thread rows with the one expanded
// thread's messages under it, mapped both ways, and a selection's thread ranges without the children.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  displayIndexOf,
  displayRow,
  displayTotal,
  threadRanges,
  threadSpan,
} from '../../renderer/features/mailbox/threadRows.ts';

test('nothing expanded: display rows are thread rows', () => {
  assert.equal(displayTotal(10, null), 10);
  assert.deepEqual(displayRow(7, null), { kind: 'thread', thread: 7 });
  assert.equal(displayIndexOf(7, null), 7);
  assert.deepEqual(threadRanges([{ from: 2, to: 5 }], null), [{ from: 2, to: 5 }]);
});

test('thread 3 expanded with 4 messages: they follow it, the rows after it shift by 4', () => {
  const x = { at: 3, size: 4 };
  assert.equal(displayTotal(10, x), 14);
  assert.deepEqual(displayRow(3, x), { kind: 'thread', thread: 3 });
  assert.deepEqual(displayRow(4, x), { kind: 'child', thread: 3, child: 0 });
  assert.deepEqual(displayRow(7, x), { kind: 'child', thread: 3, child: 3 });
  assert.deepEqual(displayRow(8, x), { kind: 'thread', thread: 4 });
  assert.deepEqual(displayRow(13, x), { kind: 'thread', thread: 9 });
  for (let t = 0; t < 10; t++) assert.deepEqual(displayRow(displayIndexOf(t, x), x), { kind: 'thread', thread: t });
  // Visible rows 5..9 need threads 3..5 loaded.
  assert.deepEqual(threadSpan(5, 9, x), { from: 3, to: 5 });
  // An expansion past the end (the list shrank) adds nothing.
  assert.equal(displayTotal(3, x), 3);
});

test('a selection over an expanded thread acts on thread rows; children alone are left to the caller', () => {
  const x = { at: 3, size: 4 };
  assert.deepEqual(threadRanges([{ from: 2, to: 9 }], x), [{ from: 2, to: 5 }]);
  assert.deepEqual(threadRanges([{ from: 5, to: 6 }], x), []);
  assert.deepEqual(threadRanges([{ from: 5, to: 8 }], x), [{ from: 4, to: 4 }]);
  assert.deepEqual(
    threadRanges(
      [
        { from: 0, to: 0 },
        { from: 3, to: 7 },
      ],
      x,
    ),
    [
      { from: 0, to: 0 },
      { from: 3, to: 3 },
    ],
  );
});
