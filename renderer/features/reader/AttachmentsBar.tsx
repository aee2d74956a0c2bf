// The attachments of a message: name, size, risk, and open (in-app preview) / save / save all. Risky types follow
// src/shared/attachment-risk.ts through messages.html (QĐ 50/2009 Điều 8): blocked ones cannot be opened or saved from here,
// "warn" ones ask first.
import { Badge, Button, Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import {
  ArrowDownloadRegular,
  AttachRegular,
  DocumentPdfRegular,
  DocumentRegular,
  EyeRegular,
  ShieldErrorRegular,
  WarningRegular,
} from '@fluentui/react-icons';
import type { AttachmentInfo } from '../../../src/api/types.ts';
import type { AttachmentRiskInfo } from '../../../src/api/types-reader.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatSize } from '../../i18n/format.ts';
import { effectiveRisk, previewKind, riskKey } from './attachments.ts';

const useStyles = makeStyles({
  root: {
    margin: `${tokens.spacingVerticalL} 0 0`,
    padding: `${tokens.spacingVerticalS} 0`,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  head: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    margin: `0 0 ${tokens.spacingVerticalS}`,
  },
  title: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
  },
  item: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS} ${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    maxWidth: '100%',
  },
  blocked: {
    border: `1px solid ${tokens.colorPaletteRedBorder2}`,
    backgroundColor: tokens.colorPaletteRedBackground1,
  },
  warn: {
    border: `1px solid ${tokens.colorPaletteDarkOrangeBorder2}`,
    backgroundColor: tokens.colorPaletteYellowBackground1,
  },
  icon: { fontSize: '24px', color: tokens.colorPaletteRedForeground1, flexShrink: 0 },
  neutralIcon: { fontSize: '24px', color: tokens.colorNeutralForeground2, flexShrink: 0 },
  text: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  name: { overflowWrap: 'anywhere' },
  meta: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
  note: { color: tokens.colorNeutralForeground1, fontSize: tokens.fontSizeBase200, maxWidth: '52ch' },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalXXS, flexShrink: 0 },
});

export interface AttachmentsBarProps {
  attachments: AttachmentInfo[];
  risks: readonly AttachmentRiskInfo[] | null;
  onOpen(a: AttachmentInfo): void;
  onSave(a: AttachmentInfo): void;
  onSaveAll(list: AttachmentInfo[]): void;
}

function isPdf(a: AttachmentInfo): boolean {
  return a.contentType === 'application/pdf' || a.filename.toLowerCase().endsWith('.pdf');
}

export function AttachmentsBar({ attachments, risks, onOpen, onSave, onSaveAll }: AttachmentsBarProps) {
  const { t, lang } = useI18n();
  const s = useStyles();
  const allowed = attachments.filter((a) => effectiveRisk(a.index, risks).level !== 'block');
  return (
    <section className={s.root} aria-labelledby="reader-attachments">
      <div className={s.head}>
        <h3 id="reader-attachments" className={s.title}>
          <AttachRegular aria-hidden="true" />
          {t('reader.attachments', { count: attachments.length })}
        </h3>
        {allowed.length > 1 ? (
          <Button size="small" appearance="subtle" icon={<ArrowDownloadRegular />} onClick={() => onSaveAll(allowed)}>
            {t('reader.attachment.saveAll')}
          </Button>
        ) : null}
      </div>
      <ul className={s.list}>
        {attachments.map((a) => {
          const risk = effectiveRisk(a.index, risks);
          const riskText = risk.level === 'none' ? null : t(riskKey(risk.reason), { ext: risk.extension || '?' });
          const blocked = risk.level === 'block';
          const canPreview = !blocked && previewKind(a) !== null;
          return (
            <li
              key={a.index}
              className={`${s.item} ${blocked ? s.blocked : risk.level === 'warn' && risk.reason ? s.warn : ''}`}
              data-testid="attachment"
              data-risk={risk.level}
            >
              {blocked ? (
                <ShieldErrorRegular className={s.icon} aria-hidden="true" />
              ) : isPdf(a) ? (
                <DocumentPdfRegular className={s.icon} aria-hidden="true" />
              ) : (
                <DocumentRegular className={s.neutralIcon} aria-hidden="true" />
              )}
              <span className={s.text}>
                <span className={s.name} data-testid="attachment-name">
                  {a.filename}
                </span>
                <span className={s.meta}>
                  <span>{formatSize(a.size, lang)}</span>
                  {blocked ? (
                    <Badge color="danger" appearance="filled" size="small">
                      {t('reader.attachment.blocked')}
                    </Badge>
                  ) : risk.level === 'warn' && risk.reason ? (
                    <Badge color="warning" appearance="filled" size="small" icon={<WarningRegular />}>
                      {t('reader.attachment.warn')}
                    </Badge>
                  ) : null}
                </span>
                {riskText && risk.reason ? (
                  <span className={s.note} data-testid="attachment-risk">
                    {riskText}
                    {blocked ? ` ${t('reader.risk.blockedAdvice')}` : ''}
                  </span>
                ) : null}
              </span>
              {blocked ? null : (
                <span className={s.buttons}>
                  {canPreview ? (
                    <Tooltip content={t('reader.attachment.openNamed', { name: a.filename })} relationship="label">
                      <Button size="small" appearance="subtle" icon={<EyeRegular />} onClick={() => onOpen(a)} />
                    </Tooltip>
                  ) : null}
                  <Tooltip content={t('reader.attachment.saveNamed', { name: a.filename })} relationship="label">
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<ArrowDownloadRegular />}
                      onClick={() => onSave(a)}
                    />
                  </Tooltip>
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
