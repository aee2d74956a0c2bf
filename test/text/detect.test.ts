import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convert, detect, detectDetail, looksLegacy } from '../../src/text/detect.ts';
import { LEGACY_ENCODINGS, encodeLegacy, encodeLegacyAsCp1252, type LegacyEncoding } from '../../src/text/legacy.ts';
import { LETTERS } from '../../src/text/letters.ts';
import { fixture, lines, ownSamples, qd50 } from './fixtures.ts';

test('README samples are detected and converted', () => {
  const t = detect('Céng hoµ x· héi chñ nghÜa ViÖt Nam');
  assert.equal(t.encoding, 'tcvn3');
  assert.equal(t.text, 'Cộng hoà xã hội chủ nghĩa Việt Nam');
  assert.ok(t.confidence >= 0.8, String(t.confidence));
  const v = detect('Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam');
  assert.equal(v.encoding, 'vni');
  assert.equal(v.text, 'Cộng hòa xã hội chủ nghĩa Việt Nam');
  assert.ok(v.confidence >= 0.8, String(v.confidence));
  assert.equal(convert('Céng hoµ x· héi chñ nghÜa ViÖt Nam', 'auto'), 'Cộng hoà xã hội chủ nghĩa Việt Nam');
});

/** Same text, allowing what each encoding cannot carry (TCVN3 capitals, typographic quotes in VISCII/VIQR). */
function sameModuloLimits(got: string, want: string, enc: LegacyEncoding): boolean {
  const norm = (s: string): string =>
    enc === 'viscii' || enc === 'viqr' ? s.replace(/[“”]/g, '"').replace(/[–—]/g, '-') : s;
  const g = norm(got);
  const w = norm(want);
  if (enc !== 'tcvn3') return g === w;
  if (g.length !== w.length) return false;
  for (let i = 0; i < w.length; i++) {
    if (g[i] === w[i]) continue;
    const info = LETTERS.get(w[i] as string);
    if (!(info !== undefined && info.upper && info.tone !== 0 && g[i] === (w[i] as string).toLowerCase())) return false;
  }
  return true;
}

for (const enc of LEGACY_ENCODINGS) {
  test(`round trip: Unicode → ${enc} → detect → convert('auto') gives the original (whole passages and each line)`, () => {
    for (const text of [qd50(), ownSamples()]) {
      for (const input of [encodeLegacy(text, enc), encodeLegacyAsCp1252(text, enc)]) {
        const d = detect(input);
        assert.equal(d.encoding, enc);
        assert.ok(d.confidence >= 0.9, `${enc} confidence ${d.confidence}`);
        assert.ok(sameModuloLimits(d.text, text, enc), d.text);
        assert.ok(sameModuloLimits(convert(input, 'auto'), text, enc));
      }
      // Line by line: every line with at least four Vietnamese words is detected on its own.
      for (const line of lines(text)) {
        const words = line.split(/\s+/).filter((w) => /[^\x20-\x7e]/.test(w));
        if (words.length < 4) continue;
        const d = detect(encodeLegacyAsCp1252(line, enc));
        assert.equal(d.encoding, enc, `${enc}: ${line}`);
        assert.ok(sameModuloLimits(d.text, line, enc), `${enc}: ${d.text}`);
      }
    }
  });
}

test('mixed text: a Unicode reply quoting a TCVN3 message converts only the legacy part', () => {
  const reply =
    'Trả lời: Đã nhận, cảm ơn anh. Cà phê sáng mai nhé.\n> Céng hoµ x· héi chñ nghÜa ViÖt Nam\n> Th«ng b¸o vÒ viÖc häp';
  const d = detect(reply);
  assert.equal(d.encoding, 'tcvn3');
  assert.equal(
    d.text,
    'Trả lời: Đã nhận, cảm ơn anh. Cà phê sáng mai nhé.\n> Cộng hoà xã hội chủ nghĩa Việt Nam\n> Thông báo về việc họp',
  );
  const subject = detect('Re: Trả lời: Th«ng b¸o kÕt qu¶ tuyÓn dông');
  assert.equal(subject.encoding, 'tcvn3');
  assert.equal(subject.text, 'Re: Trả lời: Thông báo kết quả tuyển dụng');
});

test('"unicode" for normal Vietnamese, and the text is returned as it is (NFC), never converted', () => {
  for (const text of [
    qd50(),
    ownSamples(),
    ...lines(qd50()),
    ...lines(ownSamples()),
    'Cà phê',
    'Mời họp',
    'Hồ Chí Minh',
  ]) {
    const d = detect(text);
    assert.equal(d.encoding, 'unicode', text);
    assert.equal(d.text, text.normalize('NFC'));
    assert.equal(convert(text, 'auto'), text.normalize('NFC'));
  }
  const unikey = fixture('nd30-2020-dieu30-unikey.txt');
  assert.equal(detect(unikey).encoding, 'unicode');
  assert.equal(detect(unikey).text, unikey.normalize('NFC'));
});

