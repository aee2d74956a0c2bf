// Reading pane (issue 4 "Reader", docs/reader.md): header, attachments with their risk, the body as HTML in its own
// sandboxed document (MailFrame) after DOMPurify (sanitize.ts), remote content blocked by default with a bar to load
// it for this message or always for this sender, links shown with their real target before opening, a plain-text
// view, the raw source, and conversion of legacy-encoded Vietnamese (TCVN3, VNI…).
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ToggleButton,
  Tooltip,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { CodeRegular, LinkRegular, MailReadRegular, TextAlignLeftRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ApiError } from '../../../src/api/errors.ts';
import type { Address, AttachmentInfo, MessageDetail, SearchTerm } from '../../../src/api/types.ts';
import type { MessageHtml, MessageSource } from '../../../src/api/types-reader.ts';
import { useApi } from '../../api/context.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatFullDate } from '../../i18n/format.ts';
import { fromResult, loading, type Loadable } from '../../shared/loadable.ts';
import { EmptyState, ErrorState, LoadingState } from '../../shared/PaneState.tsx';
import { AttachmentsBar } from './AttachmentsBar.tsx';
import { ReplyActions } from './ReplyActions.tsx';
import { base64ToBytes, decodeText, effectiveRisk, previewKind, riskKey } from './attachments.ts';
import { convertDocument } from './legacyDom.ts';
import { describeLink, type LinkInfo } from './links.ts';
import { MailFrame, type MailFrameLink } from './MailFrame.tsx';
import { LinkDialog, PreviewDialog, RiskDialog, SourceDialog, type Preview } from './ReaderDialogs.tsx';
import { usePreferences } from '../settings/PreferencesProvider.tsx';
import { isSenderAllowed, withSender } from './remotePrefs.ts';
import { Highlighted } from '../search/Highlighted.tsx';
import { markDocument } from '../search/markDocument.ts';
import type { SanitizeResult } from './sanitize.ts';

