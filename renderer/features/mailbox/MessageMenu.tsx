// The message list's context menu (right-click, Shift+F10, the ContextMenu key), at the pointer or the focused row.
import { Menu, MenuDivider, MenuItem, MenuList, MenuPopover } from '@fluentui/react-components';
import {
  DeleteRegular,
  FlagOffRegular,
  FlagRegular,
  FolderArrowRightRegular,
  MailReadRegular,
  MailUnreadRegular,
  OpenRegular,
  SelectAllOnRegular,
  ShieldErrorRegular,
} from '@fluentui/react-icons';
import { useMemo } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { ActionKind } from './useMessageActions.ts';

export interface MessageMenuProps {
  /** Where to open it (viewport coordinates), or null when closed. */
  at: { x: number; y: number } | null;
  count: number;
  onClose(): void;
  onAction(kind: ActionKind): void;
  onMove(): void;
  onSelectAll(): void;
  /** "Mở trong cửa sổ mới": given when one message is selected. */
  onOpenWindow?: () => void;
}

export function MessageMenu({ at, count, onClose, onAction, onMove, onSelectAll, onOpenWindow }: MessageMenuProps) {
  const { t } = useI18n();
  // A virtual element at the point: Fluent positions the popover against any getBoundingClientRect.
  const target = useMemo(
    () =>
      at
        ? {
            getBoundingClientRect: () => ({
              x: at.x,
              y: at.y,
              top: at.y,
              left: at.x,
              bottom: at.y,
              right: at.x,
              width: 0,
              height: 0,
            }),
          }
        : undefined,
    [at],
  );
  return (
    <Menu
      open={at !== null}
      onOpenChange={(_, d) => {
        if (!d.open) onClose();
      }}
      positioning={target ? { target: target as unknown as HTMLElement } : undefined}
    >
      <MenuPopover>
        <MenuList aria-label={t('actions.menu', { count })}>
          {onOpenWindow ? (
            <>
              <MenuItem icon={<OpenRegular />} onClick={onOpenWindow}>
                {t('messageWindow.open')}
              </MenuItem>
              <MenuDivider />
            </>
          ) : null}
          <MenuItem icon={<MailReadRegular />} secondaryContent="Ctrl+Q" onClick={() => onAction('read')}>
            {t('actions.read')}
          </MenuItem>
          <MenuItem icon={<MailUnreadRegular />} secondaryContent="Ctrl+U" onClick={() => onAction('unread')}>
            {t('actions.unread')}
          </MenuItem>
          <MenuItem icon={<FlagRegular />} secondaryContent="Insert" onClick={() => onAction('flag')}>
            {t('actions.flag')}
          </MenuItem>
          <MenuItem icon={<FlagOffRegular />} onClick={() => onAction('unflag')}>
            {t('actions.unflag')}
          </MenuItem>
          <MenuDivider />
          <MenuItem icon={<FolderArrowRightRegular />} secondaryContent="Ctrl+Shift+V" onClick={onMove}>
            {t('actions.move')}
          </MenuItem>
          <MenuItem icon={<ShieldErrorRegular />} onClick={() => onAction('spam')}>
            {t('actions.spam')}
          </MenuItem>
          <MenuItem icon={<DeleteRegular />} secondaryContent="Delete" onClick={() => onAction('delete')}>
            {t('actions.delete')}
          </MenuItem>
          <MenuDivider />
          <MenuItem icon={<SelectAllOnRegular />} secondaryContent="Ctrl+A" onClick={onSelectAll}>
            {t('actions.selectAll')}
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
