// Empty, loading and error states, the same calm look in every pane.
import { Button, Spinner, makeStyles, tokens, Text } from '@fluentui/react-components';
import { ErrorCircleRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalXXL,
    textAlign: 'center',
    color: tokens.colorNeutralForeground2,
    height: '100%',
    boxSizing: 'border-box',
  },
  icon: { fontSize: '40px', color: tokens.colorNeutralForeground3 },
  errorIcon: { fontSize: '32px', color: tokens.colorPaletteRedForeground1 },
  errorText: { color: tokens.colorNeutralForeground1, maxWidth: '48ch' },
});

export function EmptyState({ icon, children }: { icon?: ReactNode; children: ReactNode }) {
  const s = useStyles();
  return (
    <div className={s.root}>
      {icon ? (
        <span className={s.icon} aria-hidden="true">
          {icon}
        </span>
      ) : null}
      <Text>{children}</Text>
    </div>
  );
}

export function LoadingState({ label }: { label: string }) {
  const s = useStyles();
  return (
    <div className={s.root}>
      <Spinner size="small" label={label} />
    </div>
  );
}

export function ErrorState({
  message,
  retryLabel,
  onRetry,
}: {
  message: string;
  retryLabel?: string;
  onRetry?: () => void;
}) {
  const s = useStyles();
  return (
    <div className={s.root} role="alert">
      <ErrorCircleRegular className={s.errorIcon} aria-hidden="true" />
      <Text className={s.errorText}>{message}</Text>
      {onRetry && retryLabel ? <Button onClick={onRetry}>{retryLabel}</Button> : null}
    </div>
  );
}
