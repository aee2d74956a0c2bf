// Emptying Thùng rác and Thư rác to the end (issue 4 "Main window"; docs/ui.md "Folders"): the question names the
// count and says it cannot be undone, "Xóa vĩnh viễn" removes every message on the server (checked by a separate IMAP
// session), the folder's counts go to nothing, and no "Hoàn tác" is offered anywhere. On a private Dovecot of this
// test's own (startPrivateStack): emptying the shared stack's Trash would delete other tests' messages. Trash in
// Vietnamese and light, Junk in English and dark; axe on each question.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ImapFlow } from 'imapflow';
import type { Page } from 'playwright-core';
import { startPrivateStack, type PrivateStack } from '../scripts/mailstack/index.ts';
import { connectHarness } from '../harness/client.ts';
import { ensureRendererBuilt } from '../harness/build.ts';
import { startHarness, type Harness } from '../harness/server.ts';
import { accountParams, user } from '../test/support/stack.ts';
import { imapClient } from '../test/sync/support/fixtures.ts';
import { cspViolations, launch, screenshot, seriousA11yViolations, type Session } from './support/browser.ts';

const run = randomBytes(3).toString('hex');

function message(n: number): string {
  return [
    'From: "Sở Tài chính" <stc@cantho.gov.vn>',
    'To: chuyenvien@cantho.gov.vn',
    `Subject: =?UTF-8?B?${Buffer.from(`Thư cũ số ${n}`).toString('base64')}?=`,
    `Message-ID: <empty-${run}-${n}@cantho.gov.vn>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Kính gửi anh/chị.',
    '',
  ].join('\r\n');
}

describe('emptying Trash and Junk, to the server', { timeout: 240_000 }, () => {
  let priv: PrivateStack;
  let dir: string;
  let harness: Harness;
  let session: Session;
  let page: Page;
  let imap: ImapFlow;
  const paths = { trash: '', junk: '' };
  let account = '';

  const count = async (path: string) => {
    const status = await imap.status(path, { messages: true });
    return status ? (status.messages ?? -1) : -1;
  };
  const row = (path: string) => page.locator(`[data-account="${account}"][data-folder="${path}"]`);
  const a11y = async (screen: string) =>
    assert.deepEqual(await seriousA11yViolations(page), [], `axe: serious/critical violations on "${screen}"`);

  before(async () => {
    // No Postfix: nothing is sent. Its own Dovecot, ports and state folder, removed by dispose().
    priv = await startPrivateStack({ flavour: 'full', postfix: false });
    Object.assign(process.env, priv.info.keyring.env);
    await ensureRendererBuilt();
    const personal = user(priv.info, 'personal');
    account = personal.email;
    imap = imapClient(priv.info, personal.email, personal.password);
    await imap.connect();
    for (const f of await imap.list()) {
      if (f.specialUse === '\\Trash') paths.trash = f.path;
      if (f.specialUse === '\\Junk') paths.junk = f.path;
    }
    assert.ok(paths.trash && paths.junk, `special-use Trash and Junk on the server: ${JSON.stringify(paths)}`);
    // Three in Trash (one unread, so the pane shows a count), two unread in Junk.
    for (let n = 1; n <= 3; n++) await imap.append(paths.trash, message(n), n === 1 ? [] : ['\\Seen']);
    for (let n = 4; n <= 5; n++) await imap.append(paths.junk, message(n), []);
    dir = mkdtempSync(join(tmpdir(), 'tcv-empty-trash-e2e-'));
    harness = await startHarness({
      profileDir: join(dir, 'profile'),
      trustedCaFiles: [priv.info.ca],
      keychainService: `Thư Công Vụ (e2e empty trash ${run})`,
    });
    const api = await connectHarness(harness.url);
    try {
      const added = await api.call('accounts.add', accountParams(priv.info, 'personal'));
      assert.ok(added.ok, JSON.stringify(added));
    } finally {
      await api.close();
    }
    session = await launch();
    page = session.page;
    await page.goto(harness.url);
    // The start-up sync has counted both folders.
    await row(paths.junk).locator('[data-unread-count]').waitFor({ timeout: 60_000 });
    await row(paths.trash).locator('[data-unread-count]').waitFor({ timeout: 30_000 });
  });

  after(async () => {
    await imap?.logout().catch(() => {});
    await session?.close();
    await harness?.close();
    await priv?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('Thùng rác: the count, "cannot be undone", then empty on the server, counts gone, no undo', async () => {
    assert.equal(await count(paths.trash), 3);
    await row(paths.trash).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Dọn sạch thùng rác…' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText(/^Dọn sạch thùng rác\?$/).waitFor();
    await dialog
      .getByText('3 thư trong “Thùng rác” sẽ bị xóa vĩnh viễn khỏi máy chủ. Không thể hoàn tác.', { exact: true })
      .waitFor();
    await screenshot(page, 'empty-trash-01-confirm-vi-light');
    await a11y('empty trash question (vi, light)');
    await dialog.getByRole('button', { name: 'Xóa vĩnh viễn' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('folder-status').getByText('Đã xóa vĩnh viễn 3 thư trong “Thùng rác”.').waitFor();
    assert.equal(await count(paths.trash), 0, 'the server holds nothing in Trash');
    await row(paths.trash).locator('[data-unread-count]').waitFor({ state: 'detached' });
    assert.equal(await page.getByRole('button', { name: 'Hoàn tác' }).count(), 0, 'no undo for a permanent delete');
    assert.equal(await count(paths.junk), 2, 'Junk untouched');
    await screenshot(page, 'empty-trash-02-done-vi-light');
    await a11y('trash emptied (vi, light)');
  });

  test('Thư rác in English and dark: the same to the end', async () => {
    await page.getByRole('banner').getByRole('button', { name: 'English' }).click();
    // The last result is read in the language shown now, folder name included.
    await page.getByTestId('folder-status').getByText('3 messages in “Deleted Items” deleted for good.').waitFor();
    await page.getByRole('banner').getByRole('button', { name: 'Dark theme' }).click();
    await row(paths.junk).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Empty Junk…' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText(/^Empty Junk\?$/).waitFor();
    await dialog.getByText(/The 2 messages in “Junk[^”]*” will be deleted .* This cannot be undone\./).waitFor();
    await screenshot(page, 'empty-trash-03-junk-confirm-en-dark');
    await a11y('empty junk question (en, dark)');
    await dialog.getByRole('button', { name: 'Delete for good' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByTestId('folder-status')
      .getByText(/^2 messages in “Junk[^”]*” deleted for good\.$/)
      .waitFor();
    assert.equal(await count(paths.junk), 0, 'the server holds nothing in Junk');
    await row(paths.junk).locator('[data-unread-count]').waitFor({ state: 'detached' });
    assert.equal(await page.getByRole('button', { name: 'Undo' }).count(), 0, 'no undo for a permanent delete');
    // Emptied already: the question says so and offers nothing to confirm.
    await row(paths.trash).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Empty Deleted Items…' }).click();
    await dialog.getByText(/holds no messages\.$/).waitFor();
    assert.equal(await dialog.getByRole('button', { name: 'Delete for good' }).count(), 0);
    await screenshot(page, 'empty-trash-04-nothing-en-dark');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  test('nothing left the machine and the CSP was never violated', async () => {
    assert.deepEqual(session.blocked, []);
    assert.deepEqual(await cspViolations(page), []);
  });
});
