// Electron main, as one function over injected parts: the electron module, the engine factory, the secret store, the
// logger and the settings. index.ts passes the real ones; test/electron-security.test.ts passes fakes and checks what
// this code ACTUALLY installs (window options, handlers, IPC registration, protocol, permissions). Thin glue only:
// every business rule is in src/ (design.md "Process model").
import { join } from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { createDispatch } from '../src/api/dispatch.ts';
import type { EventName } from '../src/api/contract.ts';
import { TcvError, errorMessage, type Lang } from '../src/api/errors.ts';
import type { Engine, EngineOptions } from '../src/engine/types.ts';
import type { Logger, SecretStore } from '../src/platform/types.ts';
import { createDesktopServices, type DesktopServices } from '../src/desktop/host.ts';
import { describeIntent, parseLaunchArgs, type LaunchIntent } from '../src/desktop/launch.ts';
import { followAccounts, startDesktopSession, type DesktopSession } from '../src/desktop/session.ts';
import { createElectronDialogs, createElectronShell, iconPath } from './desktop.ts';
import { createEventForwarder, isTrustedSender, registerContract, senderInfo } from './ipc.ts';
import { createMessageWindows } from './message-windows.ts';
import { APP_ENTRY_URL, APP_SCHEME, appSchemePrivileges, createAppProtocolHandler } from './protocol.ts';
import { loadPolicy } from '../src/policy/load.ts';
import { policyPath } from '../src/policy/paths.ts';
import { electronRelaunchArgs } from '../src/platform/v8flags.ts';
import { restoreBounds, type Settings } from './settings.ts';
import {
  OPEN_LINK_BUTTON,
  buildWindowOptions,
  externalLinkDialogOptions,
  hardenSession,
  hardenWebContents,
} from './window.ts';

/** Windows AppUserModelID (taskbar grouping, notifications); equal to electron-builder.yml's appId (tested). */
export const APP_ID = 'vn.gov.cantho.thucongvu';

export type ElectronApi = Pick<
  typeof import('electron'),
  | 'app'
  | 'BrowserWindow'
  | 'dialog'
  | 'ipcMain'
  | 'Menu'
  | 'nativeImage'
  | 'Notification'
  | 'protocol'
  | 'screen'
  | 'session'
  | 'shell'
  | 'Tray'
>;
type Window = InstanceType<ElectronApi['BrowserWindow']>;

export interface AppDeps {
  electron: ElectronApi;
  createEngine(options: EngineOptions): Promise<Engine>;
  createSecretStore(): SecretStore;
  createLogger(path: string): Logger;
  openSettings(): Promise<Settings>;
  /** Folder of the built main bundle (out/main); the preload (out/preload) and renderer (out/renderer) are siblings. */
  mainDir: string;
  argv: readonly string[];
  cwd: string;
}

export interface AppHandle {
  /**
   * False when another instance already holds the lock (this one passed its argv over and quits), or when this one
   * relaunches itself with the engine's V8 flags.
   */
  readonly primary: boolean;
  /** Settles when the window has loaded, or after a start-up failure was shown and the app is exiting. */
  readonly ready: Promise<void>;
  /**
   * File grants, compose requests (from the command line, mailto: links and the tray) and the viewed folder; null in
   * a second instance.
   */
  readonly desktop: DesktopServices | null;
}

/** Until the file logger exists (before `ready`), messages go to stderr. */
const stderrLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: (msg, fields) => console.warn(msg, fields ?? ''),
  error: (msg, fields) => console.error(msg, fields ?? ''),
};

