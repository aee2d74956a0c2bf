// The compose pane: a draft (useDraft: autosaved, continued from the Drafts list, prepared for reply/forward) with
// recipients, subject, body and attachments. Ctrl+Enter sends, as in Outlook.
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { DeleteRegular, DismissRegular, SendRegular } from '@fluentui/react-icons';
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ApiError } from '../../../src/api/errors.ts';
import type { AccountSummary, OutboxEntry } from '../../../src/api/types.ts';
import { useApi } from '../../api/context.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ErrorState, LoadingState } from '../../shared/PaneState.tsx';
import { formatRecipient, parseRecipients } from './addresses.ts';
import { AttachmentList } from './AttachmentList.tsx';
import { textToEditorHtml } from './body.ts';
import { MessageEditor } from './MessageEditor.tsx';
import type { ComposeInitial } from './types.ts';
import { useDraft, type DraftFields } from './useDraft.ts';

const useStyles = makeStyles({
  form: {
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
  body: { flex: 1, minHeight: '240px', display: 'flex', flexDirection: 'column' },
});

type SendState = { status: 'editing' } | { status: 'sending' } | { status: 'error'; error: ApiError | string };
type RecipientField = 'to' | 'cc';

export interface ComposeProps {
  accounts: readonly AccountSummary[];
  defaultAccountId: string | null;
  initial: ComposeInitial;
  onClose(): void;
  onSent(entry: OutboxEntry): void;
}

export function Compose({ accounts, defaultAccountId, initial, onClose, onSent }: ComposeProps) {
  const api = useApi();
  const { t, err } = useI18n();
  const s = useStyles();
  const titleId = useId();
  const draft = useDraft(initial, defaultAccountId ?? accounts[0]?.id ?? '');
  const { fields, update } = draft;
  // What the user typed in the address fields, kept as typed (an unfinished address is not lost on a save).
  const [typed, setTyped] = useState<Record<RecipientField, string | null>>({ to: null, cc: null });
  const [errors, setErrors] = useState<Record<RecipientField, string | null>>({ to: null, cc: null });
  const [state, setState] = useState<SendState>({ status: 'editing' });
  const sending = state.status === 'sending';
  // The editor starts from the loaded draft once; after that it is the source of the body.
  const initialBody = useRef<string | null>(null);
  if (initialBody.current === null && draft.load.status === 'ready') {
    initialBody.current = fields.html ?? (fields.text ? textToEditorHtml(fields.text) : '');
  }

  const shown = (f: RecipientField) => typed[f] ?? fields[f].map(formatRecipient).join(', ');
  const onAddresses = (f: RecipientField, value: string) => {
    setTyped((prev) => ({ ...prev, [f]: value }));
    update({ [f]: parseRecipients(value).valid } as Partial<DraftFields>);
  };

  async function send() {
    if (sending) return;
    const to = parseRecipients(shown('to'));
    const cc = parseRecipients(shown('cc'));
    const toProblem =
      to.invalid.length > 0
        ? t('compose.badAddress', { address: to.invalid.join(', ') })
        : to.valid.length === 0
          ? t('compose.noRecipient')
          : null;
    const ccProblem = cc.invalid.length > 0 ? t('compose.badAddress', { address: cc.invalid.join(', ') }) : null;
    setErrors({ to: toProblem, cc: ccProblem });
    if (toProblem || ccProblem) return;
    if (!fields.accountId) {
      setState({ status: 'error', error: t('compose.noAccount') });
      return;
    }
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
    <form className={s.form} onSubmit={onSubmit} onKeyDown={onKeyDown} aria-labelledby={titleId} noValidate>
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
            icon={sending ? <Spinner size="tiny" /> : <SendRegular />}
            disabled={sending}
            title={t('compose.send.hint')}
          >
            {sending ? t('compose.sending') : t('compose.send')}
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
      <Field
        label={t('compose.to')}
        validationMessage={errors.to ?? undefined}
        hint={errors.to ? undefined : t('compose.addresses.hint')}
      >
        <Input
          value={shown('to')}
          onChange={(_, d) => onAddresses('to', d.value)}
          name="to"
          autoFocus
          data-testid="compose-to"
        />
      </Field>
      <Field label={t('compose.cc')} validationMessage={errors.cc ?? undefined}>
        <Input value={shown('cc')} onChange={(_, d) => onAddresses('cc', d.value)} name="cc" data-testid="compose-cc" />
      </Field>
      <Field label={t('compose.subject')}>
        <Input
          value={fields.subject}
          onChange={(_, d) => update({ subject: d.value })}
          name="subject"
          data-testid="compose-subject"
        />
      </Field>
      <AttachmentList
        attachments={fields.attachments}
        onRemove={(path) => update({ attachments: fields.attachments.filter((a) => a.path !== path) })}
      />
      <div className={s.body}>
        <MessageEditor
          initialHtml={initialBody.current ?? ''}
          label={t('compose.body')}
          onChange={(html) => update({ html: html || null, text: '' })}
          onSend={() => void send()}
        />
      </div>
    </form>
  );
}
