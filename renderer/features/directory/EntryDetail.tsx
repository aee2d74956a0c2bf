// One directory entry in full (directory.get): kind, title, unit, address, aliases, groups, status. A historical body
// says what it was merged into, with a link to its successor, as the city's reorganisation of 2025 made many of them.
// "Viết thư" opens compose with the address (useCompose, from the compose feature).
import { Badge, Button, Link, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { MailEditRegular, WarningRegular } from '@fluentui/react-icons';
import { useEffect, useState, type ReactNode } from 'react';
import type { DirectoryEntry, DirectoryEntryDetail } from '../../../src/api/types-directory.ts';
import { canWriteTo } from '../../../src/shared/directory.ts';
import { useApi } from '../../api/context.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { fromResult, loading, type Loadable } from '../../shared/loadable.ts';
import { EmptyState, ErrorState, LoadingState } from '../../shared/PaneState.tsx';

const useStyles = makeStyles({
  root: {
    height: '100%',
    overflowY: 'auto',
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXXL}`,
  },
  name: { margin: `0 0 ${tokens.spacingVerticalS}`, fontSize: tokens.fontSizeBase500, fontWeight: 600 },
  badges: { display: 'flex', gap: tokens.spacingHorizontalS, marginBottom: tokens.spacingVerticalL },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    margin: `${tokens.spacingVerticalL} 0`,
  },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'minmax(140px, max-content) 1fr',
    columnGap: tokens.spacingHorizontalXL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  example: {
    color: tokens.colorPaletteDarkOrangeForeground1,
    display: 'inline-flex',
    gap: '4px',
    alignItems: 'center',
  },
  bar: { marginBottom: tokens.spacingVerticalL },
});

export interface EntryDetailProps {
  id: string | null;
  canWrite: boolean;
  onOpen(id: string): void;
  onOpenGroup(groupId: string): void;
  onWrite(entries: DirectoryEntry[]): void;
}

export function EntryDetail({ id, canWrite, onOpen, onOpenGroup, onWrite }: EntryDetailProps) {
  const api = useApi();
  const { t, err } = useI18n();
  const s = useStyles();
  const [state, setState] = useState<Loadable<DirectoryEntryDetail>>(loading);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (id === null) return;
    let live = true;
    setState(loading);
    void api.call('directory.get', { id }).then((r) => {
      if (live) setState(fromResult(r));
    });
    return () => {
      live = false;
    };
  }, [api, id, version]);

  if (id === null) return <EmptyState>{t('directory.detail.none')}</EmptyState>;
  if (state.status === 'loading' || state.status === 'idle') return <LoadingState label={t('directory.loading')} />;
  if (state.status === 'error')
    return (
      <ErrorState message={err(state.error)} retryLabel={t('reader.retry')} onRetry={() => setVersion((v) => v + 1)} />
    );

  const d = state.value;
  const e = d.entry;
  const entryLink = (x: DirectoryEntry) => (
    <Link as="button" onClick={() => onOpen(x.id)} data-entry-link={x.id}>
      {x.name}
    </Link>
  );
  const now = d.currentSuccessor ?? d.successor;
  const rows: Array<[string, ReactNode]> = [[t('directory.detail.kind'), t(`directory.kind.${e.kind}`)]];
  if (e.title) rows.push([t('directory.detail.title'), e.title]);
  if (d.unit) rows.push([t('directory.detail.unit'), entryLink(d.unit)]);
  rows.push([
    t('directory.detail.address'),
    e.address ? (
      <>
        <span>{e.address}</span>
        {e.example ? (
          <>
            {' '}
            <span className={s.example}>
              <WarningRegular aria-hidden="true" />
              {t('directory.detail.example')}
            </span>
          </>
        ) : null}
      </>
    ) : (
      t('directory.detail.noAddress')
    ),
  ]);
  if (e.aliases.length) rows.push([t('directory.detail.aliases'), e.aliases.join('; ')]);
  if (d.groups.length)
    rows.push([
      t('directory.detail.groups'),
      <ul className={s.list}>
        {d.groups.map((g) => (
          <li key={g.id}>
            <Link as="button" onClick={() => onOpenGroup(g.id)}>
              {g.name}
            </Link>
          </li>
        ))}
      </ul>,
    ]);
  rows.push([t('directory.detail.status'), t(`directory.status.${e.status}`)]);
  if (e.since) rows.push([t('directory.detail.since'), e.since]);
  if (e.until) rows.push([t('directory.detail.until'), e.until]);
  if (d.predecessors.length)
    rows.push([
      t('directory.detail.predecessors'),
      <ul className={s.list}>
        {d.predecessors.map((p) => (
          <li key={p.id}>{entryLink(p)}</li>
        ))}
      </ul>,
    ]);
  if (d.members.length)
    rows.push([
      t('directory.detail.members'),
      <ul className={s.list}>
        {d.members.map((m) => (
          <li key={m.id}>
            {entryLink(m)}
            {m.title ? `, ${m.title}` : ''}
          </li>
        ))}
      </ul>,
    ]);
  if (e.note) rows.push([t('directory.detail.note'), e.note]);

  return (
    <article className={s.root} aria-labelledby="directory-entry-name" data-testid="directory-detail">
      <h2 id="directory-entry-name" className={s.name}>
        {e.name}
      </h2>
      <div className={s.badges}>
        <Badge appearance="tint" color={e.kind === 'unit' ? 'brand' : 'informative'}>
          {t(`directory.kind.${e.kind}`)}
        </Badge>
        {e.status !== 'active' ? (
          <Badge appearance="tint" color="warning">
            {t(`directory.status.${e.status}`)}
          </Badge>
        ) : null}
      </div>
      {e.status !== 'active' && d.successor ? (
        <MessageBar intent="warning" className={s.bar} data-testid="directory-successor">
          <MessageBarBody>
            {e.status === 'historical' ? t('directory.detail.mergedInto') : t('directory.detail.replacedBy')}{' '}
            {entryLink(d.successor)}
            {d.currentSuccessor && d.currentSuccessor.id !== d.successor.id ? (
              <>
                {'; '}
                {t('directory.detail.currentSuccessor')} {entryLink(d.currentSuccessor)}
              </>
            ) : null}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={s.actions}>
        {canWriteTo(e) ? (
          <Button
            appearance="primary"
            icon={<MailEditRegular />}
            disabled={!canWrite}
            title={canWrite ? t('directory.write.hint', { name: e.name }) : t('directory.write.noAccount')}
            onClick={() => onWrite([e])}
          >
            {t('directory.write')}
          </Button>
        ) : null}
        {e.status !== 'active' && now && canWriteTo(now) ? (
          <Button
            appearance="primary"
            icon={<MailEditRegular />}
            disabled={!canWrite}
            title={canWrite ? t('directory.write.hint', { name: now.name }) : t('directory.write.noAccount')}
            onClick={() => onWrite([now])}
          >
            {t('directory.write.successor', { name: now.name })}
          </Button>
        ) : null}
      </div>
      <dl className={s.fields}>
        {rows.map(([term, value]) => (
          <div key={term} style={{ display: 'contents' }}>
            <dt className={s.term}>{term}</dt>
            <dd className={s.value}>{value}</dd>
          </div>
        ))}
      </dl>
    </article>
  );
}
