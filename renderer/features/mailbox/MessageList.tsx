// The message list, virtualised from the first line (design.md "Performance targets": a 100,000-message folder paints
// its first rows within 300 ms and keeps fewer than 200 DOM rows while scrolling). Rows have a fixed height, so the
// visible range is arithmetic; only those rows (plus a small overscan) exist in the DOM. Keyboard: the listbox keeps
// focus and points at the active row with aria-activedescendant, because rows come and go as the list scrolls.
import { Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { AttachRegular, FlagFilled, MailInboxRegular } from '@fluentui/react-icons';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { MessageSummary } from '../../../src/api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatListDate } from '../../i18n/format.ts';
import { EmptyState, ErrorState, LoadingState } from '../../shared/PaneState.tsx';
import { VisuallyHidden } from '../../shared/VisuallyHidden.tsx';
import { visibleRange } from './pageCache.ts';
import type { MessagePages } from './useMessagePages.ts';

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
  unreadSubject: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold },
  date: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, whiteSpace: 'nowrap' },
  icons: {
    display: 'flex',
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorNeutralForeground2,
    justifySelf: 'end',
  },
  flag: { color: tokens.colorPaletteRedForeground1 },
  placeholder: { color: tokens.colorNeutralForeground3 },
});

interface RowProps {
  index: number;
  total: number;
  message: MessageSummary | undefined;
  selected: boolean;
  active: boolean;
  today: Date;
  onPick(index: number): void;
}

const Row = memo(function Row({ index, total, message, selected, active, today, onPick }: RowProps) {
  const s = useStyles();
  const { t } = useI18n();
  const common = {
    id: rowId(index),
    role: 'option' as const,
    'aria-selected': selected,
    'aria-setsize': total,
    'aria-posinset': index + 1,
    style: { transform: `translateY(${index * ROW_HEIGHT}px)` },
    onClick: () => onPick(index),
    'data-active': active ? 'true' : undefined,
  };
  if (!message) {
    return (
      <div {...common} className={mergeClasses(s.row, s.placeholder)}>
        <span className={s.cell}>{t('list.rowLoading')}</span>
      </div>
    );
  }
  const unread = !message.seen;
  const sender = message.from?.name || message.from?.address || t('list.unknownSender');
  return (
    <div {...common} data-uid={message.uid} className={mergeClasses(s.row, unread && s.unread, selected && s.selected)}>
      <span className={mergeClasses(s.cell, s.sender, unread && s.bold)}>
        {unread ? <VisuallyHidden>{t('list.unread')}: </VisuallyHidden> : null}
        {sender}
      </span>
      <span className={s.date}>{formatListDate(message.date, today)}</span>
      <span className={mergeClasses(s.cell, s.subject, unread && s.unreadSubject)}>
        {message.subject || t('list.noSubject')}
      </span>
      <span className={s.icons}>
        {message.flagged ? (
          <>
            <FlagFilled className={s.flag} aria-hidden="true" />
            <VisuallyHidden>{t('list.flagged')}</VisuallyHidden>
          </>
        ) : null}
        {message.hasAttachments ? (
          <>
            <AttachRegular aria-hidden="true" data-testid="attachment-icon" />
            <VisuallyHidden>{t('list.hasAttachments')}</VisuallyHidden>
          </>
        ) : null}
      </span>
    </div>
  );
});

function rowId(index: number): string {
  return `message-row-${index}`;
}

export interface MessageListProps {
  title: string;
  pages: MessagePages;
  hasFolder: boolean;
  selectedUid: number | null;
  onSelect(message: MessageSummary, index: number): void;
}

export function MessageList({ title, pages, hasFolder, selectedUid, onSelect }: MessageListProps) {
  const s = useStyles();
  const { t, err } = useI18n();
  const scroller = useRef<HTMLDivElement | null>(null);
  const [scrollerEl, setScrollerEl] = useState<HTMLDivElement | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const [activeIndex, setActiveIndex] = useState(0);
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

  useEffect(() => {
    setActiveIndex((i) => Math.min(i, Math.max(0, total - 1)));
  }, [total]);

  const onScroll = useCallback(() => {
    if (frame.current) return;
    // One state update per animation frame, however many scroll events arrive.
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      if (scroller.current) setScrollTop(scroller.current.scrollTop);
    });
  }, []);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  // A row picked before its page has arrived (End on a 100k list) is selected when the page lands.
  const pendingPick = useRef<number | null>(null);
  const pick = useCallback(
    (index: number) => {
      setActiveIndex(index);
      const message = row(index);
      pendingPick.current = message ? null : index;
      if (message) onSelect(message, index);
    },
    [row, onSelect],
  );
  useEffect(() => {
    const index = pendingPick.current;
    if (index === null) return;
    const message = row(index);
    if (message) {
      pendingPick.current = null;
      onSelect(message, index);
    }
  }, [pages.revision, row, onSelect]);

  const moveTo = (index: number) => {
    const el = scroller.current;
    if (!el || total === 0) return;
    const target = Math.max(0, Math.min(total - 1, index));
    const top = target * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
    pick(target);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const pageRows = Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1);
    const keys: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + pageRows,
      PageUp: activeIndex - pageRows,
      Home: 0,
      End: total - 1,
    };
    const target = keys[e.key];
    if (target !== undefined) {
      e.preventDefault();
      moveTo(target);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      pick(activeIndex);
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
    body = <EmptyState icon={<MailInboxRegular />}>{t('list.empty')}</EmptyState>;
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
          selected={message !== undefined && message.uid === selectedUid}
          active={i === activeIndex}
          today={today}
          onPick={pick}
        />,
      );
    }
    const activeRendered = activeIndex >= first && activeIndex <= last;
    body = (
      <div
        ref={setScrollerEl}
        className={s.scroller}
        role="listbox"
        aria-label={title}
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
        {total > 0 ? <Text className={s.count}>{t('list.count', { count: total })}</Text> : null}
      </div>
      {body}
    </div>
  );
}
