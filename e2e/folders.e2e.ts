// Folder management, export and unit mailboxes end to end (issue 4 "Main window", issue 3 "Actions", Article 9.2):
// Chromium → harness → real engine → Dovecot on 127.0.0.1. The folder pane groups the unit mailbox under "Hộp thư đơn
// vị"; the tree is navigated with the keyboard; the context menu (Shift+F10, right-click) creates, renames inline,
// deletes (asking first, with the count) and refuses system folders; names are checked before the server call; a
// folder is exported to mbox and .eml files through the app's folder dialog (a grant, never a path), with progress,
// a cancel, and the files' Message-IDs compared with the server's. Screenshots in vi and en, light and dark; axe on each.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ImapFlow } from 'imapflow';
import type { Page } from 'playwright-core';
import { startStack, type StackInfo } from '../scripts/mailstack/index.ts';
import { connectHarness, type HarnessClient } from '../harness/client.ts';
import { ensureRendererBuilt } from '../harness/build.ts';
import { startHarness, type Harness } from '../harness/server.ts';
import { accountParams, user } from '../test/support/stack.ts';
import { fillFolder, imapClient, uniqueFolder } from '../test/sync/support/fixtures.ts';
import { launch, screenshot, seriousA11yViolations, type Session } from './support/browser.ts';

const run = randomBytes(3).toString('hex');
// Vietnamese names, as a civil servant would make them; unique per run on the shared stack.
const WORK = `Công văn đến ${run}`;
const OLD = `Hồ sơ cũ ${run}`;
const SUB = 'Quý 3';
const RENAMED = 'Quý 3 năm 2026';
const BIG = uniqueFolder('luutru'); // ASCII: filled straight into the Maildir (fast), for the cancel
const BIG_COUNT = 1500;

async function a11y(page: Page, screen: string): Promise<void> {
  assert.deepEqual(await seriousA11yViolations(page), [], `axe: serious/critical violations on "${screen}"`);
}

