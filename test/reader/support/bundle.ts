// Bundles a renderer module for a plain Chromium page (IIFE, one global), with the same Vite the app is built with,
// so DOM-only code (DOMPurify) is tested in a real browser without serving the whole app.
import { build, type Rolldown } from 'vite';

export async function bundleForBrowser(entry: string, globalName: string): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      target: 'chrome130',
      lib: { entry, name: globalName, formats: ['iife'], fileName: () => 'bundle.js' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error(`bundleForBrowser: no output for ${entry}`);
  return chunk.code;
}
