import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  LEGACY_ENCODINGS,
  cp1252Decode,
  decodeLegacy,
  encodeLegacy,
  encodeLegacyAsCp1252,
  type LegacyEncoding,
} from '../../src/text/legacy.ts';
import { LETTERS } from '../../src/text/letters.ts';
import { KNOWN_SYLLABLES } from '../../src/text/tables/lexicon.ts';
import { lines, ownSamples, qd50 } from './fixtures.ts';

// The samples in ../shared/domain/encodings/README.md ("Cross-checks I ran").
test('README samples: TCVN3 and VNI-Windows mojibake decode to the known text', () => {
  assert.equal(decodeLegacy('Céng hoµ x· héi chñ nghÜa ViÖt Nam', 'tcvn3'), 'Cộng hoà xã hội chủ nghĩa Việt Nam');
  assert.equal(decodeLegacy('Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam', 'vni'), 'Cộng hòa xã hội chủ nghĩa Việt Nam');
  // and back
  assert.equal(
    encodeLegacyAsCp1252('Cộng hoà xã hội chủ nghĩa Việt Nam', 'tcvn3'),
    'Céng hoµ x· héi chñ nghÜa ViÖt Nam',
  );
  assert.equal(
    encodeLegacyAsCp1252('Cộng hòa xã hội chủ nghĩa Việt Nam', 'vni'),
    'Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam',
  );
});

test('README facts: VNI ỷ = y+0xFB, ỹ = y+0xF5 (UniKey), not the duydev values that collide with ì', () => {
  assert.deepEqual([...encodeLegacy('ỷỹ', 'vni')], [0x79, 0xfb, 0x79, 0xf5]);
  assert.equal(decodeLegacy(Uint8Array.from([0xec]), 'vni'), 'ì');
  assert.equal(decodeLegacy('kyû yeáu', 'vni'), 'kỷ yếu');
});

test('VISCII: the six capitals on C0 positions and Õ on 0xA0 (RFC 1456)', () => {
  assert.deepEqual([...encodeLegacy('ẲẴẪỶỸỴÕ', 'viscii')], [0x02, 0x05, 0x06, 0x14, 0x19, 0x1e, 0xa0]);
  assert.equal(decodeLegacy(Uint8Array.from([0x02, 0x05, 0x06, 0x14, 0x19, 0x1e, 0xa0]), 'viscii'), 'ẲẴẪỶỸỴÕ');
});

// The TCVN3 capital limit, documented in src/text/tables/tcvn3.ts and docs/text.md.
const TCVN3_CAPITALS = 'ĂÂÊÔƠƯĐ';
function sameUpToTcvn3CapitalLimit(got: string, want: string): boolean {
  if (got.length !== want.length) return false;
  for (let i = 0; i < want.length; i++) {
    const g = got[i] as string;
    const w = want[i] as string;
    if (g === w) continue;
    const info = LETTERS.get(w);
    if (info !== undefined && info.upper && info.tone !== 0 && g === w.toLowerCase()) continue;
    return false;
  }
  return true;
}

test('TCVN3 capital limit: only Ă Â Ê Ô Ơ Ư Đ have capital codes; toned capitals share the lower-case code', () => {
  for (const c of TCVN3_CAPITALS) assert.notDeepEqual(encodeLegacy(c, 'tcvn3'), encodeLegacy(c.toLowerCase(), 'tcvn3'));
  for (const c of 'ÀÁẢÃẠẤẦỘỦỨỲ') assert.deepEqual(encodeLegacy(c, 'tcvn3'), encodeLegacy(c.toLowerCase(), 'tcvn3'));
  // So a lone toned capital comes back lower case …
  assert.equal(decodeLegacy(encodeLegacy('Ủy ban', 'tcvn3'), 'tcvn3'), 'ủy ban');
  assert.equal(decodeLegacy(encodeLegacy('Ở đây', 'tcvn3'), 'tcvn3'), 'ở đây');
  // … but a word or line that is evidently all capitals is restored.
  assert.equal(decodeLegacy('CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM', 'tcvn3'), 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  assert.equal(decodeLegacy('§éC LËP - Tù DO - H¹NH PHóC', 'tcvn3'), 'ĐỘC LẬP - TỰ DO - HẠNH PHÚC');
  assert.equal(decodeLegacy('Th«ng b¸o KÕT QU¶', 'tcvn3'), 'Thông báo KẾT QUẢ');
  assert.equal(decodeLegacy('UBND Hµ Néi', 'tcvn3'), 'UBND Hà Nội', 'one capital is not evidence');
  assert.equal(
    decodeLegacy('CéNG HOµ X· HéI', 'tcvn3', { restoreCapitals: false }),
    'CộNG HOà Xã HộI',
    'the raw VN3 reading',
  );
});

/** What a round trip through `enc` can give back: VISCII and VIQR have no room for “ ” – …, so those become ASCII. */
function expected(text: string, enc: LegacyEncoding): string {
  if (enc !== 'viscii' && enc !== 'viqr') return text;
  return text.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/[–—]/g, '-').replace(/…/g, '...');
}

const PASSAGES = { 'QĐ 50/2009 excerpt': qd50(), 'own samples': ownSamples() };

for (const enc of LEGACY_ENCODINGS) {
  test(`round trip Unicode → ${enc} (bytes and Windows-1252 text) → decode gives the original`, () => {
    for (const [name, text] of Object.entries(PASSAGES)) {
      const want = expected(text, enc);
      const bytes = encodeLegacy(text, enc);
      const misread = encodeLegacyAsCp1252(text, enc);
      assert.equal(misread, cp1252Decode(bytes));
      for (const [form, input] of [
        ['bytes', bytes],
        ['cp1252 text', misread],
      ] as const) {
        const got = decodeLegacy(input, enc);
        if (enc === 'tcvn3') assert.ok(sameUpToTcvn3CapitalLimit(got, want), `${name}, ${form}:\n${got}`);
        else assert.equal(got, want, `${name}, ${form}`);
      }
    }
  });
}

