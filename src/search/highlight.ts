// Where a result matched, as ranges of the text the user sees. Matching is done on folded text (the same fold and the
// same token rule as the index), and mapped back with foldWithMap/originalRange, so "thu moi" highlights "Thư mời"
// including its marks, and "hoà" highlights "hòa".
import type { TextRange } from '../api/types.ts';
import { highlightRanges } from '../shared/highlight.ts';
import { fold } from '../text/index.ts';
import type { TextClause } from './query.ts';

export { highlightRanges };

export const SNIPPET_CHARS = 200;
const SNIPPET_BEFORE = 60;
const WORD = String.raw`[\p{L}\p{N}\p{M}]`;

/**
 * Where the first match of any clause starts in `body`, or -1. A body is long and foldWithMap builds a map entry per
 * character, so the search runs on fold(body) (copying ASCII runs): NFC text folds one character to one, and then a
 * folded index is an original index. Only text where that does not hold takes the mapped path.
 */
function firstMatch(body: string, clauses: readonly TextClause[]): number {
  const folded = fold(body);
  if (folded.length !== body.length) return highlightRanges(body, clauses)[0]?.[0] ?? -1;
  let best = -1;
  for (const c of clauses) {
    const words = c.tokens.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(`${WORD.replace('[', '[^')}+`);
    const re = new RegExp(`(?<!${WORD})${words}${c.prefix ? '' : `(?!${WORD})`}`, 'u');
    const m = re.exec(folded);
    if (m && (best < 0 || m.index < best)) best = m.index;
  }
  return best;
}

/** A one-line extract of a body around its first match (or its beginning), with the matches in it. */
export function snippet(body: string, clauses: readonly TextClause[]): { text: string; ranges: TextRange[] } {
  const first = firstMatch(body, clauses);
  let start = 0;
  if (first > SNIPPET_BEFORE) {
    start = first - SNIPPET_BEFORE;
    // Start on a word boundary.
    const space = body.slice(start, first).search(/\s/);
    if (space >= 0) start += space + 1;
  }
  const extract = body
    .slice(start, start + SNIPPET_CHARS)
    .replace(/\s+/g, ' ')
    .trim();
  const text = start > 0 ? `…${extract}` : extract;
  return { text, ranges: highlightRanges(text, clauses) };
}
