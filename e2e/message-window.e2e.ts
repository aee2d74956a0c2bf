// A message in its own window (issue 4; docs/ui.md "A message in its own window") and sending progress in bytes,
// end to end: Chromium → harness → real engine → real Dovecot/Postfix. The harness opens the message window as a
// second page of the browser (its desktop.openWindow), at the same route Electron's BrowserWindow loads.
// - double-click a row (reading pane on the right) → the window shows the full reader; axe; Escape closes it;
// - reply from the window with a 5 MB attachment: compose in that window, "Đang gửi x / y MB" with a bar while SMTP
//   DATA streams (through a proxy passing 2 MB/s, a WAN link), then sent; the message arrives whole;
// - reading pane off: Enter opens the window; the context menu item too; a message deleted meanwhile says so in
//   Vietnamese; screenshots vi/en, light/dark.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { ensureRendererBuilt } from '../harness/build.ts';
import { connectHarness, type HarnessClient } from '../harness/client.ts';
import { startHarness, type Harness } from '../harness/server.ts';
import { doveadm, doveadmSave, type StackInfo } from '../scripts/mailstack/index.ts';
import { TcpProxy, cleanUp } from '../test/compose/support.ts';
import { accountParams, stack as startStack, user } from '../test/support/stack.ts';
import { cspViolations, launch, screenshot, seriousA11yViolations, type Session } from './support/browser.ts';
import { rawMessages } from './support/inbox.ts';
import { composeRaw } from './support/mail.ts';

