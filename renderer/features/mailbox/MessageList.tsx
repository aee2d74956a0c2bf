// The message list, virtualised from the first line (design.md "Performance targets": a 100,000-message folder paints
// its first rows within 300 ms and keeps fewer than 200 DOM rows while scrolling). Rows have a fixed height, so the
// visible range is arithmetic; only those rows (plus a small overscan) exist in the DOM. Keyboard: the listbox keeps
// focus and points at the active row with aria-activedescendant, because rows come and go as the list scrolls.
// Selection (click, Ctrl/Shift, Ctrl+A, keys) follows selection.ts, by index ranges; rows drag to a folder.
import { Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import {
  AttachRegular,
  ChevronDownRegular,
  ChevronRightRegular,
  FlagFilled,
  MailInboxRegular,
} from '@fluentui/react-icons';
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import type { MessageSummary } from '../../../src/api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatListDate } from '../../i18n/format.ts';
import { EmptyState, ErrorState, LoadingState } from '../../shared/PaneState.tsx';
import { VisuallyHidden } from '../../shared/VisuallyHidden.tsx';
import { ImportanceIcon, SubjectWithPreview } from './MessageRowText.tsx';
import { visibleRange } from './pageCache.ts';
import type { MessagePages } from './useMessagePages.ts';
import type { RowInfo, ThreadPages } from './useThreadPages.ts';
import {
  click,
  isSelected,
  navigate,
  selectAll,
  selectOne,
  selectedCount,
  toggleActive,
  type Modifiers,
  type Selection,
  type SelectionKey,
} from './selection.ts';

const NAV_KEYS: ReadonlySet<string> = new Set(['ArrowDown', 'ArrowUp', 'PageDown', 'PageUp', 'Home', 'End']);

export const ROW_HEIGHT = 56;
const OVERSCAN = 8;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', minHeight: 0, height: '100%' },
  header: {
    display: 'flex',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  title: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  count: { color: tokens.colorNeutralForeground2 },
  scroller: {
    flex: 1,
    minHeight: 0,
    overflowY: 'auto',
    position: 'relative',
    outline: 'none',
    ':focus-visible': { boxShadow: `inset 0 0 0 1px ${tokens.colorStrokeFocus2}` },
    // The active row is outlined only while the list has keyboard focus.
    ':focus-visible [data-active="true"]': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  spacer: { position: 'relative', width: '100%' },
  row: {
    position: 'absolute',
    left: 0,
    right: 0,
    height: `${ROW_HEIGHT}px`,
    boxSizing: 'border-box',
    display: 'grid',
    gridTemplateColumns: '1fr auto',
    gridTemplateRows: '1fr 1fr',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL} ${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXL}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    borderLeft: '3px solid transparent',
    cursor: 'default',
    color: tokens.colorNeutralForeground1,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':hover [data-unread-subject]': { color: tokens.colorBrandForeground2Hover },
  },
  unread: { borderLeftColor: tokens.colorBrandStroke1 },
  selected: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Selected },
  },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
  sender: { fontSize: tokens.fontSizeBase300 },
  subject: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  bold: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1 },
  // Small (12 px) text needs 4.5:1. colorBrandForeground1 has it on the plain row in both themes (5.4 / 5.2), but in
  // the dark theme only 4.2 on a selected row and 3.9 on a hovered one (an axe finding in the search e2e's English
  // dark screens): there the lighter brand state token, 6.6 / 6.1 dark and 6.6 / 7.2 light.
  unreadSubject: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold },
  unreadSubjectSelected: { color: tokens.colorBrandForeground2Hover },
  date: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, whiteSpace: 'nowrap' },
  icons: {
    display: 'flex',
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorNeutralForeground2,
    justifySelf: 'end',
  },
  flag: { color: tokens.colorPaletteRedForeground1 },
  placeholder: { color: tokens.colorNeutralForeground3 },
  // Conversation view: the chevron sits in the row's left padding; a thread's messages are indented under it.
  chevron: {
    position: 'absolute',
    left: '2px',
    top: '50%',
    transform: 'translateY(-50%)',
    width: '18px',
    height: '28px',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    cursor: 'pointer',
    color: tokens.colorNeutralForeground2,
    ':hover': { color: tokens.colorNeutralForeground1 },
  },
  child: { paddingLeft: '44px', backgroundColor: tokens.colorNeutralBackground2 },
  badge: {
    display: 'inline-block',
    minWidth: '18px',
    marginLeft: tokens.spacingHorizontalXS,
    padding: `0 ${tokens.spacingHorizontalXS}`,
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase200,
    textAlign: 'center',
  },
  elsewhere: { color: tokens.colorNeutralForeground2, fontStyle: 'italic' },
});

