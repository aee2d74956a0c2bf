// The compose pane: a draft (useDraft: autosaved, continued from the Drafts list, prepared for reply/forward) with
// recipients, subject, body and attachments. Ctrl+Enter sends, as in Outlook.
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  ProgressBar,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AttachRegular, DeleteRegular, DismissRegular, SendRegular } from '@fluentui/react-icons';
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { parseRecipientText, addRecipients, type RecipientItem } from '../../../src/shared/recipients.ts';
import { estimateMessageSize, overLimit } from '../../../src/shared/message-size.ts';
import { formatSize, formatSizeProgress } from '../../i18n/format.ts';
import { progressOfDraft, useSendProgress } from './useSendProgress.ts';
import type { ApiError } from '../../../src/api/errors.ts';
import type { AccountSummary, Address, OutboxEntry } from '../../../src/api/types.ts';
import { useApi } from '../../api/context.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/translate.ts';
import { ErrorState, LoadingState } from '../../shared/PaneState.tsx';
import { AttachmentList } from './AttachmentList.tsx';
import { pastedName, useAttachments } from './useAttachments.ts';
import { textToEditorHtml } from './body.ts';
import { MessageEditor } from './MessageEditor.tsx';
import { RecipientField } from './RecipientField.tsx';
import type { ComposeInitial } from './types.ts';
import { useDraft, type DraftFields } from './useDraft.ts';