const run = randomBytes(3).toString('hex');
const FOLDER = `Cửa sổ ${run}`;
const FIRST = `Công văn số 125/UBND-VP về lịch tiếp dân (${run})`;
const SECOND = `Thông báo nghỉ lễ (${run})`;
const sha = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('a message in its own window, and sending progress', { timeout: 300_000 }, () => {
  let info: StackInfo;
  let harness: Harness;
  let api: HarnessClient;
  let session: Session;
  let page: Page;
  let proxy: TcpProxy;
  let dir: string;
  let email: string;
  let sender: string;
  const big = randomBytes(5 * 1024 * 1024);
  let bigPath: string;

  const must = async (...args: Parameters<HarnessClient['call']>) => {
    const r = await api.call(...args);
    if (!r.ok) throw new Error(`${args[0]}: ${r.error.code}`);
    return r.value;
  };
  /** The next page the harness opens (app.openMessageWindow), once its reader or error shows. */
  const nextWindow = async (open: () => Promise<void>): Promise<Page> => {
    const opened = session.context.waitForEvent('page', { timeout: 30_000 });
    await open();
    const win = await opened;
    await win.getByRole('toolbar', { name: 'Cửa sổ thư' }).waitFor({ timeout: 30_000 });
    return win;
  };
  const a11y = async (p: Page, screen: string) =>
    assert.deepEqual(await seriousA11yViolations(p), [], `axe: serious/critical violations on "${screen}"`);

  before(async () => {
    info = await startStack('full');
    email = user(info, 'personal').email;
    sender = user(info, 'custodian').email;
    await doveadm(info, ['mailbox', 'create', '-u', email, FOLDER]);
    for (const [subject, text] of [
      [FIRST, 'Kính gửi các phòng ban: lịch tiếp dân tháng 12 kèm theo.'],
      [SECOND, 'Cơ quan nghỉ lễ theo quy định.'],
    ] as const) {
      await doveadmSave(
        info,
        email,
        FOLDER,
        await composeRaw({ from: `Văn thư <${sender}>`, to: email, subject, text }),
      );
    }
    dir = mkdtempSync(join(tmpdir(), 'tcv-window-e2e-'));
    bigPath = join(dir, 'Hồ sơ tiếp dân.bin');
    writeFileSync(bigPath, big);
    proxy = new TcpProxy({ host: info.smtp.host, port: info.smtp.port }, { upBytesPerSecond: 2 * 1024 * 1024 });
    await proxy.start();
    await ensureRendererBuilt();
    harness = await startHarness({
      profileDir: join(dir, 'profile'),
      trustedCaFiles: [info.ca],
      keychainService: `Thư Công Vụ (e2e window ${run})`,
      desktop: {
        dialogs: {
          chooseFiles: async () => [bigPath],
          chooseSaveTarget: async () => null,
          chooseFolder: async () => null,
        },
        // As the app's window.open handler would: a window the page opened, so its own window.close() works.
        openWindow: async (url) => {
          await page.evaluate((u) => void window.open(u, '_blank'), url);
        },
      },
    });
    api = await connectHarness(harness.url);
    const params = accountParams(info, 'personal');
    await must('accounts.add', { ...params, smtp: { ...params.smtp, port: proxy.port } });
    await must('settings.set', { patch: { undoSendSeconds: 0 } });
    session = await launch();
    page = session.page;
    await page.goto(harness.url);
    const nav = page.getByRole('navigation', { name: 'Thư mục' });
    await nav.waitFor({ timeout: 30_000 });
    await nav
      .getByRole('button', { name: new RegExp(`^${FOLDER}`) })
      .first()
      .click({ timeout: 30_000 });
    await page.getByRole('option').filter({ hasText: FIRST }).waitFor({ timeout: 30_000 });
  });

  after(async () => {
    await session?.close();
    await api?.close();
    await harness?.close();
    await proxy?.stop();
    await doveadm(info, ['mailbox', 'delete', '-u', email, FOLDER]).catch(() => undefined);
    await cleanUp(info, 'personal', ['Sent'], run).catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('double-click opens the full reader in its own window; Escape closes it', async () => {
    const win = await nextWindow(() => page.getByRole('option').filter({ hasText: FIRST }).dblclick());
    await win.getByTestId('reader-subject').filter({ hasText: FIRST }).waitFor({ timeout: 30_000 });
    assert.match(await win.getByTestId('reader-from').innerText(), /vanthu@cantho\.gov\.vn/);
    for (const id of ['reader-reply', 'reader-reply-all', 'reader-forward', 'message-window-delete']) {
      assert.ok(await win.getByTestId(id).isVisible(), `${id} in the window`);
    }
    await win.waitForFunction((s) => document.title.startsWith(s), FIRST);
    assert.match(win.url(), /#\/message\?account=.*&folder=.*&uid=\d+$/);
    await screenshot(win, 'message-window-01-reader-vi-light');
    await a11y(win, 'message window');
    assert.deepEqual(await cspViolations(win), []);
    const closed = win.waitForEvent('close', { timeout: 10_000 });
    await win.getByTestId('reader').focus();
    // The page closes while the key is still being delivered: Playwright then reports the target as gone.
    await win.keyboard.press('Escape').catch(() => undefined);
    await closed;
  });

  test('reply from the window with 5 MB: progress in bytes, then sent', async (tc) => {
    const win = await nextWindow(() => page.getByRole('option').filter({ hasText: FIRST }).dblclick());
    await win.getByTestId('reader-reply').click();
    const form = win.getByRole('form', { name: 'Thư mới' });
    await form.waitFor();
    assert.equal(await win.getByTestId('compose-subject').inputValue(), `Re: ${FIRST}`);
    await form.getByRole('button', { name: 'Đính kèm', exact: true }).click();
    await form.getByTestId('compose-attachments').getByText('Hồ sơ tiếp dân.bin').waitFor({ timeout: 30_000 });
    // Every label the send button shows, recorded in the page as it changes.
    await win.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __sendLabels: string[] }).__sendLabels = seen;
      new MutationObserver(() => {
        const b = document.querySelector('form button[type="submit"]');
        const text = b?.textContent ?? document.querySelector('.fui-Toast')?.textContent ?? '';
        if (text && !seen.at(-1)?.endsWith(text)) seen.push(`${Math.round(performance.now())} ${text}`);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const started = Date.now();
    await form.getByRole('button', { name: 'Gửi', exact: true }).click();
    // Watched from the click: the toast lasts 3 s, and axe below may take longer than that on a loaded machine.
    const sent = win.locator('.fui-Toast', { hasText: `Đã gửi thư “Re: ${FIRST}”.` }).waitFor({ timeout: 60_000 });
    const bar = win.getByTestId('compose-send-progress');
    await bar.waitFor({ timeout: 30_000 });
    await screenshot(win, 'message-window-02-sending-vi-light');
    await a11y(win, 'sending progress');
    await sent;
    tc.diagnostic(`5 MB reply sent through 2 MB/s in ${Date.now() - started} ms`);
    const labels = await win.evaluate(() => (window as unknown as { __sendLabels: string[] }).__sendLabels);
    const progress = labels.map((l) => l.replace(/^\d+ /, '')).filter((l) => /^Đang gửi [\d,]+ \/ [\d,]+ MB$/.test(l));
    assert.ok(progress.length >= 2, `progress shown while sending: ${JSON.stringify(labels)}`);
    const mb = progress.map((l) => Number((/^Đang gửi ([\d,]+)/.exec(l)?.[1] ?? '').replace(',', '.')));
    assert.deepEqual(
      mb,
      [...mb].sort((a, b) => a - b),
      'the figure only grows',
    );
    // Back to the reader after sending; the message arrived with its attachment intact.
    await win.getByTestId('reader-subject').filter({ hasText: FIRST }).waitFor();
    const [raw] = await rawMessages(info, sender, run, { wait: 30_000, remove: true });
    assert.ok(raw, 'delivered');
    const mail = await simpleParser(raw);
    assert.equal(sha(mail.attachments[0]?.content ?? Buffer.alloc(0)), sha(big), 'the 5 MB file, intact');
    await win.close();
  });

  test('pane off: Enter opens the window; the context menu too; a message deleted meanwhile says so', async () => {
    await must('settings.set', { patch: { readingPane: 'off' } });
    await page.locator('[data-reading-pane="off"]').waitFor();
    await page.getByRole('option').filter({ hasText: SECOND }).click();
    const win = await nextWindow(() => page.keyboard.press('Enter'));
    await win.getByTestId('reader-subject').filter({ hasText: SECOND }).waitFor({ timeout: 30_000 });
    // Deleted from the main window's engine meanwhile: this window says so, in Vietnamese.
    const uid = Number(/uid=(\d+)/.exec(win.url())?.[1]);
    await must('messages.delete', { accountId: email, folder: FOLDER, uids: [uid] });
    await win.getByText('Không tìm thấy thư (có thể đã bị xóa hoặc chuyển đi).').waitFor({ timeout: 30_000 });
    await screenshot(win, 'message-window-03-deleted-vi-light');
    await a11y(win, 'message deleted meanwhile');
    await win.close();

    const row = page.getByRole('option').filter({ hasText: FIRST });
    await row.click({ button: 'right' });
    const viaMenu = await nextWindow(() => page.getByRole('menuitem', { name: 'Mở trong cửa sổ mới' }).click());
    await viaMenu.getByTestId('reader-subject').filter({ hasText: FIRST }).waitFor({ timeout: 30_000 });
    for (const [language, theme] of [
      ['vi', 'dark'],
      ['en', 'light'],
      ['en', 'dark'],
    ] as const) {
      await must('settings.set', { patch: { language, theme } });
      await viaMenu.locator(`html[data-theme="${theme}"]`).waitFor();
      const name = language === 'en' ? 'Message window' : 'Cửa sổ thư';
      await viaMenu.getByRole('toolbar', { name }).waitFor();
      await screenshot(viaMenu, `message-window-04-reader-${language}-${theme}`);
      await a11y(viaMenu, `message window ${language} ${theme}`);
    }
    await must('settings.set', { patch: { language: 'vi', theme: 'light', readingPane: 'right' } });
    await viaMenu.close();
    assert.deepEqual(session.blocked, [], 'nothing but 127.0.0.1 was requested');
  });
});
