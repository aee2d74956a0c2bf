// Highlights and snippets are ranges of the displayed text, found with the index's own fold and token rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highlightRanges, parseQuery, snippet } from '../../src/search/index.ts';

const shown = (text: string, ranges: [number, number][]) => ranges.map(([s, e]) => text.slice(s, e));

test('ranges cover the original characters, marks included, in NFC and NFD text', () => {
  const q = parseQuery('thu moi ').text;
  assert.deepEqual(shown('Thư mời họp', highlightRanges('Thư mời họp', q)), ['Thư', 'mời']);
  const nfd = 'Thư mời họp'.normalize('NFD');
  assert.deepEqual(
    shown(nfd, highlightRanges(nfd, q)),
    ['Thư', 'mời'].map((w) => w.normalize('NFD')),
  );
  const phrase = parseQuery('"ủy ban nhân"').text;
  assert.deepEqual(shown('Uỷ ban nhân dân', highlightRanges('Uỷ ban nhân dân', phrase)), ['Uỷ ban nhân']);
  assert.deepEqual(highlightRanges('Ban nhân dân ủy', phrase), [], 'a phrase needs its order');
  assert.deepEqual(shown('Quyết định', highlightRanges('Quyết định', parseQuery('quyết đị').text)), ['Quyết', 'đị']);
});

test('a snippet starts on a word near the first match, deep in a long body, in NFC or NFD', () => {
  const body = `${'Nội dung chung của văn bản. '.repeat(400)}Đề nghị các đơn vị báo cáo tổng kết trước ngày 20.`;
  for (const text of [body, body.normalize('NFD')]) {
    const s = snippet(text, parseQuery('tong ket ').text);
    assert.ok(s.text.startsWith('…'), s.text.slice(0, 20));
    assert.ok(s.text.length <= 201);
    assert.deepEqual(
      shown(s.text, s.ranges).map((w) => w.normalize('NFC')),
      ['tổng', 'kết'],
    );
  }
  const none = snippet('Kính gửi các đơn vị.\n\nNội dung.', parseQuery('khong co ').text);
  assert.deepEqual(none, { text: 'Kính gửi các đơn vị. Nội dung.', ranges: [] });
});
