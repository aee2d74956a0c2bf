// Search terms marked in the mail document (the reader's script-free iframe): done from the app's side by wrapping
// text nodes in <mark> elements, so nothing runs inside the mail document (docs/reader.md). The ranges come from the
// ONE matcher (src/shared/highlight.ts) over the document's text nodes in order; a term split across inline elements
// ("Thư <b>mời</b>") is found, and block boundaries keep words apart.
import type { SearchTerm } from '../../../src/api/types.ts';
import { highlightPieces } from '../../../src/shared/highlight.ts';
import { visibleTextNodes } from '../reader/legacyDom.ts';

const INLINE = new Set([
  'A',
  'ABBR',
  'B',
  'BDI',
  'BDO',
  'CITE',
  'CODE',
  'DATA',
  'DFN',
  'EM',
  'FONT',
  'I',
  'KBD',
  'MARK',
  'Q',
  'S',
  'SAMP',
  'SMALL',
  'SPAN',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'U',
  'VAR',
]);

/** True when a block boundary (or a <br>) lies between two text nodes in document order. */
function blockBetween(a: Text, b: Text): boolean {
  // Walk up from b until reaching an ancestor that also contains a; any non-inline element on the way is a boundary.
  for (let el = b.parentElement; el && !el.contains(a); el = el.parentElement) if (!INLINE.has(el.tagName)) return true;
  for (let el = a.parentElement; el && !el.contains(b); el = el.parentElement) if (!INLINE.has(el.tagName)) return true;
  // A <br> between them in the same inline run.
  const range = a.ownerDocument.createRange();
  range.setStartAfter(a);
  range.setEndBefore(b);
  return range.cloneContents().querySelector('br') !== null;
}

/** Wraps the matches in <mark>; returns how many marks were made. Earlier marks are removed first. */
export function markDocument(doc: Document, terms: readonly SearchTerm[]): number {
  unmarkDocument(doc);
  if (terms.length === 0) return 0;
  const nodes = visibleTextNodes(doc);
  const pieces = nodes.map((n) => n.nodeValue ?? '');
  const breaks = nodes.map((n, i) => i > 0 && blockBetween(nodes[i - 1] as Text, n));
  const hits = highlightPieces(pieces, terms, breaks);
  // Back to front, so the offsets of earlier hits in the same node stay valid while splitting.
  for (let k = hits.length - 1; k >= 0; k--) {
    const [i, start, end] = hits[k] as [number, number, number];
    const node = nodes[i] as Text;
    const match = node.splitText(start);
    match.splitText(end - start);
    const mark = doc.createElement('mark');
    mark.setAttribute('data-tcv-search', '');
    match.replaceWith(mark);
    mark.append(match);
  }
  return hits.length;
}

export function unmarkDocument(doc: Document): void {
  for (const mark of [...doc.querySelectorAll('mark[data-tcv-search]')]) {
    const parent = mark.parentNode;
    mark.replaceWith(...mark.childNodes);
    parent?.normalize();
  }
}
