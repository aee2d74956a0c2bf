// The directory's entry list, virtualised (a city directory with its staff runs to thousands of rows): fixed-height
// rows, only the visible ones plus an overscan in the DOM. A listbox that keeps focus and points at the active row
// with aria-activedescendant, as the message list does; selection follows the arrow keys, like Outlook's lists.
import { Badge, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { BuildingRegular, PersonRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { DirectoryEntry } from '../../../src/api/types-directory.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';

export const ENTRY_ROW_HEIGHT = 52;
const OVERSCAN = 6;

const useStyles = makeStyles({
  scroller: {
    flex: 1,
    minHeight: 0,
    overflowY: 'auto',
    position: 'relative',
    outline: 'none',
    ':focus-visible': { boxShadow: `inset 0 0 0 1px ${tokens.colorStrokeFocus2}` },
    ':focus-visible [data-active="true"]': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  spacer: { position: 'relative', width: '100%' },
  row: {
    position: 'absolute',
    left: 0,
    right: 0,
    height: `${ENTRY_ROW_HEIGHT}px`,
    boxSizing: 'border-box',
    display: 'grid',
    gridTemplateColumns: 'auto 1fr auto',
    gridTemplateRows: '1fr 1fr',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    cursor: 'default',
    color: tokens.colorNeutralForeground1,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  selected: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Selected },
  },
  icon: { gridRow: '1 / 3', fontSize: '20px', color: tokens.colorNeutralForeground3, display: 'flex' },
  name: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontWeight: tokens.fontWeightSemibold,
  },
  sub: {
    gridColumn: '2 / 4',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
  // Still readable (WCAG AA contrast): the badge says the body is historical, the colour only softens the row.
  historical: { color: tokens.colorNeutralForeground2 },
});

export interface EntryListProps {
  entries: readonly DirectoryEntry[];
  total: number;
  selectedId: string | null;
  onSelect(entry: DirectoryEntry): void;
  /** Called when the visible rows come near the end of what is loaded. */
  onNearEnd(): void;
  label: string;
}

export function EntryList({ entries, total, selectedId, onSelect, onNearEnd, label }: EntryListProps) {
  const s = useStyles();
  const { t } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  const [active, setActive] = useState(0);

  const measure = useCallback(() => {
    const el = scroller.current;
    if (el) setViewport({ top: el.scrollTop, height: el.clientHeight });
  }, []);
  useLayoutEffect(() => {
    measure();
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [measure]);

  // A new list (another group, another search) starts at its top.
  const firstId = entries[0]?.id ?? null;
  useEffect(() => {
    setActive(0);
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [firstId]);

  const first = Math.max(0, Math.floor(viewport.top / ENTRY_ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(entries.length, Math.ceil((viewport.top + viewport.height) / ENTRY_ROW_HEIGHT) + OVERSCAN);
  useEffect(() => {
    if (last >= entries.length - OVERSCAN && entries.length < total) onNearEnd();
  }, [last, entries.length, total, onNearEnd]);

  const moveTo = useCallback(
    (index: number) => {
      if (entries.length === 0) return;
      const i = Math.max(0, Math.min(entries.length - 1, index));
      setActive(i);
      const entry = entries[i];
      if (entry) onSelect(entry);
      const el = scroller.current;
      if (!el) return;
      const top = i * ENTRY_ROW_HEIGHT;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + ENTRY_ROW_HEIGHT > el.scrollTop + el.clientHeight)
        el.scrollTop = top + ENTRY_ROW_HEIGHT - el.clientHeight;
    },
    [entries, onSelect],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 600) / ENTRY_ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + page,
      PageUp: active - page,
      Home: 0,
      End: entries.length - 1,
    };
    const next = moves[e.key];
    if (next === undefined) return;
    e.preventDefault();
    moveTo(next);
  };

  const rowId = (i: number) => `directory-entry-${i}`;
  const rows = [];
  for (let i = first; i < last; i++) {
    const e = entries[i];
    if (!e) continue;
    const sub = [e.title, e.address ?? t('directory.detail.noAddress')].filter(Boolean).join(' · ');
    rows.push(
      <div
        key={e.id}
        id={rowId(i)}
        role="option"
        aria-selected={e.id === selectedId}
        aria-setsize={total}
        aria-posinset={i + 1}
        data-active={i === active}
        data-entry-id={e.id}
        className={mergeClasses(s.row, e.id === selectedId && s.selected, e.status !== 'active' && s.historical)}
        style={{ top: i * ENTRY_ROW_HEIGHT }}
        onClick={() => {
          setActive(i);
          onSelect(e);
        }}
      >
        <span className={s.icon} aria-hidden="true">
          {e.kind === 'person' ? <PersonRegular /> : <BuildingRegular />}
        </span>
        <span className={s.name}>{e.name}</span>
        {e.status !== 'active' ? (
          <Badge appearance="tint" color="warning" size="small">
            {t(`directory.status.${e.status}`)}
          </Badge>
        ) : (
          <span />
        )}
        <span className={s.sub}>{sub}</span>
      </div>,
    );
  }

  return (
    <div
      ref={scroller}
      className={s.scroller}
      role="listbox"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={entries.length ? rowId(active) : undefined}
      onScroll={measure}
      onKeyDown={onKeyDown}
      onFocus={() => {
        const entry = entries[active];
        if (entry && entry.id !== selectedId) onSelect(entry);
      }}
      data-testid="directory-list"
    >
      <div className={s.spacer} style={{ height: entries.length * ENTRY_ROW_HEIGHT }}>
        {rows}
      </div>
    </div>
  );
}
