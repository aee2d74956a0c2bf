// One build for the three Electron targets (design.md "build"). Runs without an Electron binary (testing.md).
//  - main:     main/index.ts → out/main/index.js, ESM (package.json "type": "module"); dependencies (keytar, imapflow,
//              nodemailer, mailparser, electron-store, ws, zod) stay external and ship in node_modules.
//  - preload:  main/preload.ts → out/preload/index.cjs, CommonJS with everything bundled: a sandboxed preload cannot
//              be an ES module and can require only electron, events, timers and url (testing.md).
//  - renderer: renderer/index.html → out/renderer, React; the CSP <meta> tag is written from main/csp.ts.
// Output folders are electron-vite's defaults (out/<target>) so `electron-vite build --outDir DIR` can relocate all
// three (the security test builds into a temp folder that way).
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY_META, applyCspMeta, sameCsp } from './main/csp.ts';

const root = import.meta.dirname;

/**
 * Writes the policy of main/csp.ts into index.html as the only CSP <meta> tag, so the header main sends and the meta
 * tag are one policy. A different CSP meta tag in the source page is replaced, and the build says so.
 */
function cspMetaTag(): Plugin {
  return {
    name: 'tcv:csp-meta',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const { html: out, replaced } = applyCspMeta(html);
        for (const policy of replaced) {
          if (!sameCsp(policy, CONTENT_SECURITY_POLICY_META)) {
            this.warn(
              `renderer/index.html: its Content-Security-Policy meta tag was replaced by the policy of main/csp.ts ` +
                `(one policy for header and meta).\n  page:     ${policy}\n  main/csp: ${CONTENT_SECURITY_POLICY_META}`,
            );
          }
        }
        return out;
      },
    },
  };
}

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rolldownOptions: {
        input: { index: resolve(root, 'main/index.ts') },
      },
    },
  },
  preload: {
    build: {
      // Bundle zod and the contract into the preload: a sandboxed preload cannot require node_modules.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), cspMetaTag()],
    build: {
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
      },
    },
  },
});
