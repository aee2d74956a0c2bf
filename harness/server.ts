// Browser harness: serves the built renderer and speaks the API contract over a WebSocket to a real engine, so the
// UI can be tested end to end in Chromium without an Electron binary (design.md "Testing"). For tests and the demo
// only, never shipped. It is a local server that can read and send mail without a password prompt, so:
//  - it binds loopback only and refuses anything else (a literal 127.x.x.x or ::1; not a name, not 0.0.0.0);
//  - every HTTP request and the WebSocket upgrade need a random token (256 bits, compared in constant time);
//  - Host must be the loopback address itself (DNS rebinding), and a browser's Origin must be this server;
//  - it sends the renderer's CSP as a header, serves files only from the build folder (no traversal, no symlinks out).
// Protocol: client → {id, method, params}; server → {id, result} where result is the contract's Result, and
// {event, payload} for engine events. Validation and error mapping are the contract's own dispatch (src/api/dispatch.ts).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIPv4, isIPv6, type AddressInfo, type Socket } from 'node:net';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { WebSocketServer, type WebSocket } from 'ws';
import { CONTENT_SECURITY_POLICY, cspForUrl, isMailFrameUrl } from '../main/csp.ts';
import { isEventName, type EventName } from '../src/api/contract.ts';
import { createDispatch } from '../src/api/dispatch.ts';
import type { OpenMessageRequest } from '../src/api/types-desktop.ts';
import { createDesktopServices, type DesktopServices } from '../src/desktop/host.ts';
import { messageWindowUrl } from '../src/desktop/message-window.ts';
import { parseLaunchArgs } from '../src/desktop/launch.ts';
import type { Notice } from '../src/desktop/notify.ts';
import { followAccounts, startDesktopSession, type DesktopSession } from '../src/desktop/session.ts';
import { createEngine, type Engine } from '../src/engine/index.ts';
import { createFileLogger } from '../src/platform/log.ts';
import type { FileDialogs, Logger } from '../src/platform/types.ts';
import { createKeytarSecretStore } from '../src/secrets/keytar.ts';
import { Resolver } from 'node:dns/promises';
import type { DiscoveryNetwork } from '../src/accounts/discovery/index.ts';
import { loadPolicy } from '../src/policy/load.ts';

export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../out/renderer', import.meta.url));

/** Largest WebSocket message accepted: messages.send carries a body of up to 10 MB (contract), plus JSON escaping. */
const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

export interface HarnessOptions {
  /** Profile folder for the engine (cache, logs). */
  profileDir: string;
  /** Extra CA files trusted for every account (the test stack's CA). */
  trustedCaFiles?: string[];
  /** Loopback address only; anything else throws. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Built renderer (index.html + assets). */
  rendererDir?: string;
  /**
   * Keychain service name for this harness's engine (default: the app's). Tests pass their own, so parallel test
   * engines on the shared test keyring never remove or overwrite each other's entries.
   */
  keychainService?: string;
  /** An engine to serve instead of creating one (tests). Not closed by close(). */
  engine?: Engine;
  log?: Logger;
  /**
   * The desktop host's part (src/desktop): what the app's native dialogs would answer (default: none, so files.*
   * fail with FILE_DIALOG_UNAVAILABLE), the launch command line (as if the app was started with it: a mailto: URL
   * or `--compose --attach FILE`), and whether every account is watched (IDLE) like in the app (default true).
   */
  desktop?: {
    dialogs?: FileDialogs;
    argv?: string[];
    cwd?: string;
    watch?: boolean;
    batchMs?: number;
    /**
     * Opens a page of the browser at `url` (the harness URL with the message route), as Electron opens a message
     * window: e2e tests pass `(url) => context.newPage().goto(url)`. Without it app.openMessageWindow is
     * WINDOW_UNAVAILABLE.
     */
    openWindow?: (url: string) => Promise<void>;
  };
  /** An IT policy file for the engine (docs/policy.md); none by default. */
  policyFile?: string;
  /**
   * Account discovery's network (docs/accounts.md): off unless a loopback DNS server is given ("127.0.0.1:PORT"), so
   * typing an address in the harness never reaches the real DNS. `autoconfigPort`: the test HTTPS server's port.
   */
  discoveryDns?: string;
  autoconfigPort?: number;
}

