// Settings locked by the IT policy (src/settings/locked.ts, docs/settings.md "Locked by IT"): the engine answers the
// locked values, refuses to change them with SETTING_LOCKED (vi + en), changes the others as usual, and keeps the
// user's own choice in the file, so it comes back when the lock is lifted. A lock that is not a valid setting makes
// the policy invalid. Real engine on a temp profile; no mail server needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage } from '../../src/api/errors.ts';
import { parsePolicy, type PolicyState } from '../../src/policy/load.ts';
import { policyView } from '../../src/policy/rules.ts';
import { tempDir, testEngine } from '../support/stack.ts';

const policy = (lockedSettings: unknown): PolicyState => ({
  status: 'ok',
  path: null,
  policy: parsePolicy({ version: 1, organisation: 'Sở Nội vụ thành phố Cần Thơ', lockedSettings }),
});

test('locked values are answered, a locked key is refused with SETTING_LOCKED, the rest changes', async () => {
  const profileDir = tempDir('tcv-locked-');
  // The user chose these before IT locked them.
  const before = await testEngine({ profileDir });
  await before.must('settings.set', { patch: { remoteContent: 'ask', notifications: { sound: true } } });
  await before.engine.close();

  const locked = policy({ remoteContent: 'never', notifications: { enabled: true, sound: false } });
  const t = await testEngine({ profileDir, policy: locked });
  try {
    const prefs = await t.must('settings.get', {});
    assert.equal(prefs.remoteContent, 'never');
    assert.deepEqual(prefs.notifications, { enabled: true, sound: false });

    for (const patch of [{ remoteContent: 'ask' as const }, { notifications: { sound: true } }]) {
      const r = await t.call('settings.set', { patch });
      assert.equal(r.ok, false, JSON.stringify(patch));
      assert.equal(!r.ok && r.error.code, 'SETTING_LOCKED');
      assert.equal(!r.ok && r.error.message, errorMessage('SETTING_LOCKED'));
    }
    // A patch with a locked key and a free one changes nothing at all.
    const mixed = await t.call('settings.set', { patch: { theme: 'dark', remoteContent: 'ask' } });
    assert.equal(!mixed.ok && mixed.error.code, 'SETTING_LOCKED');
    assert.equal((await t.must('settings.get', {})).theme, 'system');

    const after = await t.must('settings.set', { patch: { theme: 'dark' } });
    assert.equal(after.theme, 'dark');
    assert.equal(after.remoteContent, 'never', 'the answer still carries the lock');
    assert.deepEqual(policyView(locked).lockedSettings, ['notifications', 'remoteContent']);
  } finally {
    await t.engine.close();
  }

  // The file keeps the user's own choice; without the lock it is back.
  const file = JSON.parse(readFileSync(join(profileDir, 'preferences.json'), 'utf8'));
  assert.equal(file.remoteContent, 'ask');
  const free = await testEngine({ profileDir });
  try {
    const prefs = await free.must('settings.get', {});
    assert.equal(prefs.remoteContent, 'ask');
    assert.deepEqual(prefs.notifications, { enabled: true, sound: true });
    assert.equal(prefs.theme, 'dark');
  } finally {
    await free.engine.close();
  }
});

test('a lock that is not a valid setting (unknown key, bad value) makes the policy invalid', () => {
  assert.throws(() => policy({ 'reading.remoteImages': 'never' }), { code: 'POLICY_INVALID' });
  assert.throws(
    () => policy({ theme: 'purple' }),
    (err: Error & { code?: string; detail?: string }) => {
      assert.equal(err.code, 'POLICY_INVALID');
      assert.match(err.detail ?? '', /lockedSettings\.theme/);
      return true;
    },
  );
});
