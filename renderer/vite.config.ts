// Standalone build of the renderer for the browser harness and the demo, when electron-vite's output is not there:
// `vite build -c renderer/vite.config.ts` writes the same out/renderer that `electron-vite build` produces.
// (No node: imports: this file sits under renderer/, where Node built-ins are forbidden by the layering lint.)
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { buildInputs } from './buildInputs.ts';

/** A path next to this file, as a file-system path (Windows drive letters without the URL's leading slash). */
const here = (rel: string) =>
  decodeURIComponent(new URL(rel, import.meta.url).pathname).replace(/^\/([A-Za-z]:)/, '$1');

export default defineConfig({
  root: here('.'),
  base: './',
  plugins: [react(), buildInputs()],
  build: {
    outDir: here('../out/renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    // A desktop app loads its bundle from disk (or loopback); one 700 kB chunk is fine and keeps startup simple.
    chunkSizeWarningLimit: 1500,
  },
});