/** The discovery network for a harness engine: only through a DNS server on a loopback address. */
export function harnessDiscovery(dns: string | undefined, autoconfigPort: number | undefined): DiscoveryNetwork | null {
  if (!dns) return null;
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(dns);
  const host = (m?.[1] ?? '').replace(/^\[|\]$/g, '');
  assertLoopbackHost(host);
  const resolver = new Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([dns]);
  return { resolver, ...(autoconfigPort ? { autoconfigPort } : {}) };
}

export interface Harness {
  /** Page URL including the token: open this. */
  url: string;
  token: string;
  host: string;
  port: number;
  engine: Engine;
  /** File grants and compose requests; the renderer's calls go through this grant store's gate. */
  desktop: DesktopServices;
  /** A later launch (the app's second-instance / open-url): delivers app.compose like the app does. */
  launch(argv: string[], cwd?: string): Promise<void>;
  /** The new-mail notices the app would have shown, oldest first; clickNotice(i) is the user's click. */
  readonly notices: readonly Notice[];
  clickNotice(index: number): void;
  /** The unread total the app's badge and tray would show. */
  readonly unread: number;
  /** The watching / badge / notification session (ready: accounts present at start are watched). */
  session: DesktopSession;
  close(): Promise<void>;
}

/** Throws unless `host` is a literal loopback address. Names are refused: "localhost" can be made to resolve elsewhere. */
export function assertLoopbackHost(host: string): void {
  const loopback = (isIPv4(host) && host.split('.')[0] === '127') || (isIPv6(host) && host === '::1');
  if (!loopback) {
    throw new Error(
      `harness: refusing to listen on "${host}": only a loopback address (127.0.0.1 or ::1) is allowed, ` +
        'because the harness gives access to the mail engine without a password prompt',
    );
  }
}

