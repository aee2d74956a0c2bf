// End to end through the UI, on real servers: Chromium → harness (WebSocket, the real contract) → real engine →
// Dovecot/Postfix on 127.0.0.1 and gnome-keyring over a private D-Bus (issue 2, "Acceptance"). Nothing is mocked.
// The flow: wrong password shows the Vietnamese AUTH_FAILED message; add chuyenvien@; see a pre-delivered message with
// a Vietnamese subject in Hộp thư đến; open it (subject and attachment name exactly); send one to vanthu@; add vanthu@
// through the UI and see it arrive there (and by IMAP, independently). Each screen is photographed (vi, en, dark) and
// checked with axe-core; every request that is not to 127.0.0.1 is blocked and must never have been attempted.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startStack, type StackInfo } from '../scripts/mailstack/index.ts';
import { errorMessage } from '../src/api/errors.ts';
import { ensureRendererBuilt } from '../harness/build.ts';
import { startHarness, type Harness } from '../harness/server.ts';
import { cspViolations, launch, screenshot, seriousA11yViolations, type Session } from './support/browser.ts';
import { fillAccountForm } from './support/forms.ts';
import { deliver, waitForSubject } from './support/mail.ts';
import { minimalPdf } from './support/pdf.ts';

const run = randomBytes(3).toString('hex');
const ATTACHMENT = 'Công văn số 45-UBND.pdf';
const INCOMING = `Công văn số 45/UBND-VP về việc triển khai hệ thống thư điện tử công vụ (${run})`;
const OUTGOING = `Phúc đáp Công văn số 45/UBND-VP: đã nhận và triển khai (${run})`;
const BODY =
  'Kính gửi Văn thư,\n\nPhòng chúng tôi đã nhận Công văn số 45/UBND-VP và sẽ triển khai đúng tiến độ.\n\nTrân trọng.';

async function a11y(page: Page, screen: string): Promise<void> {
  assert.deepEqual(await seriousA11yViolations(page), [], `axe: serious/critical violations on "${screen}"`);
}

