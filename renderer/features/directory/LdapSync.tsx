// "Cập nhật từ LDAP": shown when the IT policy names an LDAP source (directory.info ldapConfigured). Runs
// directory.syncLdap and says what happened; on any failure the engine kept the directory as it was, and the message
// (from the contract's error table) says so.
import { Button, MessageBar, MessageBarBody, makeStyles } from '@fluentui/react-components';
import { ArrowSyncRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ApiError } from '../../../src/api/errors.ts';
import type { LdapSyncResult } from '../../../src/api/types-directory.ts';
import { useApi } from '../../api/context.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';

// The message takes a line of its own in the wrapping tool row.
const useStyles = makeStyles({ bar: { flexBasis: '100%', minWidth: 0, maxWidth: '100%', boxSizing: 'border-box' } });

type State =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; result: LdapSyncResult }
  | { kind: 'failed'; error: ApiError };

export function LdapSync({ onSynced }: { onSynced(): void }) {
  const api = useApi();
  const { t, err } = useI18n();
  const s = useStyles();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const run = async () => {
    setState({ kind: 'running' });
    const r = await api.call('directory.syncLdap', {});
    if (!r.ok) return setState({ kind: 'failed', error: r.error });
    setState({ kind: 'done', result: r.value });
    if (r.value.synced) onSynced();
  };
  let message = null;
  if (state.kind === 'done' && state.result.synced)
    message = (
      <MessageBar
        intent="success"
        layout="multiline"
        className={s.bar}
        role="status"
        data-testid="directory-ldap-result"
      >
        <MessageBarBody>{t('directory.ldap.done', { count: state.result.after })}</MessageBarBody>
      </MessageBar>
    );
  else if (state.kind === 'done' || state.kind === 'failed')
    message = (
      <MessageBar intent="error" layout="multiline" className={s.bar} role="alert" data-testid="directory-ldap-result">
        <MessageBarBody>
          {state.kind === 'failed'
            ? err(state.error)
            : `${err({ code: 'LDAP_INVALID', message: '' })} ${t('directory.ldap.errors', { count: state.result.report.errors })}`}
        </MessageBarBody>
      </MessageBar>
    );
  return (
    <>
      <Button
        icon={<ArrowSyncRegular />}
        disabled={state.kind === 'running'}
        title={t('directory.ldap.hint')}
        onClick={() => void run()}
      >
        {state.kind === 'running' ? t('directory.ldap.running') : t('directory.ldap')}
      </Button>
      {message}
    </>
  );
}
