// The message list's selection model (renderer/features/mailbox/selection.ts): Outlook's click, Ctrl+click,
// Shift+click, Ctrl+A and keyboard rules, by index ranges so it stays small over 100,000 rows.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  EMPTY_SELECTION,
  afterRemoval,
  clampTo,
  click,
  indexes,
  isSelected,
  navigate,
  normalize,
  selectAll,
  selectOne,
  selectedCount,
  singleIndex,
  toggleActive,
} from '../../renderer/features/mailbox/selection.ts';

describe('selection', () => {
  test('ranges are sorted and merged when they overlap or touch', () => {
    assert.deepEqual(
      normalize([
        { from: 10, to: 12 },
        { from: 0, to: 2 },
        { from: 3, to: 4 },
        { from: 11, to: 20 },
        { from: 5, to: 4 },
      ]),
      [
        { from: 0, to: 4 },
        { from: 10, to: 20 },
      ],
    );
  });

  test('click selects one row; Ctrl+click toggles; Shift+click selects from the anchor', () => {
    let s = click(EMPTY_SELECTION, 5);
    assert.equal(singleIndex(s), 5);
    s = click(s, 8, { ctrl: true });
    assert.deepEqual(indexes(s), [5, 8]);
    assert.equal(singleIndex(s), null);
    s = click(s, 5, { ctrl: true });
    assert.deepEqual(indexes(s), [8]);
    // The anchor is the last Ctrl+clicked row (5): Shift+click 2 selects 2…5 only.
    s = click(s, 2, { shift: true });
    assert.deepEqual(indexes(s), [2, 3, 4, 5]);
    assert.equal(s.active, 2);
    // Shift again from the same anchor replaces the range.
    s = click(s, 7, { shift: true });
    assert.deepEqual(indexes(s), [5, 6, 7]);
    // Ctrl+Shift adds a range to what is selected.
    s = click(click(s, 20, { ctrl: true }), 22, { ctrl: true, shift: true });
    assert.deepEqual(indexes(s), [5, 6, 7, 20, 21, 22]);
    // Ctrl+click in the middle of a range splits it.
    s = click(s, 6, { ctrl: true });
    assert.deepEqual(indexes(s), [5, 7, 20, 21, 22]);
    assert.equal(isSelected(s, 6), false);
    assert.equal(isSelected(s, 21), true);
  });

  test('Ctrl+A on 100,000 rows is one range', () => {
    const s = selectAll(100_000);
    assert.deepEqual(s.ranges, [{ from: 0, to: 99_999 }]);
    assert.equal(selectedCount(s), 100_000);
    assert.equal(isSelected(s, 99_999), true);
    assert.deepEqual(selectAll(0), EMPTY_SELECTION);
  });

  test('keys: arrows, Page, Home/End move and select; Shift extends; Ctrl moves focus; Ctrl+Space toggles', () => {
    const total = 100_000;
    let s = selectOne(10);
    s = navigate(s, 'ArrowDown', total, 12);
    assert.equal(singleIndex(s), 11);
    s = navigate(s, 'PageDown', total, 12);
    assert.equal(singleIndex(s), 23);
    s = navigate(s, 'ArrowUp', total, 12, { shift: true });
    s = navigate(s, 'ArrowUp', total, 12, { shift: true });
    assert.deepEqual(indexes(s), [21, 22, 23]);
    assert.equal(s.anchor, 23);
    s = navigate(s, 'End', total, 12, { shift: true });
    assert.equal(selectedCount(s), total - 23);
    assert.deepEqual(s.ranges, [{ from: 23, to: total - 1 }]);
    s = navigate(selectOne(3), 'Home', total, 12);
    assert.equal(singleIndex(s), 0);
    s = navigate(s, 'ArrowUp', total, 12);
    assert.equal(singleIndex(s), 0, 'stays on the first row');
    s = navigate(selectOne(total - 1), 'PageDown', total, 12);
    assert.equal(singleIndex(s), total - 1, 'stays on the last row');
    // Ctrl+arrows move the focus, the selection stays; Ctrl+Space adds the focused row.
    s = navigate(navigate(selectOne(5), 'ArrowDown', total, 12, { ctrl: true }), 'ArrowDown', total, 12, {
      ctrl: true,
    });
    assert.deepEqual([indexes(s), s.active], [[5], 7]);
    s = toggleActive(s);
    assert.deepEqual(indexes(s), [5, 7]);
    assert.deepEqual(navigate(s, 'ArrowDown', 0, 12), EMPTY_SELECTION);
  });

  test('after the selected rows leave, the row in their place is selected; a shrunk list clamps', () => {
    const s = click(click(selectOne(4), 5, { ctrl: true }), 9, { ctrl: true });
    assert.equal(singleIndex(afterRemoval(s, 97)), 4);
    assert.equal(singleIndex(afterRemoval(selectOne(99), 99)), 98);
    assert.deepEqual(afterRemoval(s, 0), EMPTY_SELECTION);
    const c = clampTo(click(selectOne(2), 50, { shift: true }), 10);
    assert.deepEqual(c.ranges, [{ from: 2, to: 9 }]);
    assert.equal(c.active, 9);
    assert.deepEqual(indexes(selectAll(100_000), 3), [0, 1, 2]);
  });
});
