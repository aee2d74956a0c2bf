// Text with the search terms marked (<mark>), computed by the ONE matcher (src/shared/highlight.ts).
import { makeStyles } from '@fluentui/react-components';
import { Fragment, useMemo } from 'react';
import type { SearchTerm } from '../../../src/api/types.ts';
import { highlightRanges } from '../../../src/shared/highlight.ts';

const useStyles = makeStyles({
  mark: {
    // The same marker yellow with black text in every theme (contrast 19:1), as in the mail document's own <mark>.
    backgroundColor: '#fff100',
    color: '#000000',
    borderRadius: '2px',
    // Forced colours keep the mark visible with the system's highlight pair.
    '@media (forced-colors: active)': {
      backgroundColor: 'Highlight',
      color: 'HighlightText',
      forcedColorAdjust: 'none',
    },
  },
});

export function Highlighted({ text, terms }: { text: string; terms: readonly SearchTerm[] | undefined }) {
  const s = useStyles();
  const parts = useMemo(() => {
    const ranges = terms && terms.length > 0 ? highlightRanges(text, terms) : [];
    const out: { text: string; mark: boolean }[] = [];
    let at = 0;
    for (const [a, b] of ranges) {
      if (a > at) out.push({ text: text.slice(at, a), mark: false });
      out.push({ text: text.slice(a, b), mark: true });
      at = b;
    }
    if (at < text.length) out.push({ text: text.slice(at), mark: false });
    return out;
  }, [text, terms]);
  return (
    <>
      {parts.map((p, i) =>
        p.mark ? (
          <mark key={i} className={s.mark} data-testid="search-mark">
            {p.text}
          </mark>
        ) : (
          <Fragment key={i}>{p.text}</Fragment>
        ),
      )}
    </>
  );
}
