// Types of the settings API for every layer (the renderer imports them from here: it may not import src/settings).
export type { Preferences, PreferencesPatch } from '../settings/schema.ts';
import type { Preferences } from '../settings/schema.ts';

export interface SettingsChangedEvent {
  preferences: Preferences;
  /** The top-level keys that changed. */
  changed: (keyof Preferences)[];
}
