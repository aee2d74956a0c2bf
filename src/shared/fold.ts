// THE search and matching key for Vietnamese text. One function, used by search indexing, queries, directory matching
// and the UI highlighter; do not write a second copy anywhere.
//
//   fold(s) = lower( map đ/Đ → d ( drop Mn ( NFD( NFC(s) ) ) ) )
//
// NFD(NFC(s)) equals NFD(s) (canonical equivalence), so the NFC step costs nothing to skip. Dropping every
// non-spacing mark removes tones and shapes (ấ → a), so tone placement cannot matter: "hoà" and "hòa" both fold to
// "hoa", "thuỷ"/"thủy" to "thuy". đ/Đ have no decomposition in Unicode and are mapped explicitly
// (../shared/domain/encodings/README.md, "Diacritic-insensitive search"). Greek final sigma folds to σ so that a
// per-character fold (foldWithMap) and the whole-string fold always agree.
//
// Pure (no Node, no DOM), in src/shared so the renderer's highlighter uses this same fold; src/text/fold.ts re-exports it.

const NON_ASCII = /[\u0080-\uFFFF]/;
const MARKS_AND_D = /[\p{Mn}\u0110\u0111]/gu;
const FINAL_SIGMA = /\u03C2/g;

function foldSlow(text: string): string {
  let s = text
    .normalize('NFD')
    .replace(MARKS_AND_D, (c) => (c === '\u0110' || c === '\u0111' ? 'd' : ''))
    .toLowerCase();
  if (s.includes('\u03C2')) s = s.replace(FINAL_SIGMA, '\u03C3');
  return s;
}

// Per-character folds of non-ASCII characters, memoised: a flat table for U+0080–U+24FF (Latin, Vietnamese,
// Greek, Cyrillic, general punctuation…), a Map for the rest.
const TABLE_END = 0x2500;
const table: (string | undefined)[] = new Array<string | undefined>(TABLE_END);
const charCache = new Map<number, string>();
function foldCodePoint(cp: number): string {
  if (cp < TABLE_END) {
    let f = table[cp];
    if (f === undefined) table[cp] = f = foldSlow(String.fromCodePoint(cp));
    return f;
  }
  let f = charCache.get(cp);
  if (f === undefined) {
    f = foldSlow(String.fromCodePoint(cp));
    if (charCache.size < 20000) charCache.set(cp, f);
  }
  return f;
}

/** The search/matching key: no tones, no shapes, đ → d, lower case. `fold("Đà Nẵng") === "da nang"`. */
export function fold(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  let out = '';
  let runStart = 0;
  // Copy ASCII runs in one slice; fold other code points through the memo table.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (i > runStart) out += text.slice(runStart, i);
    let cp = c;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        i++;
      }
    }
    out += foldCodePoint(cp);
    runStart = i + 1;
  }
  if (runStart < text.length) out += text.slice(runStart);
  // Folded characters are already lower case, so lower-casing the whole result once is the same as per ASCII run.
  return out.toLowerCase();
}

/** Reference implementation of fold (whole-string normalize + regex); the tests check that both agree. */
export function foldReference(text: string): string {
  return foldSlow(text);
}

export interface FoldMap {
  folded: string;
  /** map[i] = UTF-16 index in the original string of the character that produced folded[i]. */
  map: number[];
}

/** fold(text) plus, for each folded UTF-16 unit, the index of the original character it came from. */
export function foldWithMap(text: string): FoldMap {
  let folded = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      folded += c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 32) : text[i];
      map.push(i);
      continue;
    }
    const cp = text.codePointAt(i) as number;
    const f = foldCodePoint(cp);
    for (let k = 0; k < f.length; k++) map.push(i);
    folded += f;
    if (cp > 0xffff) i++;
  }
  return { folded, map };
}

/**
 * Turn a [start, end) range of folded text into the range of original text to highlight. The end is extended over
 * characters that folded to nothing (combining marks after the last letter), so "hoa" found in "hoa\u0300" highlights
 * the mark too.
 */
export function originalRange(fm: FoldMap, start: number, end: number, originalLength: number): [number, number] {
  if (start >= end) {
    const at = start < fm.map.length ? (fm.map[start] as number) : originalLength;
    return [at, at];
  }
  const s = fm.map[start] as number;
  const last = fm.map[end - 1] as number;
  for (let k = end; k < fm.map.length; k++) {
    const o = fm.map[k] as number;
    if (o > last) return [s, o];
  }
  return [s, originalLength];
}

export interface Token {
  /** Folded token. */
  token: string;
  /** UTF-16 range in the original text. */
  start: number;
  end: number;
}

const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;

/** Folded word tokens with their original positions: split on anything that is not a letter or digit. */
export function tokenize(text: string): Token[] {
  const fm = foldWithMap(text);
  const out: Token[] = [];
  for (const m of fm.folded.matchAll(TOKEN)) {
    const [start, end] = originalRange(fm, m.index, m.index + m[0].length, text.length);
    out.push({ token: m[0], start, end });
  }
  return out;
}

const ASCII_TOKEN = /[a-z0-9]+/g;

/** Folded word tokens for the search index: "Số 12/UBND-VX" → ["so", "12", "ubnd", "vx"]. */
export function foldTokens(text: string): string[] {
  const f = fold(text);
  // Folded Vietnamese is ASCII: a plain regex is several times faster than the Unicode-aware one.
  return (NON_ASCII.test(f) ? f.match(TOKEN) : f.match(ASCII_TOKEN)) ?? [];
}
