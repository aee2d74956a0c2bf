// Makes sure out/renderer holds a build of the current renderer sources. The standalone config
// renderer/vite.config.ts builds the folder (about 2 s on an idle machine) and writes the list of files the bundler
// read (renderer/buildInputs.ts); the build is stale when that list is missing (no build yet, or an electron-vite
// build, which keeps no list) or when any file on it is newer than the build or gone. So a change only in src/shared
// or src/api, or in a file the renderer started importing since, rebuilds it; a change elsewhere does not.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_INPUTS_FILE, type BuildInputs } from '../renderer/buildInputs.ts';
import { DEFAULT_RENDERER_DIR } from './server.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));

/** The files the build in `outDir` was made from, or null when it has no readable list. */
export function buildInputsOf(outDir = DEFAULT_RENDERER_DIR): string[] | null {
  try {
    const inputs = JSON.parse(readFileSync(join(outDir, BUILD_INPUTS_FILE), 'utf8')) as BuildInputs;
    return Array.isArray(inputs.files) && inputs.files.every((f) => typeof f === 'string') ? inputs.files : null;
  } catch {
    return null;
  }
}

/** Why the build in `outDir` must be made again, or null when it is current. */
export function rendererStaleReason(outDir = DEFAULT_RENDERER_DIR): string | null {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) return 'no build';
  const inputs = buildInputsOf(outDir);
  if (!inputs) return `no ${BUILD_INPUTS_FILE} (not built by renderer/vite.config.ts)`;
  const built = statSync(index).mtimeMs;
  for (const file of inputs) {
    if (!existsSync(file)) return `${file} is gone`;
    if (statSync(file).mtimeMs > built) return `${file} changed`;
  }
  return null;
}

export function rendererIsStale(outDir = DEFAULT_RENDERER_DIR): boolean {
  return rendererStaleReason(outDir) !== null;
}

export async function ensureRendererBuilt(
  opts: { force?: boolean; log?: (line: string) => void } = {},
): Promise<string> {
  const reason = opts.force ? 'forced' : rendererStaleReason();
  if (reason === null) return DEFAULT_RENDERER_DIR;
  opts.log?.(`Building the renderer (vite build -c renderer/vite.config.ts): ${reason}…`);
  const { build } = await import('vite');
  await build({ configFile: join(repo, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
  return DEFAULT_RENDERER_DIR;
}
