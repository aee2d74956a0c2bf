// Search results in the message list slot: the count and the way back above, the mailbox's own list below (the
// results are a source of the list like a folder's pages: the same selection and actions), and a designed empty state.
import { makeStyles } from '@fluentui/react-components';
import { SearchRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { EmptyState } from '../../shared/PaneState.tsx';
import { SearchResultsBar } from './SearchResultsBar.tsx';
import type { SearchMode } from './useSearchMode.ts';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 },
  list: { flex: 1, minHeight: 0 },
  hint: { margin: 0, opacity: 0.85 },
});

export function SearchResults({
  search,
  folderName,
  children,
}: {
  search: SearchMode;
  folderName: string;
  /** The message list showing `search.pages`. */
  children: ReactNode;
}) {
  const { t } = useI18n();
  const s = useStyles();
  const { pages } = search;
  const query = search.query ?? '';
  const empty = pages.list.status === 'ready' && pages.list.total === 0;
  return (
    <div className={s.column} data-testid="search-results">
      <SearchResultsBar query={query} list={pages.list} folderName={folderName} onBack={search.clear} />
      <div className={s.list}>
        {empty ? (
          <EmptyState icon={<SearchRegular />}>
            {t('search.results.empty', { query: query.trim() })}
            <p className={s.hint}>{t('search.results.emptyHint')}</p>
          </EmptyState>
        ) : (
          children
        )}
      </div>
    </div>
  );
}
