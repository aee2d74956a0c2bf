// Message windows (docs/electron.md "Message windows"): a message opened in a BrowserWindow of its own, with exactly
// the main window's hardened options (buildWindowOptions) and page (app://tcv/index.html, the message route). Thin:
// the URL, the key and the placement are src/desktop/message-window.ts's. The same web-contents hardening applies
// (app.on('web-contents-created')); IPC trusts these windows' main frames like the main window's (main/app.ts).
import type { OpenMessageRequest } from '../src/api/types-desktop.ts';
import type { EventName } from '../src/api/contract.ts';
import { messageWindowBounds, messageWindowKey, messageWindowUrl } from '../src/desktop/message-window.ts';
import type { ElectronApi } from './app.ts';
import { createEventForwarder } from './ipc.ts';
import { APP_ENTRY_URL } from './protocol.ts';
import { buildWindowOptions } from './window.ts';

type Window = InstanceType<ElectronApi['BrowserWindow']>;

export interface MessageWindows {
  open(req: OpenMessageRequest): Promise<void>;
  /** Is this webContents one of our message windows (for the IPC sender check)? */
  has(contentsId: number): boolean;
  /** Engine events reach every message window, as they reach the main window. */
  forward(event: EventName, payload: unknown): void;
  closeAll(): void;
}

export function createMessageWindows(deps: {
  electron: Pick<ElectronApi, 'BrowserWindow' | 'screen'>;
  preloadPath: string;
  devTools: boolean;
  getMainWindow(): Window | null;
}): MessageWindows {
  const { BrowserWindow, screen } = deps.electron;
  const windows = new Map<string, Window>();
  const alive = () => [...windows.values()].filter((w) => !w.isDestroyed());
  return {
    async open(req) {
      const key = messageWindowKey(req);
      const existing = windows.get(key);
      if (existing && !existing.isDestroyed()) {
        if (existing.isMinimized()) existing.restore();
        existing.show();
        existing.focus();
        return;
      }
      const url = messageWindowUrl(APP_ENTRY_URL, req);
      const main = deps.getMainWindow();
      const anchor = main && !main.isDestroyed() ? main.getNormalBounds() : null;
      const display = anchor ? screen.getDisplayMatching(anchor) : screen.getPrimaryDisplay();
      const win = new BrowserWindow(
        buildWindowOptions({
          preloadPath: deps.preloadPath,
          bounds: messageWindowBounds(anchor, display.workArea, alive().length),
          devTools: deps.devTools,
        }),
      );
      windows.set(key, win);
      win.once('ready-to-show', () => win.show());
      win.on('closed', () => {
        if (windows.get(key) === win) windows.delete(key);
      });
      await win.loadURL(url);
    },
    has: (contentsId) => alive().some((w) => w.webContents.id === contentsId),
    forward(event, payload) {
      for (const w of alive()) createEventForwarder(() => w.webContents)(event, payload);
    },
    closeAll() {
      for (const w of alive()) w.close();
    },
  };
}
