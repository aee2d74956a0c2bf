// Issue 2 acceptance, in the UI: an untrusted certificate, a closed port and a server that drops the connection each
// show their own Vietnamese message in the add-account form (the wrong password is in mail.e2e.ts). Real engine,
// real Dovecot; the harness here trusts no extra CA, as a PC whose IT policy lacks the agency's CA.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startStack, type StackInfo } from '../scripts/mailstack/index.ts';
import { errorMessage, type ErrorCode } from '../src/api/errors.ts';
import { screenshot, seriousA11yViolations } from './support/browser.ts';
import { openApp, ownProfile, type AppE2E } from './support/app.ts';
import { fillAccountForm, type ServerOverride } from './support/forms.ts';

async function listen(onConnection: (s: import('node:net').Socket) => void): Promise<{ server: Server; port: number }> {
  const server = createServer(onConnection);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('no port');
  return { server, port: addr.port };
}

describe('add-account errors in the UI', { timeout: 120_000 }, () => {
  let stack: StackInfo;
  let dir: string;
  let app: AppE2E;
  let page: Page;
  let dropper: Server;
  let dropPort: number;
  let closedPort: number;

  before(async () => {
    stack = await startStack({ flavour: 'full' });
    Object.assign(process.env, stack.keyring.env);
    // A server that accepts and hangs up at once; and a port nothing listens on.
    ({ server: dropper, port: dropPort } = await listen((s) => s.destroy()));
    const closed = await listen((s) => s.destroy());
    closedPort = closed.port;
    await new Promise((r) => closed.server.close(r));
    dir = mkdtempSync(join(tmpdir(), 'tcv-errors-e2e-'));
    app = await openApp({ ...ownProfile(dir, 'errors'), trustedCaFiles: [] }, 'add-account');
    page = app.page;
  });

  after(async () => {
    await app?.close();
    dropper?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function expectError(code: ErrorCode, servers: ServerOverride, shot: string) {
    const user = stack.users.find((u) => u.role === 'head');
    assert.ok(user);
    const form = await fillAccountForm(page, stack, user.email, user.password, 'Lãnh đạo', servers);
    await form.getByRole('button', { name: 'Thêm tài khoản' }).click();
    const alert = page.getByTestId('add-account-error');
    await page.waitForFunction(
      (expected) => document.querySelector('[data-testid="add-account-error"]')?.textContent?.trim() === expected,
      errorMessage(code, 'vi'),
      { timeout: 30_000 },
    );
    assert.equal((await alert.innerText()).trim(), errorMessage(code, 'vi'));
    await screenshot(page, shot);
    assert.deepEqual(await seriousA11yViolations(page), [], `axe on ${shot}`);
  }

  test('an untrusted certificate: TLS_UNTRUSTED', async () => {
    await expectError('TLS_UNTRUSTED', {}, '12-add-account-untrusted-certificate-vi');
  });

  test('a closed port: CONNECTION_REFUSED', async () => {
    await expectError(
      'CONNECTION_REFUSED',
      { imap: { host: '127.0.0.1', port: closedPort, security: 'tls' } },
      '13-add-account-closed-port-vi',
    );
  });

  test('a server that drops the connection: CONNECTION_LOST', async () => {
    await expectError(
      'CONNECTION_LOST',
      { imap: { host: '127.0.0.1', port: dropPort, security: 'starttls' } },
      '14-add-account-connection-dropped-vi',
    );
  });
});