/** Constant-time token comparison; hashing first makes the comparison independent of the candidate's length. */
export function tokenMatches(expected: string, candidate: string | null | undefined): boolean {
  if (typeof candidate !== 'string' || candidate.length === 0) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(candidate).digest();
  return timingSafeEqual(a, b);
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** `path`: the request's raw path and query; the mail document (docs/reader.md) gets its own policy and may be framed. */
function securityHeaders(res: ServerResponse, path?: string): void {
  const mailFrame = path !== undefined && isMailFrameUrl(path);
  res.setHeader('Content-Security-Policy', mailFrame ? cspForUrl(path) : CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Frame-Options', mailFrame ? 'SAMEORIGIN' : 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function deny(res: ServerResponse, status: number, text: string): void {
  securityHeaders(res);
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text + '\n');
}

function cookieValue(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

/**
 * Maps a URL path onto a file inside root, or null if it would leave it. Segments are checked after percent-decoding
 * (so %2e%2e is caught), backslashes and NUL are refused, and the real path must stay inside the real root, so a
 * symlink cannot lead out either.
 */
export async function resolveStatic(rootReal: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.' || s.startsWith('.'))) return null;
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const candidate = resolve(rootReal, relative);
  if (!candidate.startsWith(rootReal + sep)) return null;
  try {
    const real = await realpath(candidate);
    if (!real.startsWith(rootReal + sep)) return null;
    if (!(await stat(real)).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}

export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  const host = opts.host ?? '127.0.0.1';
  assertLoopbackHost(host);
  const rendererDir = resolve(opts.rendererDir ?? DEFAULT_RENDERER_DIR);
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(
      `harness: no built renderer in ${rendererDir}; build it first (npm run build, or npx vite build -c renderer/vite.config.ts)`,
    );
  }
  const rootReal = realpathSync(rendererDir);
  const log = opts.log ?? createFileLogger(join(opts.profileDir, 'logs', 'harness.log'));
  const ownEngine = !opts.engine;
  // Late-bound: the WebSocket clients exist only later.
  let sendEvent: (event: EventName, payload: unknown) => void = () => {};
  let pageUrl = '';
  const openWindow = opts.desktop?.openWindow;
  const desktop = createDesktopServices({
    dialogs: opts.desktop?.dialogs ?? null,
    emitCompose: (intent) => sendEvent('app.compose', intent),
    // The same page and route as Electron's message window (src/desktop/message-window.ts), in a second page.
    openMessageWindow: openWindow ? (req) => openWindow(messageWindowUrl(pageUrl, req)) : null,
  });
  const engine =
    opts.engine ??
    (await createEngine({
      profileDir: opts.profileDir,
      secrets: createKeytarSecretStore(...(opts.keychainService ? [opts.keychainService] : [])),
      log,
      trustedCaFiles: opts.trustedCaFiles ?? [],
      appVersion: 'harness',
      desktop,
      policy: loadPolicy(opts.policyFile ?? null),
      discovery: harnessDiscovery(opts.discoveryDns, opts.autoconfigPort),
    }));
  // As in the app (main/app.ts): the renderer names files only by grant tokens; the host's own calls are ungated.
  const internal = createDispatch(engine.handlers, log);
  const notices: Notice[] = [];
  let unread = 0;
  const session = startDesktopSession({
    call: internal,
    onEvent: (l) => engine.onEvent(l),
    desktop,
    shell: {
      notify: (n) => void notices.push(n),
      setUnread: (n) => void (unread = n),
      // A headless test browser never has the OS focus; the viewed folder rule is tested in test/desktop.
      isFocused: () => false,
    },
    lang: () => 'vi',
    log,
    ...(opts.desktop?.watch === false ? { watch: false } : {}),
    ...(opts.desktop?.batchMs !== undefined ? { batchMs: opts.desktop.batchMs } : {}),
  });
  const dispatch = followAccounts(
    createDispatch(engine.handlers, log, () => 'vi', { files: desktop.grants }),
    () => session,
  );
  const token = randomBytes(32).toString('base64url');
  let port = 0;
  const cookieName = () => `tcv_harness_${port}`;
  const hostHeaderOk = (req: IncomingMessage) => {
    const h = req.headers.host;
    return h === `${host}:${port}` || h === `[${host}]:${port}` || h === `localhost:${port}`;
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      log.error('harness request failed', { url: req.url?.split('?')[0], error: String(err) });
      if (!res.headersSent) deny(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostHeaderOk(req)) return deny(res, 403, 'Forbidden');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return deny(res, 405, 'Method Not Allowed');
    }
    const url = new URL(req.url ?? '/', 'http://harness.invalid');
    const queryToken = url.searchParams.get('token');
    const viaQuery = tokenMatches(token, queryToken);
    if (!viaQuery && !tokenMatches(token, cookieValue(req, cookieName()))) return deny(res, 403, 'Forbidden');
    // The raw path, not url.pathname: WHATWG URL parsing already removes "..", which would hide a traversal attempt.
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    const file = await resolveStatic(rootReal, rawPath);
    if (!file) return deny(res, 404, 'Not Found');
    const body = await readFile(file);
    securityHeaders(res, req.url ?? '/');
    if (viaQuery) {
      // Assets are requested without the query token; the page's cookie (HttpOnly, SameSite=Strict, this port) covers them.
      res.setHeader('Set-Cookie', `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    const ext = file.slice(file.lastIndexOf('.')).toLowerCase();
    res.writeHead(200, {
      'Content-Type': contentTypes[ext] ?? 'application/octet-stream',
      'Content-Length': body.length,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const clients = new Set<WebSocket>();

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://harness.invalid');
    const origin = req.headers.origin;
    // Browsers always send Origin on a WebSocket handshake; a page from another origin must not get in even with the
    // token. Non-browser clients (tests, the demo) send none.
    const originOk =
      origin === undefined || origin === `http://${host}:${port}` || origin === `http://localhost:${port}`;
    if (
      url.pathname !== '/api' ||
      !hostHeaderOk(req) ||
      !originOk ||
      !tokenMatches(token, url.searchParams.get('token'))
    ) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('error', () => clients.delete(ws));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return void ws.close(1003, 'text frames only');
      let msg: unknown;
      try {
        msg = JSON.parse(data.toString());
      } catch {
        return void ws.close(1007, 'invalid JSON');
      }
      const { id, method, params } = (typeof msg === 'object' && msg !== null ? msg : {}) as {
        id?: unknown;
        method?: unknown;
        params?: unknown;
      };
      if (typeof id !== 'number' && typeof id !== 'string') return;
      void dispatch(typeof method === 'string' ? method : '', params).then((result) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }));
      });
    });
  });

  const broadcast = (event: EventName, payload: unknown): void => {
    if (!isEventName(event)) return;
    const frame = JSON.stringify({ event, payload });
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(frame);
  };
  const unsubscribe = engine.onEvent(broadcast);
  sendEvent = broadcast;
  const launch = async (argv: string[], cwd = opts.desktop?.cwd ?? process.cwd()): Promise<void> => {
    const intent = parseLaunchArgs(argv, cwd);
    if (intent.kind === 'compose') await desktop.intents.deliver(intent);
  };
  if (opts.desktop?.argv) await launch(opts.desktop.argv);

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const address = server.address() as AddressInfo;
  port = address.port;
  // Belt and braces: what the OS actually bound must be loopback too.
  assertLoopbackHost(address.address);
  const urlHost = isIPv6(host) ? `[${host}]` : host;
  pageUrl = `http://${urlHost}:${port}/?token=${token}`;
  log.info('harness listening', { host, port });

  let closed = false;
  return {
    url: pageUrl,
    token,
    host,
    port,
    engine,
    desktop,
    launch,
    notices,
    clickNotice(index: number) {
      const open: OpenMessageRequest | null | undefined = notices[index]?.open;
      if (open) broadcast('app.openMessage', open);
    },
    get unread() {
      return unread;
    },
    session,
    async close() {
      if (closed) return;
      closed = true;
      await session.stop().catch(() => {});
      unsubscribe();
      for (const ws of clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      if (ownEngine) await engine.close();
    },
  };
}

