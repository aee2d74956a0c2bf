// The renderer is served from a custom, privileged `app://tcv/` scheme, not from file:// (Electron security checklist
// item 18, "Avoid usage of the file protocol and prefer usage of custom protocols"): the page gets a real, fixed origin
// for CSP 'self' and for the sender checks in ipc.ts and window.ts, it can read nothing outside the built renderer
// folder, and the grantFileProtocolExtraPrivileges fuse can be turned off (electron-builder.yml).
//
// Pure module: no `electron` import at run time, so test/electron-security.test.ts can load it in plain Node.
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { cspForUrl } from './csp.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'tcv';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * `standard` gives the scheme origin semantics (relative URLs, same-origin checks), `secure` makes it a secure context,
 * `supportFetchAPI` lets module scripts load from it, `codeCache` keeps V8's code cache for our bundles.
 * Deliberately NOT set: `bypassCSP` (our CSP must apply), `corsEnabled` (nothing cross-origin may read it),
 * `allowServiceWorkers`, `stream`.
 */
export const appSchemePrivileges: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/** True for URLs of our own renderer (same scheme and host); everything else is foreign. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    // Non-special schemes have an opaque origin ("null") in WHATWG URL, so compare scheme and host, not `origin`.
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps an app:// URL to a file inside `rootDir`, or null when the URL is foreign or escapes the folder
 * (`..`, encoded `%2e%2e`, backslashes, NUL). `/` serves index.html.
 */
export function resolveAppAsset(rootDir: string, url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (!isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname.split('/').some((segment) => segment === '..')) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = resolve(rootDir);
  const file = resolve(root, relative);
  return file.startsWith(root + sep) ? file : null;
}

/**
 * Headers on every app:// response; the CSP header is the authoritative copy (the meta tag is a second layer). The
 * mail document (csp.ts MAIL_FRAME_PATH, docs/reader.md) gets its own policy, chosen by `url`.
 */
export function appResponseHeaders(file: string, url?: string): Record<string, string> {
  return {
    'content-type': contentTypeFor(file),
    'content-security-policy': cspForUrl(url),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cache-control': 'no-cache',
  };
}

export interface AppRequest {
  url: string;
  method: string;
}

/** The `protocol.handle(APP_SCHEME, …)` handler: serves the built renderer, read-only, and nothing else. */
export function createAppProtocolHandler(
  rootDir: string,
  read: (file: string) => Promise<Uint8Array> = readFile,
): (request: AppRequest) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } });
    }
    const file = resolveAppAsset(rootDir, request.url);
    if (!file) return new Response(null, { status: 404 });
    let body: Uint8Array;
    try {
      body = await read(file);
    } catch {
      return new Response(null, { status: 404 });
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: appResponseHeaders(file, request.url),
    });
  };
}
