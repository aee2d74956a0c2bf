// Codecs for the pre-Unicode Vietnamese encodings, both ways, from raw bytes and from text that was mis-decoded as
// Windows-1252 (how legacy text usually reaches a mail client: "Céng hoµ x· héi chñ nghÜa ViÖt Nam").
// The character tables are in ./tables/, each with its SOURCE. Decoders always return NFC.

import { BASE_VOWELS, LETTERS, composeLetter, type Tone } from './letters.ts';
import { CP1252_80_9F } from './tables/cp1252.ts';
import { CP1258_80_FF } from './tables/cp1258.ts';
import { TCVN3_A0_FF, VN1_EXTRA_A0_FF } from './tables/tcvn3.ts';
import { VIQR_MARK_CHARS, VIQR_SHAPES, VIQR_TONES } from './tables/viqr.ts';
import { VISCII_80_FF, VISCII_C0 } from './tables/viscii.ts';
import {
  VNI_BREVE,
  VNI_CIRCUMFLEX,
  VNI_D_BAR,
  VNI_I,
  VNI_O_HORN,
  VNI_TONE,
  VNI_U_HORN,
  VNI_Y_DOT,
} from './tables/vni.ts';
import { parseSyllable } from './syllable.ts';

export type LegacyEncoding = 'tcvn3' | 'vni' | 'viscii' | 'viqr' | 'cp1258';
export const LEGACY_ENCODINGS: readonly LegacyEncoding[] = ['tcvn3', 'vni', 'viscii', 'viqr', 'cp1258'];

// ---------------------------------------------------------------------------------------------------------------
// Windows-1252 both ways. A "unit" is a byte (0–255) or, for text input, a code point ≥ 256 that Windows-1252 cannot
// have produced (real Unicode mixed into the text): such code points pass through every decoder unchanged.

const CP1252_REVERSE = new Map<number, number>();
for (let i = 0; i < 32; i++) CP1252_REVERSE.set(CP1252_80_9F.charCodeAt(i), 0x80 + i);

/** Bytes → text as Windows-1252 reads them (undefined bytes → C1 controls, as WHATWG/TextDecoder do). */
export function cp1252Decode(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b >= 0x80 && b < 0xa0 ? CP1252_80_9F[b - 0x80] : String.fromCharCode(b);
  return s;
}

/** Text → units: characters Windows-1252 (or Latin-1) can produce become their byte; anything else passes through. */
export function textToUnits(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x100) out.push(cp);
    else out.push(CP1252_REVERSE.get(cp) ?? cp);
  }
  return out;
}

/**
 * A unit at or above KEEP is a character the caller wants kept as it is, whatever it is (detect() uses this for the
 * Unicode words of mixed text, such as a Unicode reply quoting TCVN3). Every decoder passes it through unchanged.
 */
export const KEEP = 0x200000;

function unitChar(u: number): string {
  return String.fromCodePoint(u >= KEEP ? u - KEEP : u);
}

// ---------------------------------------------------------------------------------------------------------------
// Single-byte tables as 256-entry arrays.

function buildTable(fill: (b: number) => string): string[] {
  const t: string[] = [];
  for (let b = 0; b < 256; b++) t.push(fill(b));
  return t;
}
const cp1252Char = (b: number): string =>
  b >= 0x80 && b < 0xa0 ? (CP1252_80_9F[b - 0x80] as string) : String.fromCharCode(b);

const VN1_EXTRA = new Map(VN1_EXTRA_A0_FF);
const TCVN3_DECODE = buildTable((b) => {
  if (b < 0xa0) return cp1252Char(b);
  const c = TCVN3_A0_FF[b - 0xa0] as string;
  return c !== '\u0000' ? c : (VN1_EXTRA.get(b) ?? cp1252Char(b));
});
const VISCII_C0_MAP = new Map(VISCII_C0);
const VISCII_DECODE = buildTable((b) =>
  b >= 0x80 ? (VISCII_80_FF[b - 0x80] as string) : (VISCII_C0_MAP.get(b) ?? String.fromCharCode(b)),
);
const CP1258_DECODE = buildTable((b) => {
  if (b < 0x80) return String.fromCharCode(b);
  const c = CP1258_80_FF[b - 0x80] as string;
  return c !== '\u0000' ? c : String.fromCharCode(b);
});

