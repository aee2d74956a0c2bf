// App shell: Outlook's familiar three panes (folders | message list | reading pane), a toolbar and a status bar.
// It owns selection and refresh; each feature folder owns its pane. No business rule lives here: what a sync does,
// what "unread" means and how mail is sent are the engine's.
import { Toast, ToastTitle, Toaster, makeStyles, tokens, useId, useToastController } from '@fluentui/react-components';
import {
  ArrowSyncRegular,
  BookContactsRegular,
  ComposeRegular,
  LocalLanguageRegular,
  MailRegular,
  PersonAddRegular,
  SettingsRegular,
  WeatherMoonRegular,
  WeatherSunnyRegular,
} from '@fluentui/react-icons';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AccountSummary, FolderSummary, OutboxEntry } from '../../src/api/types.ts';
import { useApi, useApiEvent, useConnectionState } from '../api/context.tsx';
import { AddAccountForm } from '../features/accounts/AddAccountForm.tsx';
import { Compose } from '../features/compose/Compose.tsx';
import { useCompose } from '../features/compose/ComposeProvider.tsx';
import { SentToast, sentToastTimeout } from '../features/compose/SentToast.tsx';
import { DraftsMenu } from '../features/compose/DraftsMenu.tsx';
import { DirectoryView } from '../features/directory/index.ts';
import type { FolderSelection } from '../features/mailbox/FolderPane.tsx';
import { Mailbox } from '../features/mailbox/Mailbox.tsx';
import { useFolderChanges } from '../features/folders/useFolderChanges.ts';
import { folderLabelKey, specialUseOf } from '../features/mailbox/folders.ts';
import { useMailStatus } from '../features/mailbox/useMailStatus.ts';
import { useSync } from '../features/mailbox/useSync.ts';
import { composeInitialFrom, useDesktopIntents } from '../features/desktop/useDesktopIntents.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { fromResult, loading, type Loadable } from '../shared/loadable.ts';
import { ErrorState, LoadingState } from '../shared/PaneState.tsx';
import { useLocked } from '../features/settings/locked.tsx';
import { HeaderToolbar } from './HeaderToolbar.tsx';
import { StatusBar } from './StatusBar.tsx';
import type { AppliedTheme } from './theme.ts';
import { useAppCommands } from './useAppCommands.ts';
import { SettingsDialog } from '../features/settings/SettingsDialog.tsx';
import { DialogShell } from '../shared/DialogShell.tsx';
import { SearchBox } from '../features/search/SearchBox.tsx';
import { useSearchMode } from '../features/search/useSearchMode.ts';

