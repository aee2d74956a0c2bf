// The message list row's importance icon and preview line end to end (issue 4 "Main window": "sender, subject,
// snippet, date …, attachment/flag/importance icons, read state"): Chromium → harness → real engine → Dovecot on
// 127.0.0.1. Messages are appended as Outlook writes them (nodemailer's priority option: X-Priority, X-MSMail-Priority
// and Importance); the engine reads importance with the headers and the preview line once the prefetch has cached the
// body. Screens: vi and en, light and dark, axe on each.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ImapFlow } from 'imapflow';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Page } from 'playwright-core';
import type { StackInfo } from '../scripts/mailstack/index.ts';
import { accountParams, stack, tempDir, testEngine, user, type TestEngine } from '../test/support/stack.ts';
import { imapClient } from '../test/sync/support/fixtures.ts';
import { screenshot, seriousA11yViolations } from './support/browser.ts';
import { openApp, type AppE2E } from './support/app.ts';

const run = randomBytes(3).toString('hex');
const FOLDER = `Sync-${process.pid}-xem-truoc-${run}`;
const HIGH = `Họp khẩn về phòng chống lụt bão (${run})`;
const LOW = `Bản tin nội bộ tháng 11 (${run})`;
const NORMAL = `Lịch tiếp công dân (${run})`;
const HIGH_BODY =
  'Kính gửi các đồng chí,\n\nĐề nghị các phòng cử lãnh đạo dự họp lúc 14 giờ chiều nay tại phòng họp số 3.\n\n' +
  'Vào Thứ Năm, Văn thư đã viết:\n> Lịch họp tuần này?\n-- \nTrần Văn Bình\nVăn phòng UBND';
const HIGH_SNIPPET =
  'Kính gửi các đồng chí, Đề nghị các phòng cử lãnh đạo dự họp lúc 14 giờ chiều nay tại phòng họp số 3.';

// Outlook's three fields for "Mức độ quan trọng: Cao / Thấp".
const OUTLOOK: Record<'high' | 'normal' | 'low', Record<string, string>> = {
  high: { 'X-Priority': '1 (Highest)', 'X-MSMail-Priority': 'High', Importance: 'High' },
  normal: {},
  low: { 'X-Priority': '5 (Lowest)', 'X-MSMail-Priority': 'Low', Importance: 'Low' },
};

async function raw(subject: string, text: string, priority: 'high' | 'normal' | 'low', minutesAgo: number) {
  return new MailComposer({
    from: 'Văn phòng UBND <vanphong@cantho.gov.vn>',
    to: 'lanhdao@cantho.gov.vn',
    subject,
    text,
    headers: OUTLOOK[priority],
    date: new Date(Date.now() - minutesAgo * 60_000),
  })
    .compile()
    .build();
}

async function a11y(page: Page, screen: string): Promise<void> {
  assert.deepEqual(await seriousA11yViolations(page), [], `axe: serious/critical violations on "${screen}"`);
}

describe('list row: importance icon and preview line', { timeout: 300_000 }, () => {
  let info: StackInfo;
  let te: TestEngine;
  let app: AppE2E;
  let page: Page;
  let witness: ImapFlow;

  const row = (subject: string) => page.getByRole('option').filter({ hasText: subject });

  before(async () => {
    info = await stack('full');
    const u = user(info, 'head');
    witness = imapClient(info, u.email, u.password);
    await witness.connect();
    await witness.mailboxCreate(FOLDER);
    await witness.append(FOLDER, await raw(NORMAL, 'Lịch tiếp công dân tuần tới.', 'normal', 3), ['\\Seen']);
    await witness.append(FOLDER, await raw(LOW, 'Bản tin tháng 11 của cơ quan.', 'low', 2), ['\\Seen']);
    await witness.append(FOLDER, await raw(HIGH, HIGH_BODY, 'high', 1), []);
    te = await testEngine({ profileDir: join(tempDir('tcv-preview-e2e-'), 'profile'), trustedCaFiles: [info.ca] });
    await te.must('accounts.add', accountParams(info, 'head'));
    app = await openApp({ profileDir: te.profileDir, engine: te.engine });
    page = app.page;
  });

  after(async () => {
    await app?.close();
    await te?.engine.close();
    if (witness) {
      await witness.mailboxDelete(FOLDER).catch(() => undefined);
      await witness.logout().catch(() => witness.close());
    }
  });

  test('a high-importance message shows the red "!" named "Quan trọng" and its preview line', async () => {
    await page.goto(app.harness.url);
    await page
      .getByRole('navigation')
      .getByRole('button', { name: new RegExp(`^${FOLDER}`) })
      .click();
    const high = row(HIGH);
    await high.waitFor({ timeout: 30_000 });
    await high.getByTestId('importance-high').waitFor();
    // The preview arrives when the prefetch has cached the body (folder.changed { previews }): no click needed.
    await high.getByTestId('row-snippet').filter({ hasText: HIGH_SNIPPET }).waitFor({ timeout: 30_000 });
    const text = await high.innerText();
    assert.ok(!text.includes('Lịch họp tuần này'), 'the quoted line is not previewed');
    assert.ok(!text.includes('Trần Văn Bình'), 'nor the signature');
    assert.match((await high.textContent()) ?? '', /Quan trọng/, 'screen readers hear the importance');
    await row(LOW).getByTestId('importance-low').waitFor();
    assert.match((await row(LOW).textContent()) ?? '', /Ít quan trọng/);
    await row(LOW).getByTestId('row-snippet').filter({ hasText: 'Bản tin tháng 11 của cơ quan.' }).waitFor();
    assert.equal(await row(NORMAL).locator('[data-testid^="importance-"]').count(), 0, 'normal: no icon');
    // Read state unchanged: the unread high-importance row still says so; the others do not.
    assert.match((await high.textContent()) ?? '', /Chưa đọc/);
    assert.doesNotMatch((await row(NORMAL).textContent()) ?? '', /Chưa đọc/);
    // The muted preview is still readable: its colour differs from the subject's, and axe checks the contrast.
    const [snippetColour, rowColour] = await high
      .getByTestId('row-snippet')
      .evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el.parentElement as Element).color]);
    assert.notEqual(snippetColour, rowColour);
    await screenshot(page, 'preview-01-vi-light');
    await a11y(page, 'preview, vi, light');

    await page.getByRole('button', { name: 'Giao diện tối' }).click();
    await screenshot(page, 'preview-02-vi-dark');
    await a11y(page, 'preview, vi, dark');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Light theme' }).waitFor();
    assert.match((await row(HIGH).textContent()) ?? '', /High importance/);
    assert.match((await row(LOW).textContent()) ?? '', /Low importance/);
    await screenshot(page, 'preview-03-en-dark');
    await a11y(page, 'preview, en, dark');
    await page.getByRole('button', { name: 'Light theme' }).click();
    await screenshot(page, 'preview-04-en-light');
    await a11y(page, 'preview, en, light');
  });
});
