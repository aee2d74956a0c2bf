// The mail view below the header: folder pane | message list | reading pane (right, bottom or off, resizable). It
// owns the list's selection, its view preferences and the actions on the selection (toolbar, context menu,
// keyboard, drag to a folder, move dialog, undo toast); App owns accounts, folders and the shell. Search results
// (features/search) show in the same list slot: the same list, selection and actions, the reader marking the terms.
import { Link, Toast, ToastTitle, makeStyles, tokens, type ToastIntent } from '@fluentui/react-components';
import { MailRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ApiError } from '../../../src/api/errors.ts';
import type { AccountSummary, FolderSummary, MessageDetail } from '../../../src/api/types.ts';
import { useApiEvent } from '../../api/context.tsx';
import { useCommand } from '../../app/commands.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { usePreferences } from '../settings/PreferencesProvider.tsx';
import { SearchResults } from '../search/SearchResults.tsx';
import type { SearchMode } from '../search/useSearchMode.ts';
import type { Loadable } from '../../shared/loadable.ts';
import { EmptyState } from '../../shared/PaneState.tsx';
import { Reader } from '../reader/Reader.tsx';
import { useOpenMessageWindow } from '../reader/useOpenMessageWindow.tsx';
import { FolderPane, type FolderSelection } from './FolderPane.tsx';
import { ListToolbar } from './ListToolbar.tsx';
import { MessageList } from './MessageList.tsx';
import { MessageMenu } from './MessageMenu.tsx';
import { MoveDialog } from './MoveDialog.tsx';
import {
  EMPTY_SELECTION,
  afterRemoval,
  clampTo,
  selectAll,
  selectedCount,
  singleIndex,
  type Selection,
} from './selection.ts';
import { Splitter } from './Splitter.tsx';
import { REMOVING, useMessageActions, type ActionOutcome } from './useMessageActions.ts';
import { useMessagePages } from './useMessagePages.ts';
import { useThreadPages } from './useThreadPages.ts';
import { useThreadTargets } from './useThreadTargets.ts';

