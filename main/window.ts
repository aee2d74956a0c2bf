// The main window's options and every hardening hook main installs, as plain data and functions.
// Nothing here imports `electron` at run time (types only), so test/electron-security.test.ts asserts exactly what
// main uses, in plain Node, with fake events. References: https://www.electronjs.org/docs/latest/tutorial/security
// (numbered items below) and docs/electron.md.
import type {
  BrowserWindowConstructorOptions,
  HandlerDetails,
  MessageBoxOptions,
  OnBeforeRequestListenerDetails,
  OnHeadersReceivedListenerDetails,
  Session,
  WebContents,
  WindowOpenHandlerResponse,
} from 'electron';
import { cspForUrl, isRemoteMailFrameUrl } from './csp.ts';
import { isAppUrl } from './protocol.ts';

export { CONTENT_SECURITY_POLICY } from './csp.ts';

export const PRODUCT_NAME = 'Thư Công Vụ';

export interface WindowBoundsInput {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export interface WindowOptionsInput {
  /** Absolute path of the built, CommonJS preload (out/preload/index.cjs). */
  preloadPath: string;
  bounds: WindowBoundsInput;
  /** DevTools only in development builds; an installed app has none. */
  devTools: boolean;
}

export function buildWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: PRODUCT_NAME,
    ...input.bounds,
    minWidth: 800,
    minHeight: 560,
    // Shown on 'ready-to-show', so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      preload: input.preloadPath,
      // Items 3 and 4: the page and the preload live in separate JavaScript worlds; the renderer is an OS-sandboxed
      // Chromium process whose preload can require only a few Electron modules.
      contextIsolation: true,
      sandbox: true,
      // Item 2: no Node.js anywhere in web content, workers or subframes.
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      // Items 5, 8, 9, 12: same-origin policy on, no mixed content, no experimental Blink features, no <webview>.
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // A file dropped on the window must not replace the app with file://…; drops are handled by the page.
      navigateOnDragDrop: false,
      // A page cannot lock the user out with alert() loops.
      safeDialogs: true,
      devTools: input.devTools,
      // Windows and macOS use the OS spell checker (no download); see docs/electron.md for Linux.
      spellcheck: true,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Links and navigation (item 13 "Disable or limit navigation", item 14 "Disable or limit creation of new windows",
// item 15 "Do not use shell.openExternal with untrusted content").

const EXTERNAL_PROTOCOLS = new Set(['https:', 'http:', 'mailto:']);

/**
 * The URL to hand to the OS if it is a web or mailto link, else null. file:, smb:, javascript:, ms-*: and every other
 * scheme are refused outright: passing them to shell.openExternal can run programs on Windows.
 */
export function externalLinkTarget(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (!EXTERNAL_PROTOCOLS.has(u.protocol)) return null;
  if (u.protocol !== 'mailto:' && !u.hostname) return null;
  return u.href;
}

/** Navigations a frame of ours may make: our own app:// pages, and the blank documents an iframe starts with. */
export function isAllowedFrameUrl(url: string): boolean {
  return isAppUrl(url) || url === 'about:blank' || url === 'about:srcdoc';
}

/** Text of the confirmation shown before a link leaves the app. Index 0 opens, 1 (the default) cancels. */
export const OPEN_LINK_BUTTON = 0;
export function externalLinkDialogOptions(url: string): MessageBoxOptions {
  const u = new URL(url);
  // hostname is the punycode (xn--) form, so a look-alike Unicode domain shows as what it really is.
  const where = u.protocol === 'mailto:' ? `Địa chỉ thư: ${u.pathname}` : `Trang web: ${u.hostname}`;
  return {
    type: 'warning',
    title: 'Mở liên kết bên ngoài',
    message: 'Bạn có muốn mở liên kết này bằng ứng dụng khác (trình duyệt hoặc ứng dụng thư) không?',
    detail: `${where}\n\nĐịa chỉ đầy đủ:\n${u.href}\n\nChỉ mở liên kết khi bạn tin tưởng người gửi.`,
    buttons: ['Mở liên kết', 'Hủy'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}

/** What a hardened webContents needs from main: a way to ask the user before opening a link outside the app. */
export interface HardeningDeps {
  /** Called with a vetted http(s)/mailto URL; must ask the user (externalLinkDialogOptions) before opening it. */
  requestOpenExternal(url: string): void;
}

interface PreventableEvent {
  preventDefault(): void;
}
interface NavigationEvent extends PreventableEvent {
  url?: string;
  isMainFrame?: boolean;
}

/** `will-navigate` (main frame): stay on app://, offer anything else to the system browser after confirmation. */
export function createWillNavigateHandler(deps: HardeningDeps) {
  return (event: NavigationEvent, legacyUrl?: string): void => {
    const url = event.url ?? legacyUrl ?? '';
    if (isAppUrl(url)) return;
    event.preventDefault();
    const target = externalLinkTarget(url);
    if (target) deps.requestOpenExternal(target);
  };
}

/**
 * `will-frame-navigate` fires for every frame; the main frame is handled by will-navigate above, so this covers
 * iframes (the future HTML mail viewer): a link clicked inside a message never navigates the frame away.
 */
export function createWillFrameNavigateHandler(deps: HardeningDeps) {
  return (event: NavigationEvent): void => {
    if (event.isMainFrame !== false) return;
    const url = event.url ?? '';
    if (isAllowedFrameUrl(url)) return;
    event.preventDefault();
    const target = externalLinkTarget(url);
    if (target) deps.requestOpenExternal(target);
  };
}

/** `will-redirect`: a redirect away from app:// is refused, never offered (the user did not choose that URL). */
export function willRedirectHandler(event: NavigationEvent, legacyUrl?: string): void {
  const url = event.url ?? legacyUrl ?? '';
  if (!isAllowedFrameUrl(url)) event.preventDefault();
}

/** `setWindowOpenHandler`: no new Electron windows, ever; web and mailto links go to the OS after confirmation. */
export function createWindowOpenHandler(deps: HardeningDeps) {
  return (details: Pick<HandlerDetails, 'url'>): WindowOpenHandlerResponse => {
    const target = externalLinkTarget(details.url);
    if (target) deps.requestOpenExternal(target);
    return { action: 'deny' };
  };
}

/** `will-attach-webview`: webviewTag is off, and this refuses one even if a page found a way. */
export function willAttachWebviewHandler(event: PreventableEvent): void {
  event.preventDefault();
}

/** Installed from app.on('web-contents-created') on EVERY webContents: windows, iframes' hosts, devtools. */
export function hardenWebContents(contents: WebContents, deps: HardeningDeps): void {
  contents.on('will-navigate', createWillNavigateHandler(deps));
  contents.on('will-frame-navigate', createWillFrameNavigateHandler(deps));
  contents.on('will-redirect', willRedirectHandler);
  contents.on('will-attach-webview', willAttachWebviewHandler);
  contents.setWindowOpenHandler(createWindowOpenHandler(deps));
}

// ---------------------------------------------------------------------------------------------------------------
// Session: permissions (item 6 "Handle session permission requests"), CSP header, and no network from the renderer.

export function denyPermissionRequest(
  _contents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void {
  callback(false);
}
export function denyPermissionCheck(): boolean {
  return false;
}
export function denyDevicePermission(): boolean {
  return false;
}

/**
 * Adds our CSP to every document response the session sees (a second copy of the app:// header); the mail document
 * keeps its own policy (csp.ts cspForUrl, docs/reader.md).
 */
export function addCspHeader(
  details: Pick<OnHeadersReceivedListenerDetails, 'responseHeaders'> & { url?: string },
  callback: (response: { responseHeaders: Record<string, string[]> }) => void,
): void {
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
  }
  headers['Content-Security-Policy'] = [cspForUrl(details.url)];
  callback({ responseHeaders: headers });
}

/** Schemes a page of ours may load anything from. Mail never comes from the renderer: it goes through main. */
const RENDERER_REQUEST_SCHEMES = new Set(['app:', 'data:', 'blob:', 'devtools:', 'about:']);
export function isAllowedRendererRequest(url: string): boolean {
  try {
    return RENDERER_REQUEST_SCHEMES.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/**
 * The one exception to "no network from web content": an http(s) IMAGE requested by the mail document in its remote
 * variant (`mail-frame.html?remote=1`, which the reader loads only when the user allowed remote content for this
 * message or sender; its CSP allows http(s) images and nothing else). The same request from the app's page, from the
 * default mail document, or of any other kind (script, fetch, WebSocket, font, frame) stays cancelled.
 */
export function isAllowedRemoteImage(details: {
  url: string;
  resourceType?: string;
  frame?: { url: string } | null;
}): boolean {
  if (details.resourceType !== 'image') return false;
  let protocol: string;
  let frameUrl: string | undefined;
  try {
    protocol = new URL(details.url).protocol;
    // A WebFrameMain that has gone away throws on access: then it is not the mail document any more.
    frameUrl = details.frame?.url;
  } catch {
    return false;
  }
  return (protocol === 'https:' || protocol === 'http:') && isRemoteMailFrameUrl(frameUrl);
}

/** Defence in depth behind connect-src/img-src: cancel any http(s), ws(s), file… request from web content. */
export function blockForeignRequests(
  details: Pick<OnBeforeRequestListenerDetails, 'url'> & { resourceType?: string; frame?: { url: string } | null },
  callback: (response: { cancel: boolean }) => void,
): void {
  callback({ cancel: !isAllowedRendererRequest(details.url) && !isAllowedRemoteImage(details) });
}

/** Installed on the default session before the window exists. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
  session.setDevicePermissionHandler(denyDevicePermission);
  session.webRequest.onHeadersReceived(addCspHeader);
  session.webRequest.onBeforeRequest(blockForeignRequests);
}
