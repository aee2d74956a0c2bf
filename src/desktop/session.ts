// What a desktop host runs next to the engine while the window is up (Electron main; the browser harness does the
// same so the UI gets new mail live): every account watched (sync.watch, IDLE) from the start and after it is added,
// the unread count of the inboxes for the badge and tray, and new-mail notifications by the rules of notify.ts.
// The host supplies only the thin platform part (DesktopShell); the rules are here, tested in plain Node.
import type { EventName, Events } from '../api/contract.ts';
import type { Dispatch } from '../api/dispatch.ts';
import type { Lang } from '../api/errors.ts';
import type { AccountSummary, FolderSummary, NewMailEvent } from '../api/types.ts';
import type { Logger } from '../platform/types.ts';
import { UnreadCounts } from './badge.ts';
import type { DesktopServices } from './host.ts';
import { notificationPrefs, planNotices, type Notice } from './notify.ts';

export interface DesktopShell {
  /** Show one notice (Electron: a Notification whose click focuses the window and sends app.openMessage). */
  notify(notice: Notice): void;
  /** The inboxes' unread total changed: badge, overlay, tray tooltip. */
  setUnread(count: number): void;
  /** The window is shown and has the focus. */
  isFocused(): boolean;
}

export interface DesktopSessionDeps {
  /** The engine's dispatcher WITHOUT a file gate: these are the host's own calls, not the renderer's. */
  call: Dispatch;
  onEvent(listener: <E extends EventName>(event: E, payload: Events[E]) => void): () => void;
  desktop: DesktopServices;
  shell: DesktopShell;
  lang(): Lang;
  log: Logger;
  /** Watch every account (default true). */
  watch?: boolean;
  /** New mail arriving within this window makes one grouped notice ("5 thư mới"). */
  batchMs?: number;
}

export interface DesktopSession {
  /** Settles when the accounts present at start are watched and counted. */
  readonly ready: Promise<void>;
  /** After accounts.add: watch and count the new account. */
  accountAdded(accountId: string): Promise<void>;
  accountRemoved(accountId: string): void;
  /** Stops notifications and the watchers (quit). */
  stop(): Promise<void>;
}

const DEFAULT_BATCH_MS = 1500;

export function startDesktopSession(deps: DesktopSessionDeps): DesktopSession {
  const { call, desktop, shell, log } = deps;
  const counts = new UnreadCounts();
  const watched = new Set<string>();
  let pending: NewMailEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  // Read before every notice, so a change in the settings screen applies to the next mail at once.
  const notificationSettings = async () => {
    const r = await call('settings.get', {});
    return notificationPrefs(r.ok ? r.value : null);
  };

  const flush = async (): Promise<void> => {
    timer = null;
    const events = pending;
    pending = [];
    if (stopped || events.length === 0) return;
    const notices = planNotices(events, {
      ...(await notificationSettings()),
      focused: shell.isFocused(),
      viewing: desktop.viewing,
      lang: deps.lang(),
    });
    for (const n of notices) shell.notify(n);
  };

  const unsubscribe = deps.onEvent((event, payload) => {
    if (stopped) return;
    if (event === 'folder.changed') {
      const p = payload as Events['folder.changed'];
      if (counts.set(p.accountId, p.folder, p.unread)) shell.setUnread(counts.total());
    } else if (event === 'mail.new') {
      pending.push(payload as NewMailEvent);
      timer ??= setTimeout(() => {
        flush().catch((err: unknown) => log.warn('new-mail notification failed', { error: String(err) }));
      }, deps.batchMs ?? DEFAULT_BATCH_MS);
    }
  });

  const addAccount = async (accountId: string): Promise<void> => {
    const folders = await call('folders.list', { accountId });
    if (folders.ok) {
      for (const f of folders.value as FolderSummary[]) counts.set(accountId, f.path, f.unread);
      shell.setUnread(counts.total());
    }
    if (deps.watch === false || stopped || watched.has(accountId)) return;
    const r = await call('sync.watch', { accountId });
    if (r.ok) watched.add(accountId);
    // Offline or a wrong password: the UI shows the account's state; the watcher is started again on the next add.
    else log.warn('could not watch account', { accountId, code: r.error.code });
  };

  const ready = (async () => {
    const accounts = await call('accounts.list', {});
    if (!accounts.ok) return log.warn('accounts not listed for watching', { code: accounts.error.code });
    await Promise.all((accounts.value as AccountSummary[]).map((a) => addAccount(a.id)));
    log.info('desktop session ready', { accounts: (accounts.value as AccountSummary[]).length, watched: watched.size });
  })().catch((err: unknown) => log.error('desktop session start failed', { error: String(err) }));

  return {
    ready,
    accountAdded: (accountId) => addAccount(accountId),
    accountRemoved(accountId) {
      watched.delete(accountId);
      if (counts.forget(accountId)) shell.setUnread(counts.total());
    },
    async stop() {
      stopped = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      timer = null;
      await ready;
      const ids = [...watched];
      watched.clear();
      await Promise.all(ids.map((accountId) => call('sync.unwatch', { accountId })));
    },
  };
}

/**
 * The renderer's dispatcher, seen by the session: a new account is watched as soon as it is added, a removed one
 * stops counting. Only the outcome is looked at; the call itself is unchanged.
 */
export function followAccounts(dispatch: Dispatch, session: () => DesktopSession | null): Dispatch {
  return async (method, params) => {
    const result = await dispatch(method, params);
    const s = session();
    if (s && result.ok && method === 'accounts.add') {
      const id = (result.value as AccountSummary).id;
      s.accountAdded(id).catch(() => {});
    } else if (s && result.ok && method === 'accounts.remove') {
      const id = (params as { accountId?: unknown } | null)?.accountId;
      if (typeof id === 'string') s.accountRemoved(id);
    }
    return result;
  };
}
