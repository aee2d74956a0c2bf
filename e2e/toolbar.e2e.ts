// The header toolbar fits the window (issue 4: at 1366×768 it used to push "Thiết lập" off-screen): at 1366 and
// 1024 px wide every action is either a visible button inside the window or an item of "Xem thêm" (More), reachable with the
// keyboard, in vi and en, light and dark, with axe on each screen. Real engine and stack behind the harness.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ensureRendererBuilt } from '../harness/build.ts';
import { startHarness, type Harness } from '../harness/server.ts';
import { stack, tempDir, testEngine, user, type TestEngine } from '../test/support/stack.ts';
import { cspViolations, launch, screenshot, seriousA11yViolations, type Session } from './support/browser.ts';

const ACTIONS = {
  vi: ['Thư mới', 'Thư nháp', 'Gửi/Nhận', 'Danh bạ', 'Thêm tài khoản', 'English', 'Giao diện tối', 'Thiết lập'],
  en: ['New message', 'Drafts', 'Send/Receive', 'Directory', 'Add account', 'Tiếng Việt', 'Light theme', 'Settings'],
};

/** Where each action is: a visible toolbar button fully inside the window, or an item of the More menu. */
async function placement(page: Page, labels: string[]): Promise<Record<string, 'bar' | 'more'>> {
  const banner = page.getByRole('banner');
  const width = page.viewportSize()!.width;
  const out: Record<string, 'bar' | 'more'> = {};
  const scroll = await page.evaluate(() => {
    const header = document.querySelector('header')!;
    return [document.documentElement.scrollWidth, window.innerWidth, header.scrollWidth, header.clientWidth];
  });
  assert.ok(scroll[0]! <= scroll[1]!, `nothing wider than the window: ${scroll.join(', ')}`);
  assert.ok(scroll[2]! <= scroll[3]!, `the header's content fits it: ${scroll.join(', ')}`);
  // The toolbar hides what sticks out of it (overflow: hidden), so a button the overflow manager left on the bar after
  // its label grew would be cut off, not wider than the window: each button must lie inside the toolbar itself.
  const bar = (await banner.getByRole('toolbar').boundingBox())!;
  for (const label of labels) {
    const button = banner.getByRole('button', { name: new RegExp(`^${label}`) });
    if ((await button.count()) === 1 && (await button.isVisible())) {
      const box = (await button.boundingBox())!;
      assert.ok(box.x >= 0 && box.x + box.width <= width, `"${label}" inside the window (${box.x}+${box.width})`);
      assert.ok(
        box.x + box.width <= bar.x + bar.width + 0.5,
        `"${label}" not cut off by the toolbar (${box.x}+${box.width} > ${bar.x}+${bar.width})`,
      );
      out[label] = 'bar';
    }
  }
  const missing = labels.filter((l) => !out[l]);
  if (missing.length > 0) {
    await page.getByTestId('toolbar-more').click();
    for (const label of missing) {
      await page.getByRole('menuitem', { name: new RegExp(`^${label}`) }).waitFor();
      out[label] = 'more';
    }
    await page.keyboard.press('Escape');
  }
  return out;
}

describe('header toolbar at 1366 and 1024 px', { timeout: 300_000 }, () => {
  let te: TestEngine;
  let harness: Harness;
  let session: Session;
  let page: Page;

  before(async () => {
    const info = await stack('full');
    const u = user(info, 'personal');
    te = await testEngine({ profileDir: join(tempDir('tcv-toolbar-e2e-'), 'profile'), trustedCaFiles: [info.ca] });
    await te.must('accounts.add', {
      email: u.email,
      password: u.password,
      imap: { host: info.imap.host, port: info.imap.port, security: 'starttls' },
      smtp: { host: info.smtp.host, port: info.smtp.port, security: 'starttls' },
    });
    await ensureRendererBuilt();
    harness = await startHarness({ profileDir: te.profileDir, engine: te.engine });
    session = await launch({ viewport: { width: 1366, height: 768 } });
    page = session.page;
    await page.goto(harness.url);
    await page.getByRole('navigation').getByRole('button').first().waitFor({ timeout: 30_000 });
  });

  after(async () => {
    await session?.close();
    await harness?.close();
    await te?.engine.close();
  });

  test('1366×768: every action on the toolbar, inside the window', async (t) => {
    const where = await placement(page, ACTIONS.vi);
    t.diagnostic(JSON.stringify(where));
    // At 1366 px everything fits (the small toggles are icons): nothing needs "Xem thêm".
    assert.deepEqual(
      Object.values(where),
      ACTIONS.vi.map(() => 'bar'),
    );
    await screenshot(page, 'toolbar-1366-vi');
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  test('1024×768: the rest is in "Xem thêm", opened and used with the keyboard', async (t) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    const where = await placement(page, ACTIONS.vi);
    t.diagnostic(JSON.stringify(where));
    for (const pinned of ['Thư mới', 'Thư nháp', 'English', 'Giao diện tối', 'Thiết lập'])
      assert.equal(where[pinned], 'bar', pinned);
    assert.ok(Object.values(where).includes('more'), 'something moved into Xem thêm at 1024 px');
    // Keyboard only: into the toolbar, to its end (the More button), open it, pick "Thêm tài khoản".
    await page.getByRole('banner').getByRole('button', { name: 'Thư mới' }).focus();
    await page.keyboard.press('End');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'toolbar-more');
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor();
    // Nothing scrolled sideways to show the focused button: the shell and the toolbar both start at their left edge.
    assert.deepEqual(
      await page.evaluate(() => [
        document.querySelector('header')!.getBoundingClientRect().left,
        document.querySelector('header [role="toolbar"]')!.scrollLeft,
      ]),
      [0, 0],
    );
    await screenshot(page, 'toolbar-1024-more-vi');
    assert.deepEqual(await seriousA11yViolations(page), []);
    const item = page.getByRole('menuitem', { name: 'Thêm tài khoản' });
    for (let i = 0; i < 8 && !(await item.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  test('English and dark at both widths', async (t) => {
    const banner = page.getByRole('banner');
    const inBarOrMore = async (label: string) => {
      const button = banner.getByRole('button', { name: label });
      const onBar = await button.waitFor({ timeout: 3000 }).then(
        () => true,
        () => false,
      );
      if (onBar) await button.click();
      else {
        await page.getByTestId('toolbar-more').click();
        await page.getByRole('menuitem', { name: label }).click();
      }
    };
    await inBarOrMore('English');
    await inBarOrMore('Dark theme');
    const where = await placement(page, ACTIONS.en);
    t.diagnostic(`1024 en: ${JSON.stringify(where)}`);
    assert.equal(where['Settings'], 'bar');
    await page.getByTestId('toolbar-more').click();
    await page.getByRole('menu').waitFor();
    await screenshot(page, 'toolbar-1024-more-en-dark');
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1366, height: 768 });
    const wide = await placement(page, ACTIONS.en);
    t.diagnostic(`1366 en: ${JSON.stringify(wide)}`);
    for (const pinned of ['New message', 'Drafts', 'Tiếng Việt', 'Light theme', 'Settings'])
      assert.equal(wide[pinned], 'bar', pinned);
    await screenshot(page, 'toolbar-1366-en-dark');
    assert.deepEqual(await seriousA11yViolations(page), []);
    await inBarOrMore('Light theme');
    await inBarOrMore('Tiếng Việt');
  });

  test('nothing left the machine and the CSP was never violated', async () => {
    assert.deepEqual(session.blocked, []);
    assert.deepEqual(await cspViolations(page), []);
  });
});
