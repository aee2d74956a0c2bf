// Settings IT fixed for every user of the PC (the policy's lockedSettings; the rule is in src/settings/locked.ts and
// the engine refuses a change with SETTING_LOCKED). The app learns the keys once from policy.get (the provider wraps
// the whole app, main.tsx); the settings screen shows those controls read-only, each with the note "Do bộ phận CNTT quy
// định" tied to it as its description, and the header's language and theme toggles do nothing, with the note as tooltip.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Preferences } from '../../../src/api/types-settings.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { usePolicy } from '../accounts/usePolicy.ts';

const LockedKeys = createContext<ReadonlySet<string>>(new Set());

export function LockedSettingsProvider({ children }: { children: ReactNode }) {
  const policy = usePolicy();
  const keys = useMemo(() => new Set(policy?.status === 'ok' ? policy.lockedSettings : []), [policy]);
  return <LockedKeys.Provider value={keys}>{children}</LockedKeys.Provider>;
}

/** For a setting: whether IT locked it, and the note to show under its control (a Field hint) when it did. */
export function useLocked(key: keyof Preferences): { locked: boolean; note: string | undefined } {
  const keys = useContext(LockedKeys);
  const { t } = useI18n();
  const locked = keys.has(key);
  return { locked, note: locked ? t('settings.locked.note') : undefined };
}
