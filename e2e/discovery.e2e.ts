// First run with discovery (issue 4 "First run"; docs/accounts.md): typing the address finds the servers.
//  - the IT policy pre-fills the stack's servers and locks them, the account is added against the real Dovecot (the
//    policy's CA is what makes TLS verify), and the Article 9.3 reminder shows the policy's link;
//  - autoconfig over HTTPS (a loopback dnsmasq and HTTPS server) pre-fills editable fields with their source;
//  - nothing found: a clear note and empty, editable fields (manual entry).
// Screenshots in Vietnamese and English, light and dark; axe on each screen. Only 127.0.0.1 is contacted.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startStack, type StackInfo } from '../scripts/mailstack/index.ts';
import {
  autoconfigXml,
  makeTestCa,
  startAutoconfigServer,
  startDns,
  type AutoconfigServer,
  type Dns,
} from '../test/discovery/support.ts';
import { screenshot, seriousA11yViolations } from './support/browser.ts';
import { openApp, ownProfile, type AppE2E } from './support/app.ts';

const ORGANISATION = 'Sở Khoa học và Công nghệ thành phố Cần Thơ';
const CHANGE_URL = 'https://mail.cantho.gov.vn/doi-mat-khau';

describe('first run: discovery, policy lock and the password reminder', { timeout: 180_000 }, () => {
  let stack: StackInfo;
  let dir: string;
  let dns: Dns;
  let web: AutoconfigServer;
  let app: AppE2E;
  let page: Page;

  before(async () => {
    stack = await startStack({ flavour: 'full' });
    Object.assign(process.env, stack.keyring.env);
    dir = mkdtempSync(join(tmpdir(), 'tcv-discovery-e2e-'));
    const ca = makeTestCa(dir, ['autoconfig.hcm.test']);
    dns = await startDns(dir, ['test'], []);
    web = await startAutoconfigServer(ca, {
      'autoconfig.hcm.test/mail/config-v1.1.xml': {
        status: 200,
        body: autoconfigXml({
          domain: 'hcm.test',
          imap: { host: stack.imap.host, port: stack.imap.tlsPort, socketType: 'SSL' },
          smtp: { host: stack.smtp.host, port: stack.smtp.port, socketType: 'STARTTLS' },
        }),
      },
    });
    const policyFile = join(dir, 'policy.json');
    writeFileSync(
      policyFile,
      JSON.stringify({
        version: 1,
        organisation: ORGANISATION,
        domains: [stack.domain],
        imap: { host: stack.imap.host, port: stack.imap.tlsPort, security: 'tls' },
        smtp: { host: stack.smtp.host, port: stack.smtp.port, security: 'starttls' },
        lockServers: true,
        caFile: stack.ca,
        passwordChangeUrl: CHANGE_URL,
      }),
    );
    app = await openApp(
      {
        ...ownProfile(dir, 'discovery'),
        // The autoconfig server's CA; the mail stack's CA comes only from the policy.
        trustedCaFiles: [ca.caFile],
        policyFile,
        discoveryDns: `127.0.0.1:${dns.port}`,
        autoconfigPort: web.port,
      },
      'add-account',
    );
    page = app.page;
  });

  after(async () => {
    await app?.close();
    await web?.close();
    await dns?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function a11y(name: string) {
    assert.deepEqual(await seriousA11yViolations(page), [], `axe on ${name}`);
  }
  const form = () => page.getByTestId('add-account-form').last();
  const group = (name: string) => form().getByRole('group', { name });
  async function openDialog(button: string, email: string) {
    await page.getByRole('toolbar').getByRole('button', { name: button }).click();
    await form().getByLabel('Địa chỉ thư điện tử').fill(email);
    await waitNote('found', email);
  }
  /** Waits until the discovery note (of the topmost form) is in `state` for `email`. */
  async function waitNote(state: string, email: string) {
    await page.waitForFunction(
      ([s, e]) => {
        const note = [...document.querySelectorAll('[data-testid="discovery-note"]')].at(-1);
        return note?.getAttribute('data-state') === s && note?.getAttribute('data-email') === e;
      },
      [state, email],
      { timeout: 20_000 },
    );
  }

  test('policy: servers pre-filled and locked, the account added, then the Article 9.3 reminder', async () => {
    const user = stack.users.find((u) => u.role === 'personal');
    assert.ok(user);
    await form().getByLabel('Địa chỉ thư điện tử').fill(user.email);
    await waitNote('found', user.email);
    assert.equal(
      await page.getByTestId('discovery-source').innerText(),
      `Theo chính sách của đơn vị (${ORGANISATION})`,
    );
    await page.getByText('Máy chủ do bộ phận CNTT của đơn vị quy định nên không thay đổi được').waitFor();
    const imap = group('Máy chủ nhận thư (IMAP)');
    const host = imap.getByLabel('Địa chỉ máy chủ');
    assert.equal(await host.inputValue(), stack.imap.host);
    assert.equal(await imap.getByLabel('Cổng').inputValue(), String(stack.imap.tlsPort));
    assert.equal(await host.getAttribute('readonly'), '');
    assert.ok(await imap.getByLabel('Bảo mật kết nối').isDisabled());
    // Typing into a locked field changes nothing.
    await host.press('End');
    await page.keyboard.type('x');
    assert.equal(await host.inputValue(), stack.imap.host);
    const smtp = group('Máy chủ gửi thư (SMTP)');
    assert.equal(await smtp.getByLabel('Cổng').inputValue(), String(stack.smtp.port));
    assert.ok(await form().getByLabel('Mật khẩu này do bộ phận CNTT cấp (chưa đổi lần nào)').isChecked());
    await form().getByLabel('Tên hiển thị').fill('Nguyễn Văn An');
    await form().getByLabel('Mật khẩu', { exact: false }).first().fill(user.password);
    await screenshot(page, 'discovery-01-policy-locked-vi');
    await a11y('policy locked (vi)');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByTestId('discovery-source').getByText(`From your organisation's policy (${ORGANISATION})`).waitFor();
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.getByRole('button', { name: 'Light theme' }).waitFor();
    await screenshot(page, 'discovery-02-policy-locked-en-dark');
    await a11y('policy locked (en, dark)');
    await page.getByRole('button', { name: 'Light theme' }).click();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();

    await form().getByRole('button', { name: 'Thêm tài khoản' }).click();
    const reminder = page.getByTestId('password-reminder');
    await reminder.waitFor({ timeout: 30_000 });
    assert.match(await reminder.innerText(), /Điều 9 khoản 3/);
    assert.equal(await page.getByTestId('password-change-link').getAttribute('href'), CHANGE_URL);
    await screenshot(page, 'discovery-03-password-reminder-vi');
    await a11y('password reminder');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('navigation', { name: 'Thư mục' }).waitFor({ timeout: 30_000 });
  });

  test('autoconfig: editable servers pre-filled with where they came from', async () => {
    await openDialog('Thêm tài khoản', 'nguoidung@hcm.test');
    assert.equal(
      await page.getByTestId('discovery-source').last().innerText(),
      'Theo cấu hình của nhà cung cấp (Thư hcm.test & co (autoconfig.hcm.test:' + web.port + '))',
    );
    const imap = group('Máy chủ nhận thư (IMAP)');
    assert.equal(await imap.getByLabel('Địa chỉ máy chủ').inputValue(), stack.imap.host);
    assert.equal(await imap.getByLabel('Cổng').inputValue(), String(stack.imap.tlsPort));
    assert.equal(await imap.getByLabel('Bảo mật kết nối').inputValue(), 'tls');
    assert.equal(await group('Máy chủ gửi thư (SMTP)').getByLabel('Bảo mật kết nối').inputValue(), 'starttls');
    assert.equal(await imap.getByLabel('Địa chỉ máy chủ').getAttribute('readonly'), null);
    assert.equal(await form().getByLabel('Mật khẩu này do bộ phận CNTT cấp (chưa đổi lần nào)').isChecked(), false);
    await screenshot(page, 'discovery-04-autoconfig-vi');
    await a11y('autoconfig (vi)');
    // The toolbar is inert behind the dialog: close it, switch the theme, and look again.
    await form().getByRole('button', { name: 'Hủy' }).click();
    await page.getByRole('button', { name: 'Giao diện tối' }).click();
    await page.getByRole('button', { name: 'Giao diện sáng' }).waitFor();
    await openDialog('Thêm tài khoản', 'nguoidung@hcm.test');
    await page.getByTestId('discovery-source').last().waitFor();
    await screenshot(page, 'discovery-05-autoconfig-vi-dark');
    await a11y('autoconfig (vi, dark)');
    await form().getByRole('button', { name: 'Hủy' }).click();
    await page.getByRole('button', { name: 'Giao diện sáng' }).click();
    await openDialog('Thêm tài khoản', 'nguoidung@hcm.test');
    // The user's own edit is kept when discovery answers again for the same domain.
    await imap.getByLabel('Cổng').fill('143');
    await imap.getByLabel('Bảo mật kết nối').selectOption('starttls');
    await form().getByLabel('Địa chỉ thư điện tử').fill('nguoidung2@hcm.test');
    await waitNote('found', 'nguoidung2@hcm.test');
    assert.equal(await imap.getByLabel('Cổng').inputValue(), '143');
    await page.getByText('Đã tìm được cấu hình nhưng giữ nguyên máy chủ bạn đã nhập.').waitFor();
  });

  test('nothing found: manual entry, in English too', async () => {
    await form().getByLabel('Địa chỉ thư điện tử').fill('ai@khong-co-cau-hinh.invalid');
    await waitNote('none', 'ai@khong-co-cau-hinh.invalid');
    await page.getByText('Không tìm được cấu hình máy chủ cho địa chỉ này.', { exact: false }).waitFor();
    await screenshot(page, 'discovery-06-none-vi');
    await a11y('nothing found (vi)');
    await form().getByRole('button', { name: 'Hủy' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.getByRole('button', { name: 'Light theme' }).waitFor();
    await page.getByRole('toolbar').getByRole('button', { name: 'Add account' }).click();
    await form().getByLabel('Email address', { exact: false }).fill('ai@khong-co-cau-hinh.invalid');
    await waitNote('none', 'ai@khong-co-cau-hinh.invalid');
    await page.getByText('No server settings were found for this address.', { exact: false }).waitFor();
    await screenshot(page, 'discovery-07-none-en-dark');
    await a11y('nothing found (en, dark)');
  });
});