const useStyles = makeStyles({
  form: {
    position: 'relative',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    height: '100%',
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    overflowY: 'auto',
  },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  saved: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  progress: { width: '120px' },
  body: { flex: 1, minHeight: '240px', display: 'flex', flexDirection: 'column' },
  reveal: { marginLeft: tokens.spacingHorizontalM },
  drop: {
    position: 'absolute',
    inset: tokens.spacingVerticalS,
    zIndex: 20,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    border: `${tokens.strokeWidthThicker} dashed ${tokens.colorBrandStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorBrandForeground1,
    fontSize: tokens.fontSizeBase500,
    pointerEvents: 'none',
    opacity: 0.95,
  },
});

type SendState = { status: 'editing' } | { status: 'sending' } | { status: 'error'; error: ApiError | string };
type RecipientKind = 'to' | 'cc' | 'bcc';
const KINDS: readonly RecipientKind[] = ['to', 'cc', 'bcc'];
const none = <T,>(v: T): Record<RecipientKind, T> => ({ to: v, cc: v, bcc: v });

export interface ComposeProps {
  accounts: readonly AccountSummary[];
  defaultAccountId: string | null;
  initial: ComposeInitial;
  onClose(): void;
  onSent(entry: OutboxEntry): void;
}

export function Compose({ accounts, defaultAccountId, initial, onClose, onSent }: ComposeProps) {
  const api = useApi();
  const { t, err, lang } = useI18n();
  const s = useStyles();
  const titleId = useId();
  const draft = useDraft(initial, defaultAccountId ?? accounts[0]?.id ?? '');
  const { fields, update } = draft;
  // What is typed in each recipient field and not yet a chip, and the items that are not addresses (red chips): kept
  // in the pane only (a draft holds valid addresses), and committed or refused when sending.
  const [typed, setTyped] = useState<Record<RecipientKind, string>>(() => none(''));
  const [invalid, setInvalid] = useState<Record<RecipientKind, RecipientItem[]>>(() => none([]));
  const [errors, setErrors] = useState<Record<RecipientKind, MessageKey | null>>(() => none(null));
  const [reveal, setReveal] = useState({ cc: false, bcc: false });
  const [state, setState] = useState<SendState>({ status: 'editing' });
  const sending = state.status === 'sending';
  // Bytes handed to the server so far, once SMTP DATA streams this pane's message (outbox.progress).
  const progress = progressOfDraft(useSendProgress(), sending ? draft.draftId() : null);
  const att = useAttachments(fields.accountId, (more) =>
    update({ attachments: [...draft.current().attachments, ...more] }),
  );
  const [dragging, setDragging] = useState(false);
  const bodyBytes = new TextEncoder().encode((fields.html ?? '') + fields.text).length;
  const estimate = estimateMessageSize(
    bodyBytes,
    fields.attachments.map((a) => a.size),
  );
  const tooLarge = overLimit(estimate, att.limit);
  const attachedBytes = fields.attachments.reduce((n, a) => n + a.size, 0);
  // The editor starts from the loaded draft once; after that it is the source of the body.
  const initialBody = useRef<string | null>(null);
  if (initialBody.current === null && draft.load.status === 'ready') {
    initialBody.current = fields.html ?? (fields.text ? textToEditorHtml(fields.text) : '');
  }

  const onRecipients = (f: RecipientKind, value: Address[], bad: RecipientItem[]) => {
    setInvalid((prev) => ({ ...prev, [f]: bad }));
    setErrors((prev) => ({ ...prev, [f]: null }));
    update({ [f]: value } as Partial<DraftFields>);
  };

  async function send() {
    if (sending) return;
    // What is still typed becomes chips first (as Outlook resolves names on send).
    const lists = { to: fields.to, cc: fields.cc, bcc: fields.bcc };
    const bad = { ...invalid };
    for (const f of KINDS) {
      if (!typed[f].trim()) continue;
      const items = parseRecipientText(typed[f]);
      lists[f] = addRecipients(
        lists[f],
        items.filter((i) => !i.problem),
      );
      bad[f] = [...bad[f], ...items.filter((i) => i.problem)];
    }
    setTyped(none(''));
    setInvalid(bad);
    if (KINDS.some((f) => typed[f].trim())) update(lists);
    const problems = none<MessageKey | null>(null);
    for (const f of KINDS) if (bad[f].length) problems[f] = 'compose.address.blocked';
    if (!problems.to && lists.to.length + lists.cc.length + lists.bcc.length === 0) problems.to = 'compose.noRecipient';
    setErrors(problems);
    if (KINDS.some((f) => problems[f])) return;
    if (!fields.accountId) {
      setState({ status: 'error', error: t('compose.noAccount') });
      return;
    }
    if (att.uploads.some((u) => !u.error)) {
      setState({ status: 'error', error: t('compose.upload.wait') });
      return;
    }
    // The attachments list already says so (in the current language, with the sizes): nothing is sent.
    if (tooLarge) return;
    setState({ status: 'sending' });
    if (!(await draft.saveNow())) {
      setState({ status: 'error', error: draft.saveError ?? t('error.title') });
      return;
    }
    const id = draft.draftId();
    if (!id) return setState({ status: 'error', error: t('error.title') });
    const r = await api.call('drafts.send', { id });
    if (!r.ok) {
      setState({ status: 'error', error: r.error });
    } else if (r.value.state === 'failed') {
      setState({ status: 'error', error: r.value.lastError ?? t('error.title') });
    } else {
      onSent(r.value);
    }
  }

  const discard = async () => {
    await draft.discard();
    onClose();
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void send();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    // The editor handles its own Ctrl+Enter (and marks it handled); never act during IME composition.
    if (e.defaultPrevented || e.nativeEvent.isComposing) return;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
    }
  };

  if (draft.load.status === 'loading') return <LoadingState label={t('compose.loading')} />;
  if (draft.load.status === 'error') return <ErrorState message={err(draft.load.error)} />;

  return (
    <form
      className={s.form}
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
      aria-labelledby={titleId}
      noValidate
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(e) => {
        if (!e.dataTransfer.files.length) return;
        e.preventDefault();
        setDragging(false);
        void att.stageFiles([...e.dataTransfer.files]);
      }}
    >
      {dragging ? (
        <div className={s.drop} aria-hidden="true">
          {t('compose.drop')}
        </div>
      ) : null}
      <div className={s.header}>
        <h2 id={titleId} className={s.title}>
          {t('compose.title')}
        </h2>
        <div className={s.actions}>
          <span className={s.saved} role="status" data-testid="compose-save-state">
            {draft.saveState === 'saved'
              ? t('compose.saved')
              : draft.saveState === 'error'
                ? t('compose.saveFailed')
                : ''}
          </span>
          <Button
            appearance="primary"
            type="submit"
            // The button's own text says what happens; the spinner is decoration (a nameless progressbar otherwise).
            icon={sending && !progress ? <Spinner size="tiny" aria-hidden="true" /> : <SendRegular />}
            disabled={sending}
            title={t('compose.send.hint')}
          >
            {progress
              ? t('sending.progress', { progress: formatSizeProgress(progress.sent, progress.total, lang) })
              : sending
                ? attachedBytes > 0
                  ? t('compose.sendingSize', { size: formatSize(estimate, lang) })
                  : t('compose.sending')
                : t('compose.send')}
          </Button>
          {progress ? (
            <ProgressBar
              className={s.progress}
              value={progress.total > 0 ? progress.sent / progress.total : 0}
              aria-label={t('sending.progress.label')}
              aria-valuetext={formatSizeProgress(progress.sent, progress.total, lang)}
              data-testid="compose-send-progress"
            />
          ) : null}
          <Button
            type="button"
            icon={<AttachRegular />}
            onClick={() => void att.pick()}
            disabled={sending}
            title={t('compose.attach.hint')}
          >
            {t('compose.attach')}
          </Button>
          <Button type="button" icon={<DeleteRegular />} onClick={() => void discard()} disabled={sending}>
            {t('compose.discard')}
          </Button>
          <Button
            type="button"
            appearance="subtle"
            icon={<DismissRegular />}
            onClick={onClose}
            disabled={sending}
            aria-label={t('compose.close')}
            title={t('compose.close.hint')}
          />
        </div>
      </div>
      {state.status === 'error' ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{typeof state.error === 'string' ? state.error : err(state.error)}</MessageBarBody>
        </MessageBar>
      ) : null}
      {accounts.length > 1 ? (
        <Field label={t('compose.from')}>
          <Select value={fields.accountId} onChange={(_, d) => update({ accountId: d.value })}>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.displayName ? `${a.displayName} <${a.email}>` : a.email}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {KINDS.filter(
        (f) => f === 'to' || reveal[f as 'cc' | 'bcc'] || fields[f].length > 0 || invalid[f].length > 0,
      ).map((f) => (
        <RecipientField
          key={f}
          label={t(`compose.${f}`)}
          value={fields[f]}
          invalid={invalid[f]}
          onChange={(value, bad) => onRecipients(f, value, bad)}
          text={typed[f]}
          onText={(text) => setTyped((prev) => ({ ...prev, [f]: text }))}
          accountId={fields.accountId}
          testId={`compose-${f}`}
          autoFocus={f === 'to' ? true : reveal[f as 'cc' | 'bcc']}
          error={errors[f] ? t(errors[f]) : null}
          hint={f === 'to' ? t('compose.addresses.hint') : undefined}
          after={
            f === 'to' ? (
              <RevealButtons
                cc={!reveal.cc && fields.cc.length === 0 && invalid.cc.length === 0}
                bcc={!reveal.bcc && fields.bcc.length === 0 && invalid.bcc.length === 0}
                onReveal={(which) => setReveal((prev) => ({ ...prev, [which]: true }))}
              />
            ) : null
          }
        />
      ))}
      <Field label={t('compose.subject')}>
        <Input
          value={fields.subject}
          onChange={(_, d) => update({ subject: d.value })}
          name="subject"
          data-testid="compose-subject"
        />
      </Field>
      {att.pickError ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{err(att.pickError)}</MessageBarBody>
        </MessageBar>
      ) : null}
      <AttachmentList
        attachments={fields.attachments}
        uploads={att.uploads}
        onRemove={(path) => update({ attachments: fields.attachments.filter((a) => a.path !== path) })}
        onDismissUpload={att.dismiss}
        estimate={estimate}
        limit={att.limit}
        over={tooLarge}
      />
      <div className={s.body}>
        <MessageEditor
          initialHtml={initialBody.current ?? ''}
          label={t('compose.body')}
          onChange={(html) => update({ html: html || null, text: '' })}
          onSend={() => void send()}
          onPasteFiles={(files) =>
            void att.stageFiles(
              files.map((f) =>
                f.name && f.name !== 'image.png'
                  ? f
                  : new File([f], pastedName(f, t('compose.pastedImage')), { type: f.type }),
              ),
            )
          }
        />
      </div>
    </form>
  );
}

/** Outlook's "Cc" and "Bcc" buttons on the To line: each reveals its field (and focuses it). */
function RevealButtons({ cc, bcc, onReveal }: { cc: boolean; bcc: boolean; onReveal(which: 'cc' | 'bcc'): void }) {
  const { t } = useI18n();
  const s = useStyles();
  return (
    <span className={s.reveal}>
      {cc ? (
        <Button size="small" appearance="transparent" title={t('compose.showCc.hint')} onClick={() => onReveal('cc')}>
          {t('compose.showCc')}
        </Button>
      ) : null}
      {bcc ? (
        <Button size="small" appearance="transparent" title={t('compose.showBcc.hint')} onClick={() => onReveal('bcc')}>
          {t('compose.showBcc')}
        </Button>
      ) : null}
    </span>
  );
}
