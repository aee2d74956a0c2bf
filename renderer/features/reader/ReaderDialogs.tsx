// The reader's dialogs: confirm a link (its real target first), the message source, an attachment preview, and the
// warning before a risky attachment is opened or saved.
import { MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import type { MessageSource } from '../../../src/api/types-reader.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatSize } from '../../i18n/format.ts';
import { DialogShell } from '../../shared/DialogShell.tsx';
import type { Loadable } from '../../shared/loadable.ts';
import type { LinkInfo } from './links.ts';
import { PdfView } from './PdfView.tsx';

const useStyles = makeStyles({
  host: {
    display: 'block',
    margin: `${tokens.spacingVerticalS} 0`,
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
  },
  label: { display: 'block', color: tokens.colorNeutralForeground2, marginTop: tokens.spacingVerticalM },
  url: {
    display: 'block',
    marginTop: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    maxHeight: '8em',
    overflowY: 'auto',
  },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  source: {
    margin: 0,
    padding: tokens.spacingHorizontalM,
    maxHeight: '60vh',
    overflow: 'auto',
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
  },
  wide: { maxWidth: 'min(1000px, 92vw)', width: '92vw' },
  image: { display: 'block', maxWidth: '100%', maxHeight: '65vh', margin: '0 auto' },
});

export function LinkDialog({ link, onOpen, onClose }: { link: LinkInfo | null; onOpen(): void; onClose(): void }) {
  const { t } = useI18n();
  const s = useStyles();
  return (
    <DialogShell
      open={link !== null}
      modalType="alert"
      title={t('reader.link.title')}
      onClose={onClose}
      testId="link-dialog"
      contentClassName={s.stack}
      actions={[
        // Cancel first and focused: Enter must never open a link by accident.
        { label: t('reader.link.cancel'), primary: true, focus: true },
        { label: t('reader.link.open'), onClick: onOpen },
      ]}
    >
      {link ? (
        <>
          <span>{t(link.kind === 'mail' ? 'reader.link.mail' : 'reader.link.web')}</span>
          <strong className={s.host} data-testid="link-host">
            {link.host}
          </strong>
          {link.shownHost ? (
            <MessageBar intent="error">
              <MessageBarBody>{t('reader.link.mismatch', { shown: link.shownHost, host: link.host })}</MessageBarBody>
            </MessageBar>
          ) : null}
          {link.insecure ? (
            <MessageBar intent="warning">
              <MessageBarBody>{t('reader.link.insecure')}</MessageBarBody>
            </MessageBar>
          ) : null}
          <span className={s.label}>{t('reader.link.full')}</span>
          <code className={s.url} data-testid="link-url">
            {link.url}
          </code>
          <span>{t('reader.link.advice')}</span>
        </>
      ) : null}
    </DialogShell>
  );
}

export function SourceDialog({ state, onClose }: { state: Loadable<MessageSource> | null; onClose(): void }) {
  const { t, err, lang } = useI18n();
  const s = useStyles();
  return (
    <DialogShell
      open={state !== null}
      title={t('reader.source.title')}
      onClose={onClose}
      testId="source-dialog"
      surfaceClassName={s.wide}
      contentClassName={s.stack}
      error={state?.status === 'error' ? err(state.error) : null}
      actions={[{ label: t('reader.close'), primary: true }]}
    >
      {state?.status === 'ready' ? (
        <>
          {state.value.truncated ? (
            <MessageBar intent="info">
              <MessageBarBody>
                {t('reader.source.truncated', {
                  shown: formatSize(state.value.source.length, lang),
                  size: formatSize(state.value.size, lang),
                })}
              </MessageBarBody>
            </MessageBar>
          ) : null}
          {/* Text content only: the source is shown, never interpreted. */}
          <pre className={s.source} tabIndex={0} data-testid="source-text">
            {state.value.source}
          </pre>
        </>
      ) : state?.status === 'error' ? null : (
        <Spinner size="small" label={t('reader.source.loading')} />
      )}
    </DialogShell>
  );
}

export type Preview =
  | { name: string; kind: 'image'; url: string }
  | { name: string; kind: 'text'; text: string }
  | { name: string; kind: 'pdf'; bytes: Uint8Array<ArrayBuffer> }
  | { name: string; kind: 'loading' }
  | { name: string; kind: 'error'; message: string };

export function PreviewDialog({
  preview,
  onClose,
  onError,
}: {
  preview: Preview | null;
  onClose(): void;
  onError(message: string): void;
}) {
  const { t } = useI18n();
  const s = useStyles();
  return (
    <DialogShell
      open={preview !== null}
      title={preview ? t('reader.preview.title', { name: preview.name }) : ''}
      onClose={onClose}
      testId="preview-dialog"
      surfaceClassName={s.wide}
      error={preview?.kind === 'error' ? preview.message : null}
      actions={[{ label: t('reader.close'), primary: true }]}
    >
      {preview?.kind === 'image' ? (
        <img className={s.image} src={preview.url} alt={preview.name} />
      ) : preview?.kind === 'pdf' ? (
        <PdfView bytes={preview.bytes} name={preview.name} onError={onError} />
      ) : preview?.kind === 'text' ? (
        <pre className={s.source} tabIndex={0}>
          {preview.text}
        </pre>
      ) : preview?.kind === 'error' ? null : (
        <Spinner size="small" label={t('reader.preview.loading')} />
      )}
    </DialogShell>
  );
}

export function RiskDialog({
  text,
  name,
  onContinue,
  onClose,
}: {
  /** The risk explanation; null: closed. */
  text: string | null;
  name: string;
  onContinue(): void;
  onClose(): void;
}) {
  const { t } = useI18n();
  const s = useStyles();
  return (
    <DialogShell
      open={text !== null}
      modalType="alert"
      title={t('reader.risk.confirmTitle')}
      onClose={onClose}
      testId="risk-dialog"
      contentClassName={s.stack}
      actions={[
        { label: t('reader.link.cancel'), primary: true, focus: true },
        { label: t('reader.risk.continue'), onClick: onContinue },
      ]}
    >
      <strong className={s.host}>{name}</strong>
      <MessageBar intent="warning">
        <MessageBarBody>{text}</MessageBarBody>
      </MessageBar>
      <span>{t('reader.risk.confirmBody')}</span>
    </DialogShell>
  );
}
