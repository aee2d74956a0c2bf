// Desktop integration end to end (issue 4, docs/electron.md "Desktop integration"): Chromium → harness (which runs
// the same launch parsing, grants, watching and notification rules as Electron main) → real engine → Dovecot/Postfix
// on 127.0.0.1. A mailto: launch opens compose filled in; `--compose --attach FILE` opens it with the file attached
// (the page sees a grant token and the name, never the path); new mail delivered by Postfix reaches the watched
// account by IDLE, becomes a notice, and its click opens the message; a raw path from the page's socket is refused.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startStack, type StackInfo } from '../scripts/mailstack/index.ts';
import { connectHarness, type HarnessClient } from '../harness/client.ts';
import { ensureRendererBuilt } from '../harness/build.ts';
import { startHarness, type Harness } from '../harness/server.ts';
import { accountParams } from '../test/support/stack.ts';
import { cspViolations, launch, screenshot, seriousA11yViolations, type Session } from './support/browser.ts';
import { deliver } from './support/mail.ts';
import { minimalPdf } from './support/pdf.ts';

const run = randomBytes(3).toString('hex');
const MAILTO_SUBJECT = `Đề nghị cung cấp số liệu quý III (${run})`;
const ATTACHMENT = `Tờ trình số 12-TTr (${run}).pdf`;
const CLI_SUBJECT = `Gửi tờ trình số 12 (${run})`;
const INCOMING = `Giấy mời họp giao ban tuần (${run})`;

async function a11y(page: Page, screen: string): Promise<void> {
  assert.deepEqual(await seriousA11yViolations(page), [], `axe: serious/critical violations on "${screen}"`);
}

