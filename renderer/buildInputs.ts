// A Vite plugin that writes, next to the built renderer, the list of source files the bundler really read
// (`.inputs.json`: every module of the graph outside node_modules, plus the build's config file). The test harness's
// staleness check (harness/build.ts `rendererIsStale`) compares their times with the build's, so a change anywhere the
// bundle comes from (renderer/, src/api/, src/shared/, a file added to the graph later) rebuilds it, and nothing else
// does. Only the harness's own build (renderer/vite.config.ts) writes it: an electron-vite build has no list, so the
// harness rebuilds once after it, and the list never ships in the installer.
// (No node: imports: this file sits under renderer/, where Node built-ins are forbidden by the layering lint.)
import type { Plugin } from 'vite';

export const BUILD_INPUTS_FILE = '.inputs.json';

export interface BuildInputs {
  /** Absolute paths of the files the bundle was built from. */
  files: string[];
}

/** A module id that is a file of this checkout: no virtual modules (`\0…`), no dependencies, no query suffix. */
export function sourceFileOf(id: string): string | null {
  if (id.startsWith('\0') || id.includes('/node_modules/') || id.includes('\\node_modules\\')) return null;
  const file = id.replace(/[?#].*$/, '');
  return /^(\/|[A-Za-z]:[\\/])/.test(file) ? file : null;
}

export function buildInputs(): Plugin {
  let configFile: string | undefined;
  return {
    name: 'tcv:build-inputs',
    apply: 'build',
    configResolved(config) {
      configFile = config.configFile;
    },
    generateBundle() {
      const files = new Set<string>();
      for (const id of this.getModuleIds()) {
        const file = sourceFileOf(id);
        if (file) files.add(file);
      }
      if (configFile) files.add(configFile);
      const inputs: BuildInputs = { files: [...files].sort() };
      this.emitFile({ type: 'asset', fileName: BUILD_INPUTS_FILE, source: JSON.stringify(inputs, null, 1) });
    },
  };
}
