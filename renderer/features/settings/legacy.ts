// Preferences the renderer used to keep in its own localStorage (before the settings API): language, theme and the
// "always load remote content from this sender" list. Read once, sent to the engine as one settings.set patch, then
// removed. Pure over a Storage-like object, so it is tested in Node.
import type { PreferencesPatch } from '../../../src/api/types-settings.ts';
import { legacyListPatch } from '../mailbox/listPrefs.ts';

export interface LegacyStore {
  getItem(key: string): string | null;
  removeItem(key: string): void;
}

export const LEGACY_KEYS = {
  lang: 'tcv.lang',
  theme: 'tcv.theme',
  remoteSenders: 'tcv.reader.remoteSenders',
  /** The message list's sort and reading pane share (mailbox/listPrefs.ts). */
  list: 'tcv.listPrefs',
} as const;

/** The patch carrying whatever legacy values there are, or null when there is nothing to move. */
export function legacyPatch(store: LegacyStore): PreferencesPatch | null {
  const patch: PreferencesPatch = {};
  const lang = store.getItem(LEGACY_KEYS.lang);
  if (lang === 'vi' || lang === 'en') patch.language = lang;
  const theme = store.getItem(LEGACY_KEYS.theme);
  if (theme === 'light' || theme === 'dark') patch.theme = theme;
  try {
    const list = JSON.parse(store.getItem(LEGACY_KEYS.remoteSenders) ?? '[]') as unknown;
    if (Array.isArray(list)) {
      // Stored as "accountId\0sender" (the former remotePrefs.ts).
      const senders = list
        .filter((x): x is string => typeof x === 'string' && x.includes('\u0000'))
        .map((x) => {
          const [accountId = '', sender = ''] = x.split('\u0000');
          return { accountId, sender };
        })
        .filter((x) => x.accountId && x.sender);
      if (senders.length > 0) patch.remoteSenders = senders.slice(-1000);
    }
  } catch {
    // A broken list is dropped.
  }
  Object.assign(patch, legacyListPatch(store.getItem(LEGACY_KEYS.list)));
  return Object.keys(patch).length > 0 ? patch : null;
}

export function clearLegacy(store: LegacyStore): void {
  for (const key of Object.values(LEGACY_KEYS)) store.removeItem(key);
}
