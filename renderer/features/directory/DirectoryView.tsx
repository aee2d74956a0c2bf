// The "Danh bạ" view (issue 5 "Directory UI"): groups on the left (browse), a search box and the entry list in the
// middle (as-you-type, the engine's folded search: "stc", "so tai chinh", "Sở TC"), the entry on the right. "Viết
// thư" opens compose with the address; a group can be written to whole. IT imports a file from here.
import { Button, SearchBox, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { BookContactsRegular, DocumentArrowUpRegular, MailEditRegular, PeopleTeamRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DirectoryEntry, DirectoryGroupSummary } from '../../../src/api/types-directory.ts';
import { writeRecipients } from '../../../src/shared/directory.ts';
import { useApi } from '../../api/context.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../shared/PaneState.tsx';
import { useCompose } from '../compose/index.ts';
import { EntryDetail } from './EntryDetail.tsx';
import { EntryList } from './EntryList.tsx';
import { ImportDialog } from './ImportDialog.tsx';
import { LdapSync } from './LdapSync.tsx';
import { useEntries, type EntrySource } from './useEntries.ts';

const useStyles = makeStyles({
  nav: {
    minHeight: 0,
    overflowY: 'auto',
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    padding: `${tokens.spacingVerticalS} 0`,
  },
  navHeading: {
    margin: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL} ${tokens.spacingVerticalXS}`,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    textTransform: 'uppercase',
  },
  navList: { listStyle: 'none', margin: 0, padding: 0 },
  navItem: {
    width: '100%',
    justifyContent: 'flex-start',
    textAlign: 'left',
    borderRadius: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    fontWeight: tokens.fontWeightRegular,
  },
  navCurrent: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    fontWeight: tokens.fontWeightSemibold,
    boxShadow: `inset 3px 0 0 ${tokens.colorBrandStroke1}`,
  },
  navCount: { marginLeft: 'auto', color: tokens.colorNeutralForeground2, paddingLeft: tokens.spacingHorizontalS },
  main: { display: 'grid', gridTemplateColumns: 'minmax(320px, 420px) 1fr', minHeight: 0, minWidth: 0 },
  listPane: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  listHeader: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  titleRow: {
    display: 'flex',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
  title: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  count: { color: tokens.colorNeutralForeground2, whiteSpace: 'nowrap' },
  tools: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  groupHits: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  detailPane: { minHeight: 0, minWidth: 0 },
  search: { maxWidth: '100%' },
});

export interface DirectoryViewProps {
  /** Compose needs an account to send from. */
  canWrite: boolean;
}

export function DirectoryView({ canWrite }: DirectoryViewProps) {
  const api = useApi();
  const compose = useCompose();
  const { t, err } = useI18n();
  const s = useStyles();
  const [groups, setGroups] = useState<DirectoryGroupSummary[] | null>(null);
  const [ldapConfigured, setLdapConfigured] = useState(false);
  const [source, setSource] = useState<EntrySource>({ kind: 'all' });
  const [query, setQuery] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const [version, setVersion] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const list = useEntries(source, query, version);

  useEffect(() => {
    let live = true;
    void api.call('directory.groups', {}).then((r) => {
      if (live) setGroups(r.ok ? r.value : []);
    });
    void api.call('directory.info', {}).then((r) => {
      if (live) setLdapConfigured(r.ok && r.value.ldapConfigured);
    });
    return () => {
      live = false;
    };
  }, [api, version]);

  // Opening the directory puts the cursor in the search box, as Outlook's address book does.
  useEffect(() => searchRef.current?.focus(), []);

  const openGroup = useCallback((groupId: string | null) => {
    setSource(groupId === null ? { kind: 'all' } : { kind: 'group', groupId });
    setQuery('');
  }, []);

  const write = useCallback(
    (entries: DirectoryEntry[]) => {
      const to = writeRecipients(entries);
      if (to.length > 0) compose.open({ to });
    },
    [compose],
  );

  const group = source.kind === 'group' ? groups?.find((g) => g.group.id === source.groupId) : undefined;
  const searching = query.trim() !== '';
  const title = searching
    ? t('directory.list.results', { query: query.trim() })
    : (group?.group.name ?? t('directory.all'));

  let listBody;
  if (list.status === 'loading') listBody = <LoadingState label={t('directory.loading')} />;
  else if (list.status === 'error' && list.error)
    listBody = (
      <ErrorState message={err(list.error)} retryLabel={t('reader.retry')} onRetry={() => setVersion((v) => v + 1)} />
    );
  else if (list.entries.length === 0)
    listBody = (
      <EmptyState icon={<BookContactsRegular />}>
        {searching ? t('directory.list.noResults', { query: query.trim() }) : t('directory.list.empty')}
      </EmptyState>
    );
  else
    listBody = (
      <EntryList
        entries={list.entries}
        total={list.total}
        selectedId={selectedId}
        onSelect={(e) => setSelectedId(e.id)}
        onNearEnd={() => void list.loadMore()}
        label={t('directory.list.label')}
      />
    );

  const navItem = (id: string | null, label: string, count: number | null) => {
    const current = !searching && (id === null ? source.kind === 'all' : group?.group.id === id);
    return (
      <li key={id ?? ''}>
        <Button
          appearance="subtle"
          className={mergeClasses(s.navItem, current && s.navCurrent)}
          aria-current={current ? 'true' : undefined}
          icon={id === null ? <BookContactsRegular /> : <PeopleTeamRegular />}
          onClick={() => openGroup(id)}
        >
          {label}
          {count !== null ? <span className={s.navCount}>{count}</span> : null}
        </Button>
      </li>
    );
  };

  return (
    <>
      <nav className={s.nav} aria-label={t('directory.groups.label')}>
        <ul className={s.navList}>{navItem(null, t('directory.all'), null)}</ul>
        <h2 className={s.navHeading}>{t('directory.groups.heading')}</h2>
        <ul className={s.navList}>{(groups ?? []).map((g) => navItem(g.group.id, g.group.name, g.members))}</ul>
      </nav>
      <main className={s.main} aria-label={t('directory.label')}>
        <section className={s.listPane} aria-label={t('directory.list.label')}>
          <div className={s.listHeader}>
            <SearchBox
              ref={searchRef}
              className={s.search}
              value={query}
              onChange={(_, d) => setQuery(d.value)}
              placeholder={t('directory.search.hint')}
              aria-label={t('directory.search')}
              title={t('directory.search.hint')}
              onKeyDown={(e) => {
                // Down arrow goes from the search box into the results, as in Outlook.
                if (e.key === 'ArrowDown') {
                  e.preventDefault();
                  document.querySelector<HTMLElement>('[data-testid="directory-list"]')?.focus();
                }
              }}
              data-testid="directory-search"
            />
            <div className={s.titleRow}>
              <h2 className={s.title}>{title}</h2>
              <Text className={s.count}>{t('directory.list.count', { count: list.total })}</Text>
            </div>
            {searching && list.groupHits.length > 0 ? (
              <div className={s.groupHits}>
                <Text size={200}>{t('directory.list.groupHits')}:</Text>
                {list.groupHits.map((h) => (
                  <Button
                    key={h.group.id}
                    size="small"
                    icon={<PeopleTeamRegular />}
                    onClick={() => openGroup(h.group.id)}
                  >
                    {h.group.name} ({t('directory.groups.members', { count: h.members })})
                  </Button>
                ))}
              </div>
            ) : null}
            <div className={s.tools}>
              {group && !searching ? (
                <Button
                  icon={<MailEditRegular />}
                  disabled={!canWrite || list.status !== 'ready' || writeRecipients(list.entries).length === 0}
                  title={
                    canWrite
                      ? t('directory.write.group.hint', { count: writeRecipients(list.entries).length })
                      : t('directory.write.noAccount')
                  }
                  onClick={() => write(list.entries)}
                >
                  {t('directory.write.group')}
                </Button>
              ) : null}
              <Button
                icon={<DocumentArrowUpRegular />}
                title={t('directory.import.hint')}
                onClick={() => setImportOpen(true)}
              >
                {t('directory.import')}
              </Button>
              {ldapConfigured ? <LdapSync onSynced={() => setVersion((v) => v + 1)} /> : null}
            </div>
          </div>
          {listBody}
        </section>
        <section className={s.detailPane} aria-label={t('directory.detail.label')}>
          <EntryDetail
            id={selectedId}
            canWrite={canWrite}
            onOpen={setSelectedId}
            onOpenGroup={(id) => openGroup(id)}
            onWrite={write}
          />
        </section>
      </main>
      <ImportDialog
        open={importOpen}
        onClose={() => setImportOpen(false)}
        onImported={() => setVersion((v) => v + 1)}
      />
    </>
  );
}
