// Settings IT fixes for every user of the PC (the policy's `lockedSettings`, docs/policy.md, docs/settings.md
// "Locked by IT"): the store the engine uses answers them in place of the user's values, and refuses a change to any
// of them with SETTING_LOCKED, whoever asks (the settings screen, another window, the CLI). The user's own file keeps
// what the user chose, so lifting the lock gives it back.
import { TcvError } from '../api/errors.ts';
import { applyPatch, type Preferences, type PreferencesPatch } from './schema.ts';
import type { PreferencesStore } from './store.ts';

/** The keys of a lock, in the schema's own order (stable for the UI and the log). */
export function lockedKeys(locked: PreferencesPatch): (keyof Preferences)[] {
  return Object.keys(locked).filter((k) => locked[k as keyof PreferencesPatch] !== undefined) as (keyof Preferences)[];
}

/** A store whose answers carry the locked values and which refuses a patch touching a locked key. */
export function withLockedSettings(store: PreferencesStore, locked: PreferencesPatch): PreferencesStore {
  const keys = lockedKeys(locked);
  if (keys.length === 0) return store;
  // Validated by the policy schema already (the same patch schema as settings.set); merged like a patch.
  const overlay = (prefs: Preferences) => applyPatch(prefs, locked);
  return {
    get: () => overlay(store.get()),
    set(patch) {
      const refused = keys.filter((k) => k in patch);
      if (refused.length > 0) throw new TcvError('SETTING_LOCKED', `locked by the IT policy: ${refused.join(', ')}`);
      return overlay(store.set(patch));
    },
  };
}
