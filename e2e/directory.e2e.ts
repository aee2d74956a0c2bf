// The directory in the UI (issue 5 "Directory UI"), end to end on the real engine through the harness: browse a
// group, search without diacritics and by abbreviation, open a historical body and follow its successor, write to an
// entry and to a group (compose opens with the addresses), import a CSV with planted errors (the report lists each
// on its line, nothing changes) and a clean one (imported after confirming). Screenshots in Vietnamese and English,
// light and dark; axe on every screen.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { MethodName, ParamsIn, Result, ResultOf } from '../src/api/contract.ts';
import { createDispatch } from '../src/api/dispatch.ts';
import { ensureRendererBuilt } from '../harness/build.ts';
import { startHarness, type Harness } from '../harness/server.ts';
import { startStack, type StackInfo } from '../scripts/mailstack/index.ts';
import { cspViolations, launch, screenshot, seriousA11yViolations, type Session } from './support/browser.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const FIXTURES = join(ROOT, 'test/fixtures/directory');
const CAN_THO = join(ROOT, 'data/directory/can-tho.json');

describe('directory UI', { timeout: 240_000 }, () => {
  let stack: StackInfo;
  let dir: string;
  let harness: Harness;
  let session: Session;
  let page: Page;
  let must: <M extends MethodName>(m: M, p: ParamsIn<M>) => Promise<ResultOf<M>>;

  before(async () => {
    stack = await startStack({ flavour: 'full' });
    Object.assign(process.env, stack.keyring.env);
    await ensureRendererBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tcv-directory-e2e-'));
    harness = await startHarness({
      profileDir: join(dir, 'profile'),
      trustedCaFiles: [stack.ca],
      keychainService: `Thư Công Vụ (e2e directory ${randomBytes(3).toString('hex')})`,
    });
    const quiet = { debug() {}, info() {}, warn() {}, error() {} };
    const dispatch = createDispatch(harness.engine.handlers, quiet);
    must = async (m, p) => {
      const r = (await dispatch(m, p)) as Result<ResultOf<typeof m>>;
      if (!r.ok) throw new Error(`${m}: ${r.error.code}`);
      return r.value;
    };
    // The shipped Cần Thơ directory, and an account so compose can open (it sends from one).
    await must('directory.import', { path: CAN_THO });
    const u = stack.users.find((x) => x.role === 'personal');
    assert.ok(u);
    await must('accounts.add', {
      email: u.email,
      password: u.password,
      imap: { host: stack.imap.host, port: stack.imap.port, security: 'starttls' },
      smtp: { host: stack.smtp.host, port: stack.smtp.port, security: 'starttls' },
    });
    session = await launch();
    page = session.page;
    await page.goto(harness.url);
    await page.getByRole('button', { name: 'Danh bạ' }).waitFor();
  });

  after(async () => {
    await session?.close();
    await harness?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const list = () => page.getByTestId('directory-list');
  const options = () => list().getByRole('option');
  const detailName = () => page.locator('#directory-entry-name');
  async function a11y(what: string) {
    assert.deepEqual(await seriousA11yViolations(page), [], `axe: ${what}`);
  }
  async function search(q: string) {
    const box = page.getByTestId('directory-search');
    await box.fill(q);
    await page.getByRole('heading', { name: `Kết quả tìm "${q}"` }).waitFor();
  }

  test('Ctrl+Shift+B opens the directory; browse a group', async () => {
    await page.keyboard.press('Control+Shift+B');
    await list().waitFor();
    // The cursor is in the search box at once.
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('type')), 'search');
    const members = await must('directory.members', { groupId: 'so-ban-nganh' });
    await page
      .getByRole('navigation', { name: 'Nhóm trong danh bạ' })
      .getByRole('button', { name: /Các Sở, ban, ngành thành phố/ })
      .click();
    await page.getByRole('heading', { name: 'Các Sở, ban, ngành thành phố' }).waitFor();
    await page.getByText(`${members.members.length} mục`).waitFor();
    assert.equal(await list().getAttribute('aria-label'), 'Các mục trong danh bạ');
    const first = members.members[0];
    assert.ok(first);
    assert.equal(await options().first().getAttribute('data-entry-id'), first.id);
    // Keyboard: the list takes focus and the arrow keys select.
    await list().focus();
    await page.keyboard.press('ArrowDown');
    await detailName().waitFor();
    assert.equal(await detailName().innerText(), members.members[1]?.name);
    await screenshot(page, 'directory-group-vi');
    await a11y('group');
  });

  test('search as you type: without diacritics, initials and a mixed abbreviation all find Sở Tài chính', async () => {
    for (const q of ['so tai chinh', 'stc', 'Sở TC']) {
      await search(q);
      await page.waitForFunction(() => document.querySelector('[data-testid="directory-list"] [role="option"]'));
      assert.equal(await options().first().getAttribute('data-entry-id'), 'stc', q);
    }
    // Down arrow from the search box goes into the results; the first is selected.
    await page.getByTestId('directory-search').focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() =>
      document.querySelector('#directory-entry-name')?.textContent?.includes('Tài chính'),
    );
    await screenshot(page, 'directory-search-vi');
    await a11y('search');
  });

  test('a historical body says what it was merged into, and the link opens the successor', async () => {
    await search('so thong tin va truyen thong');
    await list().locator('[data-entry-id="sttt"]').click();
    await detailName().filter({ hasText: 'Sở Thông tin và Truyền thông' }).waitFor();
    const bar = page.getByTestId('directory-successor');
    assert.match(await bar.innerText(), /Đã sáp nhập vào Sở Khoa học và Công nghệ/);
    await screenshot(page, 'directory-historical-vi-light');
    await a11y('historical (vi, light)');

    // The same screen in the dark theme, then in English (light and dark).
    await page.getByRole('button', { name: 'Giao diện tối' }).click();
    await page.getByRole('button', { name: 'Giao diện sáng' }).waitFor();
    await screenshot(page, 'directory-historical-vi-dark');
    await a11y('historical (vi, dark)');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Light theme' }).waitFor();
    assert.match(await bar.innerText(), /Merged into Sở Khoa học và Công nghệ/);
    await screenshot(page, 'directory-historical-en-dark');
    await a11y('historical (en, dark)');
    await page.getByRole('button', { name: 'Light theme' }).click();
    await screenshot(page, 'directory-historical-en-light');
    await a11y('historical (en, light)');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('button', { name: 'Giao diện tối' }).waitFor();

    await bar.getByRole('button', { name: /Sở Khoa học và Công nghệ/ }).click();
    await detailName().filter({ hasText: 'Sở Khoa học và Công nghệ' }).waitFor();
    // The successor lists what it took over from.
    await page.locator('[data-entry-link="sttt"]').waitFor();
  });

  test('"Viết thư" opens compose with the address; a group is written to whole', async () => {
    const skhcn = (await must('directory.get', { id: 'skhcn' })).entry;
    assert.ok(skhcn.address);
    await page.getByRole('button', { name: 'Viết thư', exact: true }).click();
    const to = page.getByTestId('compose-to');
    await to.waitFor();
    assert.match((await to.getAttribute('data-addresses')) ?? '', new RegExp(skhcn.address.replace(/[.]/g, '\\.')));
    await screenshot(page, 'directory-write-vi');

    // Back to the directory, a group: every active member with an address.
    await page.getByRole('button', { name: 'Danh bạ' }).click();
    await page
      .getByRole('navigation', { name: 'Nhóm trong danh bạ' })
      .getByRole('button', { name: /Thường trực Thành ủy/ })
      .click();
    await page.getByRole('heading', { name: 'Thường trực Thành ủy' }).waitFor();
    const members = (await must('directory.members', { groupId: 'thuong-truc-thanh-uy' })).members;
    const addresses = members.filter((m) => m.status === 'active' && m.address).map((m) => m.address as string);
    assert.ok(addresses.length > 0);
    await page.getByRole('button', { name: 'Viết thư cho cả nhóm' }).click();
    await to.waitFor();
    const value = (await to.getAttribute('data-addresses')) ?? '';
    for (const a of addresses) assert.ok(value.includes(a), `${a} in ${value}`);
    await page.getByRole('button', { name: 'Danh bạ' }).click();
    await list().waitFor();
  });

  test('import: planted errors are listed on their lines and change nothing; a clean CSV imports after confirming', async () => {
    const before = await must('directory.info', {});
    await page.getByRole('button', { name: 'Nhập danh bạ…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nhập danh bạ từ tệp' });
    await dialog.waitFor();
    await page.getByTestId('directory-import-file').setInputFiles(join(FIXTURES, 'planted-errors.csv'));
    const report = page.getByTestId('directory-import-report');
    await report.waitFor();
    const expected = JSON.parse(readFileSync(join(FIXTURES, 'planted-errors.csv.expected.json'), 'utf8')) as {
      errors: Array<{ line: number; code: string; id: string }>;
    };
    const shown = await report
      .locator('tbody tr[data-severity="error"]')
      .evaluateAll((rows) =>
        rows.map((r) => ({ line: Number(r.getAttribute('data-line')), code: r.getAttribute('data-code') })),
      );
    assert.deepEqual(
      shown.sort((a, b) => a.line - b.line || String(a.code).localeCompare(String(b.code))),
      expected.errors
        .map((e) => ({ line: e.line, code: e.code }))
        .sort((a, b) => a.line - b.line || a.code.localeCompare(b.code)),
    );
    // Each row shows its line number and a Vietnamese message.
    const row = report.locator('tbody tr[data-line="6"][data-code="bad-address"]');
    assert.equal((await row.locator('td').first().innerText()).trim(), '6');
    assert.match(await page.getByTestId('directory-import-summary').innerText(), /10 lỗi/);
    assert.equal(await dialog.getByRole('button', { name: 'Nhập danh bạ', exact: true }).count(), 0);
    await screenshot(page, 'directory-import-errors-vi');
    await a11y('import report');
    assert.deepEqual(await must('directory.info', {}), before, 'nothing changed');

    await page.getByTestId('directory-import-file').setInputFiles(join(FIXTURES, 'sample.csv'));
    await page.getByTestId('directory-import-summary').filter({ hasText: 'Tệp hợp lệ' }).waitFor();
    assert.deepEqual(await must('directory.info', {}), before, 'checked, not imported yet');
    await dialog.getByRole('button', { name: 'Nhập danh bạ', exact: true }).click();
    await page.getByTestId('directory-import-done').waitFor();
    const afterImport = await must('directory.info', {});
    assert.equal(afterImport.source, 'sample.csv');
    assert.notEqual(afterImport.entries, before.entries);
    await screenshot(page, 'directory-import-done-vi');
    await dialog.getByRole('button', { name: 'Đóng' }).click();
    // The list shows the new directory.
    await page.getByText(`${afterImport.entries} mục`).waitFor();
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(session.blocked, []);
  });
});
