// `tcv` loads a command's module only when it runs, and the engine only when a command calls it (src/cli/main.ts):
// every registered name is exported by its module, and `tcv --help` / `tcv text fold` load no engine module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { commandNames } from '../../src/cli/main.ts';

test('every command name of the registry is exported by the module it loads', async () => {
  const names = await commandNames();
  assert.ok(names.length >= 15);
  assert.deepEqual(
    names.filter((n) => !n.exported),
    [],
  );
});

// A child process records every module it loads (module.registerHooks), runs main() and prints what it saw.
const probe = (argv: string[]) => `
import { registerHooks } from 'node:module';
const loaded = [];
registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });
const { main } = await import(${JSON.stringify(new URL('../../src/cli/main.ts', import.meta.url).href)});
let stdout = '';
const code = await main(${JSON.stringify(argv)}, { stdout: (s) => (stdout += s), stderr: () => {} });
console.log(JSON.stringify({ code, stdout, loaded }));
`;

function run(argv: string[]) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe(argv)], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as { code: number; stdout: string; loaded: string[] };
}

test('tcv --help and tcv text fold load neither the engine nor other commands', () => {
  for (const argv of [['--help'], ['text', 'fold', 'Thư mời họp tại Đà Nẵng']]) {
    const r = run(argv);
    assert.equal(r.code, 0);
    const ours = r.loaded.filter((u) => u.includes('/src/'));
    assert.deepEqual(
      ours.filter((u) => /\/src\/(engine|mail|sync|cache|search|accounts|secrets)\/|\/commands\/(?!text\.ts)/.test(u)),
      [],
      argv.join(' '),
    );
    assert.ok(!r.loaded.some((u) => /imapflow|nodemailer|keytar/.test(u)), argv.join(' '));
  }
  assert.equal(run(['text', 'fold', 'Thư mời họp tại Đà Nẵng']).stdout, 'thu moi hop tai da nang\n');
});
