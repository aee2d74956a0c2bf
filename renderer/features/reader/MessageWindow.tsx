// A message in its own window (docs/ui.md "A message in its own window"; Outlook's double-click on a message): the
// page at `#/message?account=…&folder=…&uid=…` shows the full reader alone, with Delete and Close. Reply, reply all
// and forward open compose in this window; after sending, the reader comes back. Escape closes the window (not while
// composing or while a dialog is open: Escape belongs to them). A message deleted or moved meanwhile shows the
// engine's MESSAGE_NOT_FOUND text ("Không tìm thấy thư (có thể đã bị xóa hoặc chuyển đi)").
import {
  Button,
  MessageBar,
  MessageBarBody,
  Toaster,
  Tooltip,
  makeStyles,
  tokens,
  useId,
  useToastController,
} from '@fluentui/react-components';
import { DeleteRegular, DismissRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../../../src/api/errors.ts';
import type { AccountSummary, MessageDetail, OutboxEntry } from '../../../src/api/types.ts';
import type { OpenMessageRequest } from '../../../src/api/types-desktop.ts';
import { useApi, useApiEvent } from '../../api/context.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ErrorState } from '../../shared/PaneState.tsx';
import { Compose } from '../compose/Compose.tsx';
import { useCompose } from '../compose/ComposeProvider.tsx';
import { SentToast, sentToastTimeout } from '../compose/SentToast.tsx';
import { Reader } from './Reader.tsx';

const useStyles = makeStyles({
  shell: { display: 'grid', gridTemplateRows: 'auto 1fr', height: '100vh', overflow: 'hidden' },
  bar: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  spacer: { flexGrow: 1 },
  main: { minHeight: 0, overflow: 'hidden', display: 'flex', flexDirection: 'column' },
  content: { flexGrow: 1, minHeight: 0 },
});

/** Escape closes the window unless something inside already handled it or a dialog/menu is open. */
function closesWindow(e: KeyboardEvent): boolean {
  if (e.key !== 'Escape' || e.defaultPrevented || e.isComposing) return false;
  return document.querySelector('[role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"]') === null;
}

export function MessageWindow({ request }: { request: OpenMessageRequest | null }) {
  const api = useApi();
  const { t, err } = useI18n();
  const s = useStyles();
  const compose = useCompose();
  const toasterId = useId('message-window-toaster');
  const { dispatchToast, dismissToast } = useToastController(toasterId);
  const [accounts, setAccounts] = useState<AccountSummary[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  // Bumped when the folder lost messages: the reader loads again and says so if this one is gone.
  const [version, setVersion] = useState(0);

  useEffect(() => {
    void api.call('accounts.list', {}).then((r) => r.ok && setAccounts(r.value));
  }, [api]);

  useApiEvent('folder.changed', (e) => {
    if (request && e.removed > 0 && e.accountId === request.accountId && e.folder === request.folder) {
      setVersion((v) => v + 1);
    }
  });

  const close = useCallback(() => window.close(), []);
  const composing = compose.current !== null;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!composing && closesWindow(e)) {
        e.preventDefault();
        close();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close, composing]);

  const onLoaded = useCallback(
    (m: MessageDetail) => {
      document.title = t('messageWindow.title', { subject: m.subject || t('list.noSubject') });
    },
    [t],
  );

  const remove = async () => {
    if (!request) return;
    const r = await api.call('messages.delete', {
      accountId: request.accountId,
      folder: request.folder,
      uids: [request.uid],
    });
    if (r.ok) close();
    else setError(r.error);
  };

  const onSent = (entry: OutboxEntry) => {
    compose.close();
    const toastId = `sent-${entry.id}`;
    dispatchToast(<SentToast entry={entry} onDone={() => dismissToast(toastId)} />, {
      intent: 'success',
      toastId,
      timeout: sentToastTimeout(entry),
    });
  };

  return (
    <div className={s.shell}>
      <div className={s.bar} role="toolbar" aria-label={t('messageWindow.toolbar')}>
        {request && !composing ? (
          <Tooltip content={t('messageWindow.delete.hint')} relationship="description">
            <Button
              appearance="subtle"
              icon={<DeleteRegular />}
              onClick={() => void remove()}
              data-testid="message-window-delete"
            >
              {t('messageWindow.delete')}
            </Button>
          </Tooltip>
        ) : null}
        <span className={s.spacer} />
        <Tooltip content={t('messageWindow.close.hint')} relationship="description">
          <Button appearance="subtle" icon={<DismissRegular />} onClick={close} aria-keyshortcuts="Escape">
            {t('messageWindow.close')}
          </Button>
        </Tooltip>
      </div>
      <main className={s.main} aria-label={t('messageWindow.label')}>
        {error ? (
          <MessageBar intent="error">
            <MessageBarBody>{err(error)}</MessageBarBody>
          </MessageBar>
        ) : null}
        <div className={s.content}>
          {!request ? (
            <ErrorState message={t('messageWindow.invalid')} />
          ) : compose.current && accounts.length > 0 ? (
            <Compose
              key={compose.current.key}
              initial={compose.current.initial}
              accounts={accounts}
              defaultAccountId={request.accountId}
              onClose={compose.close}
              onSent={onSent}
            />
          ) : (
            <Reader
              key={version}
              accountId={request.accountId}
              folder={request.folder}
              uid={request.uid}
              onLoaded={onLoaded}
            />
          )}
        </div>
      </main>
      <Toaster toasterId={toasterId} position="bottom-end" />
    </div>
  );
}