// ---- command line -------------------------------------------------------------------------------------------------

const usage = `Cách dùng / usage: node harness/server.ts --profile DIR [--ca FILE]... [--host 127.0.0.1] [--port 0]
                                   [--renderer DIR] [--keychain-service NAME] [--json]
                                   [--policy FILE] [--dns 127.0.0.1:PORT] [--autoconfig-port N]
Phục vụ giao diện đã build và API qua WebSocket cho kiểm thử (chỉ trên 127.0.0.1, cần token).
Serves the built renderer and the API over a WebSocket for tests (loopback only, token required).`;

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        profile: { type: 'string' },
        ca: { type: 'string', multiple: true },
        host: { type: 'string' },
        port: { type: 'string' },
        renderer: { type: 'string' },
        'keychain-service': { type: 'string' },
        policy: { type: 'string' },
        dns: { type: 'string' },
        'autoconfig-port': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${usage}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(usage + '\n');
    return 0;
  }
  if (!args.profile) {
    process.stderr.write(`--profile is required\n${usage}\n`);
    return 2;
  }
  const port = args.port === undefined ? 0 : Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be 0-65535\n`);
    return 2;
  }
  const harness = await startHarness({
    profileDir: resolve(args.profile),
    trustedCaFiles: (args.ca ?? []).map((f) => resolve(f)),
    host: args.host ?? '127.0.0.1',
    port,
    ...(args.renderer ? { rendererDir: resolve(args.renderer) } : {}),
    ...(args['keychain-service'] ? { keychainService: args['keychain-service'] } : {}),
    ...(args.policy ? { policyFile: resolve(args.policy) } : {}),
    ...(args.dns ? { discoveryDns: args.dns } : {}),
    ...(args['autoconfig-port'] ? { autoconfigPort: Number(args['autoconfig-port']) } : {}),
  });
  if (args.json) {
    process.stdout.write(
      JSON.stringify({ url: harness.url, token: harness.token, port: harness.port, pid: process.pid }) + '\n',
    );
  } else {
    process.stdout.write(`Thư Công Vụ — harness: ${harness.url}\n(Ctrl+C để dừng / to stop)\n`);
  }
  await new Promise<void>((r) => {
    process.once('SIGINT', r);
    process.once('SIGTERM', r);
  });
  await harness.close();
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