interface RowProps {
  index: number;
  total: number;
  message: MessageSummary | undefined;
  /** Conversation view: what the row is (thread or a message under the expanded thread). */
  thread?: RowInfo | undefined;
  /** Conversation view: the folder shown (a message elsewhere says its folder) and its names. */
  folder?: string;
  folderName?: (path: string) => string;
  onToggle?: (index: number) => void;
  selected: boolean;
  active: boolean;
  today: Date;
  onPick(index: number, mods: Modifiers): void;
  onRowContextMenu(index: number, x: number, y: number): void;
  onRowDragStart(index: number, e: DragEvent<HTMLDivElement>): void;
  onRowOpen?(index: number): void;
}

const Row = memo(function Row({
  index,
  total,
  message,
  thread,
  folder,
  folderName,
  onToggle,
  selected,
  active,
  today,
  onPick,
  onRowContextMenu,
  onRowDragStart,
  onRowOpen,
}: RowProps) {
  const s = useStyles();
  const { t } = useI18n();
  const tree = onToggle !== undefined;
  const expandable = thread?.kind === 'thread' && thread.thread.count + thread.thread.elsewhere > 1;
  const common = {
    id: rowId(index),
    role: tree ? ('treeitem' as const) : ('option' as const),
    'aria-selected': selected,
    'aria-setsize': thread?.kind === 'child' ? thread.size : total,
    'aria-posinset': thread?.kind === 'child' ? thread.position : index + 1,
    ...(tree ? { 'aria-level': thread?.kind === 'child' ? 2 : 1 } : {}),
    ...(expandable ? { 'aria-expanded': thread.expanded } : {}),
    style: { transform: `translateY(${index * ROW_HEIGHT}px)` },
    onClick: (e: MouseEvent<HTMLDivElement>) => onPick(index, { ctrl: e.ctrlKey || e.metaKey, shift: e.shiftKey }),
    onContextMenu: (e: MouseEvent<HTMLDivElement>) => {
      e.preventDefault();
      onRowContextMenu(index, e.clientX, e.clientY);
    },
    'data-active': active ? 'true' : undefined,
  };
  if (!message) {
    return (
      <div {...common} className={mergeClasses(s.row, s.placeholder)}>
        <span className={s.cell}>{t('list.rowLoading')}</span>
      </div>
    );
  }
  const head = thread?.kind === 'thread' ? thread.thread : null;
  const unread = head ? head.unread > 0 : !message.seen;
  const flagged = head ? head.flagged : message.flagged;
  const attachments = head ? head.hasAttachments : message.hasAttachments;
  const importance = head ? head.importance : message.importance;
  const sender = message.from?.name || message.from?.address || t('list.unknownSender');
  const elsewhere = thread?.kind === 'child' && folder !== undefined && message.folder !== folder;
  return (
    <div
      {...common}
      data-uid={message.uid}
      {...(head ? { 'data-thread-count': head.count } : {})}
      draggable
      onDragStart={(e) => onRowDragStart(index, e)}
      className={mergeClasses(s.row, unread && s.unread, thread?.kind === 'child' && s.child, selected && s.selected)}
      onDoubleClick={onRowOpen ? () => onRowOpen(index) : undefined}
    >
      {expandable ? (
        <span
          className={s.chevron}
          data-testid="thread-chevron"
          title={t(thread.expanded ? 'threads.collapse' : 'threads.expand')}
          aria-hidden="true"
          onClick={(e) => {
            e.stopPropagation();
            onToggle?.(index);
          }}
        >
          {thread.expanded ? <ChevronDownRegular /> : <ChevronRightRegular />}
        </span>
      ) : null}
      <span className={mergeClasses(s.cell, s.sender, unread && s.bold)}>
        {unread ? <VisuallyHidden>{t('list.unread')}: </VisuallyHidden> : null}
        {sender}
        {head && head.count > 1 ? (
          <span className={s.badge} data-testid="thread-count">
            <span aria-hidden="true">{head.count}</span>
            <VisuallyHidden>
              {' '}
              ({t('threads.messages', { count: head.count })}
              {head.unread > 0 ? `, ${t('threads.unread', { count: head.unread })}` : ''})
            </VisuallyHidden>
          </span>
        ) : null}
      </span>
      <span className={s.date}>{formatListDate(message.date, today)}</span>
      <span
        className={mergeClasses(
          s.cell,
          s.subject,
          unread && s.unreadSubject,
          unread && selected && s.unreadSubjectSelected,
        )}
        data-unread-subject={unread || undefined}
      >
        {elsewhere ? (
          <span className={s.elsewhere} data-testid="thread-folder">
            {t('threads.inFolder', { folder: folderName?.(message.folder) ?? message.folder })} ·{' '}
          </span>
        ) : null}
        <SubjectWithPreview subject={message.subject || t('list.noSubject')} snippet={message.snippet} />
      </span>
      <span className={s.icons}>
        <ImportanceIcon importance={importance} />
        {flagged ? (
          <>
            <FlagFilled className={s.flag} aria-hidden="true" />
            <VisuallyHidden>{t('list.flagged')}</VisuallyHidden>
          </>
        ) : null}
        {attachments ? (
          <>
            <AttachRegular aria-hidden="true" data-testid="attachment-icon" />
            <VisuallyHidden>{t('list.hasAttachments')}</VisuallyHidden>
          </>
        ) : null}
      </span>
    </div>
  );
});

