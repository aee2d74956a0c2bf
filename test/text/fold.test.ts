import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fold, foldReference, foldTokens, foldWithMap, originalRange, tokenize } from '../../src/text/fold.ts';
import { fixture, ownSamples, qd50 } from './fixtures.ts';

test('fold: THƯ MỜI, thu moi and thư mời are one key; Đà Nẵng is "da nang"', () => {
  assert.equal(fold('THƯ MỜI'), 'thu moi');
  assert.equal(fold('thu moi'), 'thu moi');
  assert.equal(fold('thư mời'), 'thu moi');
  assert.equal(fold('Đà Nẵng'), 'da nang');
});

test('fold: tone placement does not matter (hoà/hòa, uỷ/ủy, thuỷ/thủy, khoẻ/khỏe)', () => {
  const pairs = [
    ['hoà', 'hòa'],
    ['uỷ', 'ủy'],
    ['thuỷ', 'thủy'],
    ['khoẻ', 'khỏe'],
    ['Uỷ ban', 'Ủy ban'],
    ['CỘNG HOÀ', 'Cộng hòa'],
    ['Hoả', 'hỏa'],
  ];
  for (const [a, b] of pairs) assert.equal(fold(a as string), fold(b as string), `${a} / ${b}`);
  assert.equal(fold('hoà'), 'hoa');
  assert.equal(fold('thuỷ'), 'thuy');
});

test('fold: đ/Đ fold to d (they have no Unicode decomposition)', () => {
  assert.equal(fold('đường'), 'duong');
  assert.equal(fold('Đường Ủy ban'), 'duong uy ban');
  assert.equal(fold('ĐỒNG ĐỘI'), 'dong doi');
  assert.equal(fold('đ'), fold('d'));
  assert.equal('đ'.normalize('NFD'), 'đ', 'the fact fold relies on');
});

test('fold: UniKey "tổ hợp", full NFD and NFC fold the same', () => {
  const nfc = 'Quyết định kết thúc';
  const unikey = 'Quy\u00EA\u0301t \u0111i\u0323nh k\u00EA\u0301t th\u00FA\u0063'; // ê + combining acute, as UniKey emits
  assert.equal(fold(unikey), fold(nfc));
  assert.equal(fold(nfc.normalize('NFD')), fold(nfc));
  // The real quirk in NĐ 30/2020 Điều 30.3.b.
  const line = fixture('nd30-2020-dieu30-unikey.txt');
  assert.equal(fold(line), fold(line.normalize('NFC')));
  assert.ok(fold(line).includes('lien ket chinh xac du lieu'));
});

test('fold: every Vietnamese letter folds to one ASCII letter', () => {
  const letters = 'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ';
  for (const ch of letters) {
    assert.match(fold(ch), /^[a-z]$/, ch);
    assert.equal(fold(ch.toUpperCase()), fold(ch), ch.toUpperCase());
  }
});

test('fold agrees with the whole-string reference (NFD, drop Mn, đ→d, lower) on real and odd text', () => {
  const samples = [
    qd50(),
    ownSamples(),
    fixture('nd30-2020-dieu30-unikey.txt'),
    'ΟΔΟΣ Σ σ ς — Straße İstanbul ǅ Å ﬁ 한국어 日本語 😀 x\u0301',
    'Giao duc và Đao tao. \u0301 \u0323 \u0300 \u0323',
    'a\uD800b', // lone surrogate
    '',
  ];
  for (const s of samples) assert.equal(fold(s), foldReference(s));
});

test('foldWithMap: folded text equals fold() and maps back into the original', () => {
  for (const s of [qd50(), ownSamples(), 'Hoa\u0300 bi\u0300nh 😀 ĐÀ', 'ΟΔΟΣ', 'xin chào']) {
    const fm = foldWithMap(s);
    assert.equal(fm.folded, fold(s));
    assert.equal(fm.map.length, fm.folded.length);
    for (let i = 1; i < fm.map.length; i++) assert.ok((fm.map[i] as number) >= (fm.map[i - 1] as number));
    for (const o of fm.map) assert.ok(o >= 0 && o < s.length);
  }
});

test('originalRange: a match in folded text highlights the right original text', () => {
  const original = 'Kính gửi: Ủy ban nhân dân Thành phố Cần Thơ';
  const fm = foldWithMap(original);
  const at = fm.folded.indexOf('can tho');
  const [s, e] = originalRange(fm, at, at + 'can tho'.length, original.length);
  assert.equal(original.slice(s, e), 'Cần Thơ');
  // Decomposed original: the combining marks after the last letter belong to the highlight.
  const nfd = 'Hoa\u0300 bi\u0300nh';
  const fm2 = foldWithMap(nfd);
  const [s2, e2] = originalRange(fm2, 0, 3, nfd.length);
  assert.equal(nfd.slice(s2, e2), 'Hoa\u0300');
  assert.deepEqual(originalRange(fm2, 2, 2, nfd.length), [2, 2]);
});

test('tokenize and foldTokens split folded text on non-letters/digits', () => {
  assert.deepEqual(foldTokens('Số: 50/2009/QĐ-UBND'), ['so', '50', '2009', 'qd', 'ubnd']);
  assert.deepEqual(foldTokens('Thư mời họp — “Quy chế”…'), ['thu', 'moi', 'hop', 'quy', 'che']);
  assert.deepEqual(foldTokens(''), []);
  const text = 'V/v: Hội nghị sơ kết';
  const toks = tokenize(text);
  assert.deepEqual(
    toks.map((t) => t.token),
    ['v', 'v', 'hoi', 'nghi', 'so', 'ket'],
  );
  assert.deepEqual(
    toks.map((t) => text.slice(t.start, t.end)),
    ['V', 'v', 'Hội', 'nghị', 'sơ', 'kết'],
  );
  assert.deepEqual(
    tokenize('Ђорђе 한국').map((t) => t.token),
    foldTokens('Ђорђе 한국'),
  );
});

test('fold is fast: 100,000 typical subjects in under 2 s (a loose budget for slow CI machines; docs/text.md has the measured figure)', () => {
  const parts = [
    'Thư mời họp giao ban tuần',
    'V/v triển khai Quyết định số 50/2009/QĐ-UBND',
    'Re: Báo cáo tình hình thực hiện nhiệm vụ chuyển đổi số',
    'Fwd: Lịch làm việc của Ủy ban nhân dân thành phố Cần Thơ',
    'Meeting agenda for Monday',
  ];
  const subjects = Array.from({ length: 100_000 }, (_, i) => `${parts[i % parts.length]} (${i})`);
  for (const s of subjects.slice(0, 2000)) fold(s); // warm up
  const t0 = performance.now();
  let n = 0;
  for (const s of subjects) n += fold(s).length;
  const ms = performance.now() - t0;
  console.log(`fold: 100,000 subjects in ${ms.toFixed(0)} ms`);
  assert.ok(n > 0);
  assert.ok(ms < 2000, `fold took ${ms} ms`);
});
