// `npm start`: build the app (electron-vite) and launch it in Electron. Where no Electron binary is installed (these
// machines install with ELECTRON_SKIP_BINARY_DOWNLOAD=1, testing.md), say so in Vietnamese and English, point to the
// browser demo, and exit 1.
//
// The binary is located WITHOUT `require('electron')`: since Electron 45 that call starts a download when the binary
// is missing, which hangs or fails on a machine without internet. findElectronBinary() reads what the electron
// package's installer writes (path.txt + dist/) instead. e2e/electron.spec.ts uses it too.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINE_V8_FLAGS } from '../src/platform/v8flags.ts';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string };

export function findElectronBinary(root = projectRoot): ElectronBinary {
  const require = createRequire(join(root, 'package.json'));
  let pkgDir: string;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'the npm package "electron" is not installed (run npm install)' };
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const candidate = override
    ? join(override, relative ?? (process.platform === 'win32' ? 'electron.exe' : 'electron'))
    : relative
      ? join(pkgDir, 'dist', relative)
      : null;
  if (!candidate) {
    return {
      ok: false,
      reason:
        `the Electron binary was never downloaded (${pathFile} is missing; ` +
        `ELECTRON_SKIP_BINARY_DOWNLOAD=${process.env.ELECTRON_SKIP_BINARY_DOWNLOAD ?? '(unset)'})`,
    };
  }
  if (!existsSync(candidate)) return { ok: false, reason: `the Electron binary ${candidate} does not exist` };
  return { ok: true, path: candidate };
}

export function noElectronMessage(reason: string): string {
  return [
    '',
    '════════════════════════════════════════════════════════════════════════════════',
    ' Không mở được ứng dụng Thư Công Vụ: máy này không có chương trình Electron.',
    ' Gói "electron" đã được cài mà không tải tệp chạy (ELECTRON_SKIP_BINARY_DOWNLOAD=1) hoặc việc tải không thành công.',
    ' Hãy dùng bản chạy trên trình duyệt:   npm run demo',
    ' Nơi có mạng, tải tệp chạy bằng:       node node_modules/electron/install.js   rồi chạy lại npm start.',
    '',
    ' The Thư Công Vụ desktop app cannot start: there is no Electron binary on this machine.',
    ' The "electron" package was installed without its binary (ELECTRON_SKIP_BINARY_DOWNLOAD=1) or the download failed.',
    ' Use the browser demo instead:   npm run demo',
    ' Where the network allows it:    node node_modules/electron/install.js   then npm start again.',
    '',
    ` Chi tiết kỹ thuật / technical detail: ${reason}.`,
    '════════════════════════════════════════════════════════════════════════════════',
    '',
  ].join('\n');
}

function main(): void {
  // Checked before building: a build takes seconds and is useless here without the binary.
  const electron = findElectronBinary();
  if (!electron.ok) {
    console.error(noElectronMessage(electron.reason));
    process.exit(1);
  }

  const require = createRequire(import.meta.url);
  const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const build = spawnSync(process.execPath, [electronVite, 'build'], { cwd: projectRoot, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('Xây dựng ứng dụng thất bại (electron-vite build). / The build failed (electron-vite build).');
    process.exit(build.status ?? 1);
  }

  // ELECTRON_RUN_AS_NODE in the caller's environment would start Electron as plain Node instead of the app.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  // With the engine's V8 flags from the start, so main does not relaunch itself for them (docs/electron.md "Memory").
  const args = [`--js-flags=${ENGINE_V8_FLAGS.join(' ')}`, '.', ...process.argv.slice(2)];
  const child = spawn(electron.path, args, { cwd: projectRoot, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (import.meta.main) main();
