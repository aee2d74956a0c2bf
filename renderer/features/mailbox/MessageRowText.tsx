// Parts of a message list row that present what the engine stored with it: the subject followed by the preview
// line (Outlook's compact layout: subject, then the first words in a muted colour, on one line that ellipsises), and
// the importance icon (a red "!" for high, a blue down arrow for low, as in Outlook). The preview and the importance
// are computed in the engine (src/mail/snippet.ts, src/mail/importance.ts); nothing here decides what they are.
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowDownFilled, ImportantFilled } from '@fluentui/react-icons';
import type { MessageSummary } from '../../../src/api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { VisuallyHidden } from '../../shared/VisuallyHidden.tsx';

const useStyles = makeStyles({
  // Foreground3 keeps ≥ 4.5:1 on the row's rest, hover and selected backgrounds in both themes (axe checks it).
  snippet: {
    color: tokens.colorNeutralForeground3,
    fontWeight: tokens.fontWeightRegular,
    marginLeft: tokens.spacingHorizontalS,
  },
  high: { color: tokens.colorPaletteRedForeground1 },
  low: { color: tokens.colorPaletteBlueForeground2 },
});

/** The subject's text, then the preview line when the body is cached. Renders inside the row's subject cell. */
export function SubjectWithPreview({ subject, snippet }: { subject: string; snippet: string | null | undefined }) {
  const s = useStyles();
  return (
    <>
      {subject}
      {snippet ? (
        <>
          {' '}
          <span className={s.snippet} data-testid="row-snippet">
            {snippet}
          </span>
        </>
      ) : null}
    </>
  );
}

/** High or low importance as an icon with its name for screen readers; nothing for normal. */
export function ImportanceIcon({ importance }: { importance: MessageSummary['importance'] }) {
  const s = useStyles();
  const { t } = useI18n();
  if (importance !== 'high' && importance !== 'low') return null;
  const Icon = importance === 'high' ? ImportantFilled : ArrowDownFilled;
  return (
    <>
      <Icon
        className={mergeClasses(importance === 'high' ? s.high : s.low)}
        aria-hidden="true"
        data-testid={`importance-${importance}`}
      />
      <VisuallyHidden>{t(`list.importance.${importance}`)}</VisuallyHidden>
    </>
  );
}