test('"unicode" for English, French, German and mixed text', () => {
  const texts = [
    'Hello, how are you? I’m fine — thanks. The café opens at 9:00 € 5.',
    "I'm sure it's fine. Don't worry, we'll go. See you at 10 o'clock.",
    'Crème brûlée à la française, déjà vu, naïve façade, où est la gare ?',
    'Grüße aus München: Straße, Größe, Übung, Mädchen.',
    'Meeting notes: Sở Tài chính will send the báo cáo by Friday; please cc phòng Kế hoạch.',
    'Re: Thư mời họp — Meeting invitation (Cần Thơ, 12/6)',
    '© 2025 Sở KH&CN · Tel: 0292 · 30°C ± 2 · ½ · ¼ · “quoted” – dash…',
    'Price list: 5¥, 6¥, 7¥, 8¥, 9¥ and more ¥ signs¥',
  ];
  for (const t of texts) assert.equal(detect(t).encoding, 'unicode', t);
});

test('ASCII text without VIQR marks is "unicode" with full confidence', () => {
  for (const t of ['Cong hoa xa hoi chu nghia Viet Nam', 'Kinh gui: So Tai chinh.', 'Hello world', '']) {
    const d = detect(t);
    assert.equal(d.encoding, 'unicode');
    assert.equal(d.confidence, 1);
    assert.equal(d.text, t);
  }
});

test('VIQR is told apart from English with contractions and sentence punctuation', () => {
  const viqr = "Co^.ng ho`a xa~ ho^.i chu? nghi~a Vie^.t Nam. DDo^.c la^.p - Tu+. do - Ha.nh phu'c.";
  const d = detect(viqr);
  assert.equal(d.encoding, 'viqr');
  assert.equal(d.text, 'Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc.');
  assert.equal(detect("I'm here. Are you? It's 5 o'clock. We'd go to.").encoding, 'unicode');
});

test('confidence: grows with evidence, drops when two readings are close, stays high for clear Unicode', () => {
  const one = detect(encodeLegacyAsCp1252('Thông báo', 'tcvn3'));
  const three = detect(encodeLegacyAsCp1252('Thông báo kết quả tuyển dụng', 'tcvn3'));
  const many = detect(encodeLegacyAsCp1252(lines(ownSamples()).join(' '), 'tcvn3'));
  assert.equal(one.encoding, 'tcvn3');
  assert.ok(
    one.confidence < three.confidence && three.confidence < many.confidence,
    `${one.confidence} ${three.confidence} ${many.confidence}`,
  );
  assert.ok(one.confidence < 0.6);
  assert.ok(many.confidence > 0.95);
  for (const c of [one, three, many]) assert.ok(c.confidence >= 0 && c.confidence <= 1);
  // "Hoà" typed in VNI reads as valid Unicode too ("Hoà"): not converted, and Unicode is less than certain.
  const amb = detectDetail(encodeLegacyAsCp1252('Hồ', 'vni'));
  assert.equal(amb.encoding, 'unicode');
  assert.ok(amb.scores.unicode.score > 0);
  // Clear Unicode Vietnamese.
  assert.ok(detect(qd50()).confidence > 0.95);
});

test('raw bytes: UTF-8 is "unicode"; legacy bytes are detected; invalid UTF-8 that is not Vietnamese is low-confidence unicode', () => {
  const utf8 = new TextEncoder().encode(qd50());
  const u = detect(utf8);
  assert.equal(u.encoding, 'unicode');
  assert.equal(u.text, qd50());
  const latin1 = Uint8Array.from('Crème brûlée à la française', (c) => c.charCodeAt(0));
  const l = detect(latin1);
  assert.equal(l.encoding, 'unicode');
  assert.ok(l.confidence <= 0.2);
  const ascii = new TextEncoder().encode('Vie^.t Nam ddo^.c la^.p');
  assert.equal(detect(ascii).encoding, 'viqr');
  for (const enc of ['tcvn3', 'vni', 'viscii', 'cp1258'] as const) {
    assert.equal(detect(encodeLegacy('Ủy ban nhân dân thành phố Cần Thơ', enc)).encoding, enc);
  }
});

test('convert with an explicit encoding decodes without detecting', () => {
  assert.equal(convert('Th«ng b¸o', 'tcvn3'), 'Thông báo');
  assert.equal(convert('Thoâng baùo', 'vni'), 'Thông báo');
  assert.equal(convert(encodeLegacy('Thông báo', 'viscii'), 'viscii'), 'Thông báo');
  assert.equal(convert("Tho^ng ba'o", 'viqr'), 'Thông báo');
  assert.equal(convert(encodeLegacy('Thông báo', 'cp1258'), 'cp1258'), 'Thông báo');
});

test('looksLegacy flags legacy subjects and bodies, and not Unicode, English or ASCII', () => {
  for (const enc of ['tcvn3', 'vni', 'viscii'] as const) {
    assert.equal(looksLegacy(encodeLegacyAsCp1252('Thư mời họp giao ban tuần', enc)), true, enc);
    assert.equal(looksLegacy(encodeLegacyAsCp1252(qd50(), enc)), true, enc);
  }
  assert.equal(looksLegacy(encodeLegacyAsCp1252(ownSamples(), 'viqr')), true);
  assert.equal(looksLegacy(encodeLegacyAsCp1252(ownSamples(), 'cp1258')), true);
  for (const t of [
    qd50(),
    'Thư mời họp giao ban tuần',
    'Meeting agenda for Monday',
    'Crème brûlée, Grüße aus München',
    "I'm here, it's fine",
    '',
  ])
    assert.equal(looksLegacy(t), false, t);
});