/** For each decoded TCVN3 letter: true when its byte also stands for the capital (the VN3 capital limit). */
const TCVN3_CASE_AMBIGUOUS = buildTable((b) => {
  if (b < 0xa0) return '';
  const c = TCVN3_A0_FF[b - 0xa0] as string;
  const info = LETTERS.get(c);
  return info !== undefined && info.tone !== 0 ? '1' : '';
});

function reverse(table: string[], from = 0): Map<string, number> {
  const m = new Map<string, number>();
  for (let b = from; b < 256; b++) {
    const c = table[b] as string;
    if (!m.has(c)) m.set(c, b);
  }
  return m;
}

// ---------------------------------------------------------------------------------------------------------------
// TCVN3

/** Decoded text plus, per UTF-16 index of the output, whether the letter's case is unknown (VN3 capital limit). */
function decodeTcvn3Raw(units: number[]): { text: string; ambiguous: boolean[] } {
  let text = '';
  const ambiguous: boolean[] = [];
  for (const u of units) {
    const c = u < 0x100 ? (TCVN3_DECODE[u] as string) : unitChar(u);
    text += c;
    const amb = u < 0x100 && TCVN3_CASE_AMBIGUOUS[u] === '1';
    for (let k = 0; k < c.length; k++) ambiguous.push(amb);
  }
  return { text, ambiguous };
}

/**
 * Put back the capitals VN3 could not encode, where the evidence is plain. A word is in capitals when none of its
 * letters is a lower-case letter TCVN3 could have written as a capital, and it has a capital TCVN3 could express after
 * its first letter or two such capitals ("CéNG" → CỘNG, "ñY" → ỦY; "Sè" stays "Số", it is title case). A line with no
 * such lower-case letter and at least one word in capitals is all capitals ("X·" in "CéNG HOµ X· HéI" → XÃ).
 * Elsewhere the ambiguous letters stay lower case: "ñy ban" → "ủy ban".
 */
export function restoreTcvn3Capitals(text: string, ambiguous: boolean[]): string {
  const chars = text.split('');
  const isUpper = (c: string): boolean => c !== c.toLowerCase() && c === c.toUpperCase();
  const isLower = (c: string): boolean => c !== c.toUpperCase() && c === c.toLowerCase();
  const isLetter = (c: string): boolean => /[\p{L}\p{M}]/u.test(c);
  const upcase = (from: number, to: number): void => {
    for (let i = from; i < to; i++) if (ambiguous[i]) chars[i] = (chars[i] as string).toUpperCase();
  };
  let lineStart = 0;
  for (let i = 0; i <= chars.length; i++) {
    if (i < chars.length && chars[i] !== '\n') continue;
    let lineLower = false;
    let lineCaps = false;
    const capsWords: [number, number][] = [];
    let ws = lineStart;
    for (let k = lineStart; k <= i; k++) {
      if (k < i && isLetter(chars[k] as string)) continue;
      let upper = 0;
      let upperInside = false;
      let lower = 0;
      let amb = 0;
      for (let j = ws; j < k; j++) {
        const c = chars[j] as string;
        if (ambiguous[j]) amb++;
        else if (isUpper(c)) {
          upper++;
          if (j > ws) upperInside = true;
        } else if (isLower(c)) lower++;
      }
      if (lower > 0) lineLower = true;
      if (amb > 0 && lower === 0 && (upperInside || upper >= 2)) {
        capsWords.push([ws, k]);
        lineCaps = true;
      }
      ws = k + 1;
    }
    if (lineCaps && !lineLower) upcase(lineStart, i);
    else for (const [a, b] of capsWords) upcase(a, b);
    lineStart = i + 1;
  }
  return chars.join('');
}

function decodeTcvn3(units: number[], restoreCapitals = true): string {
  const { text, ambiguous } = decodeTcvn3Raw(units);
  return (restoreCapitals ? restoreTcvn3Capitals(text, ambiguous) : text).normalize('NFC');
}

