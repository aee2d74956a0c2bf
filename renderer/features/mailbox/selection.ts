// The message list's selection, Outlook's rules, by row index so it works over 100,000 lazily loaded rows: a selection
// is a set of disjoint index ranges (Ctrl+A on 100,000 rows is one range, not 100,000 entries), plus the anchor a
// Shift range grows from and the focused ("active") row. Pure: no React, tested in Node (test/renderer.test.ts).

/** Inclusive index range [from, to], from <= to. */
export interface Range {
  from: number;
  to: number;
}

export interface Selection {
  /** Sorted, disjoint, non-adjacent. */
  ranges: readonly Range[];
  /** Where a Shift+click / Shift+arrow range starts. */
  anchor: number;
  /** The row with keyboard focus (aria-activedescendant). */
  active: number;
}

export const EMPTY_SELECTION: Selection = { ranges: [], anchor: 0, active: 0 };

export type SelectionKey = 'ArrowDown' | 'ArrowUp' | 'PageDown' | 'PageUp' | 'Home' | 'End';

export interface Modifiers {
  ctrl?: boolean;
  shift?: boolean;
}

function clamp(i: number, total: number): number {
  return Math.max(0, Math.min(total - 1, i));
}

/** Sorts and merges overlapping or adjacent ranges. */
export function normalize(ranges: readonly Range[]): Range[] {
  const sorted = ranges
    .filter((r) => r.to >= r.from)
    .map((r) => ({ ...r }))
    .sort((a, b) => a.from - b.from);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
    else out.push(r);
  }
  return out;
}

export function isSelected(sel: Selection, index: number): boolean {
  // Binary search: a Ctrl-built selection can have many ranges.
  let lo = 0;
  let hi = sel.ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = sel.ranges[mid]!;
    if (index < r.from) hi = mid - 1;
    else if (index > r.to) lo = mid + 1;
    else return true;
  }
  return false;
}

export function selectedCount(sel: Selection): number {
  return sel.ranges.reduce((n, r) => n + r.to - r.from + 1, 0);
}

/** The only selected row when exactly one is selected (the reading pane shows it), else null. */
export function singleIndex(sel: Selection): number | null {
  const only = sel.ranges.length === 1 ? sel.ranges[0] : undefined;
  return only && only.from === only.to ? only.from : null;
}

export function selectOne(index: number): Selection {
  return { ranges: [{ from: index, to: index }], anchor: index, active: index };
}

function toggle(sel: Selection, index: number): Selection {
  if (!isSelected(sel, index)) {
    return { ranges: normalize([...sel.ranges, { from: index, to: index }]), anchor: index, active: index };
  }
  const ranges: Range[] = [];
  for (const r of sel.ranges) {
    if (index < r.from || index > r.to) ranges.push(r);
    else {
      if (r.from <= index - 1) ranges.push({ from: r.from, to: index - 1 });
      if (index + 1 <= r.to) ranges.push({ from: index + 1, to: r.to });
    }
  }
  return { ranges, anchor: index, active: index };
}

function rangeTo(sel: Selection, index: number, keepOthers: boolean): Selection {
  const span = { from: Math.min(sel.anchor, index), to: Math.max(sel.anchor, index) };
  return { ranges: normalize(keepOthers ? [...sel.ranges, span] : [span]), anchor: sel.anchor, active: index };
}

/** A click on row `index`: plain selects it alone; Ctrl toggles it; Shift selects anchor…index (Ctrl+Shift adds it). */
export function click(sel: Selection, index: number, mods: Modifiers = {}): Selection {
  if (mods.shift) return rangeTo(sel, index, mods.ctrl === true);
  if (mods.ctrl) return toggle(sel, index);
  return selectOne(index);
}

export function selectAll(total: number): Selection {
  if (total <= 0) return EMPTY_SELECTION;
  return { ranges: [{ from: 0, to: total - 1 }], anchor: 0, active: 0 };
}

/**
 * A navigation key. Plain: move and select that row (Outlook opens it in the reading pane). Shift: extend from the
 * anchor. Ctrl: move the focus only (Ctrl+Space then toggles the row, see `toggleActive`).
 */
export function navigate(sel: Selection, key: SelectionKey, total: number, pageRows: number, mods: Modifiers = {}) {
  if (total <= 0) return EMPTY_SELECTION;
  const targets: Record<SelectionKey, number> = {
    ArrowDown: sel.active + 1,
    ArrowUp: sel.active - 1,
    PageDown: sel.active + pageRows,
    PageUp: sel.active - pageRows,
    Home: 0,
    End: total - 1,
  };
  const target = clamp(targets[key], total);
  if (mods.shift) return rangeTo(sel, target, mods.ctrl === true);
  if (mods.ctrl) return { ...sel, active: target };
  return selectOne(target);
}

/** Ctrl+Space: toggles the focused row. */
export function toggleActive(sel: Selection): Selection {
  return toggle(sel, sel.active);
}

/** Keeps a selection inside a list that shrank (after a move or delete). */
export function clampTo(sel: Selection, total: number): Selection {
  if (total <= 0) return EMPTY_SELECTION;
  const ranges = normalize(
    sel.ranges.filter((r) => r.from < total).map((r) => ({ from: r.from, to: Math.min(r.to, total - 1) })),
  );
  return { ranges, anchor: clamp(sel.anchor, total), active: clamp(sel.active, total) };
}

/** The selected indexes in order, at most `limit` (callers resolve big selections by range with the engine). */
export function indexes(sel: Selection, limit = Infinity): number[] {
  const out: number[] = [];
  for (const r of sel.ranges) {
    for (let i = r.from; i <= r.to && out.length < limit; i++) out.push(i);
  }
  return out;
}

/**
 * After the selected rows leave the list (moved, deleted): the row that takes the place of the first one is selected,
 * as in Outlook, so the reading pane shows the next message.
 */
export function afterRemoval(sel: Selection, totalAfter: number): Selection {
  const first = sel.ranges[0]?.from ?? sel.active;
  if (totalAfter <= 0) return EMPTY_SELECTION;
  return selectOne(clamp(first, totalAfter));
}
