// Status bar: connection to the engine, sync state and progress, the last error. A polite live region, so a screen
// reader hears "Đã đồng bộ lúc 09:41" without losing its place.
import { ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import type { ConnectionState } from '../api/client.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatSizeProgress, formatTime } from '../i18n/format.ts';
import { totalProgress, useSendProgress } from '../features/compose/useSendProgress.ts';
import type { SyncState } from '../features/mailbox/useSync.ts';
import type { MailStatus } from '../features/mailbox/useMailStatus.ts';
import { CloudOffRegular, MailArrowUpRegular, ArrowClockwiseRegular } from '@fluentui/react-icons';
import { assertNever } from '../shared/loadable.ts';
import { FolderStatus } from '../features/folders/FolderStatus.tsx';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    padding: `0 ${tokens.spacingHorizontalL}`,
    minHeight: '28px',
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    // A long reason must not widen the window (it would scroll the whole shell sideways at 1024 px).
    minWidth: 0,
    overflow: 'hidden',
  },
  text: { flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  error: { color: tokens.colorPaletteRedForeground1 },
  progress: { width: '160px' },
  sendProgress: { width: '96px' },
  item: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, whiteSpace: 'nowrap' },
  offline: {
    color: tokens.colorPaletteRedForeground1,
    fontWeight: tokens.fontWeightSemibold,
    minWidth: 0,
    flexShrink: 1,
  },
  clip: { overflow: 'hidden', textOverflow: 'ellipsis' },
});

export function StatusBar({
  connection,
  sync,
  folderName,
  mail,
}: {
  connection: ConnectionState;
  sync: SyncState;
  mail: MailStatus;
  folderName: (accountId: string, path: string) => string;
}) {
  const s = useStyles();
  const { t, err, lang } = useI18n();
  // Bytes of the messages being sent (outbox.progress), while no compose pane shows them or after it closed.
  const sendingBytes = totalProgress(useSendProgress());

  let text: string;
  let isError = false;
  let progress: number | null | undefined;
  if (connection === 'connecting') {
    text = t('status.connecting');
  } else if (connection === 'closed') {
    text = t('status.disconnected');
    isError = true;
  } else {
    switch (sync.status) {
      case 'idle':
        text = t('status.ready');
        break;
      case 'running': {
        const folder = folderName(sync.accountId, sync.folder);
        text =
          sync.total > 0
            ? t('status.syncProgress', { folder, done: sync.done, total: sync.total })
            : t('status.syncing', { folder });
        // Indeterminate until the engine reports a total.
        progress = sync.total > 0 ? Math.min(1, sync.done / sync.total) : undefined;
        break;
      }
      case 'done':
        text = t('status.synced', { time: formatTime(sync.at) });
        if (sync.result.added > 0) text += ` · ${t('status.newMail', { count: sync.result.added })}`;
        break;
      case 'error':
        text = t('status.syncFailed', { message: err(sync.error) });
        isError = true;
        break;
      default:
        assertNever(sync);
    }
  }

  // One offline account is enough to say so; the reason is the first one's (they usually share a network).
  const offlineReason = mail.offline.size > 0 ? [...mail.offline.values()][0] : null;
  return (
    <footer className={s.root}>
      {offlineReason !== null ? (
        <span className={`${s.item} ${s.offline}`} data-testid="status-offline">
          <CloudOffRegular aria-hidden="true" />
          <span className={s.clip}>
            {t('status.offline', { message: err({ code: offlineReason ?? 'CONNECTION_LOST', message: '' }) })}
          </span>
        </span>
      ) : null}
      {/* First: the bar can be wider than the window while the toolbar overflows (1366 px, Vietnamese). */}
      <FolderStatus />
      <div className={isError ? `${s.text} ${s.error}` : s.text} role="status" data-testid="status-text">
        {text}
      </div>
      {progress !== null && sync.status === 'running' && connection === 'open' ? (
        <ProgressBar className={s.progress} value={progress} aria-label={text} thickness="medium" />
      ) : null}
      {mail.pendingOps > 0 ? (
        <span className={s.item} data-testid="status-ops">
          <ArrowClockwiseRegular aria-hidden="true" />
          {t('status.pendingOps', { count: mail.pendingOps })}
        </span>
      ) : null}
      {sendingBytes ? (
        <span className={s.item} data-testid="status-outbox">
          <MailArrowUpRegular aria-hidden="true" />
          {t('sending.progress', { progress: formatSizeProgress(sendingBytes.sent, sendingBytes.total, lang) })}
          <ProgressBar
            className={s.sendProgress}
            value={sendingBytes.total > 0 ? sendingBytes.sent / sendingBytes.total : 0}
            aria-label={t('sending.progress.label')}
            aria-valuetext={formatSizeProgress(sendingBytes.sent, sendingBytes.total, lang)}
          />
        </span>
      ) : mail.outbox > 0 ? (
        <span className={s.item} data-testid="status-outbox">
          <MailArrowUpRegular aria-hidden="true" />
          {t('status.outbox', { count: mail.outbox })}
        </span>
      ) : null}
    </footer>
  );
}
