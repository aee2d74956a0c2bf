// Inline rename in the folder pane, as in Outlook (F2 or "Đổi tên"): Enter saves, Escape or leaving the box cancels.
// The name is checked by the one folder-name rule while typing; the engine's refusal shows under the box.
import { Input, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { ApiError } from '../../../src/api/errors.ts';
import { checkFolderName, leafName, parentPath } from '../../../src/shared/folder-name.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { FolderTarget } from './types.ts';

const useStyles = makeStyles({
  root: { padding: `2px ${tokens.spacingHorizontalS} 2px 0` },
  input: { width: '100%' },
  error: {
    margin: `${tokens.spacingVerticalXS} 0 0`,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorPaletteRedForeground1,
    whiteSpace: 'normal',
  },
});

export function RenameInput({
  target,
  label,
  indent,
  onSubmit,
  onCancel,
}: {
  target: FolderTarget;
  /** The name as shown, for the box's label. */
  label: string;
  indent: number;
  /** Resolves with the engine's error, or null when renamed. */
  onSubmit(to: string): Promise<ApiError | null>;
  onCancel(): void;
}) {
  const s = useStyles();
  const { t, err } = useI18n();
  const errorId = useId();
  const { folder, folders } = target;
  const [value, setValue] = useState(() => leafName(folder.path, folder.delimiter));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const check = checkFolderName({
      parent: parentPath(folder.path, folder.delimiter),
      leaf: value,
      delimiter: folder.delimiter,
      existing: folders.map((f) => f.path),
      renaming: folder.path,
    });
    if (!check.ok) {
      setError(err({ code: check.code, message: '' }));
      return;
    }
    if (check.path === folder.path) {
      onCancel();
      return;
    }
    setBusy(true);
    const failed = await onSubmit(check.path);
    setBusy(false);
    if (failed) setError(err(failed));
  };

  return (
    <div className={s.root} style={{ paddingLeft: `${indent}px` }}>
      <Input
        className={s.input}
        value={value}
        autoFocus
        disabled={busy}
        aria-label={t('folders.rename.label', { folder: label })}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onFocus={(e) => e.currentTarget.select()}
        onChange={(_, d) => {
          setValue(d.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.nativeEvent.isComposing) return; // Telex/VNI input: Enter ends the composition, not the rename
          if (e.key === 'Enter') {
            e.preventDefault();
            void submit();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onCancel();
          }
        }}
        onBlur={() => {
          if (!busy && !error) onCancel();
        }}
      />
      {error ? (
        <p id={errorId} className={s.error} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
