// The Vietnamese sort key (src/text/collate.ts): alphabet order with đ, ă, â, ê, ô, ơ, ư as letters of their own,
// tones and case second, the same key for NFC and NFD input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sortKey } from '../../src/text/collate.ts';

const sorted = (words: string[]) =>
  [...words].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));

test('the Vietnamese alphabet: Đ after every D, Ă and Â after A, Ư after U', () => {
  assert.deepEqual(sorted(['Đức', 'Dung', 'Dương', 'Ân', 'Ăn', 'Anh', 'Ưng', 'Uyên', 'Bình']), [
    'Anh',
    'Ăn',
    'Ân',
    'Bình',
    'Dung',
    'Dương',
    'Đức',
    'Uyên',
    'Ưng',
  ]);
});

test('tones and case come second: Ánh next to Anh, in the dictionary order of tones', () => {
  assert.deepEqual(sorted(['Ạnh', 'anh', 'Ảnh', 'ánh', 'Anhx', 'Ãnh', 'Ành']), [
    'anh',
    'Ành',
    'ánh',
    'Ảnh',
    'Ãnh',
    'Ạnh',
    'Anhx',
  ]);
  assert.equal(sortKey('NGUYỄN'), sortKey('nguyễn'));
});

test('decomposed input and other scripts', () => {
  assert.equal(sortKey('Hòa'.normalize('NFD')), sortKey('Hòa'));
  // Digits and punctuation before letters; loanword letters in their Latin places.
  assert.deepEqual(sorted(['Zalo', 'Facebook', '2026', 'Email', 'Éclair']), [
    '2026',
    'Éclair',
    'Email',
    'Facebook',
    'Zalo',
  ]);
});
