// The message list, its actions and the reading pane layout end to end (issue 4 "Main window"), on the real stack:
// Chromium → harness → real engine → Dovecot/Postfix on 127.0.0.1. The account reaches IMAP and SMTP through TCP
// relays (test/sync/support/proxy.ts) so the test can cut the connection and see the status bar go offline, an
// action wait in the queue and a message wait in the outbox. Every server-side effect is checked by IMAP as an
// independent witness. Screens: vi and en, light and dark, axe on each.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ImapFlow } from 'imapflow';
import type { Page } from 'playwright-core';
import type { StackInfo } from '../scripts/mailstack/index.ts';
import { stack, tempDir, testEngine, user, type TestEngine } from '../test/support/stack.ts';
import { TcpProxy } from '../test/sync/support/proxy.ts';
import { composeRaw } from './support/mail.ts';
import { cspViolations, screenshot, seriousA11yViolations } from './support/browser.ts';
import { openApp, type AppE2E } from './support/app.ts';

const run = randomBytes(3).toString('hex');
const SOURCE = `Công văn đến ${run}`;
const TARGET = `Lưu hồ sơ ${run}`;
const EMPTY = `Trống ${run}`;
const SUBJECTS = [
  'Báo cáo tổng kết công tác năm',
  'Công văn về việc tăng cường kỷ luật hành chính',
  'Giấy mời họp triển khai kế hoạch',
  'Kế hoạch kiểm tra văn thư lưu trữ',
  'Quyết định phân công nhiệm vụ',
  'Thông báo lịch tiếp công dân',
].map((s) => `${s} (${run})`);

async function a11y(page: Page, screen: string): Promise<void> {
  assert.deepEqual(await seriousA11yViolations(page), [], `axe: serious/critical violations on "${screen}"`);
}

async function imap(info: StackInfo, email: string, password: string): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: info.imap.host,
    port: info.imap.tlsPort,
    secure: true,
    auth: { user: email, pass: password },
    tls: { ca: [readFileSync(info.ca, 'utf8')], rejectUnauthorized: true },
    logger: false,
  });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Subjects (and \Seen) in a folder, read by a separate IMAP session. */
async function serverView(client: ImapFlow, folder: string): Promise<Map<string, { seen: boolean; flagged: boolean }>> {
  const out = new Map<string, { seen: boolean; flagged: boolean }>();
  const lock = await client.getMailboxLock(folder);
  try {
    for await (const m of client.fetch('1:*', { envelope: true, flags: true })) {
      out.set(m.envelope?.subject ?? '', {
        seen: m.flags?.has('\\Seen') ?? false,
        flagged: m.flags?.has('\\Flagged') ?? false,
      });
    }
  } catch {
    // An empty mailbox has no 1:*.
  } finally {
    lock.release();
  }
  return out;
}

