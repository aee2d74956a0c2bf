// The settings API: schema defaults, partial validated changes, atomic JSON file, the settings.changed event, and the
// engine really using a preference (the prefetch window) against the real mail stack.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StackInfo } from '../../scripts/mailstack/index.ts';
import { TcvError } from '../../src/api/errors.ts';
import { applyPatch, defaultPreferences, preferencesPatchSchema, readPreferences } from '../../src/settings/schema.ts';
import { JsonFilePreferencesStore } from '../../src/settings/store.ts';
import { stack, tempDir, testEngine, user } from '../support/stack.ts';
import { addUser, syncEngine, type SyncTestEngine } from '../sync/support/engine.ts';
import { cacheQuery, deleteFolder, fillFolder, uniqueFolder } from '../sync/support/fixtures.ts';

test('defaults fill every key; a bad key in the file falls back alone', () => {
  const d = defaultPreferences();
  assert.equal(d.language, 'vi');
  assert.equal(d.theme, 'system');
  assert.equal(d.readingPane, 'right');
  assert.equal(d.prefetchDays, 30);
  assert.equal(d.undoSendSeconds, 5);
  assert.deepEqual(d.notifications, { enabled: true, sound: false });
  const { prefs, invalid } = readPreferences({ language: 'en', theme: 'purple', prefetchDays: -3, extra: 1 });
  assert.equal(prefs.language, 'en', 'the good key is kept');
  assert.equal(prefs.theme, 'system');
  assert.equal(prefs.prefetchDays, 30);
  assert.deepEqual(invalid.sort(), ['prefetchDays', 'theme']);
  assert.ok(!('extra' in prefs));
});

test('patches: strict keys, nested objects merged one level, arrays replaced', () => {
  assert.equal(preferencesPatchSchema.safeParse({ theme: 'neon' }).success, false);
  assert.equal(preferencesPatchSchema.safeParse({ nope: 1 }).success, false, 'unknown keys are refused');
  assert.equal(preferencesPatchSchema.safeParse({ prefetchDays: 1.5 }).success, false);
  let p = defaultPreferences();
  p = applyPatch(p, preferencesPatchSchema.parse({ signatures: { 'a@cantho.gov.vn': '<p>A</p>' } }));
  p = applyPatch(p, preferencesPatchSchema.parse({ signatures: { 'b@cantho.gov.vn': '<p>B</p>' } }));
  assert.deepEqual(p.signatures, { 'a@cantho.gov.vn': '<p>A</p>', 'b@cantho.gov.vn': '<p>B</p>' });
  p = applyPatch(p, preferencesPatchSchema.parse({ notifications: { sound: true } }));
  assert.deepEqual(p.notifications, { enabled: true, sound: true });
  p = applyPatch(p, preferencesPatchSchema.parse({ remoteSenders: [{ accountId: 'a', sender: ' X@Y.VN ' }] }));
  assert.deepEqual(p.remoteSenders, [{ accountId: 'a', sender: 'x@y.vn' }]);
});

test('the JSON file is written atomically and a broken file gives the defaults', () => {
  const dir = tempDir('tcv-prefs-');
  const file = join(dir, 'preferences.json');
  const s = new JsonFilePreferencesStore(file);
  s.set({ language: 'en', readingPane: 'bottom' });
  assert.deepEqual(readdirSync(dir), ['preferences.json'], 'no temp file left behind');
  assert.equal(JSON.parse(readFileSync(file, 'utf8')).readingPane, 'bottom');
  assert.equal(new JsonFilePreferencesStore(file).get().language, 'en');
  writeFileSync(file, '{ half a fi');
  assert.deepEqual(new JsonFilePreferencesStore(file).get(), defaultPreferences());
});

test('a place that cannot be written: SETTINGS_SAVE_FAILED, the old values kept', () => {
  const dir = tempDir('tcv-prefs-ro-');
  // A regular file where the folder should be: writing fails with ENOTDIR, for root too.
  writeFileSync(join(dir, 'not-a-folder'), '');
  const s = new JsonFilePreferencesStore(join(dir, 'not-a-folder', 'preferences.json'));
  assert.throws(
    () => s.set({ theme: 'dark' }),
    (e) => e instanceof TcvError && e.code === 'SETTINGS_SAVE_FAILED',
  );
  assert.equal(s.get().theme, 'system');
});

test('settings.get / settings.set through the contract: validation, persistence, settings.changed', async () => {
  const t = await testEngine();
  const seen: unknown[] = [];
  t.engine.onEvent((event, payload) => {
    if (event === 'settings.changed') seen.push(payload);
  });
  try {
    assert.equal((await t.must('settings.get', {})).theme, 'system');
    const bad = await t.call('settings.set', { patch: { theme: 'neon' as 'dark' } });
    assert.equal(bad.ok, false);
    assert.equal(!bad.ok && bad.error.code, 'VALIDATION');
    assert.match(!bad.ok ? bad.error.message : '', /Dữ liệu nhập vào không hợp lệ.*patch\.theme/);
    const after = await t.must('settings.set', { patch: { theme: 'highContrast', conversationView: true } });
    assert.equal(after.theme, 'highContrast');
    assert.equal(after.language, 'vi', 'other keys untouched');
    assert.deepEqual(seen, [{ preferences: after, changed: ['theme', 'conversationView'] }]);
    await t.must('settings.set', { patch: { theme: 'highContrast' } });
    assert.equal(seen.length, 1, 'no event when nothing changed');
  } finally {
    await t.engine.close();
  }
  const again = await testEngine({ profileDir: t.profileDir });
  try {
    const p = await again.must('settings.get', {});
    assert.equal(p.theme, 'highContrast');
    assert.equal(p.conversationView, true);
  } finally {
    await again.engine.close();
  }
});

describe('against the mail stack', () => {
  let info: StackInfo;
  const engines: SyncTestEngine[] = [];
  const folders: string[] = [];
  before(async () => {
    info = await stack('full');
  });
  after(async () => {
    for (const t of engines) await t.close();
    for (const f of folders) await deleteFolder(info, user(info, 'head').email, f);
  });

  test('the engine prefetches bodies within the prefetchDays preference', async () => {
    const email = user(info, 'head').email;
    const folder = uniqueFolder('prefs');
    folders.push(folder);
    // 5 messages from 60 days ago and 5 from today.
    await fillFolder(info, email, folder, 5, { newest: new Date(Date.now() - 60 * 86_400_000), start: 1 });
    await fillFolder(info, email, folder, 5, { newest: new Date(), start: 6 });
    const t = await syncEngine(info);
    engines.push(t);
    await addUser(t, info, 'head');
    await t.must('settings.set', { patch: { prefetchDays: 90 } });
    await t.must('sync.run', { accountId: email, folder });
    await t.waitFor('sync.progress', (p) => p.phase === 'bodies' && p.done === p.total && p.total >= 10, 20_000);
    const rows = cacheQuery<{ n: number }>(
      t.profileDir,
      'SELECT count(*) AS n FROM bodies WHERE account_id = ? AND folder = ?',
      email,
      folder,
    );
    assert.equal(rows[0]?.n, 10, 'a 90-day window takes the 60-day-old messages too');
    assert.ok(existsSync(join(t.profileDir, 'preferences.json')));
  });
});