/** Threads in the folder (the list's total less the expanded thread's messages). */
function threadTotal(pages: ThreadPages): number {
  const total = pages.list.status === 'ready' ? pages.list.total : 0;
  return total - (pages.expansion?.size ?? 0);
}

function rowId(index: number): string {
  return `message-row-${index}`;
}

export interface MessageListProps {
  title: string;
  pages: MessagePages;
  hasFolder: boolean;
  selection: Selection;
  onSelectionChange(selection: Selection): void;
  /** Right-click, Shift+F10 or the ContextMenu key, at a point of the viewport. */
  onContextMenu(x: number, y: number): void;
  /** A drag of the selection began: the list has put its marker type on the transfer. */
  onDragSelection(count: number): void;
  /** Shown above the rows (sort). */
  toolbar?: ReactNode;
  /** Text for an empty list (empty folder; no search results). */
  emptyText?: string;
  /** The conversation view: thread rows (a tree: Right expands, Left collapses or goes to the thread). */
  threads?: { pages: ThreadPages; folder: string; folderName(path: string): string };
  /** Double-click on a row, or Enter on the active row: open it (the mailbox decides where). */
  onOpen?(index: number, how: 'enter' | 'double-click'): void;
}

/** The data type of a drag of messages (a folder accepts only this). */
export const MESSAGES_DRAG_TYPE = 'application/x-tcv-messages';

