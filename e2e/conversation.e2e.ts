// The conversation view end to end (issue 4 "group by conversation on/off", docs/ui.md "Conversation view"):
// Chromium → harness → real engine → Dovecot/Postfix on 127.0.0.1. A thread of three arrives through Postfix: a
// letter, a reply naming it in In-Reply-To/References, and a forward "TL: …" with no references at all (joined by its
// subject). With the view on, it is one row with "3"; it opens with the mouse and with the keyboard (Right, Left);
// Ctrl+Q on the collapsed row marks all three read on the server in one action; dragging the row moves the whole
// thread; the view goes off again. Screens: vi and en, light and dark, axe on each.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ImapFlow } from 'imapflow';
import type { Page } from 'playwright-core';
import type { StackInfo } from '../scripts/mailstack/index.ts';
import { accountParams, stack, tempDir, testEngine, user, type TestEngine } from '../test/support/stack.ts';
import { imapClient } from '../test/sync/support/fixtures.ts';
import { deliver, waitForSubject } from './support/mail.ts';
import { loadApp, openApp, type AppE2E } from './support/app.ts';
import { screenshot, seriousA11yViolations } from './support/browser.ts';

const run = randomBytes(3).toString('hex');
const SUBJECT = `Kế hoạch chuyển đổi số năm 2027 (${run})`;
const TARGET = `Hồ sơ hội thoại ${run}`;
const IDS = ['goc', 'tl', 'chuyen'].map((k) => `<hoithoai-${k}-${run}@cantho.gov.vn>`);

async function a11y(page: Page, screen: string): Promise<void> {
  assert.deepEqual(await seriousA11yViolations(page), [], `axe: serious/critical violations on "${screen}"`);
}

