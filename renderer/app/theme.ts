// Which theme is on screen: the preference, with "system" following the operating system's light/dark choice
// (prefers-color-scheme). Pure, tested in Node. Windows high-contrast mode (forced-colors: active) is honoured by the
// browser and Fluent's own forced-colors styles whatever theme is chosen (docs/ui.md "Themes").
import type { Preferences } from '../../src/api/types-settings.ts';

export type AppliedTheme = 'light' | 'dark' | 'highContrast';

export function appliedTheme(pref: Preferences['theme'], systemDark: boolean): AppliedTheme {
  switch (pref) {
    case 'system':
      return systemDark ? 'dark' : 'light';
    case 'light':
    case 'dark':
    case 'highContrast':
      return pref;
  }
}

/** The CSS color-scheme for form controls and scroll bars. */
export function colorScheme(theme: AppliedTheme): 'light' | 'dark' {
  return theme === 'light' ? 'light' : 'dark';
}
