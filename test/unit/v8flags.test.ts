// The one relaunch of Electron's main process with the engine's V8 flags (src/platform/v8flags.ts): which arguments
// it gets, and that it can never loop. main/app.ts applying it is in test/electron-security.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINE_V8_FLAGS, RELAUNCH_MARKER, electronRelaunchArgs } from '../../src/platform/v8flags.ts';

const FLAGS = ENGINE_V8_FLAGS.join(' ');

test('without the flags: the switches first, then every argument as it was', () => {
  assert.deepEqual(electronRelaunchArgs([], ''), [`--js-flags=${FLAGS}`, RELAUNCH_MARKER]);
  const args = ['.', '--compose', '--attach', 'Tờ trình 12.pdf', 'Phụ lục.pdf', '--subject', 'Báo cáo'];
  assert.deepEqual(electronRelaunchArgs(args, ''), [`--js-flags=${FLAGS}`, RELAUNCH_MARKER, ...args]);
  const mailto = ['mailto:vanthu@cantho.gov.vn?subject=Gi%E1%BA%A5y%20m%E1%BB%9Di'];
  assert.deepEqual(electronRelaunchArgs(mailto, ''), [`--js-flags=${FLAGS}`, RELAUNCH_MARKER, ...mailto]);
});

test('with the flags already (installer, npm start, a relaunched process): no relaunch', () => {
  assert.equal(electronRelaunchArgs(['.'], FLAGS), null);
  assert.equal(electronRelaunchArgs([], `--expose-gc ${FLAGS}`), null);
});

test('other V8 flags given by hand are kept, and given once', () => {
  assert.deepEqual(electronRelaunchArgs(['--js-flags=--expose-gc', '.'], '--expose-gc'), [
    `--js-flags=--expose-gc ${FLAGS}`,
    RELAUNCH_MARKER,
    '.',
  ]);
});

test('a relaunched process never relaunches again, even if the flags did not arrive', () => {
  assert.equal(electronRelaunchArgs([RELAUNCH_MARKER, '.'], ''), null);
  const once = electronRelaunchArgs(['.'], '') ?? [];
  assert.equal(electronRelaunchArgs(once, ''), null);
});
