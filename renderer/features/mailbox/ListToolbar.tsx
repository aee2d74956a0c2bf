// The toolbar above the message list: actions on the selection (Outlook's Home ribbon: Delete, Move, Junk, Read,
// Unread, Flag), the sort menu and the reading pane menu ("Ngăn đọc": right, bottom, off).
import {
  Menu,
  MenuItemCheckbox,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MenuGroup,
  MenuGroupHeader,
  MenuDivider,
  Toolbar,
  ToolbarButton,
  ToolbarDivider,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  ArrowSortRegular,
  DeleteRegular,
  FlagRegular,
  FolderArrowRightRegular,
  MailReadRegular,
  MailUnreadRegular,
  PanelRightRegular,
  ShieldErrorRegular,
} from '@fluentui/react-icons';
import type { MessageSort, MessageSortKey } from '../../../src/api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useLocked } from '../settings/locked.tsx';
import { SORT_KEYS, type ReadingPane } from './listPrefs.ts';
import type { ActionKind } from './useMessageActions.ts';

const useStyles = makeStyles({
  root: {
    flexWrap: 'wrap',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
  },
});

export interface ListToolbarProps {
  hasSelection: boolean;
  /** The list's order, or null where it has its own (search results, best match first): no sort menu. */
  sort: MessageSort | null;
  onSort(sort: MessageSort): void;
  readingPane: ReadingPane;
  onReadingPane(pane: ReadingPane): void;
  /** Conversation view on/off (the setting), or null where it does not apply (search results). */
  conversation: boolean | null;
  onConversation(on: boolean): void;
  onAction(kind: ActionKind): void;
  onMove(): void;
}

export function ListToolbar({
  hasSelection,
  sort,
  onSort,
  readingPane,
  onReadingPane,
  conversation,
  onConversation,
  onAction,
  onMove,
}: ListToolbarProps) {
  const s = useStyles();
  const { t } = useI18n();
  const conversationLock = useLocked('conversationView');
  const sortKey = (k: MessageSortKey) => t(`sort.${k}`);
  return (
    <Toolbar aria-label={t('actions.label')} size="small" className={s.root}>
      <ToolbarButton
        icon={<DeleteRegular />}
        disabled={!hasSelection}
        onClick={() => onAction('delete')}
        title={t('actions.delete.hint')}
        aria-keyshortcuts="Delete"
      >
        {t('actions.delete')}
      </ToolbarButton>
      <ToolbarButton
        icon={<FolderArrowRightRegular />}
        disabled={!hasSelection}
        onClick={onMove}
        title={t('actions.move.hint')}
        aria-keyshortcuts="Control+Shift+V"
      >
        {t('actions.move')}
      </ToolbarButton>
      <ToolbarButton
        icon={<ShieldErrorRegular />}
        disabled={!hasSelection}
        onClick={() => onAction('spam')}
        title={t('actions.spam.hint')}
      >
        {t('actions.spam')}
      </ToolbarButton>
      <ToolbarDivider />
      <ToolbarButton
        icon={<MailReadRegular />}
        disabled={!hasSelection}
        onClick={() => onAction('read')}
        aria-label={t('actions.read')}
        title={`${t('actions.read')} (Ctrl+Q)`}
        aria-keyshortcuts="Control+Q"
      />
      <ToolbarButton
        icon={<MailUnreadRegular />}
        disabled={!hasSelection}
        onClick={() => onAction('unread')}
        aria-label={t('actions.unread')}
        title={`${t('actions.unread')} (Ctrl+U)`}
        aria-keyshortcuts="Control+U"
      />
      <ToolbarButton
        icon={<FlagRegular />}
        disabled={!hasSelection}
        onClick={() => onAction('flag')}
        aria-label={t('actions.flag')}
        title={`${t('actions.flag')} (Insert)`}
        aria-keyshortcuts="Insert"
      />
      <ToolbarDivider />
      {sort ? (
        <Menu
          checkedValues={{ sortBy: [sort.by], sortDir: [sort.dir] }}
          onCheckedValueChange={(_, d) => {
            const v = d.checkedItems[0];
            if (d.name === 'sortBy' && v) onSort({ ...sort, by: v as MessageSortKey });
            if (d.name === 'sortDir' && (v === 'asc' || v === 'desc')) onSort({ ...sort, dir: v });
          }}
        >
          <MenuTrigger disableButtonEnhancement>
            <ToolbarButton icon={<ArrowSortRegular />}>{t('sort.button', { key: sortKey(sort.by) })}</ToolbarButton>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              <MenuGroup>
                <MenuGroupHeader>{t('sort.label')}</MenuGroupHeader>
                {SORT_KEYS.map((k) => (
                  <MenuItemRadio key={k} name="sortBy" value={k}>
                    {sortKey(k)}
                  </MenuItemRadio>
                ))}
              </MenuGroup>
              <MenuDivider />
              <MenuItemRadio name="sortDir" value="asc">
                {t('sort.asc')}
              </MenuItemRadio>
              <MenuItemRadio name="sortDir" value="desc">
                {t('sort.desc')}
              </MenuItemRadio>
            </MenuList>
          </MenuPopover>
        </Menu>
      ) : null}
      <Menu
        checkedValues={{ pane: [readingPane], view: conversation ? ['conversation'] : [] }}
        onCheckedValueChange={(_, d) => {
          if (d.name === 'view') {
            onConversation(d.checkedItems.includes('conversation'));
            return;
          }
          const v = d.checkedItems[0] as ReadingPane | undefined;
          if (v) onReadingPane(v);
        }}
      >
        <MenuTrigger disableButtonEnhancement>
          <ToolbarButton icon={<PanelRightRegular />}>{t('pane.menu')}</ToolbarButton>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuItemRadio name="pane" value="right">
              {t('pane.right')}
            </MenuItemRadio>
            <MenuItemRadio name="pane" value="bottom">
              {t('pane.bottom')}
            </MenuItemRadio>
            <MenuItemRadio name="pane" value="off">
              {t('pane.off')}
            </MenuItemRadio>
            {conversation !== null ? (
              <>
                <MenuDivider />
                <MenuItemCheckbox
                  name="view"
                  value="conversation"
                  disabled={conversationLock.locked}
                  data-testid="conversation-toggle"
                >
                  {t('threads.view')}
                </MenuItemCheckbox>
              </>
            ) : null}
          </MenuList>
        </MenuPopover>
      </Menu>
    </Toolbar>
  );
}
