// Attachments end to end (issue 4 "Compose", issue 3 "Attachments up to the server's SIZE limit"): Chromium →
// harness → real engine → real Postfix/Dovecot. A file dropped on compose (5 MB: chunked staging with progress), a
// picture pasted into the body, a file chosen in the app's dialog (a grant, never a path); a risky type warned; the
// size against the limit shown, and over the limit a Vietnamese error before sending. The message arrives with every
// attachment byte for byte. Screenshots vi/en, light/dark; axe on each screen; no CSP violation.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import type { StackInfo } from '../scripts/mailstack/index.ts';
import { connectHarness, type HarnessClient } from '../harness/client.ts';
import { accountParams, stack as startStack, user } from '../test/support/stack.ts';
import { composeForm, loadApp, newMessage, openApp, ownProfile, type AppE2E } from './support/app.ts';
import { cspViolations, screenshot, seriousA11yViolations } from './support/browser.ts';
import { rawMessages } from './support/inbox.ts';

const run = randomBytes(3).toString('hex');
const SUBJECT = `Hồ sơ kèm theo (${run})`;
const sha = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex');
// A 1×1 PNG, as a screenshot tool puts it on the clipboard (named "image.png").
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function a11y(page: Page, screen: string): Promise<void> {
  assert.deepEqual(await seriousA11yViolations(page), [], `axe: serious/critical violations on "${screen}"`);
}

/** Drops files on the compose form the way a browser does (a DataTransfer with File objects). */
async function drop(page: Page, files: { name: string; base64: string; type: string }[]): Promise<void> {
  await composeForm(page).evaluate((form, list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bin = atob(f.base64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], f.name, { type: f.type }));
    }
    form.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    form.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
}

