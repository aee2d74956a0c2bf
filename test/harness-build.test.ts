// The harness's renderer build is rebuilt exactly when something it was built from changed (harness/build.ts): the
// list of inputs comes from the bundler itself (renderer/buildInputs.ts), so it covers src/shared and src/api files the
// renderer imports, not only renderer/. Checked on the real build's list; the build under test is a copy in a temp
// folder whose time is set around the inputs' times, so no source file is touched.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildInputsOf, ensureRendererBuilt, rendererStaleReason } from '../harness/build.ts';
import { DEFAULT_RENDERER_DIR } from '../harness/server.ts';
import { BUILD_INPUTS_FILE, sourceFileOf } from '../renderer/buildInputs.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));

describe('the renderer build for the harness', () => {
  let inputs: string[];
  let dir: string;
  let buildMs = 0;

  before(async () => {
    const started = performance.now();
    await ensureRendererBuilt();
    buildMs = Math.round(performance.now() - started);
    const list = buildInputsOf();
    assert.ok(list, `${BUILD_INPUTS_FILE} written by the build`);
    inputs = list;
    dir = mkdtempSync(join(tmpdir(), 'tcv-harness-build-'));
    copyFileSync(join(DEFAULT_RENDERER_DIR, 'index.html'), join(dir, 'index.html'));
    copyFileSync(join(DEFAULT_RENDERER_DIR, BUILD_INPUTS_FILE), join(dir, BUILD_INPUTS_FILE));
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const builtAt = (ms: number) => utimesSync(join(dir, 'index.html'), ms / 1000, ms / 1000);
  const newest = () => Math.max(...inputs.map((f) => statSync(f).mtimeMs));

  test("the bundler's list holds the renderer, src/api and src/shared files it read, and no dependency", (t) => {
    t.diagnostic(`ensureRendererBuilt: ${buildMs} ms (0 when current), ${inputs.length} inputs`);
    const rel = inputs.map((f) => f.slice(repo.length).replaceAll('\\', '/'));
    for (const expected of ['renderer/index.html', 'renderer/main.tsx', 'renderer/vite.config.ts'])
      assert.ok(rel.includes(expected), expected);
    assert.ok(
      rel.some((f) => f.startsWith('src/shared/')),
      'a src/shared file',
    );
    assert.ok(
      rel.some((f) => f.startsWith('src/api/')),
      'a src/api file',
    );
    // Only files of this checkout, no engine internals the renderer must not import.
    assert.deepEqual(
      rel.filter((f) => !/^(renderer|src\/api|src\/shared)\//.test(f)),
      [],
    );
    assert.equal(
      inputs.some((f) => f.includes('node_modules')),
      false,
    );
  });

  test('current when built after every input; stale when one src/shared input is newer', () => {
    builtAt(newest() + 1000);
    assert.equal(rendererStaleReason(dir), null);
    const shared = inputs.find((f) => f.includes(`${join('src', 'shared')}`))!;
    builtAt(statSync(shared).mtimeMs - 1000);
    assert.match(rendererStaleReason(dir) ?? '', /changed$/);
  });

  test('stale when an input is gone, or when there is no list (an electron-vite build)', () => {
    const gone = join(dir, 'gone.ts');
    writeFileSync(join(dir, BUILD_INPUTS_FILE), JSON.stringify({ files: [...inputs, gone] }));
    builtAt(newest() + 1000);
    assert.equal(rendererStaleReason(dir), `${gone} is gone`);
    unlinkSync(join(dir, BUILD_INPUTS_FILE));
    assert.match(rendererStaleReason(dir) ?? '', /^no \.inputs\.json/);
    rmSync(join(dir, 'index.html'));
    assert.equal(rendererStaleReason(dir), 'no build');
  });

  test("module ids: only this checkout's files, without queries", () => {
    assert.equal(sourceFileOf('/r/renderer/a.tsx?worker'), '/r/renderer/a.tsx');
    assert.equal(sourceFileOf('\0vite/preload-helper'), null);
    assert.equal(sourceFileOf('/r/node_modules/react/index.js'), null);
    assert.equal(sourceFileOf('C:\\r\\renderer\\a.tsx'), 'C:\\r\\renderer\\a.tsx');
    assert.equal(sourceFileOf('virtual:thing'), null);
  });
});