const TCVN3_ENCODE = reverse(TCVN3_DECODE, 0xa0);
for (let b = 0; b < 0xa0; b++) TCVN3_ENCODE.set(TCVN3_DECODE[b] as string, b);
// VN1-only characters (capitals, combining marks) are not produced: VN3 is what .VnTime fonts display.
for (const [, c] of VN1_EXTRA_A0_FF) TCVN3_ENCODE.delete(c);

function encodeTcvn3Char(ch: string): number[] | null {
  const b = TCVN3_ENCODE.get(ch);
  if (b !== undefined) return [b];
  // The capital limit: a toned capital has no code; use the lower-case letter's.
  const info = LETTERS.get(ch);
  if (info !== undefined && info.upper && info.tone !== 0) {
    const lb = TCVN3_ENCODE.get(ch.toLowerCase());
    if (lb !== undefined) return [lb];
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// VISCII and CP1258

const VISCII_ENCODE = reverse(VISCII_DECODE);
function encodeVisciiChar(ch: string): number[] | null {
  const b = VISCII_ENCODE.get(ch);
  return b === undefined ? null : [b];
}

const CP1258_ENCODE = reverse(CP1258_DECODE);
function encodeCp1258Char(ch: string): number[] | null {
  const b = CP1258_ENCODE.get(ch);
  if (b !== undefined) return [b];
  // A toned letter without its own code: base letter + combining tone (Windows-1258 is built that way).
  const info = LETTERS.get(ch);
  if (info === undefined || info.tone === 0) return null;
  const base = CP1258_ENCODE.get(composeLetter(info.base, 0, info.upper));
  const mark = CP1258_ENCODE.get(['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'][info.tone] as string);
  return base === undefined || mark === undefined ? null : [base, mark];
}

function decodeTable(table: string[], units: number[]): string {
  let s = '';
  for (const u of units) s += u < 0x100 ? table[u] : unitChar(u);
  return s.normalize('NFC');
}

// ---------------------------------------------------------------------------------------------------------------
// VNI-Windows

const byte = (s: string): number => s.charCodeAt(0);
const VNI_BASES = new Map<number, string>(); // base byte → lower-case base letter (ơ ư included)
for (const c of 'aeouy') VNI_BASES.set(byte(c), c);
VNI_BASES.set(byte(VNI_O_HORN), 'ơ');
VNI_BASES.set(byte(VNI_U_HORN), 'ư');
// mark byte (lower case) → [shape, tone]; shape '' | '^' | '('
const VNI_MARKS = new Map<number, readonly [string, Tone]>();
VNI_TONE.forEach((m, t) => m !== '' && VNI_MARKS.set(byte(m), ['', t as Tone]));
VNI_CIRCUMFLEX.forEach((m, t) => VNI_MARKS.set(byte(m), ['^', t as Tone]));
VNI_BREVE.forEach((m, t) => VNI_MARKS.set(byte(m), ['(', t as Tone]));
const VNI_SINGLE = new Map<number, string>(); // single-byte letters (lower case)
VNI_I.forEach((m, t) => t > 0 && VNI_SINGLE.set(byte(m), composeLetter('i', t as Tone)));
VNI_SINGLE.set(byte(VNI_D_BAR), 'đ');
VNI_SINGLE.set(byte(VNI_Y_DOT), 'ỵ');

/** Base letter + the shape a mark byte carries (circumflex for a e o, breve for a only), or null if impossible. */
function vniShaped(base: string, shape: string): string | null {
  if (shape === '') return base;
  if (shape === '^') return base === 'a' ? 'â' : base === 'e' ? 'ê' : base === 'o' ? 'ô' : null;
  return base === 'a' ? 'ă' : null;
}

const isUpperByte = (u: number): boolean => (u >= 0x41 && u <= 0x5a) || (u >= 0xc0 && u <= 0xde);

function decodeVni(units: number[]): string {
  let s = '';
  for (let i = 0; i < units.length; i++) {
    const u = units[i] as number;
    if (u >= 0x100) {
      s += unitChar(u);
      continue;
    }
    const upper = isUpperByte(u);
    const lowerByte = u >= 0xc0 && u <= 0xde ? u + 0x20 : u >= 0x41 && u <= 0x5a ? u + 0x20 : u;
    const base = VNI_BASES.get(lowerByte);
    if (base !== undefined) {
      const next = units[i + 1];
      if (next !== undefined && next < 0x100) {
        const nl = next >= 0xc0 && next <= 0xde ? next + 0x20 : next;
        const mark = VNI_MARKS.get(nl);
        if (mark !== undefined) {
          const shaped = vniShaped(base, mark[0]);
          if (shaped !== null) {
            s += composeLetter(shaped, mark[1], upper);
            i++;
            continue;
          }
        }
      }
      s += composeLetter(base, 0, upper);
      continue;
    }
    const single = VNI_SINGLE.get(lowerByte);
    if (single !== undefined && u >= 0x80) {
      s += upper ? single.toUpperCase() : single;
      continue;
    }
    s += cp1252Char(u);
  }
  return s.normalize('NFC');
}

function encodeVniChar(ch: string): number[] | null {
  const info = LETTERS.get(ch);
  if (info === undefined) {
    // Not a Vietnamese letter: ASCII and the Windows-1252 symbols (0x80–0xBF), which VNI fonts keep.
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80 || (cp >= 0xa0 && cp < 0xc0)) return [cp];
    const b = CP1252_REVERSE.get(cp);
    return b === undefined ? null : [b];
  }
  const { base, tone: t, upper } = info;
  const mark = (s: string): number => (upper ? byte(s) - 0x20 : byte(s)); // upper-case mark byte = byte − 0x20
  const ascii = (c: string): number => byte(upper ? c.toUpperCase() : c);
  switch (base) {
    case 'đ':
      return [mark(VNI_D_BAR)];
    case 'i':
      return t === 0 ? [ascii('i')] : [mark(VNI_I[t])];
    case 'y':
      if (t === 5) return [mark(VNI_Y_DOT)];
      return t === 0 ? [ascii('y')] : [ascii('y'), mark(VNI_TONE[t])];
    case 'ơ':
    case 'ư': {
      const letter = mark(base === 'ơ' ? VNI_O_HORN : VNI_U_HORN);
      return t === 0 ? [letter] : [letter, mark(VNI_TONE[t])];
    }
    case 'ă':
      return [ascii('a'), mark(VNI_BREVE[t])];
    case 'â':
      return [ascii('a'), mark(VNI_CIRCUMFLEX[t])];
    case 'ê':
      return [ascii('e'), mark(VNI_CIRCUMFLEX[t])];
    case 'ô':
      return [ascii('o'), mark(VNI_CIRCUMFLEX[t])];
    default:
      // a e o u and the consonants
      return t === 0 ? [ascii(base)] : [ascii(base), mark(VNI_TONE[t])];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// VIQR

const isAsciiLetter = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z]$/.test(c);
const isAsciiVowel = (c: string | undefined): boolean => c !== undefined && 'aeiouyAEIOUY'.includes(c);

/**
 * VIQR → Unicode. A mark character after a vowel is a mark when it can combine (RFC 1456); "\" keeps it literal.
 * Lenient rules for real, unescaped text (our own; documented in docs/text.md): at the end of a word a tone mark is
 * read as punctuation when the word already has a tone, when the tone would sit on a letter that cannot carry it
 * ("sao?" is not "saỏ"), or — for "." and "?" after a vowel without a shape mark — when it ends the line or the text
 * ("ra." is a full stop there, "tu+?" is still "tử").
 */
export function decodeViqr(text: string): string {
  let out = '';
  let wordStart = 0; // index in out where the current word starts
  let wordHasTone = false;
  let i = 0;
  const n = text.length;
  const endWord = (): void => {
    wordStart = out.length;
    wordHasTone = false;
  };
  while (i < n) {
    const c = text[i] as string;
    if (c === '\\' && i + 1 < n && (VIQR_MARK_CHARS + 'dD\\').includes(text[i + 1] as string)) {
      out += text[i + 1];
      i += 2;
      if (!isAsciiLetter(text[i - 1])) endWord();
      continue;
    }
    // dd/DD/Dd is đ/Đ at the start of a word; inside a word "DD" is Đ too (HDDND = HĐND, TTgDD = TTgĐ).
    if (
      (c === 'd' || c === 'D') &&
      (text[i + 1] === 'd' || text[i + 1] === 'D') &&
      (out.length === wordStart || (c === 'D' && text[i + 1] === 'D'))
    ) {
      out += c === 'D' ? 'Đ' : 'đ';
      i += 2;
      continue;
    }
    if (!isAsciiVowel(c)) {
      out += c;
      i++;
      if (!isAsciiLetter(c)) endWord();
      continue;
    }
    // A vowel, maybe followed by a shape mark and a tone mark.
    const upper = c !== c.toLowerCase();
    let base = c.toLowerCase();
    let j = i + 1;
    const shaped = VIQR_SHAPES.get(base + (text[j] ?? ''));
    let shapeAt = -1;
    if (shaped !== undefined) {
      shapeAt = j;
      base = shaped;
      j++;
    }
    let tone: Tone = 0;
    let toneAt = -1;
    const tm = VIQR_TONES.get(text[j] ?? '');
    if (tm !== undefined && !wordHasTone) {
      tone = tm;
      toneAt = j;
      j++;
    }
    // Word-final marks are checked against the whole word.
    if (!isAsciiLetter(text[j])) {
      const prefix = out.slice(wordStart);
      const accept = (b: string, t: Tone): boolean => parseSyllable(prefix + composeLetter(b, t, upper)) !== null;
      if (toneAt >= 0) {
        const m = text[toneAt];
        const lineEnd = /^[ \t]*(\r?\n|$)/.test(text.slice(j));
        // "ra." at the end of a line is a full stop; "tu+?" (a shape mark typed too) is "tử".
        const stop = (m === '.' || m === '?') && lineEnd && shapeAt < 0;
        if (!accept(base, tone) || stop) {
          tone = 0;
          j = toneAt;
        }
      }
      if (tone === 0 && shapeAt >= 0 && !accept(base, 0) && !isAsciiLetter(text[shapeAt + 1])) {
        base = c.toLowerCase();
        j = shapeAt;
      }
    }
    if (tone !== 0) wordHasTone = true;
    out += composeLetter(base, tone, upper);
    i = j;
  }
  return out.normalize('NFC');
}

const VIQR_SHAPE_OF = new Map<string, string>([
  ['ă', 'a('],
  ['â', 'a^'],
  ['ê', 'e^'],
  ['ô', 'o^'],
  ['ơ', 'o+'],
  ['ư', 'u+'],
]);
const VIQR_TONE_OF = ['', '`', "'", '?', '~', '.'];

/**
 * Unicode → VIQR (7-bit). Literal mark characters after a vowel get a backslash, and so does a literal d/D before
 * another d/D/đ/Đ. Limit: đ inside a word after a lower-case letter ("Qđ") has no VIQR spelling the decoder reads back
 * (only "DD" is read as Đ inside a word).
 */
export function encodeViqr(text: string, fallback = '?'): string {
  let out = '';
  const chars = [...text.normalize('NFC')];
  let afterVowel = false; // the last thing written was a vowel, so a mark character would attach to it
  for (let k = 0; k < chars.length; k++) {
    const ch = chars[k] as string;
    const info = LETTERS.get(ch);
    const wasAfterVowel = afterVowel;
    afterVowel = false;
    if (info !== undefined && info.base === 'đ') {
      out += info.upper ? 'DD' : 'dd';
    } else if (info !== undefined && BASE_VOWELS.includes(info.base)) {
      let s = VIQR_SHAPE_OF.get(info.base) ?? info.base;
      if (info.upper) s = (s[0] as string).toUpperCase() + s.slice(1);
      out += s + VIQR_TONE_OF[info.tone];
      afterVowel = true;
    } else if (info !== undefined) {
      // A literal d/D right before another d/D/đ/Đ could pair with it into đ/Đ: keep it literal.
      const escape = (ch === 'd' || ch === 'D') && 'dDđĐ'.includes(chars[k + 1] ?? '-');
      out += (escape ? '\\' : '') + ch;
    } else if (VIQR_MARK_CHARS.includes(ch) && wasAfterVowel) {
      out += '\\' + ch;
    } else if (ch === '\\' && (VIQR_MARK_CHARS + 'dD\\').includes(chars[k + 1] ?? '')) {
      out += '\\\\';
    } else if (ch.charCodeAt(0) < 0x80) {
      out += ch;
    } else {
      out += asciiFallback(ch, fallback);
      afterVowel = /[aeiouyAEIOUY]$/.test(out);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Fallbacks for characters an encoding lacks.

const TYPOGRAPHIC: ReadonlyMap<string, string> = new Map([
  ['\u201C', '"'],
  ['\u201D', '"'],
  ['\u201E', '"'],
  ['\u2018', "'"],
  ['\u2019', "'"],
  ['\u201A', "'"],
  ['\u2013', '-'],
  ['\u2014', '-'],
  ['\u2026', '...'],
  ['\u00A0', ' '],
]);

function asciiFallback(ch: string, fallback: string): string {
  const t = TYPOGRAPHIC.get(ch);
  if (t !== undefined) return t;
  const stripped = ch.normalize('NFD').replace(/\p{Mn}/gu, '');
  return /^[\x20-\x7E]+$/.test(stripped) ? stripped : fallback;
}

// ---------------------------------------------------------------------------------------------------------------
// Public codec API

export interface EncodeOptions {
  /** Replacement for a character the encoding cannot hold, after trying an ASCII look-alike. Default "?". */
  fallback?: string;
}

/** Unicode → legacy bytes. Unmappable characters become an ASCII look-alike (“ → ", – → -) or `fallback`. */
export function encodeLegacy(text: string, encoding: LegacyEncoding, options: EncodeOptions = {}): Uint8Array {
  const fallback = options.fallback ?? '?';
  if (encoding === 'viqr') return Uint8Array.from(encodeViqr(text, fallback), (c) => c.charCodeAt(0));
  const one =
    encoding === 'tcvn3'
      ? encodeTcvn3Char
      : encoding === 'vni'
        ? encodeVniChar
        : encoding === 'viscii'
          ? encodeVisciiChar
          : encodeCp1258Char;
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0) as number;
    // ASCII is ASCII in all of them, except VISCII's six C0 positions, which plain text never uses.
    const bytes = cp < 0x80 ? [cp] : one(ch);
    if (bytes !== null) {
      out.push(...bytes);
      continue;
    }
    for (const c of asciiFallback(ch, fallback)) out.push(c.charCodeAt(0) & 0x7f);
  }
  return Uint8Array.from(out);
}

/** Unicode → what the legacy bytes look like when read as Windows-1252 (VIQR: the ASCII text itself). */
export function encodeLegacyAsCp1252(text: string, encoding: LegacyEncoding, options: EncodeOptions = {}): string {
  return cp1252Decode(encodeLegacy(text, encoding, options));
}

export interface DecodeOptions {
  /** TCVN3 only: restore capitals where a word or line is evidently all capitals (default true). */
  restoreCapitals?: boolean;
}

/** Decode units (bytes, or a mis-decoded string turned into units) from one legacy encoding. */
export function decodeUnits(units: number[], encoding: LegacyEncoding, options: DecodeOptions = {}): string {
  switch (encoding) {
    case 'tcvn3':
      return decodeTcvn3(units, options.restoreCapitals ?? true);
    case 'vni':
      return decodeVni(units);
    case 'viscii':
      return decodeTable(VISCII_DECODE, units);
    case 'cp1258':
      return decodeTable(CP1258_DECODE, units);
    case 'viqr':
      return decodeViqr(unitsToText(units));
  }
}

function unitsToText(units: number[]): string {
  let s = '';
  for (const u of units) s += u < 0x100 ? cp1252Char(u) : unitChar(u);
  return s;
}

/** Legacy bytes or mis-decoded text → Unicode (NFC), for a known encoding. */
export function decodeLegacy(
  input: string | Uint8Array,
  encoding: LegacyEncoding,
  options: DecodeOptions = {},
): string {
  if (encoding === 'viqr') return decodeViqr(typeof input === 'string' ? input : cp1252Decode(input));
  const units = typeof input === 'string' ? textToUnits(input) : Array.from(input);
  return decodeUnits(units, encoding, options);
}
