// Search results in the message list: the count and the way back above, the same virtualised list below (the
// results are a source of the list like a folder's pages), and a designed empty state.
import { makeStyles } from '@fluentui/react-components';
import { SearchRegular } from '@fluentui/react-icons';
import type { MessageSummary } from '../../../src/api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { EmptyState } from '../../shared/PaneState.tsx';
import { MessageList } from '../mailbox/MessageList.tsx';
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
  onOpened,
}: {
  search: SearchMode & { query: string };
  folderName: string;
  onOpened?(): void;
}) {
  const { t } = useI18n();
  const s = useStyles();
  const { pages } = search;
  const empty = pages.list.status === 'ready' && pages.list.total === 0;
  return (
    <div className={s.column} data-testid="search-results">
      <SearchResultsBar query={search.query} list={pages.list} folderName={folderName} onBack={search.clear} />
      <div className={s.list}>
        {empty ? (
          <EmptyState icon={<SearchRegular />}>
            {t('search.results.empty', { query: search.query.trim() })}
            <p className={s.hint}>{t('search.results.emptyHint')}</p>
          </EmptyState>
        ) : (
          <MessageList
            title={t('search.results.title')}
            pages={pages}
            hasFolder
            selectedUid={search.opened?.uid ?? null}
            onSelect={(_m: MessageSummary, index: number) => {
              const hit = pages.hit(index);
              if (!hit) return;
              search.open(hit, index);
              onOpened?.();
            }}
          />
        )}
      </div>
    </div>
  );
}
