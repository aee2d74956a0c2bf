// "Chuyển đến thư mục…": the keyboard alternative to dragging messages onto a folder. A listbox of the account's
// folders (the same names and order as the folder pane); Enter or the button moves, Escape cancels.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Listbox,
  Option,
  Field,
  useId,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { FolderSummary } from '../../../src/api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
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
  const titleId = useId('move-title');
  const [chosen, setChosen] = useState<string | null>(null);
  const options = folderTree(folders).filter(({ folder }) => folder.path !== current);
  return (
    <Dialog open={open} onOpenChange={(_, d) => (d.open ? undefined : onClose())} modalType="modal">
      <DialogSurface aria-labelledby={titleId}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen) onMove(chosen);
          }}
        >
          <DialogBody>
            <DialogTitle id={titleId}>{t('move.title', { count })}</DialogTitle>
            <DialogContent>
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
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={!chosen}>
                {t('move.confirm')}
              </Button>
              <Button onClick={onClose}>{t('move.cancel')}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
