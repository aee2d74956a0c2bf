// Detect and convert legacy-encoded Vietnamese (TCVN3, VNI-Windows, VISCII, VIQR, Windows-1258).
//
// Method (encodings/README.md, "Heuristics" 4): decode the input with every candidate and score each result by the
// share of its words that are valid Vietnamese syllables (./syllable.ts). Only words the candidates can disagree on
// count: ASCII words decode the same in every 8-bit encoding, so they carry no evidence. Unicode is the default and
// is never converted: a legacy encoding wins only when its score is high and clearly above Unicode's.

import { LETTERS, isVowelLetter } from './letters.ts';
import { KEEP, decodeLegacy, decodeUnits, decodeViqr, textToUnits, type LegacyEncoding } from './legacy.ts';
import { parseSyllable } from './syllable.ts';
import { KNOWN_SYLLABLES } from './tables/lexicon.ts';

export type DetectedEncoding = 'unicode' | LegacyEncoding;

export interface DetectResult {
  encoding: DetectedEncoding;
  /** 0..1: how sure the answer is (see docs/text.md "Confidence"). */
  confidence: number;
  /** The text in Unicode (NFC): converted when legacy, the input itself (NFC) when Unicode. */
  text: string;
}

export interface DetectDetail extends DetectResult {
  /** Per candidate: share of valid syllables among the words that count, and how many words counted. */
  scores: Record<DetectedEncoding, { score: number; words: number }>;
}

// Priority among 8-bit candidates on a tie: how common each was in Vietnamese offices (TCVN3 in the state sector).
const BYTE_CANDIDATES: readonly LegacyEncoding[] = ['tcvn3', 'vni', 'viscii', 'cp1258'];

// Words are split on white space, ASCII punctuation, digits and general punctuation; Latin-1 symbols (µ · ¸ « …) stay
// inside words, where they make a mis-decoded word invalid.
const WORD_SPLIT = /[\s\x21-\x40\x5B-\x60\x7B-\x7E\u00A0\u2000-\u206F]+/u;
const NON_ASCII = /[\u0080-\uFFFF]/;
const HAS_LETTER = /\p{L}/u;
const CHUNK_SPLIT = /[\t\n\v\f\r ]+/;

/** Upper-case abbreviations such as HĐND, QĐ, ĐBSCL, the Đ of "Đ/c": neither evidence for nor against a candidate. */
function isAbbreviation(word: string): boolean {
  if (word.length > 8 || word !== word.toUpperCase()) return false;
  if (word.length === 1 && isVowelLetter(word)) return false; // "Ơ", "Ý" are words
  for (const ch of word) {
    const info = LETTERS.get(ch);
    if (info === undefined || info.tone !== 0) return false;
  }
  return true;
}

// Known syllables, keyed by toneless base + tone number so that tone placement (hòa/hoà) does not matter.
const KNOWN = new Set<string>();
for (const w of KNOWN_SYLLABLES.split(' ')) {
  const p = parseSyllable(w);
  if (p !== null) KNOWN.add(p.base + p.tone);
}

/** A word's evidence: 0 not a syllable, 0.6 a possible syllable, 1 a syllable seen in administrative text. */
function wordScore(word: string): number {
  let s = scoreCache.get(word);
  if (s === undefined) {
    const p = parseSyllable(word);
    s = p === null ? 0 : KNOWN.has(p.base + p.tone) ? 1 : 0.6;
    if (scoreCache.size >= 50000) scoreCache.clear();
    scoreCache.set(word, s);
  }
  return s;
}
const scoreCache = new Map<string, number>();

interface Tally {
  sum: number;
  words: number;
}

/** Adds the words of `decoded` that carry evidence (non-ASCII, not an abbreviation) to `t`. */
function tallyWords(decoded: string, t: Tally): void {
  for (const w of decoded.split(WORD_SPLIT)) {
    // Symbols standing alone ("·" as a bullet, "×", "°") are punctuation in any reading: no evidence.
    if (w === '' || !NON_ASCII.test(w) || !HAS_LETTER.test(w) || isAbbreviation(w)) continue;
    t.words++;
    t.sum += wordScore(w);
  }
}

function chunkScore(decoded: string): { score: number; words: number } {
  const t: Tally = { sum: 0, words: 0 };
  tallyWords(decoded, t);
  // A chunk with no word that counts (only punctuation, numbers, abbreviations) is fine in any reading.
  return { score: t.words === 0 ? 1 : t.sum / t.words, words: t.words };
}

