// The sections of the settings screen. Each control writes its preference at once (settings.set) and shows the
// engine's error, in the user's language, if the change was refused or could not be saved.
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
  useId,
} from '@fluentui/react-components';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ApiError } from '../../../src/api/errors.ts';
import type { PreferencesPatch } from '../../../src/api/types-settings.ts';
import type { AccountSummary, ServerEndpoint } from '../../../src/api/types.ts';
import { useApi } from '../../api/context.tsx';
import { shortcuts } from '../../app/shortcuts.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useLocked } from './locked.tsx';
import { usePreferences } from './PreferencesProvider.tsx';

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    paddingBottom: tokens.spacingVerticalL,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  account: {
    display: 'grid',
    gridTemplateColumns: '1fr auto',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingVerticalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  accountList: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  muted: { color: tokens.colorNeutralForeground2, margin: 0 },
  email: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', alignItems: 'end', gap: tokens.spacingHorizontalM },
  prefetch: { display: 'flex', flexDirection: 'column', alignItems: 'start', gap: tokens.spacingVerticalM },
  number: { width: '120px' },
  confirm: {
    gridColumn: '1 / -1',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    border: `2px solid ${tokens.colorPaletteRedBorder2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  kbd: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: 'nowrap' },
});

/** Saves a patch and keeps the last error on screen until the next successful change. */
function useSave() {
  const { update } = usePreferences();
  const [error, setError] = useState<ApiError | null>(null);
  const save = async (patch: PreferencesPatch) => {
    const r = await update(patch);
    setError(r.ok ? null : r.error);
    return r.ok;
  };
  return { save, error };
}

function SaveError({ error }: { error: ApiError | null }) {
  const { err } = useI18n();
  if (!error) return null;
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>{err(error)}</MessageBarBody>
    </MessageBar>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const s = useStyles();
  return (
    <section className={s.section} aria-label={title}>
      <h3 className={s.heading}>{title}</h3>
      {children}
    </section>
  );
}

function server(e: ServerEndpoint): string {
  return `${e.host}:${e.port} (${e.security === 'tls' ? 'TLS' : 'STARTTLS'})`;
}

export function AccountsSection({
  accounts,
  onRemoved,
}: {
  accounts: readonly AccountSummary[];
  onRemoved(account: AccountSummary): void;
}) {
  const api = useApi();
  const { t, err } = useI18n();
  const s = useStyles();
  const confirmTitleId = useId('remove-title');
  const [removing, setRemoving] = useState<AccountSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  // The question takes the focus on its safe answer ("keep").
  useEffect(() => {
    if (removing) keepRef.current?.focus();
  }, [removing]);

  const remove = async () => {
    if (!removing) return;
    setBusy(true);
    const r = await api.call('accounts.remove', { accountId: removing.id });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    const gone = removing;
    setRemoving(null);
    onRemoved(gone);
  };

  return (
    <Section title={t('settings.section.accounts')}>
      {accounts.length === 0 ? <p className={s.muted}>{t('settings.accounts.none')}</p> : null}
      <ul className={s.accountList}>
        {accounts.map((a) => (
          <li key={a.id} className={s.account} data-testid="settings-account">
            <div>
              <p className={s.email}>
                {a.displayName && a.displayName !== a.email ? `${a.displayName} <${a.email}>` : a.email}
              </p>
              <p className={s.muted}>
                {t(a.kind === 'unit' ? 'settings.accounts.kind.unit' : 'settings.accounts.kind.personal')}
              </p>
              <p className={s.muted}>{t('settings.accounts.incoming', { server: server(a.imap) })}</p>
              <p className={s.muted}>{t('settings.accounts.outgoing', { server: server(a.smtp) })}</p>
            </div>
            {removing?.id === a.id ? null : (
              <Button
                aria-label={t('settings.accounts.remove.label', { email: a.email })}
                onClick={() => {
                  setError(null);
                  setRemoving(a);
                }}
              >
                {t('settings.accounts.remove')}
              </Button>
            )}
            {removing?.id === a.id ? (
              // Asked in place rather than in a second modal dialog over this one: the focus moves to the question
              // and comes back to the list whichever way it is answered.
              <div
                role="alertdialog"
                aria-labelledby={confirmTitleId}
                aria-describedby={`${confirmTitleId}-body`}
                className={s.confirm}
              >
                <h4 id={confirmTitleId} className={s.heading}>
                  {t('settings.accounts.remove.title', { email: a.email })}
                </h4>
                <p id={`${confirmTitleId}-body`}>{t('settings.accounts.remove.body')}</p>
                {error ? (
                  <MessageBar intent="error" role="alert">
                    <MessageBarBody>{err(error)}</MessageBarBody>
                  </MessageBar>
                ) : null}
                <div className={s.row}>
                  <Button appearance="primary" disabled={busy} onClick={() => void remove()}>
                    {t('settings.accounts.remove.confirm')}
                  </Button>
                  <Button ref={keepRef} onClick={() => setRemoving(null)}>
                    {t('settings.accounts.remove.cancel')}
                  </Button>
                </div>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function ReadingSection() {
  const { t } = useI18n();
  const s = useStyles();
  const { prefs } = usePreferences();
  const { save, error } = useSave();
  const remote = useLocked('remoteContent');
  const senders = useLocked('remoteSenders');
  const pane = useLocked('readingPane');
  const conversation = useLocked('conversationView');
  return (
    <Section title={t('settings.section.reading')}>
      <Field label={t('settings.reading.remote')} hint={remote.note}>
        <RadioGroup
          value={prefs.remoteContent}
          disabled={remote.locked}
          onChange={(_, d) => void save({ remoteContent: d.value as 'ask' | 'never' })}
        >
          <Radio value="ask" label={t('settings.reading.remote.ask')} />
          <Radio value="never" label={t('settings.reading.remote.never')} />
        </RadioGroup>
      </Field>
      {prefs.remoteSenders.length > 0 ? (
        <div>
          <p>{t('settings.reading.senders', { count: prefs.remoteSenders.length })}</p>
          <Button disabled={senders.locked} onClick={() => void save({ remoteSenders: [] })}>
            {t('settings.reading.senders.clear')}
          </Button>
          {senders.note ? <p className={s.muted}>{senders.note}</p> : null}
        </div>
      ) : null}
      <Field label={t('settings.reading.pane')} hint={pane.note}>
        <RadioGroup
          value={prefs.readingPane}
          disabled={pane.locked}
          onChange={(_, d) => void save({ readingPane: d.value as 'right' | 'bottom' | 'off' })}
        >
          <Radio value="right" label={t('settings.reading.pane.right')} />
          <Radio value="bottom" label={t('settings.reading.pane.bottom')} />
          <Radio value="off" label={t('settings.reading.pane.off')} />
        </RadioGroup>
      </Field>
      <Field hint={conversation.note}>
        <Switch
          checked={prefs.conversationView}
          disabled={conversation.locked}
          onChange={(_, d) => void save({ conversationView: d.checked })}
          label={t('settings.reading.conversation')}
        />
      </Field>
      <SaveError error={error} />
    </Section>
  );
}

export function NotificationsSection() {
  const { t } = useI18n();
  const { prefs } = usePreferences();
  const { save, error } = useSave();
  const { locked, note } = useLocked('notifications');
  return (
    <Section title={t('settings.section.notifications')}>
      <Field hint={note}>
        <Switch
          checked={prefs.notifications.enabled}
          disabled={locked}
          onChange={(_, d) => void save({ notifications: { enabled: d.checked } })}
          label={t('settings.notifications.enabled')}
        />
      </Field>
      <Field hint={note}>
        <Switch
          checked={prefs.notifications.sound}
          disabled={locked || !prefs.notifications.enabled}
          onChange={(_, d) => void save({ notifications: { sound: d.checked } })}
          label={t('settings.notifications.sound')}
        />
      </Field>
      <SaveError error={error} />
    </Section>
  );
}

export function LanguageSection() {
  const { t } = useI18n();
  const { prefs } = usePreferences();
  const { save, error } = useSave();
  const { locked, note } = useLocked('language');
  return (
    <Section title={t('settings.section.language')}>
      <Field label={t('settings.language.label')} hint={note}>
        <RadioGroup
          value={prefs.language}
          disabled={locked}
          onChange={(_, d) => void save({ language: d.value as 'vi' | 'en' })}
        >
          {/* Each language named in itself, so a user who switched by mistake can find the way back. */}
          <Radio value="vi" label={<span lang="vi">Tiếng Việt</span>} />
          <Radio value="en" label={<span lang="en">English</span>} />
        </RadioGroup>
      </Field>
      <SaveError error={error} />
    </Section>
  );
}

export function AppearanceSection() {
  const { t } = useI18n();
  const s = useStyles();
  const { prefs } = usePreferences();
  const { save, error } = useSave();
  const { locked, note } = useLocked('theme');
  return (
    <Section title={t('settings.section.appearance')}>
      <Field label={t('settings.appearance.label')} hint={note}>
        <RadioGroup
          value={prefs.theme}
          disabled={locked}
          onChange={(_, d) => void save({ theme: d.value as 'system' | 'light' | 'dark' | 'highContrast' })}
        >
          <Radio value="system" label={t('settings.appearance.system')} />
          <Radio value="light" label={t('settings.appearance.light')} />
          <Radio value="dark" label={t('settings.appearance.dark')} />
          <Radio value="highContrast" label={t('settings.appearance.highContrast')} />
        </RadioGroup>
      </Field>
      <p className={s.muted}>{t('settings.appearance.forcedNote')}</p>
      <SaveError error={error} />
    </Section>
  );
}

export function PrefetchSection() {
  const { t } = useI18n();
  const s = useStyles();
  const { prefs } = usePreferences();
  const { save, error } = useSave();
  const [text, setText] = useState(String(prefs.prefetchDays));
  const [invalid, setInvalid] = useState(false);
  const { locked, note } = useLocked('prefetchDays');
  const submit = async () => {
    const n = Number(text.trim());
    if (!/^\d{1,4}$/.test(text.trim()) || n > 3650) return setInvalid(true);
    setInvalid(false);
    await save({ prefetchDays: n });
  };
  return (
    <Section title={t('settings.section.prefetch')}>
      <form
        noValidate
        className={s.prefetch}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field
          label={t('settings.prefetch.label')}
          hint={note ?? t('settings.prefetch.hint')}
          validationState={invalid ? 'error' : 'none'}
          validationMessage={invalid ? t('settings.prefetch.invalid') : undefined}
        >
          <Input
            className={s.number}
            type="number"
            min={0}
            max={3650}
            value={text}
            readOnly={locked}
            onChange={(_, d) => setText(d.value)}
          />
        </Field>
        <Button type="submit" disabled={locked}>
          {t('settings.prefetch.save')}
        </Button>
      </form>
      <SaveError error={error} />
    </Section>
  );
}

export function ShortcutsSection() {
  const { t } = useI18n();
  const s = useStyles();
  return (
    <Section title={t('settings.section.shortcuts')}>
      <Table size="small" aria-label={t('settings.shortcuts.caption')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('settings.shortcuts.keys')}</TableHeaderCell>
            <TableHeaderCell>{t('settings.shortcuts.action')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {shortcuts.map((k) => (
            <TableRow key={k.command} data-testid="shortcut-row">
              <TableCell>
                <kbd className={s.kbd}>{k.keys}</kbd>
              </TableCell>
              <TableCell>{t(k.label)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Section>
  );
}
