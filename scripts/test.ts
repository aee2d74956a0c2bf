// `npm test`: every check, in the order that fails fastest. Static checks (types for each layer, layering lint,
// formatting), the build (the harness serves the built renderer; the Electron spec launches the built app), then the
// real mail stack (Dovecot full + reduced, Postfix, D-Bus + gnome-keyring) and every test file: unit, integration and
// end-to-end. The stack is stopped afterwards unless TCV_KEEP_STACK=1.
import { spawnSync } from 'node:child_process';
import { resetMailboxes, startStack, stopStack } from './mailstack/index.ts';

const TEST_GLOBS = ['test/**/*.test.ts', 'e2e/**/*.e2e.ts', 'e2e/**/*.spec.ts'];

function step(title: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const started = Date.now();
  process.stderr.write(`\n== ${title}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) {
    process.stderr.write(`\n✘ ${title} failed (exit ${r.status ?? r.signal})\n`);
    process.exit(r.status ?? 1);
  }
  process.stderr.write(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}

const only = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

if (only.length === 0) {
  step('Type check (src, renderer, main, e2e)', npm, ['run', '-s', 'typecheck']);
  step('Lint (layering rules included)', npm, ['run', '-s', 'lint']);
  step('Format check', npm, ['run', '-s', 'format:check']);
  step('Build (electron-vite: main, preload, renderer)', npm, ['run', '-s', 'build']);
}

process.stderr.write('\n== Mail stack (Dovecot full + reduced, Postfix, Secret Service)\n');
const full = await startStack({ flavour: 'full' });
await startStack({ flavour: 'reduced' });
// The stack's data outlives a run (it lives in a temp folder): start every full run from empty mailboxes, so what an
// earlier run or a benchmark left behind (100,000-message folders) cannot slow or sway this one.
if (only.length === 0) await resetMailboxes(full);
const env = { ...process.env, ...full.keyring.env, TCV_TEST: '1' };

let code: number;
try {
  process.stderr.write('\n== Tests\n');
  const r = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...(only.length ? only : TEST_GLOBS)], {
    stdio: 'inherit',
    env,
  });
  code = r.status ?? 1;
} finally {
  if (process.env.TCV_KEEP_STACK !== '1') await stopStack();
}
process.exit(code);