const useStyles = makeStyles({
  shell: {
    display: 'grid',
    gridTemplateRows: 'auto 1fr auto',
    // One column as wide as the window: the header's toolbar keeps its buttons on one line and moves what does not
    // fit into "Xem thêm", so its content must not widen the column (min-content) beyond the window.
    gridTemplateColumns: 'minmax(0, 1fr)',
    height: '100vh',
    minWidth: '900px',
    overflow: 'hidden',
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    padding: `0 ${tokens.spacingHorizontalM}`,
    minHeight: '48px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  brand: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorBrandForeground1,
    whiteSpace: 'nowrap',
  },
  panes: {
    display: 'grid',
    gridTemplateColumns: '240px 1fr',
    minHeight: 0,
  },
  welcome: {
    gridColumn: '1 / -1',
    overflowY: 'auto',
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXXXL}`,
  },
  welcomeTitle: {
    margin: `0 0 ${tokens.spacingVerticalS}`,
    fontSize: tokens.fontSizeBase600,
    fontWeight: tokens.fontWeightSemibold,
  },
  welcomeBody: { margin: `0 0 ${tokens.spacingVerticalXL}`, color: tokens.colorNeutralForeground2, maxWidth: '60ch' },
  skip: {
    position: 'absolute',
    left: '-10000px',
    top: 'auto',
    ':focus': { left: tokens.spacingHorizontalM, top: tokens.spacingVerticalS, zIndex: 10 },
  },
});

export function App({ theme, onThemeChange }: { theme: AppliedTheme; onThemeChange(theme: 'light' | 'dark'): void }) {
  const api = useApi();
  const { t, lang, setLang, err } = useI18n();
  const languageLock = useLocked('language');
  const themeLock = useLocked('theme');
  const s = useStyles();
  const connection = useConnectionState();
  const toasterId = useId('toaster');
  const { dispatchToast, dismissToast } = useToastController(toasterId);
  const addTitleId = useId('add-account-title');
  const welcomeTitleId = useId('welcome-title');

  const [accounts, setAccounts] = useState<Loadable<AccountSummary[]>>(loading);
  const [folders, setFolders] = useState<ReadonlyMap<string, Loadable<FolderSummary[]>>>(new Map());
  const [selection, setSelection] = useState<FolderSelection | null>(null);
  // A message to show by UID (a notification click), whatever its row in the list.
  const [openRequest, setOpenRequest] = useState<{ uid: number; key: number } | null>(null);
  const compose = useCompose();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const composing = compose.current !== null;
  const closeCompose = compose.close;
  const [addOpen, setAddOpen] = useState(false);
  // The mailbox or the directory ("Danh bạ", Ctrl+Shift+B as Outlook's address book); compose shows in the mailbox.
  const [view, setView] = useState<'mail' | 'directory'>('mail');
  useEffect(() => {
    if (composing) setView('mail');
  }, [composing, compose.current?.key]);
  const [listVersion, setListVersion] = useState(0);
  const autoSynced = useRef(new Set<string>());

  const accountList = accounts.status === 'ready' ? accounts.value : [];

  const loadAccounts = useCallback(async () => {
    const r = await api.call('accounts.list', {});
    setAccounts(fromResult(r));
  }, [api]);

  const loadFolders = useCallback(
    async (accountId: string) => {
      const r = await api.call('folders.list', { accountId });
      setFolders((prev) => new Map(prev).set(accountId, fromResult(r)));
      return r;
    },
    [api],
  );

  const onSynced = useCallback(
    (accountId: string) => {
      void loadFolders(accountId);
      setListVersion((v) => v + 1);
    },
    [loadFolders],
  );
  const sync = useSync(onSynced);

  // Accounts at start, and again after the engine connection comes back (events may have been missed).
  useEffect(() => {
    if (connection === 'open') void loadAccounts();
  }, [connection, loadAccounts]);

  // Folders for every account; the first account's inbox is selected by default, as Outlook does.
  useEffect(() => {
    for (const a of accountList) if (!folders.has(a.id)) void loadFolders(a.id);
  }, [accountList, folders, loadFolders]);

  useEffect(() => {
    if (selection || accountList.length === 0) return;
    const first = accountList[0];
    if (!first) return;
    const state = folders.get(first.id);
    if (state?.status !== 'ready') return;
    const inbox = state.value.find((f) => specialUseOf(f) === 'inbox');
    setSelection({ accountId: first.id, folder: inbox?.path ?? state.value[0]?.path ?? 'INBOX' });
  }, [accountList, folders, selection]);

  // Each account is synced once when the app opens (Outlook's "send/receive on start"); F9 does it on demand.
  useEffect(() => {
    if (connection !== 'open') return;
    for (const a of accountList) {
      if (autoSynced.current.has(a.id)) continue;
      autoSynced.current.add(a.id);
      void sync.run(a.id);
    }
  }, [accountList, connection, sync]);

  useApiEvent('mail.new', (e) => {
    void loadFolders(e.accountId);
    if (selection?.accountId === e.accountId && selection.folder === e.folder) setListVersion((v) => v + 1);
  });

  // mailto: links, `--compose --attach`, the tray and notification clicks (renderer/features/desktop).
  useDesktopIntents({
    canCompose: accountList.length > 0,
    viewing: selection,
    compose: (intent) => {
      compose.open(composeInitialFrom(intent));
      if (intent.unreadable.length > 0) {
        dispatchToast(
          <Toast>
            <ToastTitle>{t('desktop.unreadable', { names: intent.unreadable.join(', ') })}</ToastTitle>
          </Toast>,
          { intent: 'warning' },
        );
      }
    },
    openMessage: (r) => {
      setSelection({ accountId: r.accountId, folder: r.folder });
      setOpenRequest((prev) => ({ uid: r.uid, key: (prev?.key ?? 0) + 1 }));
      search.clear();
      closeCompose();
    },
  });

  const mailStatus = useMailStatus();
  const search = useSearchMode(listVersion);

  const folderName = useCallback(
    (accountId: string, path: string) => {
      const state = folders.get(accountId);
      const folder = state?.status === 'ready' ? state.value.find((f) => f.path === path) : undefined;
      const key = folderLabelKey(folder ?? { path, specialUse: null });
      return key ? t(key) : (folder?.name ?? path);
    },
    [folders, t],
  );

  const runSync = useCallback(() => {
    if (selection) void sync.run(selection.accountId, selection.folder);
  }, [selection, sync]);

  const startCompose = useCallback(() => {
    if (accountList.length > 0) compose.open({});
  }, [accountList.length, compose]);

  const onSelectFolder = useCallback(
    (next: FolderSelection) => {
      setSelection(next);
      search.clear();
      closeCompose();
    },
    [closeCompose, search.clear],
  );

  // Outlook's shortcuts (shortcuts.ts); the other features register theirs where they live.
  useAppCommands({
    sync: runSync,
    compose: startCompose,
    directory: () => setView((v) => (v === 'directory' ? 'mail' : 'directory')),
    inbox: () => {
      const first = accountList[0];
      const state = first ? folders.get(first.id) : undefined;
      const inbox = state?.status === 'ready' ? state.value.find((f) => specialUseOf(f) === 'inbox') : undefined;
      if (!first || !inbox) return false;
      onSelectFolder({ accountId: first.id, folder: inbox.path });
      return true;
    },
  });

  const reloadFolders = useCallback((accountId: string) => void loadFolders(accountId), [loadFolders]);
  // New, renamed, deleted, emptied folders (features/folders): reload, and follow the selection.
  useFolderChanges({ folders, selected: selection, reload: reloadFolders, select: onSelectFolder });
  const notify = useCallback(
    (content: ReactNode, intent: 'success' | 'error' | 'warning' | 'info', timeout?: number) =>
      dispatchToast(content, { intent, ...(timeout ? { timeout } : {}) }),
    [dispatchToast],
  );

  const onAccountAdded = useCallback(
    (account: AccountSummary) => {
      setAddOpen(false);
      dispatchToast(
        <Toast>
          <ToastTitle>{t('account.form.added', { email: account.email })}</ToastTitle>
        </Toast>,
        { intent: 'success' },
      );
      void loadAccounts();
    },
    [dispatchToast, loadAccounts, t],
  );

  const onAccountRemoved = useCallback(
    (account: AccountSummary) => {
      dispatchToast(
        <Toast>
          <ToastTitle>{t('settings.accounts.removed', { email: account.email })}</ToastTitle>
        </Toast>,
        { intent: 'success' },
      );
      setFolders((prev) => {
        const next = new Map(prev);
        next.delete(account.id);
        return next;
      });
      if (selection?.accountId === account.id) {
        setSelection(null);
      }
      void loadAccounts();
    },
    [dispatchToast, loadAccounts, selection, t],
  );

  const onSent = useCallback(
    (entry: OutboxEntry) => {
      closeCompose();
      const toastId = `sent-${entry.id}`;
      dispatchToast(<SentToast entry={entry} onDone={() => dismissToast(toastId)} />, {
        intent: 'success',
        toastId,
        timeout: sentToastTimeout(entry),
      });
    },
    [closeCompose, dispatchToast, dismissToast],
  );

  const hasAccounts = accountList.length > 0;

  const content = useMemo(() => {
    if (accounts.status === 'loading' || accounts.status === 'idle') {
      return (
        <main className={s.welcome}>
          <LoadingState label={t('app.loading')} />
        </main>
      );
    }
    if (accounts.status === 'error') {
      return (
        <main className={s.welcome}>
          <ErrorState
            message={err(accounts.error)}
            retryLabel={t('reader.retry')}
            onRetry={() => void loadAccounts()}
          />
        </main>
      );
    }
    return null;
  }, [accounts, err, loadAccounts, s.welcome, t]);

  return (
    <div className={s.shell}>
      <header className={s.header}>
        <a href="#message-list" className={s.skip}>
          {t('app.skipToList')}
        </a>
        <h1 className={s.brand}>
          <MailRegular aria-hidden="true" />
          {t('app.name')}
        </h1>
        {hasAccounts ? <SearchBox onSearch={search.run} onClear={search.clear} active={search.query !== null} /> : null}
        <HeaderToolbar
          label={t('toolbar.label')}
          slots={<DraftsMenu disabled={!hasAccounts} />}
          actions={[
            {
              id: 'new',
              primary: true,
              pinned: true,
              icon: <ComposeRegular />,
              onClick: startCompose,
              disabled: !hasAccounts,
              title: t('toolbar.newMessage.hint'),
              label: t('toolbar.newMessage'),
            },
            {
              id: 'sync',
              priority: 6,
              icon: <ArrowSyncRegular />,
              onClick: runSync,
              disabled: !selection || sync.state.status === 'running',
              title: t('toolbar.sync.hint'),
              keyshortcuts: 'F9',
              label: t('toolbar.sync'),
            },
            {
              id: 'directory',
              priority: 5,
              icon: view === 'directory' ? <MailRegular /> : <BookContactsRegular />,
              onClick: () => setView(view === 'directory' ? 'mail' : 'directory'),
              title: view === 'directory' ? t('toolbar.mail.hint') : t('toolbar.directory.hint'),
              keyshortcuts: 'Control+Shift+B',
              label: view === 'directory' ? t('toolbar.mail') : t('toolbar.directory'),
            },
            {
              id: 'addAccount',
              priority: 1,
              iconOnly: { name: t('toolbar.addAccount') },
              icon: <PersonAddRegular />,
              onClick: () => setAddOpen(true),
              disabled: !hasAccounts,
              label: t('toolbar.addAccount'),
            },
            {
              id: 'language',
              group: 'view',
              // Pinned, like Thiết lập: switching language or theme is one click at every width.
              pinned: true,
              iconOnly: { name: t('toolbar.language.switchTo'), lang: lang === 'vi' ? 'en' : 'vi' },
              icon: <LocalLanguageRegular />,
              onClick: () => setLang(lang === 'vi' ? 'en' : 'vi'),
              title: t('toolbar.language.hint'),
              lockedNote: languageLock.note,
              label: <span lang={lang === 'vi' ? 'en' : 'vi'}>{t('toolbar.language.switchTo')}</span>,
            },
            {
              id: 'theme',
              group: 'view',
              pinned: true,
              iconOnly: { name: theme === 'light' ? t('toolbar.theme.dark') : t('toolbar.theme.light') },
              icon: theme === 'light' ? <WeatherMoonRegular /> : <WeatherSunnyRegular />,
              onClick: () => onThemeChange(theme === 'light' ? 'dark' : 'light'),
              lockedNote: themeLock.note,
              label: theme === 'light' ? t('toolbar.theme.dark') : t('toolbar.theme.light'),
            },
            {
              id: 'settings',
              group: 'view',
              pinned: true,
              icon: <SettingsRegular />,
              onClick: () => setSettingsOpen(true),
              title: t('settings.open.hint'),
              label: t('settings.open'),
            },
          ]}
        />
      </header>

      <div className={s.panes}>
        {content ??
          (view === 'directory' ? (
            <DirectoryView canWrite={hasAccounts} />
          ) : hasAccounts ? (
            <>
              <Mailbox
                accounts={accountList}
                folders={folders}
                selected={selection}
                onSelectFolder={onSelectFolder}
                reloadFolders={reloadFolders}
                folderName={folderName}
                listVersion={listVersion}
                search={search}
                openRequest={openRequest}
                notify={notify}
                onOpenMessage={closeCompose}
                composeLabel={t('compose.label')}
                compose={
                  compose.current ? (
                    <Compose
                      key={compose.current.key}
                      initial={compose.current.initial}
                      accounts={accountList}
                      defaultAccountId={selection?.accountId ?? null}
                      onClose={closeCompose}
                      onSent={onSent}
                    />
                  ) : null
                }
              />
            </>
          ) : (
            <main className={s.welcome} aria-labelledby={welcomeTitleId}>
              <h2 id={welcomeTitleId} className={s.welcomeTitle}>
                {t('welcome.title')}
              </h2>
              <p className={s.welcomeBody}>{t('welcome.body')}</p>
              <AddAccountForm onAdded={onAccountAdded} labelledBy={welcomeTitleId} />
            </main>
          ))}
      </div>

      <StatusBar connection={connection} sync={sync.state} folderName={folderName} mail={mailStatus} />

      <DialogShell
        open={addOpen}
        title={t('account.form.title')}
        titleId={addTitleId}
        onClose={() => setAddOpen(false)}
      >
        <AddAccountForm onAdded={onAccountAdded} onCancel={() => setAddOpen(false)} labelledBy={addTitleId} />
      </DialogShell>
      <SettingsDialog
        open={settingsOpen}
        onOpenChange={setSettingsOpen}
        accounts={accountList}
        onAccountRemoved={onAccountRemoved}
      />
      <Toaster toasterId={toasterId} position="bottom-end" />
    </div>
  );
}