const evidence = (words: number): number => 1 - Math.pow(0.5, words / 2);
const clamp01 = (x: number): number => Math.max(0, Math.min(1, x));
const round = (x: number): number => Math.round(x * 1000) / 1000;

const MAX_CHUNKS = 4000; // enough evidence; keeps detect() fast on long bodies
// A chunk (text between white space) longer than this, or with more ASCII punctuation inside it than a word with an
// abbreviation has, is a URL, base64, uuencode… and no evidence either way.
const MAX_CHUNK = 32;
const EDGE_PUNCT = /^[\x21-\x40\x5B-\x60\x7B-\x7E]+|[\x21-\x40\x5B-\x60\x7B-\x7E]+$/g;
const INNER_PUNCT = /[\x21-\x2F\x3A-\x40\x5B-\x60\x7B-\x7E]/g;
function wordLike(chunk: string): boolean {
  if (chunk.length > MAX_CHUNK) return false;
  const core = chunk.replace(EDGE_PUNCT, '');
  return (core.match(INNER_PUNCT)?.length ?? 0) <= 2;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// VIQR: only for 7-bit text.

const VIQR_HINT = /[aeiouyAEIOUY](?:[(^+*][`'?~.]?|[`'?~.])|(?:^|[^A-Za-z])[dD][dD][aeiouyAEIOUY]/;

interface ViqrScore {
  score: number;
  words: number;
  /** Share of the text's words that VIQR decoding changed. */
  share: number;
}

function scoreViqr(text: string): ViqrScore {
  const t: Tally = { sum: 0, words: 0 };
  let changed = 0;
  let lettered = 0;
  let seen = 0;
  for (const chunk of text.split(CHUNK_SPLIT)) {
    if (!/[A-Za-z]/.test(chunk)) continue;
    lettered++;
    if (!VIQR_HINT.test(chunk)) continue;
    if (++seen > MAX_CHUNKS) break;
    const d = decodeViqr(chunk);
    if (d === chunk) continue;
    changed++;
    tallyWords(d, t);
  }
  return { score: t.words === 0 ? 0 : t.sum / t.words, words: t.words, share: lettered === 0 ? 0 : changed / lettered };
}

// ---------------------------------------------------------------------------------------------------------------

function emptyScores(): DetectDetail['scores'] {
  return {
    unicode: { score: 0, words: 0 },
    tcvn3: { score: 0, words: 0 },
    vni: { score: 0, words: 0 },
    viscii: { score: 0, words: 0 },
    viqr: { score: 0, words: 0 },
    cp1258: { score: 0, words: 0 },
  };
}

/** detect() with the per-candidate scores, for diagnostics and tests. */
export function detectDetail(input: string | Uint8Array): DetectDetail {
  const scores = emptyScores();
  let unicodeText: string;
  const chunks: { units: number[]; unicode: string | null }[] = [];
  let utf8Ok = true;

  if (typeof input === 'string') {
    unicodeText = input.normalize('NFC');
    for (const c of input.split(CHUNK_SPLIT)) {
      if (!NON_ASCII.test(c) || !wordLike(c)) continue;
      chunks.push({ units: textToUnits(c), unicode: c.normalize('NFC') });
      if (chunks.length >= MAX_CHUNKS) break;
    }
  } else {
    utf8Ok = isValidUtf8(input);
    unicodeText = new TextDecoder('utf-8').decode(input).normalize('NFC');
    let start = 0;
    for (let i = 0; i <= input.length; i++) {
      const b = i < input.length ? (input[i] as number) : 0x20;
      if (b !== 0x20 && (b < 0x09 || b > 0x0d)) continue;
      if (i > start) {
        const slice = input.subarray(start, i);
        if (slice.length <= MAX_CHUNK && slice.some((x) => x >= 0x80) && wordLike(String.fromCharCode(...slice))) {
          const u = utf8Ok ? new TextDecoder('utf-8').decode(slice).normalize('NFC') : null;
          chunks.push({ units: Array.from(slice), unicode: u });
          if (chunks.length >= MAX_CHUNKS) break;
        }
      }
      start = i + 1;
    }
  }

  // 7-bit input: Unicode unless it reads as VIQR.
  if (chunks.length === 0) {
    const ascii = typeof input === 'string' ? input : unicodeText;
    if (VIQR_HINT.test(ascii)) {
      const v = scoreViqr(ascii);
      scores.viqr = { score: round(v.score), words: v.words };
      // VIQR text marks most of its words; English with a few "I'm" or "go." does not.
      if (v.words >= 1 && v.score >= 0.55 && v.share >= 0.25) {
        const confidence = clamp01(v.score * evidence(v.words) * Math.min(1, v.share / 0.5));
        return { encoding: 'viqr', confidence: round(confidence), text: decodeViqr(ascii), scores };
      }
      const confidence = 1 - clamp01(v.score * evidence(v.words) * Math.min(1, v.share / 0.5));
      return { encoding: 'unicode', confidence: round(confidence), text: unicodeText, scores };
    }
    return { encoding: 'unicode', confidence: 1, text: unicodeText, scores };
  }

  // Rank the 8-bit readings by their mean chunk score over all chunks that contain non-ASCII (then by word score,
  // then by BYTE_CANDIDATES order).
  const uni: Tally = { sum: 0, words: 0 };
  const legacy = BYTE_CANDIDATES.map(() => ({ sum: 0, words: 0, chunks: 0 }));
  const decoded: string[][] = [];
  for (const ch of chunks) {
    if (ch.unicode !== null) tallyWords(ch.unicode, uni);
    const row: string[] = [];
    BYTE_CANDIDATES.forEach((enc, k) => {
      const d = decodeUnits(ch.units, enc, { restoreCapitals: false });
      row.push(d);
      const l = legacy[k] as { sum: number; words: number; chunks: number };
      const c = chunkScore(d);
      l.chunks += c.score;
      tallyWords(d, l);
    });
    decoded.push(row);
  }
  scores.unicode = { score: round(uni.words === 0 ? 0 : uni.sum / uni.words), words: uni.words };
  let bestIndex = 0;
  let bestKey = -1;
  let sBest = 0;
  let sSecond = 0;
  BYTE_CANDIDATES.forEach((enc, k) => {
    const l = legacy[k] as { sum: number; words: number; chunks: number };
    const sc = l.chunks / chunks.length;
    scores[enc] = { score: round(sc), words: l.words };
    const key = sc + (l.words === 0 ? 0 : l.sum / l.words) * 1e-3;
    if (key > bestKey) {
      sSecond = Math.max(sSecond, sBest);
      sBest = sc;
      bestKey = key;
      bestIndex = k;
    } else {
      sSecond = Math.max(sSecond, sc);
    }
  });
  const best = BYTE_CANDIDATES[bestIndex] as LegacyEncoding;

  // Unicode against the best reading, only on the chunks where the two readings differ.
  let nDiff = 0;
  let sumL = 0;
  let sumU = 0;
  chunks.forEach((ch, k) => {
    const d = (decoded[k] as string[])[bestIndex] as string;
    if (ch.unicode !== null && d === ch.unicode) return;
    const l = chunkScore(d);
    const u = ch.unicode === null ? { score: 0, words: 1 } : chunkScore(ch.unicode);
    // A legacy reading with no word that counts (only abbreviations: "H§ND" → "HĐND") is evidence only when the
    // Unicode reading is plain garbage; otherwise ("Ã‚" → "Ă‚") it proves nothing.
    if (l.words === 0 && !(u.words > 0 && u.score === 0)) return;
    nDiff++;
    sumL += l.score;
    sumU += u.score;
  });
  const mL = nDiff === 0 ? 0 : sumL / nDiff;
  const mU = nDiff === 0 ? 1 : sumU / nDiff;
  const strength = clamp01((mL - mU) / 0.5) * evidence(nDiff);
  // Real Vietnamese uses many different letters: a long text whose only non-ASCII character is one symbol
  // (uuencode with "¥", a price list with "€") is not legacy text even if "M¥" reads as "MƠ".
  const distinct = new Set<number>();
  for (const ch of chunks) for (const u of ch.units) if (u >= 0x80) distinct.add(u);
  const diverse = distinct.size >= 2 || nDiff <= 3;
  if (nDiff >= 1 && diverse && mL >= 0.6 && mL - mU >= 0.25) {
    const ambiguity = 0.5 + 0.5 * clamp01((sBest - sSecond) / 0.2);
    const confidence = clamp01(mL * strength * ambiguity);
    const text = typeof input === 'string' ? decodeMixed(input, best) : decodeLegacy(input, best);
    return { encoding: best, confidence: round(confidence), text, scores };
  }
  const confidence = utf8Ok ? 1 - clamp01(mL * strength) * 0.9 : 0.2;
  return { encoding: 'unicode', confidence: round(confidence), text: unicodeText, scores };
}

/**
 * Decode legacy text that may have Unicode mixed in (a Unicode reply quoting a TCVN3 message, a "Re: Trả lời:" prefix).
 * A line holding a character Windows-1252 cannot produce (ả, ư, ơ, đ…) was typed in Unicode. In such a line a chunk
 * is converted when it is garbage as Unicode and better as legacy ("Th«ng"), and then, spreading from those, a
 * neighbouring chunk whose legacy reading is at least as good ("dông" next to "tuyÓn" is "dụng"). Every other line is
 * converted whole.
 */
function decodeMixed(input: string, enc: LegacyEncoding): string {
  const units: number[] = [];
  for (const line of input.split(/(?<=\n)/)) {
    const lineUnits = textToUnits(line);
    if (!lineUnits.some((x) => x >= 0x100)) {
      units.push(...lineUnits);
      continue;
    }
    const pieces = line.split(/(\s+)/).map((text) => {
      const u = textToUnits(text);
      const candidate = NON_ASCII.test(text) && !u.some((x) => x >= 0x100);
      const uni = candidate ? chunkScore(text.normalize('NFC')).score : 1;
      const leg = candidate ? chunkScore(decodeUnits(u, enc, { restoreCapitals: false })).score : 0;
      return { text, u, candidate, uni, leg, convert: candidate && uni < 0.5 && leg > uni };
    });
    // Spread to neighbours (over white space and ASCII-only chunks) until nothing changes.
    const words = pieces.filter((p) => NON_ASCII.test(p.text));
    for (let changed = true; changed;) {
      changed = false;
      words.forEach((p, k) => {
        if (p.convert || !p.candidate || p.leg < p.uni) return;
        if (words[k - 1]?.convert === true || words[k + 1]?.convert === true) {
          p.convert = true;
          changed = true;
        }
      });
    }
    for (const p of pieces) {
      if (p.convert) units.push(...p.u);
      else for (const ch of p.text) units.push(KEEP + (ch.codePointAt(0) as number));
    }
  }
  return decodeUnits(units, enc);
}

/**
 * Which encoding is `input` in? Strings are taken as they reached us (usually mis-decoded as Windows-1252), bytes as
 * raw bytes. Answers "unicode" for normal text (Vietnamese, English, mixed, ASCII without VIQR marks) and then returns
 * the text unchanged (NFC).
 */
export function detect(input: string | Uint8Array): DetectResult {
  const { encoding, confidence, text } = detectDetail(input);
  return { encoding, confidence, text };
}

/** Convert legacy text to Unicode. 'auto' detects first and leaves Unicode text as it is (NFC). */
export function convert(input: string | Uint8Array, from: 'auto' | LegacyEncoding): string {
  if (from === 'auto') return detect(input).text;
  return decodeLegacy(input, from);
}

// Characters that Windows-1252 shows for legacy bytes but that Vietnamese Unicode text does not use inside words:
// everything in U+0080–U+00FF and the cp1252 extras except the Latin-1 letters of the Vietnamese alphabet.
const VIET_LATIN1 = 'ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý';
const SUSPICIOUS = /[\u0080-\u00FF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC]/gu;
const LETTER_NEAR = /\p{L}/u;
const VIQR_STRONG = /[aeiouyAEIOUY](?:[(^+][`'?~.]?|[`'?~.])[a-zA-Z]/g;

/**
 * Cheap pre-check for incoming subjects and bodies: true when the text is likely legacy-encoded (the reader then
 * offers conversion). Text with no non-Vietnamese Latin-1 character inside a word and no VIQR marks returns false at
 * once; anything else is confirmed by detect() on the first 4,096 characters.
 */
export function looksLegacy(text: string): boolean {
  let candidate = false;
  // Fast scan: a suspicious character with a letter right before or after it.
  for (const m of text.matchAll(SUSPICIOUS)) {
    if (VIET_LATIN1.includes(m[0])) continue;
    if (LETTER_NEAR.test(text[m.index - 1] ?? '') || LETTER_NEAR.test(text[m.index + 1] ?? '')) {
      candidate = true;
      break;
    }
  }
  if (!candidate) {
    if (NON_ASCII.test(text)) return false;
    const hits = text.match(VIQR_STRONG);
    if (hits === null || hits.length < 2) return false;
  }
  const d = detect(text.length > 4096 ? text.slice(0, 4096) : text);
  return d.encoding !== 'unicode' && d.confidence >= 0.3;
}