async function waitFor(check: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('desktop integration through the harness, on the real stack', { timeout: 180_000 }, () => {
  let stack: StackInfo;
  let dir: string;
  let harness: Harness;
  let api: HarnessClient;
  let session: Session;
  let page: Page;
  const account = 'chuyenvien@cantho.gov.vn';

  before(async () => {
    stack = await startStack({ flavour: 'full' });
    Object.assign(process.env, stack.keyring.env);
    await ensureRendererBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tcv-desktop-e2e-'));
    writeFileSync(join(dir, ATTACHMENT), minimalPdf(['To trinh so 12']));
    // As if the OS started the app for a mailto: link (RFC 6068, percent-encoded UTF-8, two addresses).
    const mailto =
      `mailto:vanthu@cantho.gov.vn,lanhdao@cantho.gov.vn?cc=vanphong@cantho.gov.vn` +
      `&subject=${encodeURIComponent(MAILTO_SUBJECT)}&body=${encodeURIComponent('Kính gửi anh/chị,\r\n\r\nTrân trọng.')}` +
      `&attach=${encodeURIComponent('/etc/passwd')}`;
    harness = await startHarness({
      profileDir: join(dir, 'profile'),
      trustedCaFiles: [stack.ca],
      keychainService: `Thư Công Vụ (e2e desktop ${run})`,
      desktop: { argv: ['thu-cong-vu', mailto], cwd: dir, batchMs: 300 },
    });
    api = await connectHarness(harness.url);
    // Through the same socket and dispatcher as the page: the account is watched as soon as it is added.
    const added = await api.call('accounts.add', accountParams(stack, 'personal', { displayName: 'Nguyễn Văn An' }));
    assert.ok(added.ok, JSON.stringify(added));
    session = await launch();
    page = session.page;
  });

  after(async () => {
    await session?.close();
    await api?.close();
    await harness?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('mailto: launch → compose opens filled in (to, cc, subject, body), never with a file', async () => {
    await page.goto(harness.url);
    const to = page.getByTestId('compose-to');
    await to.waitFor({ timeout: 30_000 });
    assert.match((await to.getAttribute('data-addresses')) ?? '', /vanthu@cantho\.gov\.vn.*lanhdao@cantho\.gov\.vn/);
    assert.match(
      (await page.getByTestId('compose-cc').getAttribute('data-addresses')) ?? '',
      /vanphong@cantho\.gov\.vn/,
    );
    assert.equal(await page.getByTestId('compose-subject').inputValue(), MAILTO_SUBJECT);
    // The body is the rich-text editor (contenteditable): its text, with the blank line between the two paragraphs.
    assert.match(await page.getByTestId('compose-body').innerText(), /^Kính gửi anh\/chị,\n+Trân trọng\.\s*$/);
    assert.equal(await page.getByTestId('compose-attachments').count(), 0, 'attach= is ignored');
    await screenshot(page, 'desktop-01-mailto-compose-vi');
    await a11y(page, 'compose from mailto:');
  });

  test('--compose --attach FILE (a second launch) → compose opens with the file attached, the page never sees the path', async () => {
    await harness.launch(['thu-cong-vu', '--compose', '--attach', ATTACHMENT, '--subject', CLI_SUBJECT], dir);
    const subject = page.getByTestId('compose-subject');
    await page.waitForFunction(
      (want) => (document.querySelector('[data-testid="compose-subject"]') as HTMLInputElement | null)?.value === want,
      CLI_SUBJECT,
      { timeout: 30_000 },
    );
    assert.equal(await subject.inputValue(), CLI_SUBJECT);
    const list = page.getByTestId('compose-attachments');
    await list.waitFor({ timeout: 30_000 });
    assert.match(await list.innerText(), new RegExp(ATTACHMENT.replace(/[()]/g, '\\$&')));
    assert.ok(!(await page.content()).includes(dir), 'no local path in the page');
    // The engine holds the real path in the draft; the renderer only ever had a token.
    const drafts = harness.engine.handlers;
    const summary = (await drafts['drafts.list']({})).find((d) => d.subject === CLI_SUBJECT);
    assert.ok(summary, 'the compose pane saved a draft');
    const draft = await drafts['drafts.get']({ id: summary.id });
    assert.deepEqual(
      draft.attachments.map((a) => [a.path, a.filename]),
      [[join(dir, ATTACHMENT), ATTACHMENT]],
    );
    await screenshot(page, 'desktop-02-attach-compose-vi');
    await a11y(page, 'compose from --compose --attach');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.getByRole('button', { name: 'Light theme' }).waitFor();
    await list.waitFor();
    await screenshot(page, 'desktop-03-attach-compose-en-dark');
    await a11y(page, 'compose from --compose --attach (en, dark)');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('button', { name: 'Giao diện sáng' }).click();
    await page.getByRole('button', { name: 'Giao diện tối' }).waitFor();
  });

  test('a file that cannot be read is named in a Vietnamese warning; compose still opens', async () => {
    await harness.launch(
      ['thu-cong-vu', '--compose', '--attach', 'Không có tệp này.pdf', '--subject', `Thiếu tệp (${run})`],
      dir,
    );
    // The toast's title; Fluent's Toaster also repeats it in an aria-live region while it announces it.
    await page
      .locator('.fui-ToastTitle', { hasText: 'Không đọc được tệp nên chưa đính kèm: Không có tệp này.pdf' })
      .waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      (want) => (document.querySelector('[data-testid="compose-subject"]') as HTMLInputElement | null)?.value === want,
      `Thiếu tệp (${run})`,
      { timeout: 30_000 },
    );
    assert.equal(await page.getByTestId('compose-attachments').count(), 0);
  });

  test('new mail arrives by IDLE: a notice "sender / subject" and the badge count; its click opens the message', async (t) => {
    const before = harness.notices.length;
    await deliver(stack, {
      from: 'Văn phòng UBND thành phố <vanphong@cantho.gov.vn>',
      to: account,
      subject: INCOMING,
      text: 'Kính mời anh/chị dự họp giao ban tuần vào 8 giờ sáng thứ Hai.',
    });
    const started = Date.now();
    await waitFor(() => harness.notices.slice(before).some((n) => n.body === INCOMING), 60_000, 'the notice');
    const index = harness.notices.findIndex((n, i) => i >= before && n.body === INCOMING);
    t.diagnostic(`delivery → notice: ${Date.now() - started} ms`);
    const notice = harness.notices[index]!;
    assert.equal(notice.title, 'Văn phòng UBND thành phố');
    assert.equal(notice.open?.accountId, account);
    assert.equal(notice.open?.folder, 'INBOX');
    assert.ok(harness.unread >= 1, `badge counts the unread message (${harness.unread})`);
    harness.clickNotice(index);
    const subject = page.getByTestId('reader-subject');
    await subject.filter({ hasText: INCOMING }).waitFor({ timeout: 30_000 });
    assert.equal((await subject.innerText()).trim(), INCOMING);
    await screenshot(page, 'desktop-04-notice-opened-vi');
    await a11y(page, 'message opened from a notice');
  });

  test('a raw path from the page is refused (FILE_NOT_GRANTED); no request left 127.0.0.1; no CSP violation', async () => {
    const r = await api.call('directory.import', { path: '/etc/passwd' });
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.code, 'FILE_NOT_GRANTED');
    const pick = await api.call('files.chooseFiles', { purpose: 'attach' });
    assert.equal(!pick.ok && pick.error.code, 'FILE_DIALOG_UNAVAILABLE', 'no dialog configured in this harness');
    assert.deepEqual(session.blocked, []);
    assert.deepEqual(await cspViolations(page), []);
  });
});