export function MessageList({
  title,
  pages,
  hasFolder,
  selection,
  onSelectionChange,
  onContextMenu,
  onDragSelection,
  toolbar,
  emptyText,
  threads,
  onOpen,
}: MessageListProps) {
  const s = useStyles();
  const { t, err } = useI18n();
  const scroller = useRef<HTMLDivElement | null>(null);
  const [scrollerEl, setScrollerEl] = useState<HTMLDivElement | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const activeIndex = selection.active;
  const selectionRef = useRef(selection);
  selectionRef.current = selection;
  const frame = useRef(0);
  const total = pages.list.status === 'ready' ? pages.list.total : 0;
  const { first, last } = visibleRange(scrollTop, viewport, ROW_HEIGHT, total, OVERSCAN);
  const { ensure, row } = pages;
  // "Today" for the HH:mm-or-date column; recomputed when data changes, and kept stable so rows stay memoised.
  const today = useMemo(() => new Date(), [pages.revision]);

  useLayoutEffect(() => {
    scroller.current = scrollerEl;
    if (!scrollerEl) return;
    setViewport(scrollerEl.clientHeight);
    setScrollTop(scrollerEl.scrollTop);
    const observer = new ResizeObserver(() => setViewport(scrollerEl.clientHeight));
    observer.observe(scrollerEl);
    return () => observer.disconnect();
  }, [scrollerEl]);

  useEffect(() => {
    if (total > 0) ensure(first, last);
  }, [ensure, first, last, total, pages.revision]);

  const onScroll = useCallback(() => {
    if (frame.current) return;
    // One state update per animation frame, however many scroll events arrive.
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      if (scroller.current) setScrollTop(scroller.current.scrollTop);
    });
  }, []);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const change = useCallback(
    (next: Selection) => {
      const el = scroller.current;
      if (el && total > 0) {
        // Keep the focused row in view.
        const top = next.active * ROW_HEIGHT;
        if (top < el.scrollTop) el.scrollTop = top;
        else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
      }
      onSelectionChange(next);
    },
    [onSelectionChange, total],
  );

  const pick = useCallback(
    (index: number, mods: Modifiers) => change(click(selectionRef.current, index, mods)),
    [change],
  );

  const threadPages = threads?.pages;
  /** Expands or collapses the thread row at a display index; the thread row becomes the selection. */
  const toggle = useCallback(
    (index: number) => {
      const info = threadPages?.info(index);
      if (!threadPages || info?.kind !== 'thread') return;
      if (info.expanded) {
        threadPages.collapse();
        change(selectOne(index));
        return;
      }
      const at = threadPages.expand(index);
      if (at !== null) change(selectOne(at));
    },
    [change, threadPages],
  );
  // Stable for the memoised rows, whatever function the mailbox passes this render.
  const onOpenRef = useRef(onOpen);
  useLayoutEffect(() => {
    onOpenRef.current = onOpen;
  });
  const onRowOpen = useCallback((index: number) => onOpenRef.current?.(index, 'double-click'), []);

  const onRowContextMenu = useCallback(
    (index: number, x: number, y: number) => {
      // Outlook: right-clicking outside the selection selects that row first.
      if (!isSelected(selectionRef.current, index)) change(selectOne(index));
      onContextMenu(x, y);
    },
    [change, onContextMenu],
  );

  const onRowDragStart = useCallback(
    (index: number, e: DragEvent<HTMLDivElement>) => {
      let sel = selectionRef.current;
      if (!isSelected(sel, index)) {
        sel = selectOne(index);
        change(sel);
      }
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData(MESSAGES_DRAG_TYPE, String(selectedCount(sel)));
      e.dataTransfer.setData('text/plain', t('list.dragCount', { count: selectedCount(sel) }));
      onDragSelection(selectedCount(sel));
    },
    [change, onDragSelection, t],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const pageRows = Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1);
    const ctrl = e.ctrlKey || e.metaKey;
    const key = e.key;
    const info = threadPages?.info(activeIndex);
    if (threadPages && info && (key === 'ArrowRight' || key === 'ArrowLeft') && !ctrl && !e.shiftKey) {
      // The tree's keys (WAI-ARIA APG "Tree View"): Right opens a thread or goes to its first message; Left closes
      // it, or goes from a message to its thread.
      e.preventDefault();
      if (info.kind === 'child') {
        if (key === 'ArrowLeft') change(selectOne(info.parent));
      } else if (key === 'ArrowRight') {
        if (!info.expanded) toggle(activeIndex);
        else if (threadPages.info(activeIndex + 1)?.kind === 'child') change(selectOne(activeIndex + 1));
      } else if (info.expanded) toggle(activeIndex);
      return;
    }
    if (NAV_KEYS.has(key)) {
      e.preventDefault();
      change(navigate(selection, key as SelectionKey, total, pageRows, { ctrl, shift: e.shiftKey }));
    } else if (ctrl && key.toLowerCase() === 'a') {
      e.preventDefault();
      change(selectAll(total));
    } else if (ctrl && key === ' ') {
      e.preventDefault();
      change(toggleActive(selection));
    } else if (key === 'Enter' || key === ' ') {
      e.preventDefault();
      change(selectOne(activeIndex));
      if (key === 'Enter') onOpen?.(activeIndex, 'enter');
    } else if (key === 'ContextMenu' || (key === 'F10' && e.shiftKey)) {
      e.preventDefault();
      const row = scroller.current?.querySelector(`#${rowId(activeIndex)}`);
      const box = (row ?? scroller.current)?.getBoundingClientRect();
      if (box) onContextMenu(box.left + 24, box.top + box.height / 2);
    }
  };

  let body;
  if (!hasFolder) {
    body = <EmptyState icon={<MailInboxRegular />}>{t('list.noFolder')}</EmptyState>;
  } else if (pages.list.status === 'loading') {
    body = <LoadingState label={t('list.loading')} />;
  } else if (pages.list.status === 'error') {
    body = <ErrorState message={err(pages.list.error)} retryLabel={t('reader.retry')} onRetry={pages.reload} />;
  } else if (total === 0) {
    body = <EmptyState icon={<MailInboxRegular />}>{emptyText ?? t('list.empty')}</EmptyState>;
  } else {
    const rows = [];
    for (let i = first; i <= last; i++) {
      const message = row(i);
      rows.push(
        <Row
          key={i}
          index={i}
          total={total}
          message={message}
          {...(threads
            ? {
                thread: threads.pages.info(i),
                folder: threads.folder,
                folderName: threads.folderName,
                onToggle: toggle,
              }
            : {})}
          selected={isSelected(selection, i)}
          active={i === activeIndex}
          today={today}
          onPick={pick}
          onRowContextMenu={onRowContextMenu}
          onRowDragStart={onRowDragStart}
          onRowOpen={onOpen ? onRowOpen : undefined}
        />,
      );
    }
    const activeRendered = activeIndex >= first && activeIndex <= last;
    body = (
      <div
        ref={setScrollerEl}
        className={s.scroller}
        role={threads ? 'tree' : 'listbox'}
        aria-label={title}
        aria-multiselectable="true"
        tabIndex={0}
        aria-activedescendant={activeRendered ? rowId(activeIndex) : undefined}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
        data-testid="message-list"
      >
        <div className={s.spacer} style={{ height: `${total * ROW_HEIGHT}px` }}>
          {rows}
        </div>
      </div>
    );
  }

  return (
    <div className={s.root}>
      <div className={s.header}>
        <h2 className={s.title}>{title}</h2>
        {total > 0 ? (
          <Text className={s.count} data-testid="list-count">
            {selectedCount(selection) > 1 ? `${t('list.selected', { count: selectedCount(selection) })} · ` : ''}
            {threads ? t('threads.count', { count: threadTotal(threads.pages) }) : t('list.count', { count: total })}
          </Text>
        ) : null}
      </div>
      {toolbar}
      {body}
    </div>
  );
}
