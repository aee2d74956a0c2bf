// The folder-name rules (src/shared/folder-name.ts) that the folder dialogs check while typing and the engine checks
// before journaling: hierarchy separator, LIST wildcards and control characters, INBOX, length, duplicates after NFC;
// and the tree facts the delete dialog shows (protected folders, what a delete takes with it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkFolderName,
  deletionScope,
  inSubtree,
  isProtectedFolder,
  leafName,
  parentPath,
  pathProblem,
  type FolderFacts,
} from '../../src/shared/folder-name.ts';
import { errorCodes } from '../../src/api/errors.ts';

const existing = ['INBOX', 'INBOX/Dự án', 'Sent', 'Trash', 'Lưu trữ', 'Lưu trữ/2025'];
const check = (leaf: string, parent: string | null = null, delimiter = '/', renaming?: string) => {
  const r = checkFolderName({ parent, leaf, delimiter, existing, renaming });
  return r.ok ? r.path : r.code;
};

test('a good name under a parent or at the top, NFC and trimmed', () => {
  assert.equal(check('  Công văn đến 2026 '), 'Công văn đến 2026');
  assert.equal(check('Ho\u0300a Bi\u0300nh', 'INBOX'), 'INBOX/Hòa Bình');
  assert.equal(check('Báo cáo.Q1', 'Lưu trữ'), 'Lưu trữ/Báo cáo.Q1', 'a dot is fine where the separator is "/"');
});

test('refusals, each with its own code', () => {
  assert.equal(check(''), 'FOLDER_NAME_EMPTY');
  assert.equal(check('   '), 'FOLDER_NAME_EMPTY');
  assert.equal(check('a/b'), 'FOLDER_NAME_SEPARATOR');
  assert.equal(check('Báo cáo.Q1', null, '.'), 'FOLDER_NAME_SEPARATOR', "the server's own separator");
  assert.equal(check('a*b'), 'FOLDER_NAME_CHARS');
  assert.equal(check('50%'), 'FOLDER_NAME_CHARS');
  assert.equal(check('a\tb'), 'FOLDER_NAME_CHARS');
  assert.equal(check('inbox'), 'FOLDER_NAME_RESERVED');
  assert.equal(check('Inbox', 'Lưu trữ'), 'Lưu trữ/Inbox', 'only the top-level INBOX is reserved');
  assert.equal(check('x'.repeat(256)), 'FOLDER_NAME_TOO_LONG');
  assert.equal(check('x'.repeat(255)), 'x'.repeat(255));
});

test('duplicates after NFC; renaming a folder to its own name is not a duplicate', () => {
  assert.equal(check('Du\u031b\u0323 a\u0301n', 'INBOX'), 'FOLDER_EXISTS');
  assert.equal(check('2025', 'Lưu trữ'), 'FOLDER_EXISTS');
  assert.equal(check('2025', 'Lưu trữ', '/', 'Lưu trữ/2025'), 'Lưu trữ/2025');
  assert.equal(check('Dự án', null), 'Dự án', 'same name at another level');
});

test('whole paths (the engine): empty levels are separator misuse', () => {
  assert.equal(pathProblem('a//b', '/'), 'FOLDER_NAME_SEPARATOR');
  assert.equal(pathProblem('/a', '/'), 'FOLDER_NAME_SEPARATOR');
  assert.equal(pathProblem('a/b', '/'), null);
  assert.equal(pathProblem('INBOX', '/'), 'FOLDER_NAME_RESERVED');
  assert.equal(pathProblem('a/b%', '/'), 'FOLDER_NAME_CHARS');
});

test('every code has a Vietnamese and an English message', () => {
  for (const code of [
    'FOLDER_NAME_EMPTY',
    'FOLDER_NAME_SEPARATOR',
    'FOLDER_NAME_CHARS',
    'FOLDER_NAME_RESERVED',
    'FOLDER_NAME_TOO_LONG',
  ] as const) {
    assert.ok(errorCodes[code].vi.length > 10 && errorCodes[code].vi === errorCodes[code].vi.normalize('NFC'));
    assert.ok(errorCodes[code].en.length > 10);
  }
});

test('tree facts: parent, leaf, subtree, protection, what a delete takes', () => {
  assert.equal(parentPath('Lưu trữ/2025', '/'), 'Lưu trữ');
  assert.equal(parentPath('Lưu trữ', '/'), null);
  assert.equal(leafName('Lưu trữ/2025', '/'), '2025');
  assert.ok(inSubtree('Lưu trữ/2025', 'Lưu trữ', '/'));
  assert.ok(!inSubtree('Lưu trữ 2', 'Lưu trữ', '/'));
  const folders: FolderFacts[] = [
    { path: 'INBOX', delimiter: '/', specialUse: 'inbox', total: 10 },
    { path: 'INBOX/Dự án', delimiter: '/', specialUse: null, total: 3 },
    { path: 'Trash', delimiter: '/', specialUse: 'trash', total: 2 },
    { path: 'Lưu trữ', delimiter: '/', specialUse: null, total: 5 },
    { path: 'Lưu trữ/2025', delimiter: '/', specialUse: null, total: 7 },
    { path: 'Lưu trữ/2025/Q1', delimiter: '/', specialUse: null, total: 1 },
    { path: 'Lưu trữ 2', delimiter: '/', specialUse: null, total: 100 },
    { path: 'Cũ', delimiter: '/', specialUse: null, total: 0 },
    { path: 'Cũ/Thư rác cũ', delimiter: '/', specialUse: 'junk', total: 0 },
  ];
  assert.ok(isProtectedFolder(folders, 'INBOX'));
  assert.ok(isProtectedFolder(folders, 'Trash'));
  assert.ok(isProtectedFolder(folders, 'Cũ'), 'holds a special-use folder');
  assert.ok(!isProtectedFolder(folders, 'INBOX/Dự án'));
  assert.ok(!isProtectedFolder(folders, 'Lưu trữ'));
  assert.deepEqual(deletionScope(folders, 'Lưu trữ'), { subfolders: 2, messages: 13 });
  assert.deepEqual(deletionScope(folders, 'Lưu trữ/2025/Q1'), { subfolders: 0, messages: 1 });
});
