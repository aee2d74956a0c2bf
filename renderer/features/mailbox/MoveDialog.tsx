// "Chuyển đến thư mục…": the keyboard alternative to dragging messages onto a folder. A listbox of the account's
// folders (the same names and order as the folder pane); Enter or the button moves, Escape cancels.
import { Listbox, Option, Field } from '@fluentui/react-components';
import { useState } from 'react';
import type { FolderSummary } from '../../../src/api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { DialogShell } from '../../shared/DialogShell.tsx';
import { folderLabelKey, folderTree } from './folders.ts';

export interface MoveDialogProps {
  open: boolean;
  count: number;
  folders: readonly FolderSummary[];
  /** The folder the messages are in (not offered). */
  current: string | null;
  onMove(path: string): void;
  onClose(): void;
}

export function MoveDialog({ open, count, folders, current, onMove, onClose }: MoveDialogProps) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<string | null>(null);
  const options = folderTree(folders).filter(({ folder }) => folder.path !== current);
  return (
    <DialogShell
      open={open}
      title={t('move.title', { count })}
      onClose={onClose}
      onSubmit={() => (chosen ? onMove(chosen) : undefined)}
      actions={[
        { label: t('move.confirm'), primary: true, submit: true, disabled: !chosen },
        { label: t('move.cancel') },
      ]}
    >
      <Field label={t('move.folders')}>
        <Listbox
          selectedOptions={chosen ? [chosen] : []}
          onOptionSelect={(_, d) => setChosen(d.optionValue ?? null)}
          style={{ maxHeight: '320px', overflowY: 'auto' }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && chosen) {
              e.preventDefault();
              onMove(chosen);
            }
          }}
        >
          {options.map(({ folder, depth, pathLabel }) => {
            const key = folderLabelKey(folder);
            const name = key ? t(key) : (pathLabel ?? folder.name);
            return (
              <Option key={folder.path} value={folder.path} text={name}>
                <span style={{ paddingLeft: `${depth * 16}px` }}>{name}</span>
              </Option>
            );
          })}
        </Listbox>
      </Field>
    </DialogShell>
  );
}
