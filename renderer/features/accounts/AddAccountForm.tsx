// Add-account form. The password goes to the engine once, which verifies it against the server and stores it in the
// OS keychain only (design.md "What is stored where"); the renderer keeps it in component state until submit and
// clears it after success. Errors are shown as the contract's Vietnamese message for the code.
import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { LockClosedRegular } from '@fluentui/react-icons';
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ApiError } from '../../../src/api/errors.ts';
import type { AccountSummary, Security } from '../../../src/api/types.ts';
import { useApi } from '../../api/context.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { DiscoveryNote } from './DiscoveryNote.tsx';
import { PasswordReminder } from './PasswordReminder.tsx';
import { defaultPort, parsePort, type ServerFields } from './serverFields.ts';
import { useDiscovery } from './useDiscovery.ts';
import { usePolicy } from './usePolicy.ts';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '560px' },
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) 96px 150px',
    gap: tokens.spacingHorizontalM,
    alignItems: 'start',
  },
  // Fluent's Input sizes its native input to ~20 characters; in a grid cell it must shrink to the cell.
  fill: { width: '100%', minWidth: 0, '& input': { minWidth: 0, width: '100%' } },
  fieldset: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalM}`,
    margin: 0,
  },
  legend: { padding: `0 ${tokens.spacingHorizontalXS}`, fontWeight: tokens.fontWeightSemibold },
  noteIcon: { fontSize: '16px', flexShrink: 0, marginTop: '1px' },
  note: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'flex-start',
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    margin: 0,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

type Errors = Partial<Record<'email' | 'password' | 'imapHost' | 'imapPort' | 'smtpHost' | 'smtpPort', string>>;

export interface AddAccountFormProps {
  onAdded(account: AccountSummary): void;
  onCancel?: () => void;
  /** Heading id owned by the container (dialog or first-run page), so the form is named by it. */
  labelledBy?: string;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function AddAccountForm({ onAdded, onCancel, labelledBy }: AddAccountFormProps) {
  const api = useApi();
  const { t, err } = useI18n();
  const s = useStyles();
  const noteId = useId();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [imap, setImap] = useState<ServerFields>({ host: '', port: '993', security: 'tls' });
  const [smtp, setSmtp] = useState<ServerFields>({ host: '', port: '587', security: 'starttls' });
  const [errors, setErrors] = useState<Errors>({});
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const discoveryId = useId();
  const discovery = useDiscovery(email);
  const policy = usePolicy();
  // Fields the user edited are never overwritten by discovery (unless the policy locks them).
  const [touched, setTouched] = useState({ imap: false, smtp: false });
  const [username, setUsername] = useState('');
  // null: follow the default (the servers came from the IT policy, so the password did too).
  const [fromIt, setFromIt] = useState<boolean | null>(null);
  const [added, setAdded] = useState<AccountSummary | null>(null);
  const found = discovery.status === 'found' && discovery.email === email.trim() ? discovery.candidate : null;
  const locked = found?.locked === true;
  const kept = found !== null && !locked && (touched.imap || touched.smtp);
  const passwordFromIt = fromIt ?? found?.source === 'policy';

  useEffect(() => {
    if (!found) return;
    const fields = (e: typeof found.imap): ServerFields => ({
      host: e.host,
      port: String(e.port),
      security: e.security,
    });
    if (found.locked || !touched.imap) setImap(fields(found.imap));
    if (found.locked || !touched.smtp) setSmtp(fields(found.smtp));
    setUsername(found.username ?? '');
    // Only a new discovery result prefills; the user's later edits are theirs.
  }, [found]);

  function validate(): Errors {
    const e: Errors = {};
    if (!email.trim()) e.email = t('account.form.required');
    else if (!emailPattern.test(email.trim())) e.email = t('account.form.invalidEmail');
    if (!password) e.password = t('account.form.required');
    if (!imap.host.trim()) e.imapHost = t('account.form.required');
    if (parsePort(imap.port) === null) e.imapPort = t('account.form.invalidPort');
    if (!smtp.host.trim()) e.smtpHost = t('account.form.required');
    if (parsePort(smtp.port) === null) e.smtpPort = t('account.form.invalidPort');
    return e;
  }

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (submitting) return;
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    setSubmitting(true);
    setFailure(null);
    const r = await api.call('accounts.add', {
      email: email.trim(),
      displayName: displayName.trim() || undefined,
      username: username.trim() || undefined,
      password,
      imap: { host: imap.host.trim(), port: parsePort(imap.port) ?? 993, security: imap.security },
      smtp: { host: smtp.host.trim(), port: parsePort(smtp.port) ?? 587, security: smtp.security },
      verify: true,
    });
    setSubmitting(false);
    if (r.ok) {
      setPassword('');
      if (passwordFromIt) setAdded(r.value);
      else onAdded(r.value);
    } else {
      setFailure(r.error);
    }
  }

  const server = (
    which: 'imap' | 'smtp',
    value: ServerFields,
    setFields: (v: ServerFields) => void,
    hostError: string | undefined,
    portError: string | undefined,
  ) => {
    const set = (v: ServerFields) => {
      setTouched((t0) => ({ ...t0, [which]: true }));
      setFields(v);
    };
    return (
      <fieldset className={s.fieldset} data-testid={`${which}-fieldset`} data-locked={locked ? 'true' : undefined}>
        <legend className={s.legend}>{t(which === 'imap' ? 'account.form.incoming' : 'account.form.outgoing')}</legend>
        <div className={s.row}>
          <Field label={t('account.form.host')} required validationMessage={hostError}>
            <Input
              name={`${which}Host`}
              value={value.host}
              onChange={(_, d) => set({ ...value, host: d.value })}
              readOnly={locked}
              appearance={locked ? 'filled-darker' : 'outline'}
              aria-describedby={locked ? discoveryId : undefined}
              placeholder="mail.cantho.gov.vn"
              className={s.fill}
              autoComplete="off"
              spellCheck={false}
            />
          </Field>
          <Field label={t('account.form.port')} required validationMessage={portError}>
            <Input
              name={`${which}Port`}
              value={value.port}
              onChange={(_, d) => set({ ...value, port: d.value })}
              readOnly={locked}
              appearance={locked ? 'filled-darker' : 'outline'}
              aria-describedby={locked ? discoveryId : undefined}
              inputMode="numeric"
              className={s.fill}
              autoComplete="off"
            />
          </Field>
          <Field label={t('account.form.security')}>
            <Select
              name={`${which}Security`}
              value={value.security}
              disabled={locked}
              aria-describedby={locked ? discoveryId : undefined}
              onChange={(_, d) => {
                const security = d.value as Security;
                // Switching security moves the port to its usual value only if it still had the other usual value.
                const port =
                  value.port === String(defaultPort(which, value.security))
                    ? String(defaultPort(which, security))
                    : value.port;
                set({ ...value, security, port });
              }}
            >
              <option value="tls">{t('account.form.security.tls')}</option>
              <option value="starttls">{t('account.form.security.starttls')}</option>
            </Select>
          </Field>
        </div>
      </fieldset>
    );
  };

  if (added) {
    return (
      <PasswordReminder
        account={added}
        passwordChangeUrl={policy?.passwordChangeUrl ?? null}
        onContinue={() => onAdded(added)}
      />
    );
  }

  return (
    <form className={s.form} onSubmit={onSubmit} noValidate aria-labelledby={labelledBy} data-testid="add-account-form">
      {failure ? (
        <MessageBar intent="error" role="alert" data-testid="add-account-error">
          <MessageBarBody>{err(failure)}</MessageBarBody>
        </MessageBar>
      ) : null}
      <Field label={t('account.form.email')} required validationMessage={errors.email}>
        <Input
          name="email"
          type="email"
          value={email}
          onChange={(_, d) => setEmail(d.value)}
          autoComplete="username"
          spellCheck={false}
          placeholder="ten@cantho.gov.vn"
          aria-describedby={discoveryId}
        />
      </Field>
      <DiscoveryNote state={discovery} kept={kept} id={discoveryId} />
      <Field label={t('account.form.displayName')} hint={t('account.form.displayName.hint')}>
        <Input
          name="displayName"
          value={displayName}
          onChange={(_, d) => setDisplayName(d.value)}
          autoComplete="name"
        />
      </Field>
      <Field label={t('account.form.password')} required validationMessage={errors.password}>
        <Input
          name="password"
          type="password"
          value={password}
          onChange={(_, d) => setPassword(d.value)}
          autoComplete="current-password"
          aria-describedby={noteId}
        />
      </Field>
      <p className={s.note} id={noteId}>
        <LockClosedRegular aria-hidden="true" className={s.noteIcon} />
        <span>{t('account.form.password.note')}</span>
      </p>
      <Checkbox
        name="passwordFromIt"
        checked={passwordFromIt}
        onChange={(_, d) => setFromIt(d.checked === true)}
        label={t('account.form.passwordFromIt')}
      />
      {username || found?.username ? (
        <Field label={t('account.form.username')}>
          <Input
            name="username"
            value={username}
            onChange={(_, d) => setUsername(d.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
      ) : null}
      {server('imap', imap, setImap, errors.imapHost, errors.imapPort)}
      {server('smtp', smtp, setSmtp, errors.smtpHost, errors.smtpPort)}
      <div className={s.actions}>
        <Button
          appearance="primary"
          type="submit"
          disabled={submitting}
          icon={submitting ? <Spinner size="tiny" /> : undefined}
        >
          {submitting ? t('account.form.submitting') : t('account.form.submit')}
        </Button>
        {onCancel ? (
          <Button type="button" onClick={onCancel} disabled={submitting}>
            {t('account.form.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
