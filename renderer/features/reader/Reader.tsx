// Reading pane, plain text for now (issue 2): header, attachments (names and sizes), body in a pre-wrap block.
// HTML mail comes later, sanitised in a sandboxed iframe (design.md "HTML mail"); it is never injected here.
import { makeStyles, tokens } from '@fluentui/react-components';
import { AttachRegular, DocumentPdfRegular, DocumentRegular, MailReadRegular } from '@fluentui/react-icons';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Address, MessageDetail } from '../../../src/api/types.ts';
import { useApi } from '../../api/context.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatFullDate, formatSize } from '../../i18n/format.ts';
import { fromResult, loading, type Loadable } from '../../shared/loadable.ts';
import { EmptyState, ErrorState, LoadingState } from '../../shared/PaneState.tsx';

const useStyles = makeStyles({
  root: {
    height: '100%',
    overflowY: 'auto',
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  subject: {
    margin: `0 0 ${tokens.spacingVerticalM}`,
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightBase500,
    overflowWrap: 'anywhere',
  },
  meta: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    fontSize: tokens.fontSizeBase300,
  },
  term: { color: tokens.colorNeutralForeground2 },
  def: { margin: 0, overflowWrap: 'anywhere' },
  address: { color: tokens.colorNeutralForeground2 },
  attachments: {
    margin: `${tokens.spacingVerticalL} 0 0`,
    padding: `${tokens.spacingVerticalS} 0`,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  attachmentsTitle: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    margin: `0 0 ${tokens.spacingVerticalS}`,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  attachmentList: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
  },
  attachment: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    maxWidth: '100%',
  },
  attachmentIcon: { fontSize: '24px', color: tokens.colorPaletteRedForeground1, flexShrink: 0 },
  attachmentName: { overflowWrap: 'anywhere' },
  attachmentSize: { color: tokens.colorNeutralForeground2, whiteSpace: 'nowrap', fontSize: tokens.fontSizeBase200 },
  body: {
    margin: `${tokens.spacingVerticalL} 0 0`,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase400,
  },
  note: { color: tokens.colorNeutralForeground2, fontStyle: 'italic' },
});

export interface ReaderProps {
  accountId: string | null;
  folder: string | null;
  uid: number | null;
  onLoaded?(message: MessageDetail): void;
}

function formatAddress(a: Address): string {
  return a.name ? `${a.name} <${a.address}>` : a.address;
}

export function Reader({ accountId, folder, uid, onLoaded }: ReaderProps) {
  const api = useApi();
  const { t, err, lang } = useI18n();
  const s = useStyles();
  const [state, setState] = useState<Loadable<MessageDetail>>(loading);
  const [attempt, setAttempt] = useState(0);
  // onLoaded is a notification, not an input: a new callback identity must not reload the message.
  const loaded = useRef(onLoaded);
  useLayoutEffect(() => {
    loaded.current = onLoaded;
  });

  useEffect(() => {
    if (!accountId || !folder || uid === null) return;
    let current = true;
    setState(loading);
    void api.call('messages.get', { accountId, folder, uid }).then((r) => {
      if (!current) return;
      setState(fromResult(r));
      if (r.ok) loaded.current?.(r.value);
    });
    return () => {
      current = false;
    };
  }, [api, accountId, folder, uid, attempt]);

  if (!accountId || !folder || uid === null) {
    return <EmptyState icon={<MailReadRegular />}>{t('reader.empty')}</EmptyState>;
  }
  switch (state.status) {
    case 'idle':
    case 'loading':
      return <LoadingState label={t('reader.loading')} />;
    case 'error':
      return (
        <ErrorState
          message={err(state.error)}
          retryLabel={t('reader.retry')}
          onRetry={() => setAttempt((n) => n + 1)}
        />
      );
    case 'ready':
      break;
  }
  const m = state.value;
  const visibleAttachments = m.attachments.filter((a) => !a.inline || a.filename);

  return (
    <article className={s.root} tabIndex={0} aria-labelledby="reader-subject" data-testid="reader">
      <h2 id="reader-subject" className={s.subject} data-testid="reader-subject">
        {m.subject || t('list.noSubject')}
      </h2>
      <dl className={s.meta}>
        <dt className={s.term}>{t('reader.from')}</dt>
        <dd className={s.def} data-testid="reader-from">
          {m.from ? formatAddress(m.from) : t('list.unknownSender')}
        </dd>
        <dt className={s.term}>{t('reader.to')}</dt>
        <dd className={s.def} data-testid="reader-to">
          {m.to.map(formatAddress).join('; ')}
        </dd>
        {m.cc.length > 0 ? (
          <>
            <dt className={s.term}>{t('reader.cc')}</dt>
            <dd className={s.def}>{m.cc.map(formatAddress).join('; ')}</dd>
          </>
        ) : null}
        <dt className={s.term}>{t('reader.date')}</dt>
        <dd className={s.def}>{formatFullDate(m.date, lang)}</dd>
      </dl>
      {visibleAttachments.length > 0 ? (
        <section className={s.attachments} aria-labelledby="reader-attachments">
          <h3 id="reader-attachments" className={s.attachmentsTitle}>
            <AttachRegular aria-hidden="true" />
            {t('reader.attachments', { count: visibleAttachments.length })}
          </h3>
          <ul className={s.attachmentList}>
            {visibleAttachments.map((a) => (
              <li key={a.index} className={s.attachment}>
                {a.contentType === 'application/pdf' || a.filename.toLowerCase().endsWith('.pdf') ? (
                  <DocumentPdfRegular className={s.attachmentIcon} aria-hidden="true" />
                ) : (
                  <DocumentRegular className={s.attachmentIcon} aria-hidden="true" />
                )}
                <span className={s.attachmentName} data-testid="attachment-name">
                  {a.filename}
                </span>
                <span className={s.attachmentSize}>{formatSize(a.size, lang)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {m.text.trim() ? (
        <div className={s.body} data-testid="reader-body">
          {m.text}
        </div>
      ) : (
        <p className={s.note}>{m.hasHtml ? t('reader.htmlOnly') : t('reader.emptyBody')}</p>
      )}
    </article>
  );
}