async function eventually(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The thread's messages in a folder on the server, by Message-ID: whether each is \Seen. */
async function onServer(client: ImapFlow, folder: string): Promise<Map<string, boolean>> {
  const out = new Map<string, boolean>();
  const lock = await client.getMailboxLock(folder);
  try {
    for (const id of IDS) {
      const uids = (await client.search({ header: { 'message-id': id } }, { uid: true })) || [];
      for (const uid of uids) {
        const m = await client.fetchOne(String(uid), { flags: true }, { uid: true });
        if (m) out.set(id, m.flags?.has('\\Seen') ?? false);
      }
    }
  } finally {
    lock.release();
  }
  return out;
}

describe('conversation view', { timeout: 300_000 }, () => {
  let info: StackInfo;
  let te: TestEngine;
  let app: AppE2E;
  let page: Page;
  let witness: ImapFlow;
  let email: string;

  const threadRow = () => page.getByRole('treeitem', { level: 1 }).filter({ hasText: SUBJECT });
  const children = () => page.getByRole('treeitem', { level: 2 });
  const folderButton = (name: RegExp) => page.getByRole('navigation').getByRole('button', { name });

  before(async () => {
    info = await stack('full');
    const u = user(info, 'unit');
    email = u.email;
    witness = imapClient(info, u.email, u.password);
    await witness.connect();
    await witness.mailboxCreate(TARGET);
    const from = 'Phòng Kế hoạch <vanphong@cantho.gov.vn>';
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    // Through Postfix, as mail from outside arrives: a letter, a reply with its references, a forward without any.
    await deliver(info, {
      from,
      to: email,
      subject: SUBJECT,
      text: 'Dự thảo kế hoạch.',
      messageId: IDS[0],
      date: at(30),
    });
    await deliver(info, {
      from,
      to: email,
      subject: `Re: ${SUBJECT}`,
      text: 'Góp ý dự thảo.',
      messageId: IDS[1],
      inReplyTo: IDS[0],
      references: [IDS[0]!],
      date: at(20),
    });
    await deliver(info, {
      from,
      to: email,
      subject: `TL: ${SUBJECT}`,
      text: 'Chuyển tiếp.',
      messageId: IDS[2],
      date: at(10),
    });
    await waitForSubject(info, email, `TL: ${SUBJECT}`);
    await eventually('all three in INBOX', async () => (await onServer(witness, 'INBOX')).size === 3);

    te = await testEngine({ profileDir: join(tempDir('tcv-conversation-e2e-'), 'profile'), trustedCaFiles: [info.ca] });
    await te.must('accounts.add', accountParams(info, 'unit'));
    app = await openApp({ profileDir: te.profileDir, engine: te.engine });
    page = app.page;
  });

  after(async () => {
    await app?.close();
    await te?.engine.close();
    if (witness) {
      for (const f of ['INBOX', TARGET]) {
        const lock = await witness.getMailboxLock(f).catch(() => null);
        try {
          for (const id of IDS) {
            const uids = (await witness.search({ header: { 'message-id': id } }, { uid: true }).catch(() => [])) || [];
            if (uids.length > 0) await witness.messageDelete(uids, { uid: true }).catch(() => undefined);
          }
        } finally {
          lock?.release();
        }
      }
      await witness.mailboxDelete(TARGET).catch(() => undefined);
      await witness.logout().catch(() => witness.close());
    }
  });

  test('on: one row with 3; opens with the mouse and the keyboard; the reading pane shows the newest', async () => {
    await loadApp(page, app.harness.url);
    await folderButton(/^Hộp thư đến/).click();
    await page
      .getByRole('option')
      .filter({ hasText: `TL: ${SUBJECT}` })
      .waitFor({ timeout: 30_000 });
    // The view menu of the list toolbar ("Ngăn đọc"): "Hiển thị theo cuộc hội thoại".
    await page.getByRole('button', { name: 'Ngăn đọc' }).click();
    const toggle = page.getByRole('menuitemcheckbox', { name: 'Hiển thị theo cuộc hội thoại' });
    assert.equal(await toggle.getAttribute('aria-checked'), 'false');
    await toggle.click();
    await page.keyboard.press('Escape');

    const row = threadRow();
    await row.waitFor({ timeout: 15_000 });
    assert.equal(await row.count(), 1, 'one row for the thread');
    assert.equal(await row.getAttribute('data-thread-count'), '3');
    assert.equal((await row.getByTestId('thread-count').innerText()).trim().split(/\s/)[0], '3');
    assert.match((await row.textContent()) ?? '', /3 thư, 3 thư chưa đọc/, 'screen readers hear the counts');
    assert.match((await row.textContent()) ?? '', /TL: /, 'the row shows the newest message, the forward');
    assert.equal(await row.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.getByRole('option').count(), 0, 'a tree now, not a listbox');

    // Mouse: the chevron opens it; its three messages follow, newest first.
    const started = performance.now();
    await row.getByTestId('thread-chevron').click();
    await eventually('three messages under the thread', async () => (await children().count()) === 3);
    assert.equal(await row.getAttribute('aria-expanded'), 'true');
    const subjects = await children().evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    assert.match(subjects[0]!, /TL: /);
    assert.match(subjects[1]!, /Re: /);
    assert.doesNotMatch(subjects[2]!, /(TL|Re): /);
    // Opening selected the thread row: the reading pane shows the newest message.
    await page.getByRole('heading', { name: `TL: ${SUBJECT}` }).waitFor();
    await screenshot(page, 'conversation-01-expanded-vi-light');
    await a11y(page, 'conversation expanded, vi, light');

    // Keyboard: Left closes it; Right opens it and goes to its first message; Left goes back to the thread.
    const tree = page.getByRole('tree');
    await tree.press('ArrowLeft');
    await eventually('collapsed', async () => (await children().count()) === 0);
    assert.equal(await row.getAttribute('aria-expanded'), 'false');
    await tree.press('ArrowRight');
    await eventually('expanded by the keyboard', async () => (await children().count()) === 3);
    await tree.press('ArrowRight');
    assert.equal(await children().first().getAttribute('aria-selected'), 'true', 'Right: to the first message');
    await tree.press('ArrowDown');
    assert.equal(await children().nth(1).getAttribute('aria-selected'), 'true');
    await page.getByRole('heading', { name: `Re: ${SUBJECT}` }).waitFor();
    await tree.press('ArrowLeft');
    assert.equal(await row.getAttribute('aria-selected'), 'true', 'Left: back to the thread');
    await tree.press('ArrowLeft');
    await eventually('collapsed again', async () => (await children().count()) === 0);
    console.log(`# expand/collapse round trips: ${Math.round(performance.now() - started)} ms`);
  });

  test('Ctrl+Q on the collapsed thread marks all three read on the server, in one action', async () => {
    const row = threadRow();
    // Opening messages marked two of them read already; make all three unread first, as one action too.
    await row.click();
    await page.getByRole('tree').press('Control+U');
    await eventually('all three unread on the server', async () =>
      [...(await onServer(witness, 'INBOX')).values()].every((seen) => !seen),
    );
    await eventually('the row says 3 unread', async () => /3 thư chưa đọc/.test((await row.textContent()) ?? ''));
    await screenshot(page, 'conversation-02-collapsed-unread-vi-light');
    await page.getByRole('tree').press('Control+Q');
    await eventually('all three read on the server', async () => {
      const seen = await onServer(witness, 'INBOX');
      return seen.size === 3 && [...seen.values()].every(Boolean);
    });
    await eventually('the row is read', async () => !/chưa đọc/i.test((await row.textContent()) ?? ''));

    await page.getByRole('button', { name: 'Giao diện tối' }).click();
    await screenshot(page, 'conversation-03-vi-dark');
    await a11y(page, 'conversation, vi, dark');
  });

  test('dragging the thread row moves the whole thread; the view goes off again', async () => {
    await threadRow().dragTo(folderButton(new RegExp(`^${TARGET}`)));
    await page.locator('.fui-ToastTitle', { hasText: `Đã chuyển 3 thư đến “${TARGET}”` }).waitFor();
    await threadRow().waitFor({ state: 'detached' });
    await eventually('the three in the target folder on the server', async () => {
      return (await onServer(witness, TARGET)).size === 3 && (await onServer(witness, 'INBOX')).size === 0;
    });

    await folderButton(new RegExp(`^${TARGET}`)).click();
    await threadRow().waitFor({ timeout: 15_000 });
    assert.equal(await page.getByTestId('list-count').innerText(), '1 cuộc hội thoại');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Light theme' }).waitFor();
    await threadRow().getByTestId('thread-chevron').click();
    await eventually('expanded', async () => (await children().count()) === 3);
    assert.match((await threadRow().textContent()) ?? '', /3 messages/);
    await screenshot(page, 'conversation-04-en-dark');
    await a11y(page, 'conversation, en, dark');
    await page.getByRole('button', { name: 'Light theme' }).click();
    await screenshot(page, 'conversation-05-en-light');
    await a11y(page, 'conversation, en, light');

    // Off: three message rows again.
    await page.getByRole('button', { name: 'Reading pane' }).click();
    const toggle = page.getByRole('menuitemcheckbox', { name: 'Show as conversations' });
    assert.equal(await toggle.getAttribute('aria-checked'), 'true');
    await toggle.click();
    await page.keyboard.press('Escape');
    await page.getByRole('listbox', { name: TARGET }).waitFor();
    await eventually('three message rows', async () => (await page.getByRole('option').count()) === 3);
    assert.equal(await page.getByRole('treeitem').count(), 0);
  });
});
