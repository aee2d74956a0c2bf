// The folder pane's context menu (right-click, Shift+F10, the ContextMenu key), against the folder's own row, as in
// Outlook: new subfolder, rename, delete, empty Deleted Items / Junk, export.
import { Menu, MenuDivider, MenuItem, MenuList, MenuPopover } from '@fluentui/react-components';
import {
  ArrowExportRegular,
  DeleteDismissRegular,
  DeleteRegular,
  FolderAddRegular,
  RenameRegular,
} from '@fluentui/react-icons';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { specialUseOf } from '../mailbox/folders.ts';
import type { FolderTarget } from './types.ts';

export type FolderMenuAction = 'newSub' | 'rename' | 'delete' | 'empty' | 'export';

export interface FolderMenuProps {
  target: FolderTarget | null;
  anchor: HTMLElement | null;
  /** The folder's name as shown (Vietnamese for special-use folders). */
  label: string;
  onClose(): void;
  onAction(action: FolderMenuAction): void;
}

export function FolderMenu({ target, anchor, label, onClose, onAction }: FolderMenuProps) {
  const { t } = useI18n();
  const use = target ? specialUseOf(target.folder) : null;
  return (
    <Menu
      open={target !== null && anchor !== null}
      onOpenChange={(_, d) => {
        if (!d.open) onClose();
      }}
      positioning={anchor ? { target: anchor, position: 'below', align: 'start' } : undefined}
    >
      <MenuPopover>
        <MenuList aria-label={t('folders.menu', { folder: label })} data-testid="folder-menu">
          <MenuItem icon={<FolderAddRegular />} onClick={() => onAction('newSub')}>
            {t('folders.menu.newSub')}
          </MenuItem>
          <MenuItem icon={<RenameRegular />} secondaryContent="F2" onClick={() => onAction('rename')}>
            {t('folders.menu.rename')}
          </MenuItem>
          <MenuItem icon={<DeleteRegular />} onClick={() => onAction('delete')}>
            {t('folders.menu.delete')}
          </MenuItem>
          {use === 'trash' || use === 'junk' ? (
            <MenuItem icon={<DeleteDismissRegular />} onClick={() => onAction('empty')}>
              {t(use === 'trash' ? 'folders.menu.empty.trash' : 'folders.menu.empty.junk')}
            </MenuItem>
          ) : null}
          <MenuDivider />
          <MenuItem icon={<ArrowExportRegular />} onClick={() => onAction('export')}>
            {t('folders.menu.export')}
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
