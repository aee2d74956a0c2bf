// NFC normalisation with a report, for everything the client reads or sends (QĐ 50/2009 Điều 7: Unicode TCVN 6909:2001,
// i.e. NFC "dựng sẵn"). NFC alone repairs UniKey's "Unicode tổ hợp" (precomposed â ê ô ơ ư ă + a combining tone, e.g.
// "kết" = k U+00EA U+0301 t, found in the NĐ 30/2020 text); what NFC cannot fix is reported, never guessed at, except
// one safe case: a single tone mark that ended up after the wrong letter of an otherwise toneless syllable ("Viêt\u0323",
// which NFC turns into "Viêṭ").

import { CONSONANTS, LETTERS, composeLetter, toneOfCombining } from './letters.ts';
import { parseSyllable } from './syllable.ts';

/** String.prototype.normalize('NFC'), named for readability at call sites. */
export function nfc(s: string): string {
  return s.normalize('NFC');
}

export interface Unrepairable {
  /** UTF-16 index of the stray mark(s) in the returned `text`. */
  index: number;
  /** Up to 12 characters either side, from the returned `text`. */
  snippet: string;
}

export interface NormalizeResult {
  /** NFC text, with the repairs below applied. */
  text: string;
  /** True when the output differs from the input (NFC changed something, or a mark was re-attached). */
  repaired: boolean;
  /** Combining marks left over: detached (after a space, punctuation or at the start) or not attachable. */
  unrepairable: Unrepairable[];
}

// Vietnamese tone and shape marks: the ones that must never survive NFC in Vietnamese text.
const VIETNAMESE_MARKS = /[\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031B]/u;
const WORD_WITH_MARKS = /\p{L}[\p{L}\p{M}]*/gu;

// NFC itself composes a tone mark with a consonant it follows when Unicode has such a letter ("t" + U+0323 → "ṭ",
// "n" + U+0300 → "ǹ"): these letters are not Vietnamese, and inside a Vietnamese word they are a stray tone.
const STRAY_COMPOSED = new Map<string, string>();
for (const c of CONSONANTS + CONSONANTS.toUpperCase()) {
  for (const mark of ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']) {
    const composed = (c + mark).normalize('NFC');
    if (composed.length === 1) STRAY_COMPOSED.set(composed, c + mark);
  }
}
const STRAY_CLASS = new RegExp(`[${[...STRAY_COMPOSED.keys()].join('')}]`, 'u');
const MARK_RUN = /\p{M}+/gu;

// A word (NFC) that still holds exactly one combining tone mark after a letter it could not compose with, e.g.
// "Viêt\u0323" (mark after the coda, as some PDF extractors emit it): move the tone to the letter that carries it.
function reattachTone(word: string): string | null {
  let tone = 0;
  let stripped = '';
  for (const ch of word) {
    const t = toneOfCombining(ch);
    if (t !== undefined) {
      if (tone !== 0) return null;
      tone = t;
    } else if (/\p{M}/u.test(ch)) {
      return null;
    } else {
      stripped += ch;
    }
  }
  if (tone === 0) return null;
  const syl = parseSyllable(stripped);
  if (syl === null || syl.tone !== 0) return null;
  const chars = [...stripped];
  // Choose the position nearest to where the mark was typed (after which letter), among the allowed ones.
  const markAt = [...word].findIndex((ch) => toneOfCombining(ch) !== undefined) - 1;
  const pos = syl.tonePositions.includes(markAt) ? markAt : (syl.tonePositions[syl.tonePositions.length - 1] ?? -1);
  const target = chars[pos];
  if (target === undefined) return null;
  const info = LETTERS.get(target);
  if (info === undefined) return null;
  chars[pos] = composeLetter(info.base, tone as 1 | 2 | 3 | 4 | 5, info.upper);
  const out = chars.join('');
  return parseSyllable(out) !== null ? out : null;
}

/**
 * NFC-normalise `text`, re-attach a stray tone mark inside a syllable, and report marks that cannot be repaired
 * (detached marks from PDF extraction: "Giao duc và Đao tao. ́ ̣ ̀ ̣").
 */
export function normalize(text: string): NormalizeResult {
  let out = text.normalize('NFC');
  if (VIETNAMESE_MARKS.test(out) || STRAY_CLASS.test(out)) {
    out = out.replace(WORD_WITH_MARKS, (word) => {
      if (!VIETNAMESE_MARKS.test(word) && !STRAY_CLASS.test(word)) return word;
      let split = '';
      for (const ch of word) split += STRAY_COMPOSED.get(ch) ?? ch;
      return reattachTone(split) ?? word;
    });
  }
  const unrepairable: Unrepairable[] = [];
  for (const m of out.matchAll(MARK_RUN)) {
    const index = m.index;
    const before = index > 0 ? out.slice(Math.max(0, index - 2), index) : '';
    const prev = [...before].pop() ?? '';
    const detached = prev === '' || !/\p{L}/u.test(prev);
    // After a letter, only Vietnamese marks on a Latin letter are anomalous (Cyrillic stress marks, Indic vowel signs
    // and the like legitimately stay combining after NFC).
    if (detached || (VIETNAMESE_MARKS.test(m[0]) && /\p{Script=Latin}/u.test(prev))) {
      unrepairable.push({ index, snippet: out.slice(Math.max(0, index - 12), index + m[0].length + 12) });
    }
  }
  return { text: out, repaired: out !== text, unrepairable };
}
