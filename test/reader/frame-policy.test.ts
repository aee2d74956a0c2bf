// The mail document's own policy (main/csp.ts mailFrameDirectives, docs/reader.md "Three layers"): which URL gets it,
// what it allows, and that every server of the app (Electron's app:// handler, the session's header hook, the browser
// harness) sends it for the mail document and the app's policy for everything else.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  CONTENT_SECURITY_POLICY,
  MAIL_FRAME_CSP,
  MAIL_FRAME_CSP_REMOTE,
  cspForUrl,
  isMailFrameUrl,
  parseCsp,
} from '../../main/csp.ts';
import { createAppProtocolHandler } from '../../main/protocol.ts';
import { addCspHeader, blockForeignRequests } from '../../main/window.ts';
import { startHarness, type Harness } from '../../harness/server.ts';
import type { Handlers } from '../../src/api/contract.ts';

const FRAME_FILE = join(import.meta.dirname, '..', '..', 'renderer', 'public', 'mail-frame.html');

describe('mail document policy', () => {
  test('no script of any kind, styles inline only, images from data: (and http(s) only when allowed)', () => {
    const csp = parseCsp(MAIL_FRAME_CSP);
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    assert.deepEqual(csp.get('script-src'), ["'none'"]);
    assert.deepEqual(csp.get('style-src'), ["'unsafe-inline'"]);
    assert.deepEqual(csp.get('img-src'), ['data:']);
    assert.deepEqual(csp.get('form-action'), ["'none'"]);
    assert.deepEqual(csp.get('base-uri'), ["'none'"]);
    assert.deepEqual(csp.get('frame-ancestors'), ["'self'"]);
    assert.deepEqual(csp.get('sandbox'), ['allow-same-origin']);
    for (const d of ['connect-src', 'font-src', 'media-src', 'frame-src', 'object-src', 'child-src', 'worker-src']) {
      assert.equal(csp.get(d), undefined, `${d} falls back to default-src 'none'`);
    }
    const remote = parseCsp(MAIL_FRAME_CSP_REMOTE);
    assert.deepEqual(remote.get('img-src'), ['data:', 'https:', 'http:']);
    assert.deepEqual({ ...Object.fromEntries(remote), 'img-src': [] }, { ...Object.fromEntries(csp), 'img-src': [] });
  });

  test('only the mail document of our own origin gets it', () => {
    assert.equal(cspForUrl('app://tcv/mail-frame.html'), MAIL_FRAME_CSP);
    assert.equal(cspForUrl('app://tcv/mail-frame.html?remote=1'), MAIL_FRAME_CSP_REMOTE);
    assert.equal(cspForUrl('/mail-frame.html'), MAIL_FRAME_CSP);
    assert.equal(cspForUrl('/mail-frame.html?x=1&remote=1'), MAIL_FRAME_CSP_REMOTE);
    assert.equal(cspForUrl('/mail-frame.html?remote=10'), MAIL_FRAME_CSP);
    for (const url of [
      undefined,
      'app://tcv/index.html',
      '/',
      'https://evil.example/mail-frame.html',
      'http://127.0.0.1:1/mail-frame.html',
      'app://other/mail-frame.html',
      '/assets/mail-frame.html',
    ]) {
      assert.equal(cspForUrl(url), CONTENT_SECURITY_POLICY, String(url));
    }
    assert.equal(isMailFrameUrl('app://tcv/mail-frame.html#x'), true);
  });

  test('mail-frame.html itself has no script, no external resource and an empty body', () => {
    const html = readFileSync(FRAME_FILE, 'utf8');
    assert.ok(
      !/<script|\son\w+\s*=|javascript:|<link|<base|<meta[^>]+refresh|<iframe|<object|<embed|@import|url\(/i.test(html),
    );
    assert.match(html, /<body><\/body>/);
  });

  test('Electron: the app:// handler and the session header hook send the mail policy for the mail document', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tcv-frame-'));
    try {
      writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
      writeFileSync(join(dir, 'mail-frame.html'), readFileSync(FRAME_FILE));
      const handler = createAppProtocolHandler(dir);
      const csp = async (url: string) => (await handler({ url, method: 'GET' })).headers.get('content-security-policy');
      assert.equal(await csp('app://tcv/index.html'), CONTENT_SECURITY_POLICY);
      assert.equal(await csp('app://tcv/mail-frame.html'), MAIL_FRAME_CSP);
      assert.equal(await csp('app://tcv/mail-frame.html?remote=1'), MAIL_FRAME_CSP_REMOTE);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const hooked = (url?: string) => {
      let out: Record<string, string[]> = {};
      addCspHeader({ url, responseHeaders: { 'Content-Security-Policy': ['default-src *'] } }, (r) => {
        out = r.responseHeaders;
      });
      return out['Content-Security-Policy'];
    };
    assert.deepEqual(hooked('app://tcv/mail-frame.html'), [MAIL_FRAME_CSP]);
    assert.deepEqual(hooked('app://tcv/index.html'), [CONTENT_SECURITY_POLICY]);
    assert.deepEqual(hooked('https://evil.example/mail-frame.html'), [CONTENT_SECURITY_POLICY]);
    assert.deepEqual(hooked(undefined), [CONTENT_SECURITY_POLICY]);
  });
});

describe('Electron: remote images reach the network only from the allowed mail document', () => {
  const cancelled = (details: { url: string; resourceType?: string; frame?: { url: string } | null }) => {
    let cancel: boolean | undefined;
    blockForeignRequests(details, (r) => (cancel = r.cancel));
    assert.notEqual(cancel, undefined);
    return cancel;
  };
  const remoteFrame = { url: 'app://tcv/mail-frame.html?remote=1' };

  test('an http(s) image of mail-frame.html?remote=1 passes; the app page, the default mail document and other kinds do not', () => {
    assert.equal(
      cancelled({ url: 'https://cdn.cantho.gov.vn/logo.png', resourceType: 'image', frame: remoteFrame }),
      false,
    );
    assert.equal(
      cancelled({ url: 'http://bao.cantho.gov.vn/a.jpg', resourceType: 'image', frame: remoteFrame }),
      false,
    );
    // The same image from the default (blocked) variant, from the app's page, or without a frame.
    const image = { url: 'https://cdn.cantho.gov.vn/logo.png', resourceType: 'image' };
    assert.equal(cancelled({ ...image, frame: { url: 'app://tcv/mail-frame.html' } }), true);
    assert.equal(cancelled({ ...image, frame: { url: 'app://tcv/mail-frame.html?remote=10' } }), true);
    assert.equal(cancelled({ ...image, frame: { url: 'app://tcv/index.html?remote=1' } }), true);
    assert.equal(cancelled({ ...image, frame: { url: 'https://evil.example/mail-frame.html?remote=1' } }), true);
    assert.equal(cancelled({ ...image, frame: null }), true);
    assert.equal(cancelled({ ...image }), true);
    // Anything that is not an image, even from the allowed document: scripts, fetch/XHR, fonts, frames, WebSockets.
    for (const resourceType of ['script', 'xhr', 'font', 'subFrame', 'webSocket', 'media', 'other']) {
      assert.equal(
        cancelled({ url: 'https://cdn.cantho.gov.vn/x', resourceType, frame: remoteFrame }),
        true,
        resourceType,
      );
    }
    // Other schemes are never remote images; a frame that vanished (WebFrameMain throws) is not the mail document.
    assert.equal(cancelled({ url: 'file:///etc/passwd', resourceType: 'image', frame: remoteFrame }), true);
    assert.equal(cancelled({ url: 'ftp://x/y.png', resourceType: 'image', frame: remoteFrame }), true);
    const gone = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    assert.equal(cancelled({ ...image, frame: gone }), true);
    // The app's own resources are unaffected.
    assert.equal(
      cancelled({ url: 'app://tcv/assets/index.js', resourceType: 'script', frame: { url: 'app://tcv/index.html' } }),
      false,
    );
  });

  test('the same rule as the CSP of each variant (one decision: the ?remote=1 query)', () => {
    for (const url of [
      'app://tcv/mail-frame.html?remote=1',
      'app://tcv/mail-frame.html?x=1&remote=1',
      'app://tcv/mail-frame.html',
    ]) {
      const allowsHttps = (parseCsp(cspForUrl(url)).get('img-src') ?? []).includes('https:');
      const passes = !cancelled({ url: 'https://cdn.cantho.gov.vn/a.png', resourceType: 'image', frame: { url } });
      assert.equal(passes, allowsHttps, url);
    }
  });
});

describe('browser harness: the mail document', () => {
  let dir: string;
  let harness: Harness;

  const get = (path: string, cookie?: string) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: harness.port, path, headers: cookie ? { cookie } : {} }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      });
      req.on('error', reject);
      req.end();
    });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tcv-frame-harness-'));
    const rendererDir = join(dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(rendererDir, 'mail-frame.html'), readFileSync(FRAME_FILE));
    // No engine is needed to serve files.
    const engine = { handlers: {} as Handlers, onEvent: () => () => undefined, close: async () => undefined };
    harness = await startHarness({ profileDir: join(dir, 'profile'), rendererDir, engine });
  });

  after(async () => {
    await harness?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('own policy, frameable by the app only; the page keeps the app policy and X-Frame-Options DENY', async () => {
    const page = await get(`/?token=${harness.token}`);
    assert.equal(page.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
    assert.equal(page.headers['x-frame-options'], 'DENY');
    const cookie = String(page.headers['set-cookie']).split(';')[0] ?? '';
    assert.equal((await get('/mail-frame.html')).status, 403, 'the token or cookie is still required');
    const frame = await get('/mail-frame.html', cookie);
    assert.equal(frame.status, 200);
    assert.equal(frame.headers['content-security-policy'], MAIL_FRAME_CSP);
    assert.equal(frame.headers['x-frame-options'], 'SAMEORIGIN');
    assert.equal(frame.headers['referrer-policy'], 'no-referrer');
    const remote = await get('/mail-frame.html?remote=1', cookie);
    assert.equal(remote.headers['content-security-policy'], MAIL_FRAME_CSP_REMOTE);
  });
});