describe('attachments through the UI, on the real stack', { timeout: 300_000 }, () => {
  let info: StackInfo;
  let api: HarnessClient;
  let app: AppE2E;
  let page: Page;
  let dir: string;
  let chosen: string;
  const chosenBytes = randomBytes(300 * 1024);
  const big = randomBytes(5 * 1024 * 1024);

  before(async () => {
    info = await startStack('full');
    Object.assign(process.env, info.keyring.env);
    dir = mkdtempSync(join(tmpdir(), 'tcv-attach-e2e-'));
    chosen = join(dir, 'Kế hoạch năm 2026.docx');
    writeFileSync(chosen, chosenBytes);
    // The harness's own engine, with the desktop host (grants, the dialog below) as in the app.
    app = await openApp({
      ...ownProfile(dir, 'attachments'),
      trustedCaFiles: [info.ca],
      desktop: {
        dialogs: {
          chooseFiles: async () => [chosen],
          chooseSaveTarget: async () => null,
          chooseFolder: async () => null,
        },
      },
    });
    api = await connectHarness(app.harness.url);
    await must('accounts.add', accountParams(info, 'personal'));
    await must('settings.set', { patch: { undoSendSeconds: 0 } });
    page = app.page;
    await loadApp(page, app.harness.url);
  });

  after(async () => {
    await api?.close();
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const form = () => composeForm(page);
  const must = async (...args: Parameters<HarnessClient['call']>) => {
    const r = await api.call(...args);
    if (!r.ok) throw new Error(`${args[0]}: ${r.error.code}`);
    return r.value;
  };

  test('over the size limit: the size against the limit, a Vietnamese error before sending; a risky type warned', async () => {
    const email = user(info, 'personal').email;
    await must('sendSettings.set', { accountId: email, maxMessageBytes: 1024 * 1024 });
    try {
      await newMessage(page, { to: user(info, 'custodian').email, subject: `Quá lớn (${run})` });
      await drop(page, [
        { name: 'Bản đồ.tif', base64: randomBytes(900 * 1024).toString('base64'), type: 'image/tiff' },
        { name: 'cai-dat.exe', base64: Buffer.from('MZ').toString('base64'), type: 'application/x-msdownload' },
      ]);
      await form().getByTestId('compose-attachments').getByText('cai-dat.exe').waitFor();
      const size = form().getByTestId('compose-size');
      assert.match(await size.innerText(), /Kích thước thư: 1,2 MB \/ giới hạn 1 MB/);
      const over = form().getByRole('alert').filter({ hasText: 'lớn hơn giới hạn 1 MB của máy chủ' });
      await over.waitFor();
      const risk = form().getByTestId('compose-risk');
      assert.match(await risk.innerText(), /Cảnh báo “cai-dat\.exe”:/);
      await form().getByRole('button', { name: 'Gửi', exact: true }).click();
      await form()
        .getByRole('alert')
        .filter({ hasText: 'Hãy bớt tệp đính kèm hoặc chia thành nhiều thư' })
        .first()
        .waitFor();
      assert.equal(await form().count(), 1, 'not sent: compose is still open');
      await screenshot(page, 'attachments-01-over-limit-vi');
      await a11y(page, 'over the limit');
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('form', { name: 'New message' }).waitFor();
      await page.getByRole('button', { name: 'Dark theme' }).click();
      await screenshot(page, 'attachments-02-over-limit-en-dark');
      await a11y(page, 'over the limit (en, dark)');
      await page.getByRole('button', { name: 'Tiếng Việt' }).click();
      await page.getByRole('button', { name: 'Giao diện sáng' }).click();
      await form().getByRole('button', { name: 'Hủy bỏ' }).click();
      await form().waitFor({ state: 'detached' });
    } finally {
      await must('sendSettings.set', { accountId: email, maxMessageBytes: null });
    }
  });

  test('dropped (5 MB, with progress), pasted and chosen files arrive at Dovecot byte for byte', async (tc) => {
    const vanthu = user(info, 'custodian').email;
    await newMessage(page, { to: vanthu, subject: SUBJECT });
    const started = Date.now();
    await drop(page, [{ name: 'Hồ sơ dự án.bin', base64: big.toString('base64'), type: 'application/octet-stream' }]);
    const list = form().getByTestId('compose-attachments');
    await list.getByText('Hồ sơ dự án.bin').waitFor({ timeout: 60_000 });
    tc.diagnostic(`5 MB dropped and staged in 1 MB chunks: ${Date.now() - started} ms`);
    // Pasted into the body: attached with a name of its own, not inlined.
    const body = form().getByRole('textbox', { name: 'Nội dung' });
    await body.click();
    await page.keyboard.type('Kính gửi Văn thư, gửi kèm hồ sơ.');
    await body.evaluate((el, b64) => {
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, PNG.toString('base64'));
    await list.getByText(/^Ảnh dán .*\.png$/).waitFor();
    assert.doesNotMatch(await body.innerHTML(), /<img/, 'a pasted picture is attached, not put in the body');
    await form().getByRole('button', { name: 'Đính kèm', exact: true }).click();
    await list.getByText('Kế hoạch năm 2026.docx').waitFor();
    assert.match(await list.innerText(), /300 KB/);
    assert.match(await form().getByTestId('compose-size').innerText(), /Kích thước thư: 7,\d MB \/ giới hạn 100 MB/);
    await screenshot(page, 'attachments-03-three-files-vi');
    await a11y(page, 'three attachments');

    await form().getByRole('button', { name: 'Gửi', exact: true }).click();
    await page.locator('.fui-Toast', { hasText: `Đã gửi thư “${SUBJECT}”.` }).waitFor({ timeout: 30_000 });
    const [raw] = await rawMessages(info, vanthu, run, { wait: 30_000, remove: true });
    assert.ok(raw, 'delivered');
    const mail = await simpleParser(raw);
    const byName = new Map(mail.attachments.map((a) => [a.filename, a.content]));
    assert.equal(sha(byName.get('Hồ sơ dự án.bin') ?? Buffer.alloc(0)), sha(big), 'the 5 MB file, intact');
    assert.equal(sha(byName.get('Kế hoạch năm 2026.docx') ?? Buffer.alloc(0)), sha(chosenBytes));
    const png = [...byName.entries()].find(([n]) => /^Ảnh dán .*\.png$/.test(n ?? ''));
    assert.ok(png, 'the pasted picture');
    assert.equal(sha(png[1]), sha(PNG));
  });

  test('nothing but 127.0.0.1 was requested, the CSP was never violated', async () => {
    assert.deepEqual(app.session.blocked, []);
    assert.deepEqual(await cspViolations(page), []);
  });
});
