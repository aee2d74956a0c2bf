// What discovery found for the typed address, said under the e-mail field: searching, where the servers came from,
// locked by IT, or nothing found. A polite live region, so a screen reader hears it without losing its place.
import { Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { InfoRegular, LockClosedRegular, SearchRegular } from '@fluentui/react-icons';
import type { MessageKey } from '../../i18n/translate.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { DiscoveryState } from './useDiscovery.ts';

const useStyles = makeStyles({
  note: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'flex-start',
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    minHeight: '20px',
    margin: 0,
  },
  icon: { fontSize: '16px', flexShrink: 0, marginTop: '1px' },
  lines: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  source: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
});

export function DiscoveryNote({ state, kept, id }: { state: DiscoveryState; kept: boolean; id: string }) {
  const { t, err } = useI18n();
  const s = useStyles();
  let body = null;
  if (state.status === 'searching') {
    body = (
      <>
        <Spinner size="extra-tiny" aria-hidden="true" />
        <span>{t('account.discovery.searching')}</span>
      </>
    );
  } else if (state.status === 'found') {
    const c = state.candidate;
    body = (
      <>
        {c.locked ? (
          <LockClosedRegular aria-hidden="true" className={s.icon} />
        ) : (
          <SearchRegular aria-hidden="true" className={s.icon} />
        )}
        <span className={s.lines}>
          <span className={s.source} data-testid="discovery-source">
            {t(`account.discovery.source.${c.source}` as MessageKey, { origin: c.origin })}
          </span>
          <span>
            {c.locked
              ? t('account.discovery.locked')
              : kept
                ? t('account.discovery.kept')
                : t('account.discovery.confirm')}
          </span>
        </span>
      </>
    );
  } else if (state.status === 'none' || state.status === 'error') {
    body = (
      <>
        <InfoRegular aria-hidden="true" className={s.icon} />
        <span>{state.status === 'none' ? t('account.discovery.none') : err(state.error)}</span>
      </>
    );
  }
  return (
    <p
      className={s.note}
      id={id}
      role="status"
      aria-live="polite"
      data-testid="discovery-note"
      data-state={state.status}
      data-email={state.status === 'idle' ? undefined : state.email}
    >
      {body}
    </p>
  );
}
