import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nfc, normalize } from '../../src/text/normalize.ts';
import { fixture, qd50 } from './fixtures.ts';

test('nfc is String.prototype.normalize("NFC")', () => {
  assert.equal(nfc('a\u0300'), 'à');
  assert.equal(nfc('\u00E2\u0301'), 'ấ');
});

test('normalize repairs UniKey "tổ hợp" (precomposed vowel + combining tone): the NĐ 30/2020 Điều 30.3.b line', () => {
  const line = fixture('nd30-2020-dieu30-unikey.txt');
  assert.ok(/[\u0300-\u036F]/.test(line), 'fixture holds combining marks');
  const r = normalize(line);
  assert.equal(r.repaired, true);
  assert.deepEqual(r.unrepairable, []);
  assert.ok(!/[\u0300-\u036F]/.test(r.text));
  assert.ok(r.text.includes('liên kết chính xác dữ liệu đặc tả với hồ sơ'));
  assert.equal(r.text, line.normalize('NFC'));
});

test('normalize leaves NFC text alone and says so', () => {
  const text = qd50();
  const r = normalize(text);
  assert.equal(r.text, text);
  assert.equal(r.repaired, false);
  assert.deepEqual(r.unrepairable, []);
});

test('normalize: full NFD input is recomposed', () => {
  const r = normalize('Cộng hòa xã hội chủ nghĩa Việt Nam'.normalize('NFD'));
  assert.equal(r.text, 'Cộng hòa xã hội chủ nghĩa Việt Nam');
  assert.equal(r.repaired, true);
});

test('normalize reports detached marks (PDF extraction) and does not guess', () => {
  // tailieumienphi.vn, Công văn 2917/SGDĐT-VP Ninh Thuận (encodings/README.md): the marks moved to the line end.
  const pdf = 'Giao duc và Đao tao. \u0301 \u0323 \u0300 \u0323';
  const r = normalize(pdf);
  assert.equal(r.text, pdf);
  assert.equal(r.repaired, false);
  assert.equal(r.unrepairable.length, 4);
  assert.deepEqual(
    r.unrepairable.map((u) => r.text[u.index]),
    ['\u0301', '\u0323', '\u0300', '\u0323'],
  );
  assert.ok((r.unrepairable[0] as { snippet: string }).snippet.includes('tao.'));
  const atStart = normalize('\u0301Hà Nội');
  assert.deepEqual(
    atStart.unrepairable.map((u) => u.index),
    [0],
  );
});

test('normalize re-attaches one tone mark typed after the wrong letter of a toneless syllable', () => {
  const r = normalize('Viêt\u0323 Nam, hoan\u0300 thành');
  assert.equal(r.text, 'Việt Nam, hoàn thành');
  assert.equal(r.repaired, true);
  assert.deepEqual(r.unrepairable, []);
  // Two tones on one syllable cannot be repaired: reported.
  const two = normalize('hoà\u0301');
  assert.equal(two.unrepairable.length, 1);
  assert.equal(two.text, 'hoà\u0301');
});

test('normalize does not report legitimate combining marks of other scripts', () => {
  const russian = 'за́мок и замо́к'; // Cyrillic stress marks stay combining after NFC
  const r = normalize(russian);
  assert.deepEqual(r.unrepairable, []);
  assert.equal(r.text, russian.normalize('NFC'));
});
