// Asks before something that cannot be undone (delete a folder, empty Deleted Items), or says why it cannot be done
// (no confirm label). Focus starts on Cancel, so Enter never deletes by accident; the engine's error stays in the
// dialog so the user can retry.
import { makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiError } from '../../../src/api/errors.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { DialogShell } from '../../shared/DialogShell.tsx';

const useStyles = makeStyles({
  text: { margin: `0 0 ${tokens.spacingVerticalS}` },
});

export interface ConfirmDialogProps {
  title: string;
  paragraphs: readonly string[];
  /** null: an explanation only, with a Close button. */
  confirmLabel: string | null;
  onConfirm?(): Promise<ApiError | null>;
  onClose(): void;
}

export function ConfirmDialog({ title, paragraphs, confirmLabel, onConfirm, onClose }: ConfirmDialogProps) {
  const s = useStyles();
  const { t, err } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const confirm = async () => {
    if (!onConfirm || busy) return;
    setBusy(true);
    const failed = await onConfirm();
    setBusy(false);
    setError(failed);
  };
  return (
    <DialogShell
      title={title}
      modalType="alert"
      onClose={onClose}
      busy={busy}
      error={error ? err(error) : null}
      actions={[
        confirmLabel ? { label: confirmLabel, primary: true, danger: true, onClick: () => void confirm() } : null,
        { label: confirmLabel ? t('folders.cancel') : t('folders.close'), focus: true },
      ]}
    >
      {paragraphs.map((p) => (
        <p key={p} className={s.text}>
          {p}
        </p>
      ))}
    </DialogShell>
  );
}
