// The signature of one account, edited with the message editor (same toolbar, same official font) and stored in the
// preferences (settings.set { signatures: { [accountId]: html } }, merged per account). The settings screen mounts it;
// compose inserts the signature when a message is started (useDraft).
import { Button, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../src/api/errors.ts';
import { useApi } from '../../api/context.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { LoadingState } from '../../shared/PaneState.tsx';
import { MessageEditor } from './MessageEditor.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minHeight: '260px' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  status: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

export function SignatureEditor({ accountId }: { accountId: string }) {
  const api = useApi();
  const { t, err } = useI18n();
  const s = useStyles();
  const [initial, setInitial] = useState<string | null>(null);
  const html = useRef('');
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let cancelled = false;
    void api.call('settings.get', {}).then((r) => {
      if (cancelled) return;
      const value = r.ok ? (r.value.signatures[accountId] ?? '') : '';
      html.current = value;
      setInitial(value);
      if (!r.ok) setError(r.error);
    });
    return () => {
      cancelled = true;
    };
  }, [api, accountId]);

  const save = async () => {
    setState('saving');
    const r = await api.call('settings.set', { patch: { signatures: { [accountId]: html.current } } });
    if (r.ok) {
      setError(null);
      setState('saved');
    } else {
      setError(r.error);
      setState('idle');
    }
  };

  if (initial === null) return <LoadingState label={t('compose.loading')} />;
  return (
    <div className={s.root} data-testid="signature-editor">
      {error ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{err(error)}</MessageBarBody>
        </MessageBar>
      ) : null}
      <MessageEditor
        initialHtml={initial}
        label={t('compose.signature.label', { account: accountId })}
        onChange={(value) => {
          html.current = value;
          setState('idle');
        }}
        onSend={() => void save()}
      />
      <div className={s.actions}>
        <Button appearance="primary" onClick={() => void save()} disabled={state === 'saving'}>
          {t('compose.signature.save')}
        </Button>
        <span className={s.status} role="status">
          {state === 'saved' ? t('compose.signature.saved') : ''}
        </span>
      </div>
    </div>
  );
}
