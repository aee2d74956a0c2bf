// The folder actions' place in the status bar: an export's "Đang xuất “Hộp thư đến”: 120/400 thư" with a bar and
// "Hủy xuất", then "Đã xuất 400 thư vào “Hộp thư đến.mbox” trong thư mục “Sao lưu”." or the Vietnamese error; else the
// last folder action ("Đã tạo thư mục “Dự án”."), until dismissed. A polite live region, so a screen reader hears the
// result without losing its place.
import { Button, ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { folderDisplayName } from '../mailbox/folders.ts';
import { useFolderActions } from './FolderActions.tsx';

const useStyles = makeStyles({
  // Its own width up to 60 % of the bar (the sync text beside it gives way first), so the result is never cut to nothing.
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    flexShrink: 0,
    maxWidth: '60%',
    minWidth: 0,
  },
  text: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0, flexShrink: 1 },
  error: { color: tokens.colorPaletteRedForeground1 },
  done: { color: tokens.colorPaletteGreenForeground1 },
  progress: { width: '120px', flexShrink: 0 },
  action: { flexShrink: 0 },
});

export function FolderStatus() {
  const s = useStyles();
  const { t, err } = useI18n();
  const actions = useFolderActions();
  const job = actions?.exports.job ?? null;
  if (!actions || (!job && !actions.notice)) return null;
  const { cancel } = actions.exports;
  const dismiss = job ? actions.exports.dismiss : actions.dismissNotice;

  let text: string;
  let tone: string | undefined;
  if (!job) {
    const notice = actions.notice;
    const vars = notice?.folder ? { ...notice.vars, folder: folderDisplayName(notice.folder, t) } : notice?.vars;
    text = notice ? t(notice.key, vars) + (notice.queued ? ` ${t('folders.queued')}` : '') : '';
    tone = notice?.queued ? undefined : s.done;
  } else if (job.status === 'running') {
    text =
      job.total > 0
        ? t('export.progress', { folder: folderDisplayName(job.folder, t), done: job.done, total: job.total })
        : t('export.progress.starting', { folder: folderDisplayName(job.folder, t) });
  } else if (job.status === 'done') {
    text = t('export.done', { count: job.result.messages, name: job.result.name, destination: job.destination });
    tone = s.done;
  } else {
    text = t('export.failed', { folder: folderDisplayName(job.folder, t), message: err(job.error) });
    tone = job.error.code === 'EXPORT_CANCELLED' ? undefined : s.error;
  }

  return (
    <div className={s.root} data-testid="folder-status">
      <span className={tone ? `${s.text} ${tone}` : s.text} role="status" title={text}>
        {text}
      </span>
      {job?.status === 'running' ? (
        <>
          <ProgressBar
            className={s.progress}
            value={job.total > 0 ? job.done / job.total : undefined}
            aria-label={text}
            thickness="medium"
          />
          <Button className={s.action} size="small" disabled={job.cancelling} onClick={cancel}>
            {job.cancelling ? t('export.cancelling') : t('export.cancel')}
          </Button>
        </>
      ) : (
        <Button
          className={s.action}
          size="small"
          appearance="subtle"
          icon={<DismissRegular />}
          aria-label={t('folders.close')}
          title={t('folders.close')}
          onClick={dismiss}
        />
      )}
    </div>
  );
}