const useStyles = makeStyles({
  nav: {
    minHeight: 0,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  main: { display: 'grid', minHeight: 0, minWidth: 0 },
  list: { minHeight: 0, minWidth: 0 },
  reader: { minHeight: 0, minWidth: 0 },
});

const UNDO_TOAST_MS = 10_000;

export interface MailboxProps {
  accounts: readonly AccountSummary[];
  folders: ReadonlyMap<string, Loadable<FolderSummary[]>>;
  selected: FolderSelection | null;
  onSelectFolder(selection: FolderSelection): void;
  reloadFolders(accountId: string): void;
  folderName(accountId: string, path: string): string;
  /** Bumped by App after a sync or new mail: the visible pages reload. */
  listVersion: number;
  /** Show this message in the reading pane (a notification click): by UID, the list's selection cleared. */
  openRequest?: { uid: number; key: number } | null;
  /** Compose replaces the reading pane while open (App decides). */
  compose: ReactNode | null;
  composeLabel: string;
  /** A toast; `timeout` in ms (Fluent's default is 3 s). */
  notify(content: ReactNode, intent: ToastIntent, timeout?: number): void;
  /** Called when the user picks a message (closes compose). */
  onOpenMessage(): void;
  /** The search state (App's header box): while a query is set, its results replace the folder in the list. */
  search: SearchMode;
}

export function Mailbox(props: MailboxProps) {
  const { accounts, folders, selected, folderName, reloadFolders, notify, compose } = props;
  const s = useStyles();
  const { t, err } = useI18n();
  // Sort, reading pane position and size are preferences of the settings API (the pane also on the settings screen).
  const preferences = usePreferences();
  const sort = preferences.prefs.messageSort;
  const [dragShare, setDragShare] = useState<number | null>(null);
  const { search } = props;
  const searching = search.query !== null;
  const [version, setVersion] = useState(0);
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [menuAt, setMenuAt] = useState<{ x: number; y: number } | null>(null);
  const [moveOpen, setMoveOpen] = useState(false);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const [directUid, setDirectUid] = useState<number | null>(null);
  const lastUndo = useRef<string | null>(null);
  const accountId = selected?.accountId ?? null;
  const folder = selected?.folder ?? null;
  // Conversation view (a setting; the list toolbar's view menu too): thread rows instead of messages. Search results
  // stay a list of messages.
  const conversation = preferences.prefs.conversationView && !searching;
  const folderPages = useMessagePages(accountId, folder, props.listVersion + version, sort, !conversation);
  const threadPages = useThreadPages(accountId, folder, props.listVersion + version, sort.dir, conversation);
  const pages = searching ? search.pages : conversation ? threadPages : folderPages;
  const total = pages.list.status === 'ready' ? pages.list.total : 0;

  // A new folder, order or search starts with nothing selected; a list that shrank keeps the selection inside it.
  useEffect(() => {
    setSelection(EMPTY_SELECTION);
    setDirectUid(null);
  }, [accountId, folder, sort.by, sort.dir, search.query, conversation]);
  const openKey = props.openRequest?.key;
  const openUid = props.openRequest?.uid;
  useEffect(() => {
    if (openUid === undefined) return;
    setSelection(EMPTY_SELECTION);
    setDirectUid(openUid);
  }, [openKey, openUid]);
  useEffect(() => setSelection((sel) => clampTo(sel, total)), [total]);

  // The engine says which folders an action (ours, another window's, a replay) changed: repaint the list if it is
  // this one, and the counts in the folder pane.
  useApiEvent('folder.changed', (e) => {
    if (e.accountId === accountId && e.folder === folder) setVersion((v) => v + 1);
    reloadFolders(e.accountId);
  });
  const refresh = useCallback(() => {
    setVersion((v) => v + 1);
    if (searching) search.pages.reload();
  }, [search.pages, searching]);

  const single = singleIndex(selection);
  const { row, patch } = pages;
  const message = single !== null ? row(single) : undefined;
  const hit = single !== null && searching ? search.pages.hit(single) : undefined;
  // Re-read when the page of the selected row arrives.
  void pages.revision;

  const onError = useCallback(
    (e: ApiError) =>
      notify(
        <Toast>
          <ToastTitle>{t('actions.failed', { message: err(e) })}</ToastTitle>
        </Toast>,
        'error',
      ),
    [err, notify, t],
  );

  const actionsRef = useRef<ReturnType<typeof useMessageActions> | null>(null);
  const onDone = useCallback(
    (o: ActionOutcome) => {
      if (REMOVING.has(o.kind)) setSelection((sel) => afterRemoval(sel, Math.max(0, total - o.count)));
      refresh();
      if (accountId) reloadFolders(accountId);
      const token = o.result.undoToken;
      lastUndo.current = token;
      let text: string | null = null;
      if (o.kind === 'move')
        text = t('actions.moved', { count: o.count, folder: folderName(accountId ?? '', o.to ?? '') });
      else if (o.kind === 'delete') text = t(token ? 'actions.deleted' : 'actions.deletedForever', { count: o.count });
      else if (o.kind === 'spam') text = t('actions.spammed', { count: o.count });
      if (!text && o.result.state !== 'queued') return;
      notify(
        <Toast>
          <ToastTitle
            action={
              token ? (
                <Link
                  onClick={() => {
                    void actionsRef.current?.undo(token).then((ok) => {
                      if (ok) {
                        lastUndo.current = null;
                        refresh();
                        notify(
                          <Toast>
                            <ToastTitle>{t('actions.undone')}</ToastTitle>
                          </Toast>,
                          'info',
                        );
                      }
                    });
                  }}
                >
                  {t('actions.undo')}
                </Link>
              ) : undefined
            }
          >
            {text ?? t('actions.queued')}
            {text && o.result.state === 'queued' ? ` · ${t('actions.queued')}` : ''}
          </ToastTitle>
        </Toast>,
        o.result.state === 'queued' ? 'warning' : 'success',
        // Time to reach "Hoàn tác" (by Tab or pointer; hovering pauses it); Ctrl+Z works after it has gone.
        token ? UNDO_TOAST_MS : undefined,
      );
    },
    [accountId, folderName, notify, refresh, reloadFolders, t, total],
  );
  const onTooMany = useCallback(
    () =>
      notify(
        <Toast>
          <ToastTitle>{t('actions.searchTooMany')}</ToastTitle>
        </Toast>,
        'warning',
      ),
    [notify, t],
  );

  const threadTargets = useThreadTargets({ accountId, folder, dir: sort.dir, selection, pages: threadPages });
  const actions = useMessageActions({
    accountId,
    folder,
    sort,
    selection,
    pages,
    ...(searching ? { hit: search.pages.hit } : {}),
    ...(conversation ? { targets: threadTargets } : {}),
    onDone,
    onError,
    onTooMany,
  });
  actionsRef.current = actions;
  const count = selectedCount(selection);

  // Outlook's keys on the selection, through the one shortcuts table (app/shortcuts.ts). Not while composing (the
  // editor owns its keys) nor with a dialog open; with nothing selected the key is left to the browser.
  const canAct = count > 0 && !compose && !moveOpen;
  useCommand('mail.delete', () => canAct && (void actions.run('delete'), true));
  useCommand('mail.markRead', () => canAct && (void actions.run('read'), true));
  useCommand('mail.markUnread', () => canAct && (void actions.run('unread'), true));
  useCommand('mail.flag', () => canAct && (void actions.run(message?.flagged ? 'unflag' : 'flag'), true));
  useCommand('mail.move', () => canAct && (setMoveOpen(true), true));
  // Ctrl+Z undoes the last move, delete or spam (Outlook), also after its toast has gone.
  useCommand('mail.undo', () => {
    const token = lastUndo.current;
    if (!token || compose) return false;
    lastUndo.current = null;
    void actions.undo(token).then((ok) => ok && refresh());
    return true;
  });

  // A message in its own window (docs/ui.md): double-click or the menu in every layout, Enter with the pane off.
  const openWindow = useOpenMessageWindow(notify);
  const openInWindow = (index: number | null) => {
    const r = index === null ? undefined : row(index);
    const h = index !== null && searching ? search.pages.hit(index) : undefined;
    const account = h?.accountId ?? accountId;
    // A row knows its folder (a conversation's message may live in Sent).
    const path = h?.folder ?? r?.folder ?? folder;
    if (r && r.uid > 0 && account && path) openWindow({ accountId: account, folder: path, uid: r.uid });
  };

  const onMessageLoaded = useCallback(
    (m: MessageDetail) => {
      if (single === null) return;
      const before = row(single);
      patch(single, (r) => (r.uid === m.uid ? { ...r, seen: m.seen } : r));
      if (before && before.uid === m.uid && !before.seen && m.seen && accountId) reloadFolders(accountId);
    },
    [accountId, patch, reloadFolders, row, single],
  );

  const onSelectionChange = useCallback(
    (next: Selection) => {
      setSelection(next);
      setDirectUid(null);
      props.onOpenMessage();
    },
    [props],
  );

  const dropProps = useMemo(
    () => ({
      target: dropTarget,
      onOver: (key: string | null) => setDropTarget(key),
      onDrop: (targetAccount: string, path: string) => {
        setDropTarget(null);
        if (searching || (targetAccount === accountId && path !== folder))
          void actions.run('move', path, targetAccount);
      },
    }),
    [accountId, actions, dropTarget, folder, searching],
  );

  // The move dialog lists the folders of the selection's account (a search hit's own account).
  const moveAccount = searching ? (hit?.accountId ?? search.pages.hit(selection.active)?.accountId) : accountId;
  const accountFolders = moveAccount ? folders.get(moveAccount) : undefined;
  const pane = preferences.prefs.readingPane;
  const share = dragShare ?? preferences.prefs.readingPaneShare;
  const listTitle = selected ? folderName(selected.accountId, selected.folder) : t('list.label');
  const mainStyle =
    pane === 'off' || compose
      ? compose
        ? { gridTemplateColumns: 'minmax(320px, 400px) 1fr' }
        : { gridTemplateColumns: '1fr' }
      : pane === 'right'
        ? { gridTemplateColumns: `minmax(320px, ${1 - share}fr) 4px minmax(320px, ${share}fr)` }
        : { gridTemplateRows: `minmax(160px, ${1 - share}fr) 4px minmax(160px, ${share}fr)` };

  let reader: ReactNode = null;
  if (compose) reader = compose;
  else if (pane !== 'off') {
    reader =
      count > 1 ? (
        <EmptyState icon={<MailRegular />}>{t('reader.manySelected', { count })}</EmptyState>
      ) : (
        <Reader
          accountId={hit ? hit.accountId : searching ? null : accountId}
          folder={hit ? hit.folder : searching ? null : (message?.folder ?? folder)}
          uid={message?.uid ?? (count === 0 && !searching ? directUid : null)}
          onLoaded={onMessageLoaded}
          {...(searching ? { highlight: search.pages.terms } : {})}
        />
      );
  }

  const list = (
    <MessageList
      title={searching ? t('search.results.title') : listTitle}
      pages={pages}
      hasFolder={searching || selected !== null}
      selection={selection}
      onSelectionChange={onSelectionChange}
      onContextMenu={(x, y) => setMenuAt({ x, y })}
      onDragSelection={() => setDropTarget(null)}
      {...(conversation && folder
        ? { threads: { pages: threadPages, folder, folderName: (path: string) => folderName(accountId ?? '', path) } }
        : {})}
      onOpen={(index, how) => (how === 'double-click' || pane === 'off') && openInWindow(index)}
      toolbar={
        <ListToolbar
          hasSelection={count > 0}
          sort={searching ? null : sort}
          onSort={(messageSort) => void preferences.update({ messageSort })}
          readingPane={pane}
          onReadingPane={(readingPane) => void preferences.update({ readingPane })}
          conversation={searching ? null : preferences.prefs.conversationView}
          onConversation={(conversationView) => void preferences.update({ conversationView })}
          onAction={(k) => void actions.run(k)}
          onMove={() => setMoveOpen(true)}
        />
      }
    />
  );

  return (
    <>
      <nav className={s.nav} aria-label={t('folders.label')}>
        <FolderPane
          accounts={accounts}
          folders={folders}
          selected={selected}
          onSelect={props.onSelectFolder}
          onRetry={reloadFolders}
          drop={dropProps}
        />
      </nav>
      <main className={s.main} style={mainStyle} data-reading-pane={compose ? 'compose' : pane}>
        <section className={s.list} aria-label={t('list.label')} id="message-list">
          {searching ? (
            <SearchResults search={search} folderName={listTitle}>
              {list}
            </SearchResults>
          ) : (
            list
          )}
        </section>
        {reader && !compose ? (
          <Splitter
            orientation={pane === 'bottom' ? 'horizontal' : 'vertical'}
            share={share}
            onChange={setDragShare}
            onCommit={(readingPaneShare) => {
              setDragShare(null);
              void preferences.update({ readingPaneShare });
            }}
          />
        ) : null}
        {reader ? (
          <section className={s.reader} aria-label={compose ? props.composeLabel : t('reader.label')} data-pane="side">
            {reader}
          </section>
        ) : null}
      </main>
      <MessageMenu
        at={menuAt}
        count={count}
        onClose={() => setMenuAt(null)}
        onAction={(k) => void actions.run(k)}
        onMove={() => setMoveOpen(true)}
        onSelectAll={() => setSelection(selectAll(total))}
        onOpenWindow={count === 1 ? () => openInWindow(single) : undefined}
      />
      <MoveDialog
        open={moveOpen}
        count={count}
        folders={accountFolders?.status === 'ready' ? accountFolders.value : []}
        current={searching ? null : folder}
        onClose={() => setMoveOpen(false)}
        onMove={(path) => {
          setMoveOpen(false);
          void actions.run('move', path);
        }}
      />
    </>
  );
}
