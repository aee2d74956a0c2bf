// Above the message list while it shows search results: how many, for what, and the way back to the folder.
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowLeftRegular } from '@fluentui/react-icons';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { ListStatus } from '../mailbox/useMessagePages.ts';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  count: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, minWidth: 0 },
});

export function SearchResultsBar({
  query,
  list,
  folderName,
  onBack,
}: {
  query: string;
  list: ListStatus;
  folderName: string;
  onBack(): void;
}) {
  const { t } = useI18n();
  const s = useStyles();
  const q = query.trim();
  return (
    <div className={s.bar}>
      <p className={s.count} role="status" data-testid="search-count">
        {list.status === 'ready'
          ? t('search.results.count', { count: list.total, query: q })
          : list.status === 'loading'
            ? t('search.results.searching', { query: q })
            : ''}
      </p>
      <Button size="small" icon={<ArrowLeftRegular />} onClick={onBack} title={t('search.results.backHint')}>
        {t('search.results.back', { folder: folderName })}
      </Button>
    </div>
  );
}