function message(n: number, subject: string): string {
  return [
    'From: "Sở Tài chính" <stc@cantho.gov.vn>',
    'To: chuyenvien@cantho.gov.vn',
    `Subject: =?UTF-8?B?${Buffer.from(`${subject} số ${n}`).toString('base64')}?=`,
    `Message-ID: <folders-${run}-${n}@cantho.gov.vn>`,
    `Date: ${new Date(Date.UTC(2026, 10, 20, 8, n)).toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'From the start of a line: the export quotes it.',
    'Kính gửi anh/chị.',
    '',
  ].join('\r\n');
}

async function serverIds(imap: ImapFlow, folder: string): Promise<string[]> {
  const ids: string[] = [];
  const lock = await imap.getMailboxLock(folder, { readOnly: true });
  try {
    for await (const m of imap.fetch('1:*', { envelope: true })) ids.push(m.envelope?.messageId ?? '');
  } finally {
    lock.release();
  }
  return ids.sort();
}

async function serverFolders(imap: ImapFlow): Promise<string[]> {
  return (await imap.list()).map((f) => f.path);
}

describe('folders: management, export, unit mailboxes, on the real stack', { timeout: 240_000 }, () => {
  let stack: StackInfo;
  let dir: string;
  let exportDir: string;
  let harness: Harness;
  let api: HarnessClient;
  let session: Session;
  let page: Page;
  let imap: ImapFlow;
  const account = 'chuyenvien@cantho.gov.vn';
  const row = (path: string, acc = account) => page.locator(`[data-account="${acc}"][data-folder="${path}"]`);

  before(async () => {
    stack = await startStack({ flavour: 'full' });
    Object.assign(process.env, stack.keyring.env);
    await ensureRendererBuilt();
    const personal = user(stack, 'personal');
    imap = imapClient(stack, personal.email, personal.password);
    await imap.connect();
    await imap.mailboxCreate(WORK);
    await imap.mailboxCreate(OLD);
    for (let n = 1; n <= 5; n++) await imap.append(WORK, message(n, 'Giấy mời họp'), ['\\Seen']);
    for (let n = 6; n <= 8; n++) await imap.append(OLD, message(n, 'Báo cáo'), n === 8 ? [] : ['\\Seen']);
    await fillFolder(stack, personal.email, BIG, BIG_COUNT);
    dir = mkdtempSync(join(tmpdir(), 'tcv-folders-e2e-'));
    exportDir = mkdtempSync(join(tmpdir(), 'Sao lưu thư '));
    harness = await startHarness({
      profileDir: join(dir, 'profile'),
      trustedCaFiles: [stack.ca],
      keychainService: `Thư Công Vụ (e2e folders ${run})`,
      // The app's native folder picker, answered as the user would: the backup folder.
      desktop: {
        dialogs: {
          chooseFiles: async () => [],
          chooseSaveTarget: async () => null,
          chooseFolder: async () => exportDir,
        },
        watch: false,
      },
    });
    api = await connectHarness(harness.url);
    const added = await api.call('accounts.add', accountParams(stack, 'personal', { displayName: 'Nguyễn Văn An' }));
    assert.ok(added.ok, JSON.stringify(added));
    // The unit mailbox (hộp thư đơn vị) of the office, as an account of kind "unit".
    const unit = await api.call(
      'accounts.add',
      accountParams(stack, 'unit', { displayName: 'Văn phòng UBND quận', kind: 'unit' }),
    );
    assert.ok(unit.ok, JSON.stringify(unit));
    session = await launch();
    page = session.page;
  });

  after(async () => {
    await session?.close();
    await api?.close();
    await harness?.close();
    // Subfolders first: Dovecot refuses to delete a folder that still has children.
    const ours = (await serverFolders(imap).catch(() => [] as string[]))
      .filter((f) => [WORK, OLD, BIG].some((root) => f === root || f.startsWith(`${root}/`)))
      .sort((a, b) => b.length - a.length);
    for (const f of ours) await imap?.mailboxDelete(f).catch(() => {});
    await imap?.logout().catch(() => {});
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (exportDir) rmSync(exportDir, { recursive: true, force: true });
  });

  test('the folder pane: personal accounts, then "Hộp thư đơn vị" with the unit mailbox and its folders', async () => {
    await page.goto(harness.url);
    await row(WORK).waitFor({ timeout: 30_000 });
    await row('INBOX', 'vanphong@cantho.gov.vn').waitFor({ timeout: 30_000 });
    const headings = await page.locator('nav h2, nav h3').allInnerTexts();
    const iPersonal = headings.findIndex((h) => h.includes('Hộp thư cá nhân'));
    const iUnit = headings.findIndex((h) => h.includes('Hộp thư đơn vị'));
    const iAn = headings.findIndex((h) => h.includes('Nguyễn Văn An'));
    const iOffice = headings.findIndex((h) => h.includes('Văn phòng UBND quận'));
    assert.ok(iPersonal >= 0 && iPersonal < iAn && iAn < iUnit && iUnit < iOffice, headings.join(' | '));
    const unitSection = page.locator('section[data-account-kind="unit"]');
    assert.match(await unitSection.locator('h3').innerText(), /Văn phòng UBND quận/);
    assert.equal(await page.getByRole('navigation').getByRole('list').count(), 2, 'one folder list per account');
    await screenshot(page, 'folders-01-pane-unit-vi');
    await a11y(page, 'folder pane with the unit mailbox');
  });

  test('keyboard: one Tab stop, ↓ ↑ Home End move and select, ← → close and open a folder with subfolders', async () => {
    await row('INBOX').click();
    await row('INBOX').focus();
    assert.equal(await row('INBOX').getAttribute('tabindex'), '0');
    assert.equal(await row(WORK).getAttribute('tabindex'), '-1');
    await page.keyboard.press('ArrowDown');
    const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.folder ?? null);
    assert.notEqual(await focused(), 'INBOX');
    assert.equal(
      await page.locator('button[data-folder][aria-current="true"]').getAttribute('data-folder'),
      await focused(),
    );
    await page.keyboard.press('End');
    assert.equal(
      await page.evaluate(() => (document.activeElement as HTMLElement).dataset.account),
      'vanphong@cantho.gov.vn',
    );
    await page.keyboard.press('Home');
    assert.equal(await focused(), 'INBOX');
  });

  test('Shift+F10 opens the folder menu; a new subfolder is checked before the server call, then created', async () => {
    await row(WORK).click();
    await row(WORK).focus();
    await page.keyboard.press('Shift+F10');
    const menu = page.getByRole('menu');
    await menu.waitFor();
    await screenshot(page, 'folders-02-menu-vi');
    await a11y(page, 'folder menu');
    await page.getByRole('menuitem', { name: 'Thư mục con mới…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`Trong: ${WORK}`).waitFor();
    const name = dialog.getByLabel('Tên thư mục');
    await name.fill('Quý 3/2026');
    await dialog.getByText('Tên thư mục không được chứa ký tự phân cấp').waitFor();
    await name.fill('50% kế hoạch');
    await dialog.getByText('không được chứa dấu * hoặc %').waitFor();
    await screenshot(page, 'folders-03-new-invalid-vi');
    await a11y(page, 'new folder dialog with an error');
    await name.fill(SUB);
    await dialog.getByRole('button', { name: 'Tạo' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row(`${WORK}/${SUB}`).waitFor();
    assert.ok((await serverFolders(imap)).includes(`${WORK}/${SUB}`));
    assert.equal(await row(WORK).getAttribute('aria-expanded'), 'true');
    // A duplicate is refused before the call.
    await row(WORK).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Thư mục con mới…' }).click();
    await page.getByRole('dialog').getByLabel('Tên thư mục').fill(SUB);
    await page.getByRole('dialog').getByText('Đã có thư mục với tên này.').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Hủy' }).click();
    // ← closes the folder (its subfolder is hidden), → opens it again.
    await row(WORK).focus();
    await page.keyboard.press('ArrowLeft');
    assert.equal(await row(WORK).getAttribute('aria-expanded'), 'false');
    assert.equal(await row(`${WORK}/${SUB}`).count(), 0);
    await page.keyboard.press('ArrowRight');
    await row(`${WORK}/${SUB}`).waitFor();
  });

  test('inline rename: F2, Escape cancels, Enter saves on the server', async () => {
    const path = `${WORK}/${SUB}`;
    await row(path).click();
    await row(path).focus();
    await page.keyboard.press('F2');
    const box = page.getByRole('textbox', { name: /Tên mới cho thư mục/ });
    await box.waitFor();
    await page.keyboard.press('Escape');
    await box.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.folder), path);
    await page.keyboard.press('F2');
    await box.fill('Quý/3');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'ký tự phân cấp' }).waitFor();
    await screenshot(page, 'folders-04-rename-invalid-vi');
    await a11y(page, 'inline rename with an error');
    await box.fill(RENAMED);
    await page.keyboard.press('Enter');
    await row(`${WORK}/${RENAMED}`).waitFor();
    const names = await serverFolders(imap);
    assert.ok(names.includes(`${WORK}/${RENAMED}`) && !names.includes(path), names.join(', '));
    // The renamed folder stays selected.
    assert.equal(await row(`${WORK}/${RENAMED}`).getAttribute('aria-current'), 'true');
  });

  test('system folders cannot be renamed or deleted: the reason, in Vietnamese', async () => {
    await row('INBOX').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Xóa thư mục…' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('Không thể đổi tên hoặc xóa Hộp thư đến và các thư mục hệ thống').waitFor();
    await screenshot(page, 'folders-05-protected-vi');
    await a11y(page, 'protected folder');
    await dialog.getByRole('button', { name: 'Đóng' }).click();
  });

  test('delete asks first and says how many messages go; then the folder is gone from the server', async () => {
    await row(OLD).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Xóa thư mục…' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText(`Xóa thư mục “${OLD}”?`).waitFor();
    await dialog.getByText('3 thư trong thư mục sẽ bị xóa vĩnh viễn').waitFor();
    // Focus starts on "Hủy": Enter never deletes by accident.
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Hủy');
    await screenshot(page, 'folders-06-delete-confirm-vi');
    await a11y(page, 'delete confirmation');
    await dialog.getByRole('button', { name: 'Xóa thư mục' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row(OLD).waitFor({ state: 'detached' });
    assert.ok(!(await serverFolders(imap)).includes(OLD));
    await page.getByTestId('folder-status').getByText(`Đã xóa thư mục “${OLD}”.`).waitFor();
  });

  test('"Dọn sạch thùng rác" asks first with the count (cancelled: the shared Trash stays as it is)', async () => {
    const trash = page.locator(`button[data-account="${account}"][data-folder]`).filter({ hasText: 'Thùng rác' });
    await trash.click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Dọn sạch thùng rác…' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText(/^Dọn sạch thùng rác\?$/).waitFor();
    const text = await dialog.innerText();
    assert.match(text, /(\d[\d.]* thư trong “Thùng rác” sẽ bị xóa vĩnh viễn)|(“Thùng rác” không có thư nào)/);
    await screenshot(page, 'folders-07-empty-trash-vi');
    await a11y(page, 'empty trash confirmation');
    await dialog.getByRole('button', { name: /Hủy|Đóng/ }).click();
  });

  test("export to mbox: folder dialog (a grant), progress, result; the Message-IDs are the server's", async () => {
    await row(WORK).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Xuất thư mục…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Xuất', exact: true }).click();
    await dialog.getByText('Hãy chọn thư mục để lưu bản sao.').waitFor();
    await dialog.getByRole('button', { name: 'Chọn thư mục…' }).click();
    const folderName = exportDir.split('/').pop() as string;
    await dialog.getByTestId('export-destination').filter({ hasText: folderName }).waitFor();
    await screenshot(page, 'folders-08-export-dialog-vi');
    await a11y(page, 'export dialog');
    await dialog.getByRole('button', { name: 'Xuất', exact: true }).click();
    const status = page.getByTestId('folder-status');
    await status
      .getByText(`Đã xuất 5 thư vào “${WORK}.mbox” trong thư mục “${folderName}”.`)
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'folders-09-export-done-vi');
    await a11y(page, 'export done');
    const text = readFileSync(join(exportDir, `${WORK}.mbox`), 'utf8');
    const ids = [...text.matchAll(/^Message-ID: (.+)$/gim)].map((m) => (m[1] as string).trim()).sort();
    assert.deepEqual(ids, await serverIds(imap, WORK));
    assert.match(text, /^>From the start of a line/m, 'mboxrd quoting');
  });

  test('export of a large folder: progress in the status bar, "Hủy xuất" stops it and leaves no file', async () => {
    await row(BIG).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Xuất thư mục…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: /Mỗi thư một tệp \.eml/ }).check();
    await dialog.getByRole('button', { name: 'Chọn thư mục…' }).click();
    await dialog.getByRole('button', { name: 'Xuất', exact: true }).click();
    const status = page.getByTestId('folder-status');
    await status.getByText(new RegExp(`Đang xuất “${BIG}”: [1-9][\\d.]*/1\\.500 thư`)).waitFor({ timeout: 30_000 });
    await screenshot(page, 'folders-10-export-progress-vi');
    // At once: axe takes seconds under load, long enough for the export to finish first.
    await status.getByRole('button', { name: 'Hủy xuất' }).click();
    await status.getByText(`Không xuất được “${BIG}”: Đã hủy xuất thư mục.`, { exact: false }).waitFor();
    await a11y(page, 'export cancelled');
    assert.deepEqual(
      readdirSync(exportDir).filter((f) => f.startsWith(BIG)),
      [],
      'nothing half-written is left',
    );
    await status.getByRole('button', { name: 'Đóng' }).click();
  });

  test('export to .eml files, in English and dark: one file per message, Message-IDs as on the server', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await row(WORK).click({ button: 'right' });
    await page.getByRole('menu').waitFor();
    await screenshot(page, 'folders-11-menu-en-dark');
    await a11y(page, 'folder menu (en, dark)');
    await page.getByRole('menuitem', { name: 'Export folder…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: /One \.eml file per message/ }).check();
    await dialog.getByRole('button', { name: 'Choose folder…' }).click();
    await screenshot(page, 'folders-12-export-dialog-en-dark');
    await a11y(page, 'export dialog (en, dark)');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const status = page.getByTestId('folder-status');
    await status.getByText(/^Exported 5 messages to “/).waitFor({ timeout: 30_000 });
    await screenshot(page, 'folders-13-export-done-en-dark');
    await a11y(page, 'export done (en, dark)');
    const emlDir = join(exportDir, WORK);
    const files = readdirSync(emlDir);
    assert.equal(files.length, 5);
    const ids = files
      .map((f) => /^Message-ID: (.+)$/im.exec(readFileSync(join(emlDir, f), 'utf8'))?.[1]?.trim() ?? '')
      .sort();
    assert.deepEqual(ids, await serverIds(imap, WORK));
    await page.getByRole('button', { name: 'Light theme' }).click();
    await screenshot(page, 'folders-14-pane-unit-en');
    await a11y(page, 'folder pane (en)');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('button', { name: 'Giao diện tối' }).click();
    // The Vietnamese toolbar is wider than 1366 px (its overflow menu is the list owner's): clicking its last buttons
    // scrolls the page sideways; back to the left edge for the picture.
    await page.evaluate(() => document.scrollingElement?.scrollTo(0, 0));
    await screenshot(page, 'folders-15-pane-unit-vi-dark');
    await a11y(page, 'folder pane (vi, dark)');
    await page.getByRole('button', { name: 'Giao diện sáng' }).click();
  });
});
