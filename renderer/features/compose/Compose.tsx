// Compose (plain text for now; the TipTap editor comes with issue 4). Ctrl+Enter sends, as in Outlook.
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { DismissRegular, SendRegular } from '@fluentui/react-icons';
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ApiError } from '../../../src/api/errors.ts';
import type { AccountSummary, OutboxEntry } from '../../../src/api/types.ts';
import { useApi } from '../../api/context.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { parseAddressList } from './addresses.ts';

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
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
  body: { flex: 1, minHeight: '200px', display: 'flex', flexDirection: 'column' },
  bodyInput: { flex: 1, '& textarea': { maxHeight: 'none', minHeight: '200px', height: '100%' } },
});

type SendState = { status: 'editing' } | { status: 'sending' } | { status: 'error'; error: ApiError | string };

export interface ComposeProps {
  accounts: readonly AccountSummary[];
  defaultAccountId: string | null;
  onClose(): void;
  onSent(entry: OutboxEntry): void;
}

export function Compose({ accounts, defaultAccountId, onClose, onSent }: ComposeProps) {
  const api = useApi();
  const { t, err } = useI18n();
  const s = useStyles();
  const titleId = useId();
  const [accountId, setAccountId] = useState(defaultAccountId ?? accounts[0]?.id ?? '');
  const [to, setTo] = useState('');
  const [cc, setCc] = useState('');
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const [toError, setToError] = useState<string | null>(null);
  const [ccError, setCcError] = useState<string | null>(null);
  const [state, setState] = useState<SendState>({ status: 'editing' });
  const sending = state.status === 'sending';

  async function send() {
    if (sending) return;
    const toList = parseAddressList(to);
    const ccList = parseAddressList(cc);
    const toProblem =
      toList.invalid.length > 0
        ? t('compose.badAddress', { address: toList.invalid.join(', ') })
        : toList.valid.length === 0
          ? t('compose.noRecipient')
          : null;
    const ccProblem =
      ccList.invalid.length > 0 ? t('compose.badAddress', { address: ccList.invalid.join(', ') }) : null;
    setToError(toProblem);
    setCcError(ccProblem);
    if (toProblem || ccProblem) return;
    if (!accountId) {
      setState({ status: 'error', error: t('compose.noAccount') });
      return;
    }
    setState({ status: 'sending' });
    const r = await api.call('messages.send', { accountId, to: toList.valid, cc: ccList.valid, subject, text });
    if (!r.ok) {
      setState({ status: 'error', error: r.error });
    } else if (r.value.state === 'failed') {
      setState({ status: 'error', error: r.value.lastError ?? t('error.title') });
    } else {
      onSent(r.value);
    }
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void send();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
    }
  };

  return (
    <form className={s.form} onSubmit={onSubmit} onKeyDown={onKeyDown} aria-labelledby={titleId} noValidate>
      <div className={s.header}>
        <h2 id={titleId} className={s.title}>
          {t('compose.title')}
        </h2>
        <div className={s.actions}>
          <Button
            appearance="primary"
            type="submit"
            icon={sending ? <Spinner size="tiny" /> : <SendRegular />}
            disabled={sending}
            title={t('compose.send.hint')}
          >
            {sending ? t('compose.sending') : t('compose.send')}
          </Button>
          <Button type="button" icon={<DismissRegular />} onClick={onClose} disabled={sending}>
            {t('compose.discard')}
          </Button>
        </div>
      </div>
      {state.status === 'error' ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{typeof state.error === 'string' ? state.error : err(state.error)}</MessageBarBody>
        </MessageBar>
      ) : null}
      {accounts.length > 1 ? (
        <Field label={t('compose.from')}>
          <Select value={accountId} onChange={(_, d) => setAccountId(d.value)}>
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
        validationMessage={toError ?? undefined}
        hint={toError ? undefined : t('compose.addresses.hint')}
      >
        <Input value={to} onChange={(_, d) => setTo(d.value)} name="to" autoFocus data-testid="compose-to" />
      </Field>
      <Field label={t('compose.cc')} validationMessage={ccError ?? undefined}>
        <Input value={cc} onChange={(_, d) => setCc(d.value)} name="cc" data-testid="compose-cc" />
      </Field>
      <Field label={t('compose.subject')}>
        <Input value={subject} onChange={(_, d) => setSubject(d.value)} name="subject" data-testid="compose-subject" />
      </Field>
      <Field label={t('compose.body')} className={s.body}>
        <Textarea
          className={s.bodyInput}
          value={text}
          onChange={(_, d) => setText(d.value)}
          name="body"
          resize="vertical"
          data-testid="compose-body"
        />
      </Field>
    </form>
  );
}
