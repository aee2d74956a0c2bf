// Search end to end, on the real stack through the browser harness: Ctrl+E focuses the one box; suggestions as you type
// (operators with their Vietnamese explanation, people from the directory for from:, today for after:, recent
// searches); a folded Vietnamese query ("thu moi") finds "Thư mời" and the list shows the results with their count;
// opening one marks the terms in the reader's subject and in the HTML body (inside the script-free mail document);
// empty and error states; the way back to the folder. Screenshots and axe on each screen in Vietnamese, then the
// suggestions, results and reader again in Vietnamese dark, English light and English dark.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { connectHarness } from '../harness/client.ts';
import { seriousViolations, startReaderE2E, waitForMailFrame, type ReaderE2E } from '../test/reader/support/e2e.ts';
import { htmlMessage } from '../test/reader/support/hostile.ts';
import { loadApp } from './support/app.ts';
import { cspViolations, screenshot } from './support/browser.ts';

const run = randomBytes(3).toString('hex');
const FOLDER = `Search-${run}`;
const INVITE = `Thư mời họp giao ban quý I (${run})`;
const REPORT = `Báo cáo tình hình kinh tế xã hội (${run})`;
const DIRECTORY = join(import.meta.dirname, '..', 'test', 'fixtures', 'directory', 'sample.csv');

async function a11y(page: Page, screen: string): Promise<void> {
  assert.deepEqual(await seriousViolations(page), [], `axe: serious/critical violations on "${screen}"`);
}

/** The marks in the mail document, read from the app's side (the document itself runs no script). */
function frameMarks(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const f = document.querySelector('iframe[data-testid="mail-frame"]') as HTMLIFrameElement | null;
    return [...(f?.contentDocument?.querySelectorAll('mark') ?? [])].map((m) => m.textContent ?? '');
  });
}

