// Preload of the main window. It runs sandboxed (built as one CommonJS file by electron.vite.config.ts: a sandboxed
// preload cannot be an ES module and can require only electron, events, timers and url) and exposes exactly the
// API contract. Everything it does is in preload-api.ts, where the test can see it.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './preload-api.ts';

contextBridge.exposeInMainWorld('tcv', createBridge(ipcRenderer));
