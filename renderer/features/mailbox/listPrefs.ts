// The message list's view preferences: sort order and the reading pane's size, per user in localStorage. (The pane's
// position is the settings API's readingPane preference; these two can move there the same way.)
import { useCallback, useState } from 'react';
import type { MessageSort, MessageSortKey } from '../../../src/api/types.ts';

export type ReadingPane = 'right' | 'bottom' | 'off';

export interface ListPrefs {
  sort: MessageSort;
  /** Share of the main area the reading pane takes, 0.2 … 0.8. */
  paneShare: number;
}

export const SORT_KEYS: readonly MessageSortKey[] = ['date', 'sender', 'subject', 'size', 'flagged'];
export const DEFAULT_PREFS: ListPrefs = { sort: { by: 'date', dir: 'desc' }, paneShare: 0.6 };
const STORAGE_KEY = 'tcv.listPrefs';

export function clampShare(n: number): number {
  return Math.min(0.8, Math.max(0.2, n));
}

/** Reads stored preferences, keeping the default for anything missing or malformed. */
export function parsePrefs(raw: string | null): ListPrefs {
  let v: Partial<Record<keyof ListPrefs, unknown>> = {};
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (parsed && typeof parsed === 'object') v = parsed as typeof v;
  } catch {
    // A damaged value: defaults.
  }
  const sort = v.sort as Partial<MessageSort> | undefined;
  return {
    sort:
      sort && SORT_KEYS.includes(sort.by as MessageSortKey) && (sort.dir === 'asc' || sort.dir === 'desc')
        ? { by: sort.by as MessageSortKey, dir: sort.dir }
        : DEFAULT_PREFS.sort,
    paneShare: typeof v.paneShare === 'number' && Number.isFinite(v.paneShare) ? clampShare(v.paneShare) : 0.6,
  };
}

export function useListPrefs(): [ListPrefs, (patch: Partial<ListPrefs>) => void] {
  const [prefs, setPrefs] = useState<ListPrefs>(() => parsePrefs(localStorage.getItem(STORAGE_KEY)));
  const update = useCallback((patch: Partial<ListPrefs>) => {
    setPrefs((prev) => {
      const next = { ...prev, ...patch };
      localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      return next;
    });
  }, []);
  return [prefs, update];
}
