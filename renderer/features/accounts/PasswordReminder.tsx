// After adding an account whose password came from IT: the reminder to change it (Article 9.3 of the regulation,
// QĐ 50/2009: "khi tiếp nhận hộp thư, đề nghị người sử dụng nên thay đổi mật khẩu"), with the policy's link.
import {
  Button,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import type { AccountSummary } from '../../../src/api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '560px' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

export function PasswordReminder({
  account,
  passwordChangeUrl,
  onContinue,
}: {
  account: AccountSummary;
  passwordChangeUrl: string | null;
  onContinue(): void;
}) {
  const { t } = useI18n();
  const s = useStyles();
  const continueRef = useRef<HTMLButtonElement>(null);
  // The form that had focus is gone: focus moves to the one action, so keyboard users are not lost.
  useEffect(() => continueRef.current?.focus(), []);
  return (
    <section className={s.root} data-testid="password-reminder" aria-labelledby="password-reminder-title">
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle id="password-reminder-title">{t('account.reminder.title')}</MessageBarTitle>
          {t('account.reminder.body', { email: account.email })}{' '}
          {passwordChangeUrl ? (
            <Link href={passwordChangeUrl} target="_blank" rel="noreferrer noopener" data-testid="password-change-link">
              {t('account.reminder.link')}
            </Link>
          ) : (
            t('account.reminder.noLink')
          )}
        </MessageBarBody>
      </MessageBar>
      <div className={s.actions}>
        <Button appearance="primary" ref={continueRef} onClick={onContinue}>
          {t('account.reminder.continue')}
        </Button>
      </div>
    </section>
  );
}