export function startApp(deps: AppDeps): AppHandle {
  const { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell } = deps.electron;

  // Before `ready`: sandbox every renderer, whatever its options say (checklist item 4), and give app:// its
  // privileges (they cannot be granted later).
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([appSchemePrivileges]);

  // One instance per user: two would fight over the SQLite cache. The second passes its argv to the first.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { primary: false, ready: Promise.resolve(), desktop: null };
  }
  // The engine runs in this process, and V8 takes its heap sizing only from the command line it started with: once,
  // start again with ENGINE_V8_FLAGS (docs/electron.md "Memory"). The lock is released first; the new instance
  // starts after this one has exited.
  const relaunchArgs = electronRelaunchArgs(deps.argv.slice(1), app.commandLine.getSwitchValue('js-flags'));
  if (relaunchArgs) {
    app.releaseSingleInstanceLock();
    app.relaunch({ args: relaunchArgs });
    app.exit(0);
    return { primary: false, ready: Promise.resolve(), desktop: null };
  }
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

  let log: Logger = stderrLogger;
  let window: Window | null = null;
  let engine: Engine | null = null;
  let desktopSession: DesktopSession | null = null;
  let lang: () => Lang = () => 'vi';
  // Engine and app events go to our page once it exists (createEventForwarder drops them otherwise).
  let forward: (event: EventName, payload: unknown) => void = () => {};
  const preloadPath = join(deps.mainDir, '..', 'preload', 'index.cjs');
  const messageWindows = createMessageWindows({
    electron: deps.electron,
    preloadPath,
    devTools: !app.isPackaged,
    getMainWindow: () => window,
  });
  const desktop = createDesktopServices({
    dialogs: createElectronDialogs(
      deps.electron,
      () => window,
      () => lang(),
    ),
    emitCompose: (intent) => forward('app.compose', intent),
    openMessageWindow: (req) => messageWindows.open(req),
  });
  const launchIntent = parseLaunchArgs(deps.argv, deps.cwd);

  // Every link that would leave the app comes here, already vetted (http/https/mailto only): the user sees the real
  // target and decides. One dialog at a time, so a page cannot stack them.
  let askingAboutLink = false;
  const requestOpenExternal = (url: string): void => {
    if (askingAboutLink) return;
    askingAboutLink = true;
    const options = externalLinkDialogOptions(url);
    const asked =
      window && !window.isDestroyed() ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options);
    asked
      .then(async ({ response }) => {
        if (response === OPEN_LINK_BUTTON) await shell.openExternal(url);
      })
      .catch((err: unknown) => log.warn('opening external link failed', { error: String(err) }))
      .finally(() => {
        askingAboutLink = false;
      });
  };

  // Every webContents (our window, devtools, anything a future feature creates) gets the same hardening.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { requestOpenExternal }));

  // Queued for the UI (app.takeIntents) and sent as app.compose; the files become read grants (src/desktop/intents.ts).
  const receiveIntent = (next: LaunchIntent): void => {
    if (next.kind === 'none') return;
    log.info('launch intent received', describeIntent(next));
    desktop.intents.deliver(next).catch((err: unknown) => log.warn('launch intent failed', { error: String(err) }));
  };
  const showWindow = (): void => {
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
    }
  };
  app.on('second-instance', (_event, argv, workingDirectory) => {
    receiveIntent(parseLaunchArgs(argv, workingDirectory));
    showWindow();
  });
  // macOS delivers mailto: links as an event rather than argv.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    receiveIntent(parseLaunchArgs([url], deps.cwd));
    showWindow();
  });

  app.on('window-all-closed', () => app.quit());
  // The engine flushes and closes the cache before the process goes (WAL checkpoint, IMAP logout).
  app.on('will-quit', (event) => {
    const running = engine;
    if (!running) return;
    engine = null;
    event.preventDefault();
    // Watchers log out (sync.unwatch) before the engine closes the cache.
    const stopping = desktopSession ? desktopSession.stop() : Promise.resolve();
    desktopSession = null;
    stopping
      .catch((err: unknown) => log.warn('desktop session stop failed', { error: String(err) }))
      .then(() => running.close())
      .catch((err: unknown) => log.error('engine close failed', { error: String(err) }))
      .finally(() => app.quit());
  });

  const ready = app
    .whenReady()
    .then(async () => {
      const userData = app.getPath('userData');
      log = deps.createLogger(join(userData, 'logs', 'main.log'));
      log.info('starting', {
        version: app.getVersion(),
        packaged: app.isPackaged,
        intent: describeIntent(launchIntent),
      });
      const settings = await deps.openSettings();
      lang = () => settings.language();

      hardenSession(session.defaultSession);
      protocol.handle(APP_SCHEME, createAppProtocolHandler(join(deps.mainDir, '..', 'renderer')));
      if (app.isPackaged) {
        // No default menu in the installed app: it carries Reload and Toggle Developer Tools.
        Menu.setApplicationMenu(null);
        // Offer to be the mail handler (Windows still lets the user choose in Settings → Default apps).
        app.setAsDefaultProtocolClient('mailto');
      }

      engine = await deps.createEngine({
        profileDir: join(userData, 'profile'),
        secrets: deps.createSecretStore(),
        log,
        lang,
        desktop,
        // The machine-wide IT policy (docs/policy.md): platform path or TCV_POLICY; a broken file is logged, not fatal.
        policy: loadPolicy(policyPath()),
      });
      const running = engine;
      // The renderer's calls pass the file gate (paths only as grant tokens); main's own calls do not.
      const internal = createDispatch(running.handlers, log, lang);
      const dispatch = followAccounts(
        createDispatch(running.handlers, log, lang, { files: desktop.grants }),
        () => desktopSession,
      );

      const saved = settings.windowBounds();
      const bounds = restoreBounds(
        saved,
        screen.getAllDisplays().map((d) => d.workArea),
      );
      const win = new BrowserWindow(
        buildWindowOptions({
          preloadPath,
          bounds,
          devTools: !app.isPackaged,
        }),
      );
      window = win;
      const trustedId = win.webContents.id;
      registerContract(
        ipcMain,
        dispatch,
        // The main window, and the message windows it opened (same page, same checks: main frame, app:// URL).
        (event: IpcMainInvokeEvent) => {
          const info = senderInfo(event);
          const trusted = window ? (messageWindows.has(info.contentsId) ? info.contentsId : trustedId) : null;
          return isTrustedSender(info, trusted);
        },
        log,
        lang,
      );
      forward = createEventForwarder(() => (window && !window.isDestroyed() ? window.webContents : null));
      running.onEvent((event, payload) => {
        forward(event, payload);
        messageWindows.forward(event, payload);
      });
      const shell = createElectronShell({
        electron: deps.electron,
        getWindow: () => window,
        iconPath: iconPath(app.isPackaged, process.resourcesPath ?? '', deps.mainDir),
        lang,
        openMessage: (request) => forward('app.openMessage', request),
        compose: () => {
          showWindow();
          receiveIntent({
            kind: 'compose',
            source: 'tray',
            to: [],
            cc: [],
            bcc: [],
            subject: '',
            body: '',
            attachments: [],
          });
        },
      });
      // Every account watched (IDLE) from the start, the badge and tray count, new-mail notifications.
      desktopSession = startDesktopSession({
        call: internal,
        onEvent: (l) => running.onEvent(l),
        desktop,
        shell,
        lang,
        log,
      });
      receiveIntent(launchIntent);

      win.once('ready-to-show', () => {
        if (saved?.maximized) win.maximize();
        win.show();
      });
      win.on('close', () => settings.saveWindowBounds({ ...win.getNormalBounds(), maximized: win.isMaximized() }));
      win.on('closed', () => {
        window = null;
        // Closing the main window closes the app, message windows included (Outlook).
        messageWindows.closeAll();
      });
      await win.loadURL(APP_ENTRY_URL);
    })
    .catch((err: unknown) => {
      log.error('start-up failed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      const message = err instanceof TcvError ? errorMessage(err.code) : errorMessage('INTERNAL');
      dialog.showErrorBox('Thư Công Vụ không khởi động được', `${message}\n\nThe application could not start.`);
      app.exit(1);
    });

  return { primary: true, ready, desktop };
}