async function eventually(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('message list, actions and layout on the real stack', { timeout: 600_000 }, () => {
  let info: StackInfo;
  let dir: string;
  let te: TestEngine;
  let app: AppE2E;
  let page: Page;
  let witness: ImapFlow;
  let imapProxy: TcpProxy;
  let smtpProxy: TcpProxy;
  let email: string;

  const row = (subject: string) => page.getByRole('option').filter({ hasText: subject });
  const toast = (text: string) => page.locator('.fui-ToastTitle', { hasText: text });
  const folderButton = (name: string) =>
    page.getByRole('navigation').getByRole('button', { name: new RegExp(`^${name}`) });

  before(async () => {
    info = await stack('full');
    const u = user(info, 'head');
    email = u.email;
    witness = await imap(info, u.email, u.password);
    for (const f of [SOURCE, TARGET, EMPTY]) await witness.mailboxCreate(f);
    // Oldest first, a minute apart, so "newest first" is the reverse of SUBJECTS.
    for (const [i, subject] of SUBJECTS.entries()) {
      const raw = await composeRaw({
        from: 'Văn phòng Sở <vanphong@cantho.gov.vn>',
        to: u.email,
        subject,
        text: `Nội dung thư ${i + 1}.`,
        date: new Date(Date.now() - (SUBJECTS.length - i) * 60_000),
      });
      await witness.append(SOURCE, raw, i === 0 ? ['\\Seen'] : []);
    }
    imapProxy = new TcpProxy(info.imap.host, info.imap.port);
    smtpProxy = new TcpProxy(info.smtp.host, info.smtp.port);
    await imapProxy.start();
    await smtpProxy.start();
    dir = tempDir('tcv-listui-e2e-');
    te = await testEngine({ profileDir: join(dir, 'profile'), trustedCaFiles: [info.ca] });
    await te.must('accounts.add', {
      email: u.email,
      password: u.password,
      imap: { host: '127.0.0.1', port: imapProxy.port, security: 'starttls' },
      smtp: { host: '127.0.0.1', port: smtpProxy.port, security: 'starttls' },
    });
    app = await openApp({ profileDir: te.profileDir, engine: te.engine });
    page = app.page;
  });

  after(async () => {
    await app?.close();
    await te?.engine.close();
    await imapProxy?.cut();
    await smtpProxy?.cut();
    if (witness) {
      for (const f of [SOURCE, TARGET, EMPTY]) await witness.mailboxDelete(f).catch(() => undefined);
      await witness.logout().catch(() => witness.close());
    }
  });

  test('empty states: an empty folder, nothing selected', async () => {
    await page.goto(app.harness.url);
    await folderButton(EMPTY).click();
    await page.getByText('Thư mục này không có thư nào.').waitFor({ timeout: 30_000 });
    await page.getByText('Chọn một thư để đọc.').waitFor();
    await screenshot(page, 'listui-01-empty-vi');
    await a11y(page, 'empty folder');
  });

  test('multi-select with Shift+click, then drag to a folder: the server has them there', async () => {
    await folderButton(SOURCE).click();
    const list = page.getByRole('listbox', { name: SOURCE });
    await row(SUBJECTS[5]!).waitFor({ timeout: 30_000 });
    // Newest first: rows 1…3 are SUBJECTS[5], [4], [3].
    await row(SUBJECTS[5]!).click();
    await row(SUBJECTS[3]!).click({ modifiers: ['Shift'] });
    await page.getByTestId('list-count').filter({ hasText: 'Đã chọn 3 thư' }).waitFor();
    await page.getByText('Đã chọn 3 thư.').waitFor();
    assert.equal(await list.locator('[aria-selected="true"]').count(), 3);
    await screenshot(page, 'listui-02-multiselect-vi');
    await a11y(page, 'three selected');

    await row(SUBJECTS[4]!).dragTo(folderButton(TARGET));
    await toast(`Đã chuyển 3 thư đến “${TARGET}”`).waitFor();
    await row(SUBJECTS[4]!).waitFor({ state: 'detached' });
    assert.equal(await list.getByRole('option').count(), 3);
    await eventually('the three messages are in the target folder on the server', async () => {
      const target = await serverView(witness, TARGET);
      return [3, 4, 5].every((i) => target.has(SUBJECTS[i]!));
    });
    const source = await serverView(witness, SOURCE);
    assert.deepEqual([...source.keys()].sort(), SUBJECTS.slice(0, 3).sort());
  });

  test('Delete moves to Trash; Hoàn tác brings it back, on the server too', async () => {
    await row(SUBJECTS[2]!).click();
    await page.getByRole('listbox', { name: SOURCE }).press('Delete');
    await toast('Đã chuyển 1 thư vào Thùng rác').waitFor();
    await row(SUBJECTS[2]!).waitFor({ state: 'detached' });
    await screenshot(page, 'listui-03-undo-toast-vi');
    await eventually('in Trash on the server', async () => {
      const trash = (await witness.list()).find((f) => f.specialUse === '\\Trash')?.path ?? 'Trash';
      return (await serverView(witness, trash)).has(SUBJECTS[2]!);
    });
    // The toast of this delete (the earlier move's toast may still be up, with its own "Hoàn tác").
    await page
      .locator('.fui-Toast', { hasText: 'Đã chuyển 1 thư vào Thùng rác' })
      .getByRole('button', { name: 'Hoàn tác' })
      .click();
    await row(SUBJECTS[2]!).waitFor();
    await eventually('back on the server', async () => (await serverView(witness, SOURCE)).has(SUBJECTS[2]!));
  });

  test('context menu (Shift+F10) marks unread; Ctrl+Q marks read; sort by subject', async () => {
    const list = page.getByRole('listbox', { name: SOURCE });
    await row(SUBJECTS[0]!).click();
    await list.press('Shift+F10');
    await page.getByRole('menuitem', { name: /Đánh dấu chưa đọc/ }).click();
    await eventually(
      'unread on the server',
      async () => (await serverView(witness, SOURCE)).get(SUBJECTS[0]!)?.seen === false,
    );
    await row(SUBJECTS[0]!).getByText('Chưa đọc').waitFor();
    await list.press('Control+q');
    await eventually(
      'read on the server',
      async () => (await serverView(witness, SOURCE)).get(SUBJECTS[0]!)?.seen === true,
    );

    await page.getByRole('button', { name: /^Sắp xếp/ }).click();
    await page.getByRole('menuitemradio', { name: 'Tiêu đề' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /^Sắp xếp/ }).click();
    await page.getByRole('menuitemradio', { name: 'Tăng dần' }).click();
    await page.keyboard.press('Escape');
    const subjects = async () =>
      (await list.getByRole('option').allInnerTexts()).map((text) => SUBJECTS.find((s) => text.includes(s)));
    await eventually('sorted by subject ascending', async () => {
      const now = await subjects();
      return now.length === 3 && now.join() === [SUBJECTS[0], SUBJECTS[1], SUBJECTS[2]].join();
    });
  });

  test('reading pane at the bottom, resized with the keyboard; off', async () => {
    await row(SUBJECTS[1]!).click();
    await page.getByTestId('reader-subject').filter({ hasText: SUBJECTS[1]! }).waitFor();
    await page.getByRole('button', { name: 'Ngăn đọc' }).click();
    await page.getByRole('menuitemradio', { name: 'Bên dưới' }).click();
    await page.locator('main[data-reading-pane="bottom"]').waitFor();
    const splitter = page.getByRole('separator', { name: /ngăn đọc/ });
    const before = Number(await splitter.getAttribute('aria-valuenow'));
    await splitter.focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(Number(await splitter.getAttribute('aria-valuenow')), before - 5);
    await screenshot(page, 'listui-04-reading-bottom-vi');
    await a11y(page, 'reading pane bottom');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Reading pane' }).waitFor();
    await screenshot(page, 'listui-05-reading-bottom-en');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await screenshot(page, 'listui-06-reading-bottom-en-dark');
    await a11y(page, 'reading pane bottom, en, dark');
    await page.getByRole('button', { name: 'Reading pane' }).click();
    await page.getByRole('menuitemradio', { name: 'Off' }).click();
    await page.locator('main[data-reading-pane="off"]').waitFor();
    assert.equal(await page.getByRole('region', { name: 'Reading pane' }).count(), 0);
    await page.getByRole('button', { name: 'Reading pane' }).click();
    await page.getByRole('menuitemradio', { name: 'Right' }).click();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('button', { name: 'Ngăn đọc' }).waitFor();
  });

  test('status bar: offline when the server is cut, the action waits, the outbox counts, then both drain', async () => {
    await imapProxy.cut();
    await smtpProxy.cut();
    await page.keyboard.press('F9');
    await page.getByTestId('status-offline').filter({ hasText: 'Ngoại tuyến' }).waitFor({ timeout: 30_000 });
    const list = page.getByRole('listbox', { name: SOURCE });
    await row(SUBJECTS[1]!).click();
    await list.press('Insert');
    await page.getByTestId('status-ops').filter({ hasText: '1 thao tác đang chờ gửi' }).waitFor({ timeout: 30_000 });
    const accountId = email.toLowerCase();
    await te.must('messages.send', {
      accountId,
      to: [{ name: 'Văn thư', address: 'vanthu@cantho.gov.vn' }],
      subject: `Thư chờ gửi (${run})`,
      text: 'Gửi khi có mạng.',
    });
    await page.getByTestId('status-outbox').filter({ hasText: 'Hộp thư đi: 1' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'listui-07-offline-vi');
    await page.getByRole('button', { name: 'Giao diện sáng' }).click();
    await screenshot(page, 'listui-08-offline-vi-light');
    await a11y(page, 'offline');

    await imapProxy.restore();
    await smtpProxy.restore();
    await te.must('ops.replay', { accountId });
    // Ask for the retry now rather than after the outbox's backoff (one already sending refuses: fine).
    for (const e of await te.must('outbox.list', {}))
      if (e.state !== 'sent') await te.call('outbox.retry', { id: e.id });
    await page.getByTestId('status-ops').waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByTestId('status-outbox').waitFor({ state: 'detached', timeout: 30_000 });
    await page.keyboard.press('F9');
    await page.getByTestId('status-offline').waitFor({ state: 'detached', timeout: 30_000 });
    await eventually(
      'the flag set offline reached the server',
      async () => (await serverView(witness, SOURCE)).get(SUBJECTS[1]!)?.flagged === true,
    );
  });

  test('nothing left the machine and the CSP was never violated', async () => {
    assert.deepEqual(app.session.blocked, []);
    assert.deepEqual(await cspViolations(page), []);
  });
});
