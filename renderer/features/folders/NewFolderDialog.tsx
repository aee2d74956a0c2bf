// "Thư mục mới": a name checked while typing by the one folder-name rule (src/shared/folder-name.ts), so a separator,
// a wildcard or a duplicate is explained before anything reaches the server; the engine's answer is shown the same way.
import { Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiError } from '../../../src/api/errors.ts';
import type { AccountSummary, FolderSummary } from '../../../src/api/types.ts';
import { checkFolderName } from '../../../src/shared/folder-name.ts';
import { useApi } from '../../api/context.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { DialogShell } from '../../shared/DialogShell.tsx';

const useStyles = makeStyles({
  where: { margin: `0 0 ${tokens.spacingVerticalM}`, color: tokens.colorNeutralForeground2 },
});

export interface NewFolderRequest {
  account: AccountSummary;
  /** null: at the top level of the account. */
  parent: FolderSummary | null;
  parentLabel: string;
  folders: readonly FolderSummary[];
}

export function NewFolderDialog({
  request,
  onClose,
  onCreated,
}: {
  request: NewFolderRequest;
  onClose(): void;
  onCreated(path: string, queued: boolean): void;
}) {
  const api = useApi();
  const s = useStyles();
  const { t, err } = useI18n();
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const delimiter = request.parent?.delimiter ?? request.folders[0]?.delimiter ?? '/';
  const check = checkFolderName({
    parent: request.parent?.path ?? null,
    leaf: name,
    delimiter,
    existing: request.folders.map((f) => f.path),
  });
  const problem = !check.ok && touched ? err({ code: check.code, message: '' }) : null;
  const message = problem ?? (serverError ? err(serverError) : null);

  const submit = async () => {
    setTouched(true);
    if (!check.ok || busy) return;
    setBusy(true);
    const r = await api.call('folders.create', { accountId: request.account.id, path: check.path });
    setBusy(false);
    if (r.ok) onCreated(check.path, r.value.state === 'queued');
    else setServerError(r.error);
  };

  return (
    <DialogShell
      title={t('folders.newDialog.title')}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      actions={[{ label: t('folders.newDialog.create'), primary: true, submit: true }, { label: t('folders.cancel') }]}
    >
      <p className={s.where}>
        {request.parent
          ? t('folders.newDialog.in', { parent: request.parentLabel })
          : t('folders.newDialog.top', { account: request.account.email })}
      </p>
      <Field
        label={t('folders.newDialog.name')}
        required
        validationState={message ? 'error' : 'none'}
        validationMessage={message ?? undefined}
      >
        <Input
          value={name}
          autoFocus
          maxLength={300}
          onChange={(_, d) => {
            setName(d.value);
            setServerError(null);
            if (d.value.trim()) setTouched(true);
          }}
        />
      </Field>
    </DialogShell>
  );
}
