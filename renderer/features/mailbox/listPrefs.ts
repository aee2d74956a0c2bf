// The message list's view preferences: sort order and the reading pane's share, kept by the settings API
// (`messageSort`, `readingPaneShare`, docs/settings.md) like the pane's position. An earlier build kept the first two in
// this renderer's localStorage (`tcv.listPrefs`): that value is moved to the engine once and removed, as
// features/settings/legacy.ts does for language and theme. The parsing is pure and tested in Node.
import type { MessageSort, MessageSortKey } from '../../../src/api/types.ts';
import type { PreferencesPatch } from '../../../src/api/types-settings.ts';

export type ReadingPane = 'right' | 'bottom' | 'off';

export const SORT_KEYS: readonly MessageSortKey[] = ['date', 'sender', 'subject', 'size', 'flagged'];

export function clampShare(n: number): number {
  return Math.min(0.8, Math.max(0.2, n));
}

/** The settings patch an old `tcv.listPrefs` value stands for, or null (nothing stored, or nothing usable). */
export function legacyListPatch(raw: string | null): PreferencesPatch | null {
  if (!raw) return null;
  let v: Partial<Record<'sort' | 'paneShare', unknown>> = {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object') v = parsed as typeof v;
  } catch {
    return null;
  }
  const patch: PreferencesPatch = {};
  const sort = v.sort as Partial<MessageSort> | undefined;
  if (sort && SORT_KEYS.includes(sort.by as MessageSortKey) && (sort.dir === 'asc' || sort.dir === 'desc'))
    patch.messageSort = { by: sort.by as MessageSortKey, dir: sort.dir };
  if (typeof v.paneShare === 'number' && Number.isFinite(v.paneShare)) patch.readingPaneShare = clampShare(v.paneShare);
  return Object.keys(patch).length > 0 ? patch : null;
}
