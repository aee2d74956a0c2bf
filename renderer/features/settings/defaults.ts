// The preference defaults for the renderer's first frame. The engine's schema (src/settings/schema.ts) is the one source
// of the defaults; the renderer cannot run zod (CSP, docs/ui.md "No zod in the renderer"), so this copy is checked
// against the schema's defaults by test/settings/renderer.test.ts.
import type { Preferences, PreferencesPatch } from '../../../src/api/types-settings.ts';
import { mergeOneLevel } from '../../../src/shared/merge.ts';

export const DEFAULT_PREFERENCES: Preferences = {
  language: 'vi',
  theme: 'system',
  readingPane: 'right',
  readingPaneShare: 0.6,
  messageSort: { by: 'date', dir: 'desc' },
  conversationView: false,
  remoteContent: 'ask',
  remoteSenders: [],
  notifications: { enabled: true, sound: false },
  prefetchDays: 30,
  signatures: {},
  undoSendSeconds: 5,
  recentSearches: [],
};

/** Only the keys that shape the first frame are cached; everything else waits for the engine. */
const CACHED = ['language', 'theme', 'readingPane'] as const;

export function toCache(p: Preferences): string {
  return JSON.stringify(Object.fromEntries(CACHED.map((k) => [k, p[k]])));
}

export function fromCache(raw: string | null): Preferences {
  const out: Preferences = { ...DEFAULT_PREFERENCES };
  try {
    const v = JSON.parse(raw ?? '{}') as Partial<Record<(typeof CACHED)[number], unknown>>;
    if (v.language === 'vi' || v.language === 'en') out.language = v.language;
    if (v.theme === 'system' || v.theme === 'light' || v.theme === 'dark' || v.theme === 'highContrast')
      out.theme = v.theme;
    if (v.readingPane === 'right' || v.readingPane === 'bottom' || v.readingPane === 'off')
      out.readingPane = v.readingPane;
  } catch {
    // A broken cache is ignored.
  }
  return out;
}

/** The optimistic view of a change, by the engine's own merge rule (src/shared/merge.ts). */
export function mergePatch(prefs: Preferences, patch: PreferencesPatch): Preferences {
  return mergeOneLevel(prefs, patch);
}