const useStyles = makeStyles({
  root: {
    height: '100%',
    overflowY: 'auto',
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    position: 'relative',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  top: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalM },
  subject: {
    flexGrow: 1,
    margin: `0 0 ${tokens.spacingVerticalM}`,
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightBase500,
    overflowWrap: 'anywhere',
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS, flexShrink: 0 },
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
  bars: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalM },
  body: {
    margin: `${tokens.spacingVerticalL} 0 0`,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase400,
  },
  frameWrap: {
    margin: `${tokens.spacingVerticalL} 0 0`,
    padding: tokens.spacingHorizontalS,
    backgroundColor: '#ffffff',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  note: { color: tokens.colorNeutralForeground2, fontStyle: 'italic' },
  status: {
    position: 'sticky',
    bottom: 0,
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    maxWidth: '100%',
    width: 'fit-content',
    marginTop: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow4,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
});

export interface ReaderProps {
  accountId: string | null;
  folder: string | null;
  uid: number | null;
  onLoaded?(message: MessageDetail): void;
  /** Search terms to mark in the subject and the body (the message was opened from search results). */
  highlight?: readonly SearchTerm[];
}

interface Loaded {
  detail: MessageDetail;
  /** null with extrasError set when messages.html failed: the message still reads as text. */
  extras: MessageHtml | null;
  extrasError: ApiError | null;
}

const ENCODING_NAMES: Record<string, string> = {
  tcvn3: 'TCVN3 (ABC)',
  vni: 'VNI-Windows',
  viscii: 'VISCII',
  viqr: 'VIQR',
  cp1258: 'Windows-1258',
};
/** Inline images fetched per message, and the largest one turned into a data: URL. */
const MAX_INLINE_PARTS = 50;
const MAX_INLINE_BYTES = 5 * 1024 * 1024;

function formatAddress(a: Address): string {
  return a.name ? `${a.name} <${a.address}>` : a.address;
}

function saveBytes(name: string, type: string, bytes: Uint8Array<ArrayBuffer>): void {
  // A download of our own blob: in Electron main shows the save dialog; in the harness the browser saves it.
  const url = URL.createObjectURL(new Blob([bytes], { type: type || 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name || 'tep-dinh-kem';
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function Reader({ accountId, folder, uid, onLoaded, highlight }: ReaderProps) {
  const api = useApi();
  const { t, err, lang } = useI18n();
  const s = useStyles();
  const [state, setState] = useState<Loadable<Loaded>>(loading);
  const [attempt, setAttempt] = useState(0);
  const [plain, setPlain] = useState(false);
  const [remoteOnce, setRemoteOnce] = useState(false);
  const [inline, setInline] = useState<ReadonlyMap<string, string>>(new Map());
  const [converted, setConverted] = useState<{ subject: string; text: string } | null>(null);
  const [hover, setHover] = useState<string | null>(null);
  const [link, setLink] = useState<LinkInfo | null>(null);
  const [source, setSource] = useState<Loadable<MessageSource> | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [risky, setRisky] = useState<{ a: AttachmentInfo; text: string; then: () => void } | null>(null);
  const [attachmentError, setAttachmentError] = useState<string | null>(null);
  const [violations, setViolations] = useState(0);
  const [sanitized, setSanitized] = useState<SanitizeResult | null>(null);
  // The text of the rendered HTML (as laid out), for the plain-text view of a message that has no text part.
  const [htmlText, setHtmlText] = useState('');
  const { prefs, update } = usePreferences();
  // onLoaded is a notification, not an input: a new callback identity must not reload the message.
  const loaded = useRef(onLoaded);
  useLayoutEffect(() => {
    loaded.current = onLoaded;
  });

  useEffect(() => {
    if (!accountId || !folder || uid === null) return;
    let current = true;
    setState(loading);
    setPlain(false);
    setRemoteOnce(false);
    setInline(new Map());
    setConverted(null);
    setHover(null);
    setAttachmentError(null);
    setViolations(0);
    setSanitized(null);
    setHtmlText('');
    void (async () => {
      const r = await api.call('messages.get', { accountId, folder, uid });
      if (!current) return;
      if (!r.ok) return setState(fromResult(r));
      loaded.current?.(r.value);
      const x = await api.call('messages.html', { accountId, folder, uid });
      if (!current) return;
      setState({
        status: 'ready',
        value: { detail: r.value, extras: x.ok ? x.value : null, extrasError: x.ok ? null : x.error },
      });
    })();
    return () => {
      current = false;
    };
  }, [api, accountId, folder, uid, attempt]);

  const ready = state.status === 'ready' ? state.value : null;
  const extras = ready?.extras ?? null;

  // Inline images (cid:) become data: URLs, the only image source the mail document allows without remote content.
  useEffect(() => {
    if (!accountId || !folder || uid === null || !extras || extras.cids.length === 0) return;
    let current = true;
    void (async () => {
      const map = new Map<string, string>();
      for (const part of extras.cids.slice(0, MAX_INLINE_PARTS)) {
        if (!part.contentType.toLowerCase().startsWith('image/') || part.size > MAX_INLINE_BYTES) continue;
        const r = await api.call('attachments.get', { accountId, folder, uid, index: part.index });
        if (!current) return;
        if (r.ok) map.set(part.cid, `data:${part.contentType.toLowerCase()};base64,${r.value.base64}`);
      }
      if (current) setInline(map);
    })();
    return () => {
      current = false;
    };
  }, [api, accountId, folder, uid, extras]);

  const fromAddress = ready?.detail.from?.address ?? '';
  const senderAllowed = accountId ? isSenderAllowed(prefs, accountId, fromAddress) : false;
  const askRemote = prefs.remoteContent === 'ask';
  const allowRemote = (askRemote && remoteOnce) || senderAllowed;
  const setSenderAllowed = (allowed: boolean) => {
    if (!accountId || !fromAddress) return;
    void update({ remoteSenders: withSender(prefs.remoteSenders, accountId, fromAddress, allowed) });
  };

  const convertTexts = useCallback(
    async (texts: string[]): Promise<string[] | null> => {
      if (!extras?.legacy) return null;
      const r = await api.call('text.convert', { texts, from: extras.legacy.encoding });
      return r.ok ? r.value : null;
    },
    [api, extras],
  );

  // Terms for the subject (anywhere or subject:) and for the body (anywhere): sender/recipient terms match headers only.
  const subjectTerms = useMemo(() => highlight?.filter((x) => x.field === 'any' || x.field === 'subject'), [highlight]);
  const bodyTerms = useMemo(() => highlight?.filter((x) => x.field === 'any') ?? [], [highlight]);
  const [frameDoc, setFrameDoc] = useState<Document | null>(null);
  const onRendered = useCallback(
    (doc: Document) => {
      const done = () => {
        setHtmlText(doc.body.innerText);
        setFrameDoc(doc);
      };
      if (converted) void convertDocument(doc, convertTexts).then(done);
      else done();
    },
    [converted, convertTexts],
  );
  // Marks in the mail document, made from this side (the document runs no script): again when the terms change.
  useEffect(() => {
    if (frameDoc?.body) markDocument(frameDoc, bodyTerms);
  }, [frameDoc, bodyTerms]);

  const onConvert = async () => {
    if (!ready || !extras?.legacy) return;
    // The body in the encoding detected for the whole message; the subject only if it is legacy itself ('auto'
    // leaves Unicode alone, whereas decoding Unicode as TCVN3 would garble it).
    const [body, subjectOut] = await Promise.all([
      convertTexts([ready.detail.text]),
      api.call('text.convert', { texts: [ready.detail.subject], from: 'auto' }),
    ]);
    if (!body) return;
    setConverted({
      subject: subjectOut.ok ? (subjectOut.value[0] ?? ready.detail.subject) : ready.detail.subject,
      text: body[0] ?? ready.detail.text,
    });
  };

  const onLink = useCallback((l: MailFrameLink) => {
    const info = describeLink(l.href, l.text);
    if (info) setLink(info);
  }, []);

  const onViolation = useCallback(() => setViolations((n) => n + 1), []);

  const openSource = async () => {
    if (!accountId || !folder || uid === null) return;
    setSource(loading);
    setSource(fromResult(await api.call('messages.source', { accountId, folder, uid })));
  };

  const withRiskCheck = (a: AttachmentInfo, then: () => void) => {
    const risk = effectiveRisk(a.index, extras?.attachmentRisks ?? null);
    if (risk.level === 'block') return;
    if (risk.level === 'warn') {
      setRisky({ a, text: t(riskKey(risk.reason), { ext: risk.extension || '?' }), then });
      return;
    }
    then();
  };

  const fetchAttachment = async (a: AttachmentInfo) => {
    if (!accountId || !folder || uid === null) return null;
    const r = await api.call('attachments.get', { accountId, folder, uid, index: a.index });
    if (!r.ok) {
      setAttachmentError(err(r.error));
      return null;
    }
    return r.value;
  };

  const save = (a: AttachmentInfo) =>
    withRiskCheck(a, () => {
      setAttachmentError(null);
      void fetchAttachment(a).then((c) => c && saveBytes(c.filename, c.contentType, base64ToBytes(c.base64)));
    });

  const saveAll = (list: AttachmentInfo[]) => {
    const run = async () => {
      setAttachmentError(null);
      for (const a of list) {
        const c = await fetchAttachment(a);
        if (c) saveBytes(c.filename, c.contentType, base64ToBytes(c.base64));
      }
    };
    const risky = list.find((a) => effectiveRisk(a.index, extras?.attachmentRisks ?? null).level === 'warn');
    if (risky) withRiskCheck(risky, () => void run());
    else void run();
  };

  const open = (a: AttachmentInfo) =>
    withRiskCheck(a, () => {
      const kind = previewKind(a);
      if (!kind) return;
      setPreview({ name: a.filename, kind: 'loading' });
      void (async () => {
        if (!accountId || !folder || uid === null) return;
        const r = await api.call('attachments.get', { accountId, folder, uid, index: a.index });
        if (!r.ok) return setPreview({ name: a.filename, kind: 'error', message: err(r.error) });
        if (kind === 'image') {
          setPreview({ name: a.filename, kind: 'image', url: `data:${a.contentType};base64,${r.value.base64}` });
        } else if (kind === 'pdf') {
          setPreview({ name: a.filename, kind: 'pdf', bytes: base64ToBytes(r.value.base64) });
        } else {
          setPreview({ name: a.filename, kind: 'text', text: decodeText(base64ToBytes(r.value.base64)) });
        }
      })();
    });

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
  const m = state.value.detail;
  const sender = m.from?.address ?? '';
  const hasHtml = Boolean(extras?.html);
  const showHtml = hasHtml && !plain;
  // Pictures the HTML shows in place (cid:) are part of the body, not attachments, while the body is shown as HTML.
  const shownInline = new Set(showHtml ? (extras?.cids ?? []).map((c) => c.index) : []);
  const visibleAttachments = m.attachments.filter((a) => !shownInline.has(a.index) && (!a.inline || a.filename));
  const subject = converted?.subject ?? m.subject;
  const text = (converted?.text ?? m.text).trim() ? (converted?.text ?? m.text) : htmlText;
  const legacy = extras?.legacy ?? null;
  const hosts = sanitized?.remoteHosts.length ? sanitized.remoteHosts : (extras?.remoteHosts ?? []);

  return (
    <article
      className={s.root}
      tabIndex={0}
      aria-labelledby="reader-subject"
      data-testid="reader"
      data-csp-violations={violations}
    >
      <div className={s.top}>
        <h2 id="reader-subject" className={s.subject} data-testid="reader-subject">
          {subject ? <Highlighted text={subject} terms={subjectTerms} /> : t('list.noSubject')}
        </h2>
        <div className={s.actions} role="toolbar" aria-label={t('reader.actions')}>
          {accountId && folder && uid !== null ? (
            <ReplyActions accountId={accountId} folder={folder} uid={uid} />
          ) : null}
          {hasHtml ? (
            <Tooltip content={t('reader.view.plain.hint')} relationship="description">
              <ToggleButton
                size="small"
                appearance="subtle"
                icon={<TextAlignLeftRegular />}
                checked={plain}
                onClick={() => setPlain((p) => !p)}
              >
                {t('reader.view.plain')}
              </ToggleButton>
            </Tooltip>
          ) : null}
          <Tooltip content={t('reader.source.hint')} relationship="description">
            <Button size="small" appearance="subtle" icon={<CodeRegular />} onClick={() => void openSource()}>
              {t('reader.source')}
            </Button>
          </Tooltip>
        </div>
      </div>
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

      <div className={s.bars}>
        {showHtml && sanitized && sanitized.blocked > 0 && !allowRemote ? (
          <MessageBar intent="warning" layout="multiline" data-testid="remote-bar">
            <MessageBarBody>
              <MessageBarTitle>{t('reader.remote.title')}</MessageBarTitle>{' '}
              {t('reader.remote.detail', {
                count: sanitized.blocked,
                hosts: hosts.slice(0, 3).join(', ') + (hosts.length > 3 ? ', …' : ''),
              })}
            </MessageBarBody>
            {askRemote ? (
              <MessageBarActions>
                <Button size="small" onClick={() => setRemoteOnce(true)}>
                  {t('reader.remote.loadOnce')}
                </Button>
                {sender ? (
                  <Button size="small" onClick={() => setSenderAllowed(true)}>
                    {t('reader.remote.alwaysSender', { sender })}
                  </Button>
                ) : null}
              </MessageBarActions>
            ) : null}
          </MessageBar>
        ) : null}
        {showHtml && senderAllowed ? (
          <MessageBar intent="info" data-testid="remote-allowed-bar">
            <MessageBarBody>{t('reader.remote.shownSender', { sender })}</MessageBarBody>
            <MessageBarActions>
              <Button size="small" onClick={() => setSenderAllowed(false)}>
                {t('reader.remote.stopSender')}
              </Button>
            </MessageBarActions>
          </MessageBar>
        ) : null}
        {legacy ? (
          <MessageBar intent="info" layout="multiline" data-testid="legacy-bar">
            <MessageBarBody>
              {converted ? (
                t('reader.legacy.converted', { encoding: ENCODING_NAMES[legacy.encoding] ?? legacy.encoding })
              ) : (
                <>
                  <MessageBarTitle>
                    {t('reader.legacy.title', { encoding: ENCODING_NAMES[legacy.encoding] ?? legacy.encoding })}
                  </MessageBarTitle>{' '}
                  {t('reader.legacy.detail')}
                </>
              )}
            </MessageBarBody>
            <MessageBarActions>
              {converted ? (
                <Button size="small" onClick={() => setConverted(null)}>
                  {t('reader.legacy.original')}
                </Button>
              ) : (
                <Button size="small" appearance="primary" onClick={() => void onConvert()}>
                  {t('reader.legacy.convert')}
                </Button>
              )}
            </MessageBarActions>
          </MessageBar>
        ) : null}
        {state.value.extrasError && m.hasHtml ? (
          <MessageBar intent="warning">
            <MessageBarBody>{t('reader.htmlUnavailable')}</MessageBarBody>
          </MessageBar>
        ) : null}
        {attachmentError ? (
          <MessageBar intent="error">
            <MessageBarBody>{attachmentError}</MessageBarBody>
          </MessageBar>
        ) : null}
      </div>

      {visibleAttachments.length > 0 ? (
        <AttachmentsBar
          attachments={visibleAttachments}
          risks={extras?.attachmentRisks ?? null}
          onOpen={open}
          onSave={save}
          onSaveAll={saveAll}
        />
      ) : null}

      {showHtml && extras?.html ? (
        <div className={s.frameWrap}>
          <MailFrame
            // A new document per message and per conversion state: nothing of one message lingers in the next.
            key={`${folder}/${uid}/${converted ? 'u' : 'o'}`}
            html={extras.html}
            allowRemote={allowRemote}
            inline={inline}
            onSanitized={setSanitized}
            title={t('reader.frameTitle', { subject: subject || t('list.noSubject') })}
            onLink={onLink}
            onHover={setHover}
            onViolation={onViolation}
            onRendered={onRendered}
          />
        </div>
      ) : text.trim() ? (
        <div className={s.body} data-testid="reader-body">
          <Highlighted text={text} terms={bodyTerms} />
        </div>
      ) : (
        <p className={s.note}>{m.hasHtml ? t('reader.htmlOnly') : t('reader.emptyBody')}</p>
      )}

      {hover && showHtml ? (
        <div className={s.status} data-testid="link-status">
          <LinkRegular aria-hidden="true" />
          {t('reader.link.status', { url: hover })}
        </div>
      ) : null}

      <LinkDialog
        link={link}
        onClose={() => setLink(null)}
        onOpen={() => {
          const url = link?.url;
          setLink(null);
          // Electron: main catches this (setWindowOpenHandler), asks again in its own dialog, then hands the URL to
          // the system browser or mail app; nothing opens inside the app (docs/electron.md "Links").
          if (url) window.open(url, '_blank', 'noopener,noreferrer');
        }}
      />
      <SourceDialog state={source} onClose={() => setSource(null)} />
      <PreviewDialog
        preview={preview}
        onClose={() => setPreview(null)}
        onError={(message) =>
          setPreview((p) =>
            p ? { name: p.name, kind: 'error', message: t('reader.pdf.failed', { detail: message }) } : p,
          )
        }
      />
      <RiskDialog
        text={risky?.text ?? null}
        name={risky?.a.filename ?? ''}
        onClose={() => setRisky(null)}
        onContinue={() => {
          const next = risky?.then;
          setRisky(null);
          next?.();
        }}
      />
    </article>
  );
}
