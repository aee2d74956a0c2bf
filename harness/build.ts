// Makes sure out/renderer holds a build of the current renderer sources. `npm run build` (electron-vite) is the
// normal producer; when its output is missing or older than the sources (a test run straight after an edit), the
// standalone config renderer/vite.config.ts rebuilds the same folder (about 2 s).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_RENDERER_DIR } from './server.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = [join(repo, 'renderer'), join(repo, 'src', 'api')];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

export function rendererIsStale(outDir = DEFAULT_RENDERER_DIR): boolean {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((dir) => existsSync(dir) && newestMtime(dir) > built);
}

export async function ensureRendererBuilt(
  opts: { force?: boolean; log?: (line: string) => void } = {},
): Promise<string> {
  if (!opts.force && !rendererIsStale()) return DEFAULT_RENDERER_DIR;
  opts.log?.('Building the renderer (vite build -c renderer/vite.config.ts)…');
  const { build } = await import('vite');
  await build({ configFile: join(repo, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
  return DEFAULT_RENDERER_DIR;
}
