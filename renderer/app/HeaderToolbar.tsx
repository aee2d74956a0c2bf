// The header's toolbar, fitted to the window: Fluent UI's Overflow measures it, and the actions that do not fit move,
// lowest priority first, into a "Xem thêm" (More) menu at its end, so every action stays reachable at 1366 or 1024 px wide
// (Outlook's ribbon does the same). Pinned items never move. Keyboard: the toolbar's arrow keys reach "Xem thêm", Enter
// opens it, the arrows walk its items (Fluent's Menu).
import {
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Overflow,
  OverflowDivider,
  OverflowItem,
  OverflowReorderObserver,
  Toolbar,
  ToolbarButton,
  ToolbarDivider,
  makeStyles,
  useIsOverflowItemVisible,
  useOverflowMenu,
} from '@fluentui/react-components';
import { MoreHorizontalRegular } from '@fluentui/react-icons';
import { useRef, type ReactElement, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';

export interface HeaderAction {
  id: string;
  /** What the button shows (may carry its own lang attribute). */
  label: ReactNode;
  icon: ReactElement;
  onClick(): void;
  disabled?: boolean;
  title?: string;
  /** ARIA key names ("Control+Shift+B"). */
  keyshortcuts?: string;
  primary?: boolean;
  /**
   * Shown as its icon only in the toolbar (its label is the accessible name and the tooltip); the "Xem thêm" menu shows
   * the label. For the small toggles (language, theme, add account), so the main actions keep their words.
   */
  iconOnly?: { name: string; lang?: string };
  /** Never moves into "Xem thêm". */
  pinned?: boolean;
  /** Higher moves later. */
  priority?: number;
  /** Items of one group share a divider before them, hidden when the whole group has moved. */
  group?: string;
  /**
   * Set when the IT policy fixes what this button changes (useLocked): the button stays focusable but does nothing, and
   * the note ("Do bộ phận CNTT quy định") is its tooltip and accessible description, as on the settings screen.
   */
  lockedNote?: string;
}

const useStyles = makeStyles({
  // minWidth 0 lets the flex item shrink below its content, so the overflow manager sees the real space.
  // flex-basis 0: the toolbar takes what the brand and the search box leave, and Overflow fits the buttons into it.
  root: { flex: '1 1 0', minWidth: 0, flexWrap: 'nowrap', overflow: 'hidden' },
  // Items keep their natural width on one line: a squeezed button would wrap its label instead of overflowing.
  item: { flexShrink: 0, whiteSpace: 'nowrap' },
  slot: { display: 'inline-flex', flexShrink: 0, whiteSpace: 'nowrap' },
});

function itemProps(a: HeaderAction): { id: string; groupId?: string } & ({ pinned: true } | { priority: number }) {
  return {
    id: a.id,
    ...(a.group ? { groupId: a.group } : {}),
    ...(a.pinned ? { pinned: true as const } : { priority: a.priority ?? 0 }),
  };
}

function MoreItem({ action }: { action: HeaderAction }) {
  const visible = useIsOverflowItemVisible(action.id);
  if (visible) return null;
  return (
    <MenuItem
      icon={action.icon}
      onClick={action.onClick}
      disabled={action.disabled || action.lockedNote !== undefined}
      {...(action.lockedNote ? { title: action.lockedNote } : {})}
      {...(action.keyshortcuts ? { 'aria-keyshortcuts': action.keyshortcuts } : {})}
    >
      {action.label}
    </MenuItem>
  );
}

function MoreMenu({ actions }: { actions: readonly HeaderAction[] }) {
  const { t } = useI18n();
  const s = useStyles();
  const { ref, isOverflowing, overflowCount } = useOverflowMenu<HTMLButtonElement>();
  if (!isOverflowing) return null;
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <ToolbarButton
          ref={ref}
          className={s.item}
          icon={<MoreHorizontalRegular />}
          aria-label={t('toolbar.more.label', { count: overflowCount })}
          title={t('toolbar.more')}
          data-testid="toolbar-more"
        />
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {actions.map((a) => (
            <MoreItem key={a.id} action={a} />
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

/**
 * `slots` are other controls kept in the toolbar as they are (a menu button such as Thư nháp), pinned after the
 * first action.
 */
export function HeaderToolbar({
  label,
  actions,
  slots,
}: {
  label: string;
  actions: readonly HeaderAction[];
  slots?: ReactNode;
}) {
  const s = useStyles();
  const toolbar = useRef<HTMLDivElement | null>(null);
  const [first, ...rest] = actions;
  const groupsSeen = new Set<string>();
  const { lang } = useI18n();
  // Fluent's overflow manager measures again only when its container resizes or its children change, not when a label
  // does (vi → en makes most labels longer, Danh bạ ↔ Thư swaps one): a marker child keyed by every label makes
  // OverflowReorderObserver see a child change and measure again.
  const labelsKey = `${lang}|${actions.map((a) => (typeof a.label === 'string' ? a.label : a.id)).join('|')}`;
  const button = (a: HeaderAction) => (
    <OverflowItem key={a.id} {...itemProps(a)}>
      {a.iconOnly ? (
        <ToolbarButton
          className={s.item}
          icon={a.icon}
          onClick={a.lockedNote ? undefined : a.onClick}
          disabled={a.disabled}
          {...(a.lockedNote ? { disabledFocusable: true } : {})}
          aria-label={a.iconOnly.name}
          title={
            a.lockedNote
              ? `${a.iconOnly.name}: ${a.lockedNote}`
              : a.title
                ? `${a.iconOnly.name}: ${a.title}`
                : a.iconOnly.name
          }
          {...(a.iconOnly.lang ? { lang: a.iconOnly.lang } : {})}
          {...(a.keyshortcuts ? { 'aria-keyshortcuts': a.keyshortcuts } : {})}
        />
      ) : (
        <ToolbarButton
          className={s.item}
          appearance={a.primary ? 'primary' : undefined}
          icon={a.icon}
          onClick={a.lockedNote ? undefined : a.onClick}
          disabled={a.disabled}
          {...(a.lockedNote ? { disabledFocusable: true } : {})}
          title={a.lockedNote ?? a.title}
          {...(a.keyshortcuts ? { 'aria-keyshortcuts': a.keyshortcuts } : {})}
        >
          {a.label}
        </ToolbarButton>
      )}
    </OverflowItem>
  );
  return (
    <Overflow padding={8}>
      <Toolbar aria-label={label} className={s.root} ref={toolbar}>
        <OverflowReorderObserver />
        <span key={labelsKey} hidden />
        {first ? button(first) : null}
        {slots ? (
          <OverflowItem id="slots" pinned>
            <span className={s.slot}>{slots}</span>
          </OverflowItem>
        ) : null}
        {rest.map((a) => {
          const divider =
            a.group && !groupsSeen.has(a.group) ? (
              <OverflowDivider key={`divider-${a.group}`} groupId={a.group}>
                <ToolbarDivider />
              </OverflowDivider>
            ) : null;
          if (a.group) groupsSeen.add(a.group);
          return [divider, button(a)];
        })}
        <MoreMenu actions={actions} />
      </Toolbar>
    </Overflow>
  );
}
