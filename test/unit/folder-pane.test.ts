// The folder pane's pure parts (renderer/features/folders): account groups (unit mailboxes after personal accounts),
// the selection following a rename or a delete, and the tree's keyboard moves (WAI-ARIA APG Tree View).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AccountSummary } from '../../src/api/types.ts';
import { followChange, groupAccounts } from '../../renderer/features/folders/paneModel.ts';
import { treeKey, visibleRows, type TreeRow } from '../../renderer/features/folders/treeKeys.ts';

const acc = (id: string, kind: 'personal' | 'unit') => ({ id, email: id, kind }) as AccountSummary;

test('accounts: personal first, then the unit mailboxes; empty groups left out', () => {
  const groups = groupAccounts([
    acc('vanphong', 'unit'),
    acc('an', 'personal'),
    acc('tc', 'unit'),
    acc('binh', 'personal'),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.kind, g.accounts.map((a) => a.id)]),
    [
      ['personal', ['an', 'binh']],
      ['unit', ['vanphong', 'tc']],
    ],
  );
  assert.deepEqual(
    groupAccounts([acc('an', 'personal')]).map((g) => g.kind),
    ['personal'],
  );
});

test('the selection follows a renamed folder and leaves a deleted one for the Inbox', () => {
  const sel = { accountId: 'an', folder: 'Dự án/2025/Q1' };
  assert.deepEqual(
    followChange(sel, { kind: 'renamed', accountId: 'an', from: 'Dự án', to: 'Dự án cũ' }, '/', 'INBOX'),
    {
      accountId: 'an',
      folder: 'Dự án cũ/2025/Q1',
    },
  );
  assert.equal(followChange(sel, { kind: 'renamed', accountId: 'an', from: 'Dự', to: 'X' }, '/', 'INBOX'), sel);
  assert.deepEqual(followChange(sel, { kind: 'deleted', accountId: 'an', path: 'Dự án/2025' }, '/', 'INBOX'), {
    accountId: 'an',
    folder: 'INBOX',
  });
  assert.equal(followChange(sel, { kind: 'deleted', accountId: 'other', path: 'Dự án' }, '/', 'INBOX'), sel);
  assert.equal(followChange(sel, { kind: 'created', accountId: 'an', path: 'Mới' }, '/', 'INBOX'), sel);
});

test('tree keys: up/down, Home/End, right opens or enters, left closes or goes to the parent', () => {
  // Inbox, Dự án (open) > 2025 (closed), Lưu trữ
  const rows: TreeRow[] = [
    { depth: 0, expanded: null },
    { depth: 0, expanded: true },
    { depth: 1, expanded: false },
    { depth: 0, expanded: null },
  ];
  assert.deepEqual(treeKey(rows, 0, 'ArrowDown'), { kind: 'focus', index: 1 });
  assert.equal(treeKey(rows, 3, 'ArrowDown'), null);
  assert.equal(treeKey(rows, 0, 'ArrowUp'), null);
  assert.deepEqual(treeKey(rows, 2, 'Home'), { kind: 'focus', index: 0 });
  assert.deepEqual(treeKey(rows, 0, 'End'), { kind: 'focus', index: 3 });
  assert.deepEqual(treeKey(rows, 1, 'ArrowRight'), { kind: 'focus', index: 2 });
  assert.deepEqual(treeKey(rows, 2, 'ArrowRight'), { kind: 'expand', index: 2 });
  assert.equal(treeKey(rows, 0, 'ArrowRight'), null);
  assert.deepEqual(treeKey(rows, 1, 'ArrowLeft'), { kind: 'collapse', index: 1 });
  assert.deepEqual(treeKey(rows, 2, 'ArrowLeft'), { kind: 'focus', index: 1 });
  assert.equal(treeKey(rows, 0, 'ArrowLeft'), null);
  assert.equal(treeKey(rows, 0, 'a'), null);
});

test('visible rows: everything below a closed folder is hidden, siblings after it are not', () => {
  const depths = [0, 0, 1, 2, 1, 0].map((depth) => ({ depth }));
  assert.deepEqual(
    visibleRows(depths, () => true),
    [0, 1, 2, 3, 4, 5],
  );
  assert.deepEqual(
    visibleRows(depths, (i) => i !== 1),
    [0, 1, 5],
  );
  assert.deepEqual(
    visibleRows(depths, (i) => i !== 2),
    [0, 1, 2, 4, 5],
  );
});
