// Asks before something that cannot be undone (delete a folder, empty Deleted Items), or says why it cannot be done
// (no confirm label). Focus starts on Cancel, so Enter never deletes by accident; the engine's error stays in the
// dialog so the user can retry.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../src/api/errors.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

const useStyles = makeStyles({
  text: { margin: `0 0 ${tokens.spacingVerticalS}` },
  danger: {
    backgroundColor: tokens.colorStatusDangerBackground3,
    color: tokens.colorNeutralForegroundOnBrand,
    ':hover': {
      backgroundColor: tokens.colorStatusDangerBackground3Hover,
      color: tokens.colorNeutralForegroundOnBrand,
    },
  },
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
  const cancelRef = useRef<HTMLButtonElement>(null);
  // Fluent focuses the first button when the dialog opens (an effect that runs after ours): move to Cancel just after.
  useEffect(() => {
    const frame = requestAnimationFrame(() => cancelRef.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, []);
  const confirm = async () => {
    if (!onConfirm || busy) return;
    setBusy(true);
    const failed = await onConfirm();
    setBusy(false);
    setError(failed);
  };
  return (
    <Dialog open modalType="alert" onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>
            {paragraphs.map((p) => (
              <p key={p} className={s.text}>
                {p}
              </p>
            ))}
            {error ? (
              <MessageBar intent="error">
                <MessageBarBody>{err(error)}</MessageBarBody>
              </MessageBar>
            ) : null}
          </DialogContent>
          <DialogActions>
            {confirmLabel ? (
              <Button appearance="primary" className={s.danger} disabled={busy} onClick={() => void confirm()}>
                {confirmLabel}
              </Button>
            ) : null}
            <Button ref={cancelRef} onClick={onClose}>
              {confirmLabel ? t('folders.cancel') : t('folders.close')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
