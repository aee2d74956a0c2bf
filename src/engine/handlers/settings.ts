import type { settingsMethods } from '../../api/methods/settings.ts';
import { changedKeys } from '../../settings/schema.ts';
import type { EngineContext, FeatureHandlers } from '../context.ts';

export function settingsHandlers(ctx: EngineContext): FeatureHandlers<keyof typeof settingsMethods> {
  const { preferences, log } = ctx;
  return {
    'settings.get': async () => preferences.get(),
    'settings.set': async ({ patch }) => {
      const before = preferences.get();
      const after = preferences.set(patch);
      const changed = changedKeys(before, after);
      if (changed.length > 0) {
        // Only key names go to the log: signatures and sender lists are the user's own data.
        log.info('settings changed', { keys: changed });
        if (changed.includes('prefetchDays')) ctx.sync.settings.prefetchDays = after.prefetchDays;
        ctx.emit('settings.changed', { preferences: after, changed });
      }
      return after;
    },
  };
}
