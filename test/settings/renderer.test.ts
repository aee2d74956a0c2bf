// The renderer's share of the settings: its copy of the defaults equals the schema's, the first-frame cache, the
// optimistic merge, the move of the old localStorage preferences, and the applied theme.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPatch, defaultPreferences, preferencesPatchSchema } from '../../src/settings/schema.ts';
import { DEFAULT_PREFERENCES, fromCache, mergePatch, toCache } from '../../renderer/features/settings/defaults.ts';
import { LEGACY_KEYS, clearLegacy, legacyPatch } from '../../renderer/features/settings/legacy.ts';
import { appliedTheme } from '../../renderer/app/theme.ts';

function memStore(entries: Record<string, string> = {}) {
  const data = new Map(Object.entries(entries));
  return { data, getItem: (k: string) => data.get(k) ?? null, removeItem: (k: string) => void data.delete(k) };
}

test("the renderer's defaults are the schema's", () => {
  assert.deepEqual(DEFAULT_PREFERENCES, defaultPreferences());
});

test('first-frame cache: language, theme, reading pane only; junk ignored', () => {
  const p = { ...DEFAULT_PREFERENCES, language: 'en' as const, theme: 'highContrast' as const, prefetchDays: 7 };
  const back = fromCache(toCache(p));
  assert.equal(back.language, 'en');
  assert.equal(back.theme, 'highContrast');
  assert.equal(back.prefetchDays, 30, 'not cached');
  assert.deepEqual(fromCache('{"theme":"neon","language":7'), DEFAULT_PREFERENCES);
  assert.deepEqual(fromCache(null), DEFAULT_PREFERENCES);
});

test("the optimistic merge gives what the engine's applyPatch gives", () => {
  const patches = [
    { notifications: { sound: true } },
    { signatures: { 'a@cantho.gov.vn': '<p>A</p>' } },
    { remoteSenders: [{ accountId: 'a', sender: 'x@y.vn' }], theme: 'dark' as const },
  ];
  let local = DEFAULT_PREFERENCES;
  let engine = defaultPreferences();
  for (const p of patches) {
    local = mergePatch(local, p);
    engine = applyPatch(engine, preferencesPatchSchema.parse(p));
    assert.deepEqual(local, engine);
  }
});

test('old localStorage preferences become one patch, then are removed', () => {
  const s = memStore({
    [LEGACY_KEYS.lang]: 'en',
    [LEGACY_KEYS.theme]: 'dark',
    [LEGACY_KEYS.remoteSenders]: JSON.stringify(['a1\u0000bantin@stttt.example', 'broken', 42]),
    other: 'kept',
  });
  const patch = legacyPatch(s);
  assert.deepEqual(patch, {
    language: 'en',
    theme: 'dark',
    remoteSenders: [{ accountId: 'a1', sender: 'bantin@stttt.example' }],
  });
  assert.ok(preferencesPatchSchema.safeParse(patch).success, 'the engine accepts it');
  clearLegacy(s);
  assert.deepEqual([...s.data.keys()], ['other']);
  assert.equal(legacyPatch(s), null, 'nothing to move twice');
  assert.equal(legacyPatch(memStore({ [LEGACY_KEYS.theme]: 'purple' })), null);
});

test("the message list's old localStorage sort and pane share move to the settings API once", () => {
  const s = memStore({ [LEGACY_KEYS.list]: JSON.stringify({ sort: { by: 'subject', dir: 'asc' }, paneShare: 0.95 }) });
  const patch = legacyPatch(s);
  assert.deepEqual(patch, { messageSort: { by: 'subject', dir: 'asc' }, readingPaneShare: 0.8 });
  assert.ok(preferencesPatchSchema.safeParse(patch).success, 'the engine accepts it');
  clearLegacy(s);
  assert.equal(legacyPatch(s), null);
  assert.equal(legacyPatch(memStore({ [LEGACY_KEYS.list]: '{"sort":{"by":"colour","dir":"up"}}' })), null);
  assert.equal(legacyPatch(memStore({ [LEGACY_KEYS.list]: 'not json' })), null);
});

test('system follows the OS; the others are as chosen', () => {
  assert.equal(appliedTheme('system', true), 'dark');
  assert.equal(appliedTheme('system', false), 'light');
  assert.equal(appliedTheme('light', true), 'light');
  assert.equal(appliedTheme('highContrast', false), 'highContrast');
});
