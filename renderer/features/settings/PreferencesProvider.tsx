// The user's preferences for the whole UI: loaded from the engine (settings.get), kept current by settings.changed
// (another window, the engine), changed with settings.set. Until the engine answers, the last values this window saw
// (a small cache in localStorage, only so the first frame has the right language and theme) or the defaults apply.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Result } from '../../../src/api/contract.ts';
import type { Preferences, PreferencesPatch } from '../../../src/api/types-settings.ts';
import { useApi, useApiEvent, useConnectionState } from '../../api/context.tsx';
import { clearLegacy, legacyPatch } from './legacy.ts';
import { DEFAULT_PREFERENCES, fromCache, mergePatch, toCache } from './defaults.ts';

export interface PreferencesState {
  prefs: Preferences;
  /** True once the engine's values arrived (false while only the cache or the defaults apply). */
  loaded: boolean;
  update(patch: PreferencesPatch): Promise<Result<Preferences>>;
}

const PreferencesContext = createContext<PreferencesState | null>(null);
const CACHE_KEY = 'tcv.preferences.cache';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const connection = useConnectionState();
  const [prefs, setPrefs] = useState<Preferences>(() => fromCache(storage()?.getItem(CACHE_KEY) ?? null));
  const [loaded, setLoaded] = useState(false);

  const accept = useCallback((next: Preferences) => {
    setPrefs(next);
    setLoaded(true);
    try {
      storage()?.setItem(CACHE_KEY, toCache(next));
    } catch {
      // No cache: the next start shows the defaults for a moment.
    }
  }, []);

  // Loaded when the engine connection opens (and again after it comes back: a change may have been missed).
  useEffect(() => {
    if (connection !== 'open') return;
    let stale = false;
    void (async () => {
      const store = storage();
      const legacy = store ? legacyPatch(store) : null;
      if (legacy) {
        const moved = await api.call('settings.set', { patch: legacy });
        if (moved.ok && store) clearLegacy(store);
      }
      const r = await api.call('settings.get', {});
      if (!stale && r.ok) accept(r.value);
    })();
    return () => {
      stale = true;
    };
  }, [api, connection, accept]);

  useApiEvent('settings.changed', (e) => accept(e.preferences));

  // Optimistic: the change shows at once (a language switch must not wait for a round trip); the engine's answer, or
  // its current values after a refusal, then replace it.
  const update = useCallback(
    async (patch: PreferencesPatch) => {
      setPrefs((prev) => mergePatch(prev, patch));
      const r = await api.call('settings.set', { patch });
      if (r.ok) accept(r.value);
      else {
        const now = await api.call('settings.get', {});
        if (now.ok) accept(now.value);
      }
      return r;
    },
    [api, accept],
  );

  const value = useMemo(() => ({ prefs, loaded, update }), [prefs, loaded, update]);
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

export function usePreferences(): PreferencesState {
  const v = useContext(PreferencesContext);
  if (!v) throw new Error('usePreferences outside PreferencesProvider');
  return v;
}

export { DEFAULT_PREFERENCES };
