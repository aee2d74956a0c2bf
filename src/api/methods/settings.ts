import { z } from 'zod';
import { preferencesPatchSchema } from '../../settings/schema.ts';
import type { Preferences } from '../types-settings.ts';
import { method } from './define.ts';

export const settingsMethods = {
  // The user's preferences with every default filled in (docs/settings.md).
  'settings.get': method<Preferences>()(z.object({})),
  // A partial change, validated key by key; answers the whole new preferences and emits settings.changed.
  'settings.set': method<Preferences>()(z.object({ patch: preferencesPatchSchema })),
} as const;