describe('search', { timeout: 300_000 }, () => {
  let e: ReaderE2E;
  let page: Page;
  const box = () => page.getByRole('combobox', { name: /^(Tìm kiếm thư|Search mail)$/ });
  const count = () => page.getByTestId('search-count');
  const suggestions = () => page.getByRole('listbox', { name: /^(Gợi ý tìm kiếm|Search suggestions)$/ });

  before(async () => {
    const messages = [
      await htmlMessage({
        from: 'Văn phòng UBND thành phố <vpubnd@cantho.gov.vn>',
        to: 'chuyenvien@cantho.gov.vn',
        subject: INVITE,
        html: `<p>Kính gửi các đồng chí,</p><p>Văn phòng trân trọng <b>kính mời</b> đồng chí dự họp giao ban.</p>
<table><tr><td>Thư</td><td>mời</td></tr></table><p>Thư <i>mời</i> này thay cho giấy mời.</p>`,
      }),
      await htmlMessage({
        from: 'Sở Tài chính <stc@cantho.gov.vn>',
        to: 'chuyenvien@cantho.gov.vn',
        subject: REPORT,
        html: '<p>Báo cáo số liệu quý I.</p>',
      }),
    ];
    e = await startReaderE2E({ folder: FOLDER, messages });
    page = e.page;
    const api = await connectHarness(e.harness.url);
    // The sample has planted problems on some lines; the good records are imported as the UI would after its report.
    const imported = await api.call('directory.importData', {
      name: 'sample.csv',
      dataBase64: readFileSync(DIRECTORY).toString('base64'),
      format: 'csv',
      acceptErrors: true,
    });
    await api.close();
    assert.ok(imported.ok, `the sample directory is imported: ${imported.ok ? '' : imported.error.message}`);
    await loadApp(page, e.harness.url);
    // Opening the folder syncs it into the cache the search reads.
    await page
      .getByRole('navigation')
      .getByRole('button', { name: new RegExp(`^${FOLDER}`) })
      .first()
      .click();
    await page.getByRole('option').filter({ hasText: INVITE }).waitFor({ timeout: 30_000 });
  });

  after(async () => {
    await e?.close();
  });

  test('Ctrl+E focuses the box; operators are suggested with what they do', async () => {
    await page.getByRole('listbox').first().focus();
    await page.keyboard.press('Control+E');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'combobox');
    await box().pressSequentially('is:u');
    const suggestion = suggestions().getByRole('option', { name: /is:unread/ });
    await suggestion.waitFor();
    assert.match(await suggestion.innerText(), /thư chưa đọc/);
    await screenshot(page, 'search-suggest-operator-vi');
    await a11y(page, 'search: operator suggestions');
    await page.keyboard.press('ArrowDown');
    assert.equal(await box().getAttribute('aria-activedescendant'), await suggestion.getAttribute('id'));
    await page.keyboard.press('Enter');
    assert.equal(await box().inputValue(), 'is:unread ');
    await box().fill('');
  });

  test('from: suggests people from the directory, found without diacritics', async () => {
    await box().fill('');
    // An open quote keeps the two words together as from:'s value.
    await box().pressSequentially('from:"tai chinh');
    const person = suggestions().getByRole('option', { name: /Sở Tài chính/ });
    await person.waitFor();
    assert.match(await person.innerText(), /stc@cantho\.gov\.vn/);
    await screenshot(page, 'search-suggest-person-vi');
    await person.click();
    assert.equal(await box().inputValue(), 'from:stc@cantho.gov.vn ');
    await box().fill('after:');
    await suggestions()
      .getByRole('option', { name: /^after:\d{2}\/\d{2}\/\d{4}/ })
      .waitFor();
    await box().fill('');
  });

  test('a folded query finds "Thư mời"; the list shows the results and their count', async () => {
    await box().fill('');
    await box().pressSequentially(`thu moi ${run}`);
    await count()
      .filter({ hasText: `1 kết quả cho “thu moi ${run}”` })
      .waitFor({ timeout: 15_000 });
    const results = page.getByTestId('search-results');
    await results.getByRole('option').filter({ hasText: INVITE }).waitFor();
    assert.equal(await results.getByRole('option').filter({ hasText: REPORT }).count(), 0);
    await screenshot(page, 'search-results-vi');
    await a11y(page, 'search: results');
  });

  test('opening a result marks the terms in the subject and in the mail document', async () => {
    await page.keyboard.press('Enter');
    await page.getByTestId('search-results').getByRole('option').filter({ hasText: INVITE }).click();
    await page.getByTestId('reader-subject').filter({ hasText: INVITE }).waitFor();
    await waitForMailFrame(page);
    const subjectMarks = await page.getByTestId('reader-subject').locator('mark').allInnerTexts();
    assert.deepEqual(subjectMarks, ['Thư', 'mời', run]);
    await page.waitForFunction(() => {
      const f = document.querySelector('iframe[data-testid="mail-frame"]') as HTMLIFrameElement | null;
      return (f?.contentDocument?.querySelectorAll('mark').length ?? 0) > 0;
    });
    const marks = await frameMarks(page);
    // "kính mời" (bold), the table's two cells (a block boundary: two words), "Thư <i>mời</i>" across inline elements,
    // and "giấy mời".
    assert.deepEqual(marks, ['mời', 'Thư', 'mời', 'Thư', 'mời', 'mời']);
    await screenshot(page, 'search-reader-highlight-vi');
    await a11y(page, 'search: reader with highlights');
    assert.deepEqual(await cspViolations(page), [], 'no CSP violation while marking the mail document');
  });

  test('nothing found, and a bad date, each say so in Vietnamese', async () => {
    await box().fill(`khongcothunao ${run}`);
    await page.getByText(`Không tìm thấy thư nào cho “khongcothunao ${run}”.`).waitFor({ timeout: 15_000 });
    await screenshot(page, 'search-empty-vi');
    await a11y(page, 'search: nothing found');
    await box().fill('before:31/02/2026');
    await page
      .getByRole('alert')
      .filter({ hasText: /31\/02\/2026|ngày\/tháng\/năm/ })
      .first()
      .waitFor({ timeout: 15_000 });
    await screenshot(page, 'search-bad-date-vi');
  });

  for (const [language, theme] of [
    ['vi', 'dark'],
    ['en', 'light'],
    ['en', 'dark'],
  ] as const) {
    test(`suggestions, results and the reader in ${language}, ${theme}: screenshots and axe`, async () => {
      const api = await connectHarness(e.harness.url);
      const set = await api.call('settings.set', { patch: { language, theme } });
      await api.close();
      assert.ok(set.ok);
      await page.locator(`html[lang="${language}"]`).waitFor();
      const name = `${language}-${theme}`;
      await box().fill('');
      await box().pressSequentially('is:u');
      await suggestions()
        .getByRole('option', { name: /is:unread/ })
        .waitFor();
      await screenshot(page, `search-suggest-operator-${name}`);
      await a11y(page, `search: operator suggestions, ${name}`);
      await box().fill(`thu moi ${run}`);
      await box().press('Enter');
      const results = page.getByTestId('search-results');
      await results.getByRole('option').filter({ hasText: INVITE }).waitFor({ timeout: 15_000 });
      await screenshot(page, `search-results-${name}`);
      await a11y(page, `search: results, ${name}`);
      await results.getByRole('option').filter({ hasText: INVITE }).click();
      await page.getByTestId('reader-subject').filter({ hasText: INVITE }).waitFor();
      await waitForMailFrame(page);
      await page.getByTestId('reader-subject').locator('mark').first().waitFor();
      await screenshot(page, `search-reader-highlight-${name}`);
      await a11y(page, `search: reader with highlights, ${name}`);
      // Marked unread again while selected, then hovered: the unread subject's brand blue on the selected and the
      // hovered row (4.2:1 and 3.9:1 in the dark theme before the row switched to a lighter brand token).
      await results.getByRole('option').filter({ hasText: INVITE }).focus();
      await page.keyboard.press('Control+U');
      const unreadSelected = results.locator('[aria-selected="true"] [data-unread-subject]');
      await unreadSelected.waitFor({ timeout: 10_000 });
      await unreadSelected.hover();
      await screenshot(page, `search-selected-unread-${name}`);
      await a11y(page, `search: selected unread result, hovered, ${name}`);
      // A folder with unread mail under the mouse: its count on the hovered button.
      await page.locator('[data-unread-count]').first().hover();
      await a11y(page, `search: hovered folder with an unread count, ${name}`);
    });
  }

  test('a recent search is suggested; Escape and the back button return to the folder', async () => {
    const back = await connectHarness(e.harness.url);
    assert.ok((await back.call('settings.set', { patch: { language: 'vi', theme: 'light' } })).ok);
    await back.close();
    await page.locator('html[lang="vi"]').waitFor();
    await box().fill(`giao ban ${run}`);
    await box().press('Enter');
    await count()
      .filter({ hasText: `1 kết quả cho “giao ban ${run}”` })
      .waitFor();
    await page.getByRole('button', { name: new RegExp(`^Quay lại ${FOLDER}`) }).click();
    await page.getByRole('listbox', { name: FOLDER }).waitFor();
    assert.equal(await box().inputValue(), '');
    await box().focus();
    await box().pressSequentially('giao');
    await suggestions()
      .getByRole('option', { name: new RegExp(`giao ban ${run}`) })
      .waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    assert.equal(await box().inputValue(), '');
    await page.getByRole('listbox', { name: FOLDER }).waitFor();
    const api = await connectHarness(e.harness.url);
    const prefs = await api.call('settings.get', {});
    await api.close();
    assert.ok(prefs.ok && prefs.value.recentSearches.includes(`giao ban ${run}`), 'kept in the preferences');
  });
});
