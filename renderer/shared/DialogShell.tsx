// The one dialog shell behind every confirm and form dialog: a title the surface is labelled by, the body, the actions
// in Outlook's order, a busy state that blocks the acting buttons but never the one that closes, an error line read out
// as an alert, Escape to close (Fluent), Enter to submit when the dialog is a form, and the first focus where the
// dialog says: on Cancel for a question that destroys or leaves the app, so Enter never does it by accident.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  MessageBar,
  MessageBarBody,
  makeStyles,
  tokens,
  useId,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';

const useStyles = makeStyles({
  danger: {
    backgroundColor: tokens.colorStatusDangerBackground3,
    color: tokens.colorNeutralForegroundOnBrand,
    ':hover': {
      backgroundColor: tokens.colorStatusDangerBackground3Hover,
      color: tokens.colorNeutralForegroundOnBrand,
    },
  },
});

export interface DialogAction {
  label: string;
  /** Neither onClick nor submit: the button closes the dialog (Cancel, Close) and stays enabled while busy. */
  onClick?(): void;
  /** A submit button of the dialog's form: Enter in a field runs it too (needs the shell's onSubmit). */
  submit?: boolean;
  primary?: boolean;
  /** Red: the action deletes something for good. */
  danger?: boolean;
  disabled?: boolean;
  /** Focused when the dialog opens. */
  focus?: boolean;
}

export interface DialogShellProps {
  /** Default true: the caller mounts the shell only while it is open. */
  open?: boolean;
  title: ReactNode;
  /** 'alert': a question that must be answered (alertdialog, no closing by a click outside). */
  modalType?: 'modal' | 'alert';
  onClose(): void;
  children?: ReactNode;
  /** In display order; null/false entries are left out (actions that depend on the state). */
  actions?: readonly (DialogAction | null | false)[];
  /** Work is running: every action but the closing ones is disabled. */
  busy?: boolean;
  /** The error line under the body, already in the user's language. */
  error?: string | null;
  /** Makes the dialog a form: Enter submits. */
  onSubmit?(): void;
  /** A close (×) button in the title bar, with this accessible name. */
  dismissLabel?: string;
  /** An id for the title, when a part of the body must be labelled by it too. */
  titleId?: string;
  surfaceClassName?: string;
  contentClassName?: string;
  testId?: string;
}

export function DialogShell({
  open = true,
  title,
  modalType = 'modal',
  onClose,
  children,
  actions = [],
  busy = false,
  error = null,
  onSubmit,
  dismissLabel,
  titleId,
  surfaceClassName,
  contentClassName,
  testId,
}: DialogShellProps) {
  const s = useStyles();
  const ownTitleId = useId('dialog-title');
  const labelId = titleId ?? ownTitleId;
  const focusRef = useRef<HTMLButtonElement>(null);
  // Fluent focuses the first focusable element when the dialog opens (an effect that runs after ours): move to the
  // chosen action just after.
  useEffect(() => {
    if (!open) return;
    const frame = requestAnimationFrame(() => focusRef.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [open]);

  const shown = actions.filter((a): a is DialogAction => Boolean(a));
  const body = (
    <DialogBody>
      <DialogTitle
        id={labelId}
        action={
          dismissLabel ? (
            <DialogTrigger action="close">
              <Button appearance="subtle" aria-label={dismissLabel} icon={<DismissRegular />} />
            </DialogTrigger>
          ) : undefined
        }
      >
        {title}
      </DialogTitle>
      <DialogContent className={contentClassName}>
        {children}
        {error ? (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        ) : null}
      </DialogContent>
      {shown.length > 0 ? (
        <DialogActions>
          {shown.map((a) => {
            const closes = !a.onClick && !a.submit;
            return (
              <Button
                key={a.label}
                ref={a.focus ? focusRef : undefined}
                appearance={a.primary ? 'primary' : 'secondary'}
                className={a.danger ? s.danger : undefined}
                type={a.submit ? 'submit' : 'button'}
                disabled={Boolean(a.disabled) || (busy && !closes)}
                onClick={a.submit ? undefined : (a.onClick ?? onClose)}
              >
                {a.label}
              </Button>
            );
          })}
        </DialogActions>
      ) : null}
    </DialogBody>
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit?.();
  };
  return (
    <Dialog open={open} modalType={modalType} onOpenChange={(_, d) => (d.open ? undefined : onClose())}>
      <DialogSurface
        aria-labelledby={labelId}
        aria-busy={busy || undefined}
        className={surfaceClassName}
        data-testid={testId}
      >
        {onSubmit ? <form onSubmit={submit}>{body}</form> : body}
      </DialogSurface>
    </Dialog>
  );
}