test('TCVN3 round trip of the QĐ 50/2009 header: the all-capital lines survive exactly', () => {
  const header = lines(qd50()).filter((l) => l === l.toUpperCase() && /\p{L}{3}/u.test(l));
  assert.ok(header.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'));
  assert.ok(header.includes('ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ'));
  for (const l of header) assert.equal(decodeLegacy(encodeLegacy(l, 'tcvn3'), 'tcvn3'), l);
});

test('VIQR: mnemonics, dd, escapes, and the punctuation rules', () => {
  assert.equal(decodeLegacy('Vie^.t Nam', 'viqr'), 'Việt Nam');
  assert.equal(decodeLegacy('DDa` Na(~ng, ddu+o+`ng', 'viqr'), 'Đà Nẵng, đường');
  assert.equal(decodeLegacy('HDDND, UBDDT, TTgDD', 'viqr'), 'HĐND, UBĐT, TTgĐ');
  assert.equal(decodeLegacy('Co' + 'u*o*`i', 'viqr'), 'Coười', '"*" is accepted as the horn');
  // RFC 1456: a backslash keeps a mark character literal.
  assert.equal(decodeLegacy('Ta^m\\. Co\\?', 'viqr'), 'Tâm. Co?');
  // Our lenient rules for unescaped text: a second tone, a tone on the wrong letter, and "."/"?" ending a line.
  assert.equal(decodeLegacy('Ha` No^.i.', 'viqr'), 'Hà Nội.');
  assert.equal(decodeLegacy('Ta.i sao?', 'viqr'), 'Tại sao?');
  assert.equal(decodeLegacy('Anh co' + "' kho^ng?", 'viqr'), 'Anh có không?');
  assert.equal(decodeLegacy('Ba.n ddi ra.\nToi', 'viqr'), 'Bạn đi ra.\nToi');
  assert.equal(decodeLegacy("Bo^. No^.i vu. Tha`nh pho^'", 'viqr'), 'Bộ Nội vụ Thành phố');
  assert.equal(decodeLegacy('C++ and a+b', 'viqr'), 'C++ and a+b');
  // Our encoder escapes every literal mark after a vowel, so the round trip is exact.
  for (const s of [
    'Hà Nội.',
    'Anh đi ra.',
    'Có phải không? Vâng.',
    'add dd DDoS ADDRESS ADĐ ĐDD TTgĐ',
    'x = a\\.b \\\\',
    "it's 'quoted'",
  ]) {
    assert.equal(decodeLegacy(encodeLegacy(s, 'viqr'), 'viqr'), s, s);
  }
  assert.equal(encodeLegacyAsCp1252('Hà Nội.', 'viqr'), 'Ha` No^.i\\.');
});

test('encoders replace what an encoding cannot hold with an ASCII look-alike or "?"', () => {
  assert.equal(encodeLegacyAsCp1252('“Quy chế” – 5€', 'viscii'), '"Quy ch\u00AA" - 5?');
  assert.equal(encodeLegacyAsCp1252('日本', 'tcvn3'), '??');
  assert.equal(encodeLegacyAsCp1252('日本', 'tcvn3', { fallback: '_' }), '__');
  assert.equal(encodeLegacyAsCp1252('“ok” – €', 'vni'), '“ok” – €', 'VNI and TCVN3 keep the Windows-1252 symbols');
  assert.equal(encodeLegacyAsCp1252('Müller', 'viqr'), 'Muller');
});

test('text input: real Unicode mixed into mis-decoded text passes through unchanged', () => {
  assert.equal(decodeLegacy('Trả lời: Th«ng b¸o', 'tcvn3'), 'Trả lời: Thông báo');
  assert.equal(decodeLegacy('Re: Thoâng baùo 日本', 'vni'), 'Re: Thông báo 日本');
});

test('property: random Vietnamese snippets round-trip through every encoding (deterministic, 3,000 each)', () => {
  const syllables = KNOWN_SYLLABLES.split(' ');
  const seps = [
    ' ',
    ' ',
    ' ',
    ', ',
    '. ',
    '? ',
    '; ',
    ': ',
    ' (',
    ') ',
    ' "',
    '" ',
    "'",
    '\n',
    '.\n',
    ' - ',
    '...',
    '/',
  ];
  let seed = 7;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return Math.floor((seed / 0x80000000) * n);
  };
  // The documented VIQR limit: a nặng/hỏi on the last, unshaped vowel of a line reads as a full stop.
  const viqrLimit = /[ạẹịọụỵảẻỉỏủỷ]\s*(\n|$)/iu;
  for (const enc of LEGACY_ENCODINGS) {
    for (let t = 0; t < 3000; t++) {
      // A snippet is either in capitals (a header) or in ordinary case, as real lines are.
      const caps = rnd(5) === 0;
      let s = '';
      for (let i = 0, n = 1 + rnd(8); i < n; i++) {
        let w = syllables[rnd(syllables.length)] as string;
        if (caps) w = w.toUpperCase();
        else if (rnd(4) === 0) w = (w[0] as string).toUpperCase() + w.slice(1);
        s += w + seps[rnd(seps.length)];
      }
      if (enc === 'viqr' && viqrLimit.test(s)) continue;
      const back = decodeLegacy(encodeLegacy(s, enc), enc);
      if (enc === 'tcvn3')
        assert.ok(sameUpToTcvn3CapitalLimit(back, s), `${JSON.stringify(s)} → ${JSON.stringify(back)}`);
      else assert.equal(back, s, JSON.stringify(s));
    }
  }
});
