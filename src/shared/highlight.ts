// Where search terms occur in a text, as ranges of the text the user sees: the ONE matcher used by the engine (search
// results: subject, sender, snippet) and by the reader (subject and body of the opened message). Matching is done on
// folded text (src/shared/fold.ts, the same fold and token rule as the index) and mapped back to the original, so
// "thu moi" highlights "Thư mời" including its marks, and "hoà" highlights "hòa". Pure: no Node, no DOM.
import { foldWithMap, originalRange } from './fold.ts';

/** [start, end) in UTF-16 units of the original text. */
export type Range = [number, number];

/** A term of a query: folded tokens (several: a phrase, adjacent and in order); the last one may be a prefix. */
export interface HighlightTerm {
  tokens: readonly string[];
  prefix: boolean;
}

// The token rule of foldTokens: letters, digits and marks.
const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;

/** Ranges of `text` matched by any of the terms, sorted and merged. */
export function highlightRanges(text: string, terms: readonly HighlightTerm[]): Range[] {
  if (!text || terms.length === 0) return [];
  const fm = foldWithMap(text);
  const toks = [...fm.folded.matchAll(TOKEN)].map((m) => ({ t: m[0], s: m.index, e: m.index + m[0].length }));
  const found: Range[] = [];
  for (const c of terms) {
    const k = c.tokens.length;
    if (k === 0) continue;
    for (let i = 0; i + k <= toks.length; i++) {
      let ok = true;
      for (let j = 0; j < k && ok; j++) {
        const tok = (toks[i + j] as { t: string }).t;
        const want = c.tokens[j] as string;
        ok = c.prefix && j === k - 1 ? tok.startsWith(want) : tok === want;
      }
      if (!ok) continue;
      const first = toks[i] as { s: number };
      const last = toks[i + k - 1] as { s: number; e: number };
      const end = c.prefix ? last.s + (c.tokens[k - 1] as string).length : last.e;
      found.push(originalRange(fm, first.s, end, text.length));
    }
  }
  return merge(found);
}

function merge(ranges: Range[]): Range[] {
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Range[] = [];
  for (const r of ranges) {
    const prev = out[out.length - 1];
    if (prev && r[0] <= prev[1]) prev[1] = Math.max(prev[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/**
 * The ranges of several consecutive pieces of text (the text nodes of a document, in order) as [piece, start, end]:
 * matched on the pieces joined, so a term split across inline nodes ("Thư <b>mời</b>") is still found, then cut per
 * piece. `breakBefore[i]`: a block boundary (paragraph, cell, line break) lies before piece i, so words either side
 * stay apart.
 */
export function highlightPieces(
  pieces: readonly string[],
  terms: readonly HighlightTerm[],
  breakBefore: readonly boolean[] = [],
): [number, number, number][] {
  const starts: number[] = [];
  let joined = '';
  for (let i = 0; i < pieces.length; i++) {
    if (breakBefore[i]) joined += '\n';
    starts.push(joined.length);
    joined += pieces[i] as string;
  }
  const out: [number, number, number][] = [];
  for (const [s, e] of highlightRanges(joined, terms)) {
    for (let i = 0; i < pieces.length; i++) {
      const ps = starts[i] as number;
      const pe = ps + (pieces[i] as string).length;
      if (pe <= s || ps >= e) continue;
      out.push([i, Math.max(s, ps) - ps, Math.min(e, pe) - ps]);
    }
  }
  return out;
}
