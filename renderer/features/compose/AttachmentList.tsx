// The attachments of the message being written: name, size, remove.
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { AttachRegular, DismissRegular } from '@fluentui/react-icons';
import type { DraftAttachment } from '../../../src/api/types.ts';
import { formatSize } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

const useStyles = makeStyles({
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
  size: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

export function AttachmentList({
  attachments,
  onRemove,
}: {
  attachments: readonly DraftAttachment[];
  onRemove(path: string): void;
}) {
  const { t, lang } = useI18n();
  const s = useStyles();
  if (attachments.length === 0) return null;
  return (
    <ul className={s.list} aria-label={t('compose.attachments')} data-testid="compose-attachments">
      {attachments.map((a) => (
        <li key={a.path} className={s.item}>
          <AttachRegular aria-hidden="true" />
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
      ))}
    </ul>
  );
}
