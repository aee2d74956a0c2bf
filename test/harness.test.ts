// The browser harness is a local door into the mail engine: these tests pin its locks (loopback only, token on every
// request and on the WebSocket upgrade, Host and Origin checks, no path traversal, CSP header) and show that a
// contract call round-trips to a real engine, including the boundary's VALIDATION error.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META, parseCsp } from '../main/csp.ts';
import { connectHarness, type HarnessClient } from '../harness/client.ts';
import { assertLoopbackHost, startHarness, tokenMatches, type Harness } from '../harness/server.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw GET: the path is sent exactly as given (no URL normalisation), which is what an attacker would do. */
function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

describe('harness: refuses to bind anything but loopback', () => {
  for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'localhost', 'example.org', '']) {
    test(`refuses "${host}"`, async () => {
      assert.throws(() => assertLoopbackHost(host), /only a loopback address/);
      await assert.rejects(startHarness({ profileDir: '/nonexistent', host }), /only a loopback address/);
    });
  }
  test('accepts 127.0.0.1, 127.0.0.2 and ::1', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', '::1']) assert.doesNotThrow(() => assertLoopbackHost(host));
  });
});

describe('harness: token comparison', () => {
  test('exact token only', () => {
    assert.equal(tokenMatches('abc', 'abc'), true);
    assert.equal(tokenMatches('abc', 'abd'), false);
    assert.equal(tokenMatches('abc', 'abcd'), false);
    assert.equal(tokenMatches('abc', ''), false);
    assert.equal(tokenMatches('abc', null), false);
  });
});

describe('harness: HTTP and WebSocket against a real engine', () => {
  let dir: string;
  let harness: Harness;
  let client: HarnessClient;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tcv-harness-test-'));
    const rendererDir = join(dir, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Thư Công Vụ</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(rendererDir, '.secret'), 'dotfile');
    writeFileSync(join(dir, 'outside.txt'), 'outside the renderer folder');
    symlinkSync(join(dir, 'outside.txt'), join(rendererDir, 'link.txt'));
    harness = await startHarness({ profileDir: join(dir, 'profile'), rendererDir });
    client = await connectHarness(harness.url);
  });

  after(async () => {
    await client?.close();
    await harness?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('listens on 127.0.0.1 with a 256-bit token in the URL', () => {
    assert.equal(harness.host, '127.0.0.1');
    assert.match(harness.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
  });

  test('403 without a token, with a wrong token, or with a wrong Host', async () => {
    assert.equal((await get(harness.port, '/')).status, 403);
    assert.equal((await get(harness.port, '/?token=wrong')).status, 403);
    assert.equal((await get(harness.port, `/?token=${harness.token}x`)).status, 403);
    assert.equal((await get(harness.port, '/assets/app.js')).status, 403);
    // DNS rebinding: a hostile name resolving to 127.0.0.1 still carries its own Host header.
    assert.equal((await get(harness.port, `/?token=${harness.token}`, { Host: 'evil.example:80' })).status, 403);
  });

  test('the page with the token: 200, CSP header, and a cookie that opens the assets', async () => {
    const page = await get(harness.port, `/?token=${harness.token}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Thư Công Vụ/);
    assert.equal(page.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    const cookie = String(page.headers['set-cookie']).split(';')[0] ?? '';
    assert.match(cookie, new RegExp(`^tcv_harness_${harness.port}=`));
    assert.match(String(page.headers['set-cookie']), /HttpOnly/);
    assert.match(String(page.headers['set-cookie']), /SameSite=Strict/);
    const asset = await get(harness.port, '/assets/app.js', { Cookie: cookie });
    assert.equal(asset.status, 200);
    assert.match(String(asset.headers['content-type']), /^text\/javascript/);
  });

  test('no directory traversal, no dotfiles, no symlinks out of the build folder', async () => {
    const q = `?token=${harness.token}`;
    for (const path of [
      '/../outside.txt',
      '/assets/../../outside.txt',
      '/%2e%2e/outside.txt',
      '/%2E%2E%2Foutside.txt',
      '/..%2foutside.txt',
      '/..%5coutside.txt',
      '/assets/..\\..\\outside.txt',
      '/%00index.html',
      '/.secret',
      '/link.txt',
      '/assets',
      '//etc/passwd',
      '/../../../../../../etc/passwd',
    ]) {
      const r = await get(harness.port, path + q);
      assert.ok(r.status === 404 || r.status === 403 || r.status === 400, `${path} → ${r.status}`);
      assert.doesNotMatch(r.body, /outside the renderer folder|dotfile|root:/, path);
    }
  });

  test('only GET and HEAD', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: harness.port, path: `/?token=${harness.token}`, method: 'POST' },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 405);
  });

  test('WebSocket upgrade: 403 without or with a wrong token, or from a foreign Origin', async () => {
    const base = `ws://127.0.0.1:${harness.port}/api`;
    assert.equal(await upgradeStatus(base), 403);
    assert.equal(await upgradeStatus(`${base}?token=nope`), 403);
    assert.equal(await upgradeStatus(`ws://127.0.0.1:${harness.port}/other?token=${harness.token}`), 403);
    assert.equal(await upgradeStatus(`${base}?token=${harness.token}`, { Origin: 'http://evil.example' }), 403);
    assert.equal(
      await upgradeStatus(`${base}?token=${harness.token}`, { Origin: `http://127.0.0.1:${harness.port}` }),
      101,
    );
  });

  test('app.info round-trips to the engine', async () => {
    const r = await client.call('app.info', {});
    assert.equal(r.ok, true);
    assert.ok(r.ok);
    assert.equal(r.value.name, 'Thư Công Vụ');
    assert.equal(r.value.profileDir, join(dir, 'profile'));
  });

  test('bad params are a VALIDATION error with the Vietnamese message, not a crash', async () => {
    const r = await client.call('accounts.add', {
      email: 'not an address',
      imap: { host: 'mail.example', port: 99999, security: 'tls' },
      smtp: { host: 'mail.example', port: 587, security: 'starttls' },
      password: 'x',
    } as never);
    assert.equal(r.ok, false);
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'VALIDATION');
    assert.match(r.error.message, /^Dữ liệu nhập vào không hợp lệ\./);
    assert.match(r.error.message, /email/);
  });

  test('an unknown method is UNKNOWN_METHOD', async () => {
    const r = await client.call('nope.never' as never, {} as never);
    assert.equal(r.ok, false);
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'UNKNOWN_METHOD');
  });
});

describe('renderer CSP', () => {
  test('index.html carries exactly the meta policy main/csp.ts declares', () => {
    const html = readFileSync(new URL('../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    assert.ok(meta, 'CSP meta tag present');
    assert.deepEqual(parseCsp(meta), parseCsp(CONTENT_SECURITY_POLICY_META));
  });
});