describe('mail through the UI, on the real stack', { timeout: 420_000 }, () => {
  let stack: StackInfo;
  let dir: string;
  let harness: Harness;
  let session: Session;
  let page: Page;
  const password = (email: string) => stack.users.find((u) => u.email === email)?.password ?? '';
  const chuyenvien = 'chuyenvien@cantho.gov.vn';
  const vanthu = 'vanthu@cantho.gov.vn';

  before(async () => {
    stack = await startStack({ flavour: 'full' });
    // keytar (in this process, through the harness's engine) talks to the stack's private Secret Service.
    Object.assign(process.env, stack.keyring.env);
    await deliver(stack, {
      from: 'Văn phòng UBND thành phố <vanphong@cantho.gov.vn>',
      to: chuyenvien,
      subject: INCOMING,
      text: 'Kính gửi các phòng, ban,\n\nỦy ban nhân dân thành phố đề nghị các đơn vị triển khai hệ thống thư điện tử công vụ.\n\nTrân trọng.',
      attachments: [
        { filename: ATTACHMENT, content: minimalPdf(['Cong van so 45/UBND-VP']), contentType: 'application/pdf' },
      ],
    });
    await waitForSubject(stack, chuyenvien, INCOMING);
    await ensureRendererBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tcv-mail-e2e-'));
    harness = await startHarness({
      profileDir: join(dir, 'profile'),
      trustedCaFiles: [stack.ca],
      keychainService: `Thư Công Vụ (e2e ${run})`,
    });
    session = await launch();
    page = session.page;
  });

  after(async () => {
    await session?.close();
    await harness?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('first run: welcome and the add-account form, in Vietnamese', async () => {
    await page.goto(harness.url);
    await page.getByRole('heading', { name: 'Chào mừng đến với Thư Công Vụ' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    await page.getByText('Mật khẩu chỉ được lưu trong kho mật khẩu của hệ điều hành').waitFor();
    await screenshot(page, '01-welcome-vi');
    await a11y(page, 'welcome');
  });

  test('a wrong password shows the Vietnamese AUTH_FAILED message in the form', async () => {
    const form = await fillAccountForm(page, stack, chuyenvien, 'sai-mật-khẩu', 'Nguyễn Văn An');
    await form.getByRole('button', { name: 'Thêm tài khoản' }).click();
    const alert = page.getByTestId('add-account-error');
    await alert.waitFor({ timeout: 30_000 });
    assert.equal((await alert.innerText()).trim(), errorMessage('AUTH_FAILED', 'vi'));
    await screenshot(page, '02-add-account-wrong-password-vi');
    await a11y(page, 'add account: wrong password');
  });

  test('add chuyenvien@ and see the Vietnamese message in Hộp thư đến', async () => {
    const form = page.getByTestId('add-account-form');
    await form.getByLabel('Mật khẩu', { exact: false }).first().fill(password(chuyenvien));
    await form.getByRole('button', { name: 'Thêm tài khoản' }).click();
    await page.getByRole('navigation', { name: 'Thư mục' }).waitFor({ timeout: 30_000 });
    const list = page.getByRole('listbox', { name: 'Hộp thư đến' });
    await list.getByRole('option').filter({ hasText: INCOMING }).waitFor({ timeout: 30_000 });
    for (const name of ['Hộp thư đến', 'Thư đã gửi', 'Thư nháp', 'Thùng rác', 'Thư rác', 'Lưu trữ']) {
      await page
        .getByRole('navigation')
        .getByRole('button', { name: new RegExp(`^${name}`) })
        .first()
        .waitFor();
    }
    const row = list.getByRole('option').filter({ hasText: INCOMING });
    await row.getByTestId('attachment-icon').waitFor();
    await page
      .getByTestId('status-text')
      .filter({ hasText: /Đã đồng bộ lúc|Có \S+ thư mới|Sẵn sàng/ })
      .waitFor();
    await screenshot(page, '03-inbox-vi');
    await a11y(page, 'inbox');
  });

  test('open it: subject and attachment name exactly', async () => {
    await page.getByRole('option').filter({ hasText: INCOMING }).click();
    const subject = page.getByTestId('reader-subject');
    await subject.waitFor();
    assert.equal((await subject.innerText()).trim(), INCOMING);
    assert.deepEqual(await page.getByTestId('attachment-name').allInnerTexts(), [ATTACHMENT]);
    assert.match(await page.getByTestId('reader-from').innerText(), /vanphong@cantho\.gov\.vn/);
    assert.match(await page.getByTestId('reader-body').innerText(), /Ủy ban nhân dân thành phố đề nghị/);
    await screenshot(page, '04-reader-vi');
    await a11y(page, 'reader');
  });

  test('the same screen in English and in the dark theme', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('listbox', { name: 'Inbox' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.getByText('Attachments (1)').waitFor();
    await screenshot(page, '05-reader-en');
    await a11y(page, 'reader (en)');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.getByRole('button', { name: 'Light theme' }).waitFor();
    await screenshot(page, '06-reader-en-dark');
    await a11y(page, 'reader (en, dark)');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('listbox', { name: 'Hộp thư đến' }).waitFor();
    await screenshot(page, '07-reader-vi-dark');
    await page.getByRole('button', { name: 'Giao diện sáng' }).click();
    await page.getByRole('button', { name: 'Giao diện tối' }).waitFor();
  });

  test('compose and send to vanthu@ (Ctrl+Enter)', async () => {
    await page.getByRole('button', { name: 'Thư mới' }).click();
    const form = page.getByRole('form', { name: 'Thư mới' });
    await form.waitFor();
    await form.getByLabel('Đến').fill(vanthu);
    await form.getByLabel('Tiêu đề').fill(OUTGOING);
    await form.getByLabel('Nội dung').fill(BODY);
    await screenshot(page, '08-compose-vi');
    await a11y(page, 'compose');
    await form.getByLabel('Nội dung').press('Control+Enter');
    await page.locator('.fui-ToastTitle', { hasText: `Đã gửi thư “${OUTGOING}”.` }).waitFor({ timeout: 30_000 });
    await screenshot(page, '09-sent-vi');
    // Independent witness: the message is in vanthu's INBOX on the server, from chuyenvien.
    const found = await waitForSubject(stack, vanthu, OUTGOING);
    assert.equal(found.from, chuyenvien);
  });

  test('add vanthu@ through the UI and see the message arrive there', async () => {
    await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm tài khoản thư' });
    await dialog.waitFor();
    await fillAccountForm(page, stack, vanthu, password(vanthu), 'Văn thư');
    await screenshot(page, '10-add-account-dialog-vi');
    await a11y(page, 'add account dialog');
    await dialog.getByRole('button', { name: 'Thêm tài khoản' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    const section = page.getByRole('region', { name: vanthu });
    await section.getByRole('button', { name: /^Hộp thư đến/ }).click();
    const list = page.getByRole('listbox', { name: 'Hộp thư đến' });
    const row = list.getByRole('option').filter({ hasText: OUTGOING });
    // The account's first sync runs on its own; F9 is the user's way to ask again.
    for (let i = 0; i < 20 && !(await row.isVisible()); i++) {
      await page.keyboard.press('F9');
      await page.waitForTimeout(500);
    }
    await row.click();
    const subject = page.getByTestId('reader-subject');
    await subject.filter({ hasText: OUTGOING }).waitFor();
    assert.equal((await subject.innerText()).trim(), OUTGOING);
    assert.match(await page.getByTestId('reader-from').innerText(), /chuyenvien@cantho\.gov\.vn/);
    // Compose sends HTML (with a text part): the reader shows it in the mail frame, the same words and paragraphs.
    const shown = await page.frameLocator('iframe[data-testid="mail-frame"]').locator('body').innerText();
    assert.equal(shown.replace(/\s+/g, ' ').trim(), BODY.replace(/\s+/g, ' '));
    await screenshot(page, '11-vanthu-reader-vi');
    await a11y(page, 'second account');
  });

  test('nothing but 127.0.0.1 was ever requested, and the CSP was never violated', async () => {
    assert.deepEqual(session.blocked, []);
    assert.deepEqual(await cspViolations(page), []);
  });
});
