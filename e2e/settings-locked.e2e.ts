// Settings locked by the IT policy (docs/settings.md "Locked by IT"), end to end: the harness runs the real engine
// with a policy file that fixes remote content, notifications and the prefetch window. The settings screen shows
// those controls read-only with "Do bộ phận CNTT quy định" as their description, the free ones still change, and the
// engine refuses a locked key from any caller (SETTING_LOCKED). Screenshots in Vietnamese and English, light and
// dark; axe on each screen.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ensureRendererBuilt } from '../harness/build.ts';
import { connectHarness } from '../harness/client.ts';
import { startHarness, type Harness } from '../harness/server.ts';
import { errorMessage } from '../src/api/errors.ts';
import { accountParams, stack } from '../test/support/stack.ts';
import { launch, screenshot, seriousA11yViolations, type Session } from './support/browser.ts';

describe('settings locked by the IT policy', { timeout: 180_000 }, () => {
  let dir: string;
  let harness: Harness;
  let session: Session;
  let page: Page;

  const dialog = () => page.getByRole('dialog', { name: /^(Thiết lập|Settings)$/ });
  const tab = async (name: RegExp) => {
    if (!(await dialog().isVisible())) {
      await page.getByRole('button', { name: /^(Thiết lập|Settings)$/ }).click();
      await dialog().waitFor();
    }
    await dialog().getByRole('tab', { name }).click();
  };
  const a11y = async (screen: string) =>
    assert.deepEqual(await seriousA11yViolations(page), [], `axe: serious/critical violations on "${screen}"`);
  /** The text an element is described by (aria-describedby), as a screen reader reads it. */
  const description = (selector: string) =>
    dialog()
      .locator(selector)
      .first()
      .evaluate((el) =>
        (el.getAttribute('aria-describedby') ?? '')
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' ')
          .trim(),
      );

  before(async () => {
    const info = await stack('full');
    await ensureRendererBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tcv-settings-locked-e2e-'));
    const policyFile = join(dir, 'policy.json');
    writeFileSync(
      policyFile,
      JSON.stringify({
        version: 1,
        organisation: 'Sở Nội vụ thành phố Cần Thơ',
        lockedSettings: { remoteContent: 'never', notifications: { enabled: true, sound: false }, prefetchDays: 7 },
      }),
    );
    harness = await startHarness({
      profileDir: join(dir, 'profile'),
      trustedCaFiles: [info.ca],
      keychainService: `Thư Công Vụ (e2e settings locked ${randomBytes(3).toString('hex')})`,
      policyFile,
    });
    const api = await connectHarness(harness.url);
    try {
      const added = await api.call('accounts.add', accountParams(info, 'personal'));
      assert.ok(added.ok, added.ok ? '' : added.error.message);
    } finally {
      await api.close();
    }
    session = await launch();
    page = session.page;
    await page.goto(harness.url);
    await page.getByRole('navigation').first().waitFor({ timeout: 30_000 });
  });

  after(async () => {
    await session?.close();
    await harness?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('locked controls are read-only with the note; the free ones still change', async () => {
    await tab(/^Đọc thư$/);
    const remote = dialog().getByRole('radiogroup', { name: /Nội dung từ xa/ });
    assert.equal(await remote.getByRole('radio', { name: /^Luôn chặn/ }).isChecked(), true);
    for (const radio of await remote.getByRole('radio').all()) assert.equal(await radio.isDisabled(), true);
    assert.equal(await description('[role="radiogroup"]'), 'Do bộ phận CNTT quy định');
    // The reading pane is not locked.
    const pane = dialog().getByRole('radiogroup', { name: 'Vị trí ngăn đọc thư' });
    assert.equal(await pane.getByRole('radio').first().isDisabled(), false);
    await screenshot(page, 'settings-locked-reading-vi-light');
    await a11y('reading, vi, light');

    await tab(/^Thông báo$/);
    for (const name of [/Hiện thông báo/, /Phát âm thanh/]) {
      const sw = dialog().getByRole('switch', { name });
      assert.equal(await sw.isDisabled(), true, String(name));
    }
    assert.equal(await description('[role="switch"]'), 'Do bộ phận CNTT quy định');

    await tab(/^Tải trước$/);
    const days = dialog().getByRole('spinbutton');
    assert.equal(await days.inputValue(), '7');
    assert.equal(await days.getAttribute('readonly'), '');
    assert.equal(await dialog().getByRole('button', { name: 'Lưu' }).isDisabled(), true);
    assert.match(await description('input'), /Do bộ phận CNTT quy định/);

    // Free settings change as usual: dark theme, then English.
    await tab(/^Giao diện$/);
    await dialog().getByRole('radio', { name: 'Tối' }).check();
    await tab(/^Thông báo$/);
    await screenshot(page, 'settings-locked-notifications-vi-dark');
    await a11y('notifications, vi, dark');
    await tab(/^Ngôn ngữ$/);
    await dialog().getByRole('radio', { name: 'English' }).check();
    await tab(/^Reading$/);
    assert.equal(await description('[role="radiogroup"]'), 'Set by your IT department');
    await screenshot(page, 'settings-locked-reading-en-dark');
    await a11y('reading, en, dark');
    await tab(/^Appearance$/);
    await dialog().getByRole('radio', { name: 'Light' }).check();
    await tab(/^Download ahead$/);
    await screenshot(page, 'settings-locked-prefetch-en-light');
    await a11y('prefetch, en, light');
  });

  test('the engine refuses a locked key from any caller, in Vietnamese', async () => {
    const api = await connectHarness(harness.url);
    try {
      const r = await api.call('settings.set', { patch: { remoteContent: 'ask' } });
      assert.equal(r.ok, false);
      assert.equal(!r.ok && r.error.code, 'SETTING_LOCKED');
      assert.equal(!r.ok && r.error.message, errorMessage('SETTING_LOCKED'));
      const prefs = await api.call('settings.get', {});
      assert.equal(prefs.ok && prefs.value.remoteContent, 'never');
    } finally {
      await api.close();
    }
  });
});

// The header's toggles honour the same lock: a policy fixing the language (Vietnamese) and the theme (dark). No
// account is needed: the toolbar is there on the first-run page too.
describe('the header toolbar honours locked language and theme', { timeout: 120_000 }, () => {
  let dir: string;
  let harness: Harness;
  let session: Session;
  let page: Page;

  before(async () => {
    await ensureRendererBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tcv-toolbar-locked-e2e-'));
    const policyFile = join(dir, 'policy.json');
    writeFileSync(policyFile, JSON.stringify({ version: 1, lockedSettings: { language: 'vi', theme: 'dark' } }));
    harness = await startHarness({
      profileDir: join(dir, 'profile'),
      keychainService: `Thư Công Vụ (e2e toolbar locked ${randomBytes(3).toString('hex')})`,
      policyFile,
    });
    session = await launch();
    page = session.page;
    await page.goto(harness.url);
    await page.getByRole('banner').getByRole('button', { name: 'English' }).waitFor({ timeout: 30_000 });
  });

  after(async () => {
    await session?.close();
    await harness?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('locked toggles stay focusable, do nothing, and say why', async () => {
    const banner = page.getByRole('banner');
    const language = banner.getByRole('button', { name: 'English' });
    const theme = banner.getByRole('button', { name: 'Giao diện sáng' });
    // The policy's values are applied: Vietnamese, dark.
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    for (const button of [language, theme]) {
      assert.equal(await button.getAttribute('aria-disabled'), 'true');
      assert.match((await button.getAttribute('title')) ?? '', /Do bộ phận CNTT quy định$/);
      // Keyboard users reach it and hear why (its title is its accessible description).
      await button.focus();
      assert.equal(await button.evaluate((el) => el === document.activeElement), true);
      await button.click({ force: true });
      await page.keyboard.press('Enter');
    }
    // Nothing changed: no SETTING_LOCKED toast either, since nothing was asked of the engine.
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'vi');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    assert.equal(await page.getByText(errorMessage('SETTING_LOCKED')).count(), 0);
    await screenshot(page, 'settings-locked-toolbar-vi-dark');
    assert.deepEqual(await seriousA11yViolations(page), [], 'axe: toolbar with locked toggles');
  });
});
