// Entry of the Electron main process (built to out/main/index.js, ESM). It only wires the real parts into startApp();
// the behaviour lives in app.ts and the modules it uses, where tests can reach it.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as electron from 'electron';
import { createEngine } from '../src/engine/index.ts';
import { createFileLogger } from '../src/platform/log.ts';
import { createKeytarSecretStore } from '../src/secrets/keytar.ts';
import { startApp } from './app.ts';
import { openSettings } from './settings.ts';

startApp({
  electron,
  createEngine,
  createSecretStore: () => createKeytarSecretStore(),
  createLogger: (path) => createFileLogger(path),
  openSettings,
  mainDir: dirname(fileURLToPath(import.meta.url)),
  argv: process.argv,
  cwd: process.cwd(),
});
