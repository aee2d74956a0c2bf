// The attachments of the message being written: each with its size and a remove button, files still uploading with
// their progress, a warning for risky types (QĐ 50/2009 Điều 8; the rule is src/shared/attachment-risk.ts), and the
// message's size against the account's limit (src/shared/message-size.ts), so "too large" is said before sending.
import {
  Button,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Field,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { AttachRegular, DismissRegular, WarningRegular } from '@fluentui/react-icons';
import type { DraftAttachment } from '../../../src/api/types.ts';
import { attachmentRisk } from '../../../src/shared/attachment-risk.ts';
import { formatSize } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { riskKey } from '../reader/attachments.ts';
import type { Upload } from './useAttachments.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  list: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, margin: 0, padding: 0, listStyle: 'none' },
  item: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  risky: { border: `${tokens.strokeWidthThin} solid ${tokens.colorPaletteDarkOrangeBorder2}` },
  upload: { minWidth: '16em' },
  size: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  total: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  over: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

export interface AttachmentListProps {
  attachments: readonly DraftAttachment[];
  uploads: readonly Upload[];
  onRemove(path: string): void;
  onDismissUpload(key: string): void;
  /** The message's estimated composed size and the account's limit (null: unknown). */
  estimate: number;
  limit: number | null;
  over: boolean;
}

export function AttachmentList({
  attachments,
  uploads,
  onRemove,
  onDismissUpload,
  estimate,
  limit,
  over,
}: AttachmentListProps) {
  const { t, lang, err } = useI18n();
  const s = useStyles();
  if (attachments.length === 0 && uploads.length === 0) return null;
  const risky = attachments
    .map((a) => ({ a, risk: attachmentRisk({ filename: a.filename, contentType: a.contentType }) }))
    .filter((x) => x.risk.level !== 'none');
  return (
    <div className={s.root}>
      <ul className={s.list} aria-label={t('compose.attachments')} data-testid="compose-attachments">
        {attachments.map((a) => {
          const risk = risky.find((x) => x.a === a)?.risk;
          return (
            <li
              key={a.path}
              className={mergeClasses(s.item, risk && s.risky)}
              data-risky={risk ? risk.level : undefined}
            >
              {risk ? <WarningRegular aria-hidden="true" /> : <AttachRegular aria-hidden="true" />}
              <span>{a.filename}</span>
              <span className={s.size}>{formatSize(a.size, lang)}</span>
              <Button
                size="small"
                appearance="subtle"
                icon={<DismissRegular />}
                aria-label={t('compose.attachment.remove', { name: a.filename })}
                onClick={() => onRemove(a.path)}
              />
            </li>
          );
        })}
        {uploads.map((u) => (
          <li key={u.key} className={mergeClasses(s.item, s.upload)} data-testid="compose-upload">
            <Field
              validationMessage={u.error ? err(u.error) : undefined}
              validationState={u.error ? 'error' : 'none'}
              label={t('compose.upload.progress', {
                name: u.name,
                sent: formatSize(u.sent, lang),
                size: formatSize(u.size, lang),
              })}
            >
              <ProgressBar value={u.size ? u.sent / u.size : 1} max={1} />
            </Field>
            {u.error ? (
              <Button
                size="small"
                appearance="subtle"
                icon={<DismissRegular />}
                aria-label={t('compose.upload.dismiss', { name: u.name })}
                onClick={() => onDismissUpload(u.key)}
              />
            ) : null}
          </li>
        ))}
      </ul>
      <span className={mergeClasses(s.total, over && s.over)} data-testid="compose-size">
        {limit && limit > 0
          ? t('compose.size.ofLimit', { size: formatSize(estimate, lang), limit: formatSize(limit, lang) })
          : t('compose.size.total', { size: formatSize(estimate, lang) })}
      </span>
      {over ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            {t('compose.size.over', { size: formatSize(estimate, lang), limit: formatSize(limit ?? 0, lang) })}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {risky.map(({ a, risk }) => (
        <MessageBar key={a.path} intent="warning" data-testid="compose-risk">
          <MessageBarBody>
            {t('compose.risk', { name: a.filename, reason: t(riskKey(risk.reason), { ext: risk.extension || '?' }) })}
          </MessageBarBody>
        </MessageBar>
      ))}
    </div>
  );
}
