// Recipient chips and autocomplete end to end (issue 4 "Compose"): Chromium → harness → real engine (contacts.suggest
// over an imported directory) → real Postfix/Dovecot. Names typed without diacritics are found and chosen with the
// keyboard; a directory group expands to its members; an invalid address is a red chip that blocks sending with a
// Vietnamese reason; pasting a list makes chips; Backspace removes the last one. The message arrives with the right
// To and Cc, the Bcc recipient gets it and no header names them. Screenshots vi/en, light/dark; axe with the list open.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { simpleParser, type AddressObject } from 'mailparser';
import type { Page } from 'playwright-core';
import type { StackInfo } from '../scripts/mailstack/index.ts';
import { addAccount, stack as startStack, testEngine, user, type TestEngine } from '../test/support/stack.ts';
import { composeForm, newMessage, openApp, type AppE2E } from './support/app.ts';
import { cspViolations, screenshot, seriousA11yViolations } from './support/browser.ts';
import { rawMessages } from './support/inbox.ts';

const run = randomBytes(3).toString('hex');
const SUBJECT = `Mời họp tổ soạn thảo (${run})`;

function addresses(a: AddressObject | AddressObject[] | undefined): string[] {
  return (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address ?? ''));
}

describe('recipient chips and autocomplete, on the real stack', { timeout: 240_000 }, () => {
  let info: StackInfo;
  let t: TestEngine;
  let app: AppE2E;
  let page: Page;
  let emails: { vanthu: string; vanphong: string; lanhdao: string; me: string };

  before(async () => {
    info = await startStack('full');
    Object.assign(process.env, info.keyring.env);
    t = await testEngine({ trustedCaFiles: [info.ca] });
    await addAccount(t, info, 'personal');
    emails = {
      vanthu: user(info, 'custodian').email,
      vanphong: user(info, 'unit').email,
      lanhdao: user(info, 'head').email,
      me: user(info, 'personal').email,
    };
    const entry = (id: string, kind: 'unit' | 'person', name: string, address: string, groups: string[] = []) => ({
      id,
      kind,
      name,
      address,
      aliases: [],
      groups,
      status: 'active',
      successor: null,
      unit: null,
      title: kind === 'person' ? 'Chuyên viên' : null,
    });
    const directory = {
      entries: [
        entry('vp', 'unit', 'Văn phòng Ủy ban nhân dân thành phố', emails.vanphong),
        entry('thu', 'person', 'Trần Thị Thư', emails.vanthu),
        entry('lanh-dao', 'person', 'Lê Đức Lãnh', emails.lanhdao, ['to-soan-thao']),
        entry('toi', 'person', 'Nguyễn Văn Chuyên', emails.me, ['to-soan-thao']),
      ],
      groups: [{ id: 'to-soan-thao', name: 'Tổ soạn thảo đề án', aliases: [] }],
    };
    await t.must('directory.importData', {
      name: 'danh-ba.json',
      dataBase64: Buffer.from(JSON.stringify(directory)).toString('base64'),
    });
    await t.must('settings.set', { patch: { undoSendSeconds: 0 } });
    app = await openApp({ profileDir: t.profileDir, engine: t.engine }, 'folders');
    page = app.page;
  });

  after(async () => {
    await app?.close();
    await t?.engine.close();
  });

  const form = () => composeForm(page);
  const chips = (field: 'to' | 'cc' | 'bcc') =>
    form()
      .getByTestId(`compose-${field}`)
      .locator('[data-address]')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.address));

  test('typed without diacritics, chosen with the keyboard; CC and BCC revealed; a group expands to its members', async () => {
    await newMessage(page);
    const to = form().getByRole('combobox', { name: 'Đến' });
    await to.pressSequentially('tran thi thu');
    const list = page.getByRole('listbox', { name: 'Gợi ý người nhận' });
    await list.getByRole('option', { name: /Trần Thị Thư/ }).waitFor();
    assert.equal(await to.getAttribute('aria-expanded'), 'true');
    await screenshot(page, 'recipients-01-suggest-vi');
    await page.keyboard.press('Enter');
    assert.deepEqual(await chips('to'), [emails.vanthu]);
    assert.equal(await to.inputValue(), '');

    // CC is revealed by its button (as in Outlook), typed in lower case without tones, chosen with Tab.
    assert.equal(await form().getByTestId('compose-cc').count(), 0, 'CC hidden until asked for');
    await form().getByRole('button', { name: 'CC', exact: true }).click();
    const cc = form().getByRole('combobox', { name: 'CC', exact: true });
    await cc.pressSequentially('van phong uy ban');
    await list.getByRole('option', { name: /Văn phòng Ủy ban nhân dân thành phố/ }).waitFor();
    await page.keyboard.press('Tab');
    assert.deepEqual(await chips('cc'), [emails.vanphong]);

    // BCC: a directory group, which shows how many members it has and becomes one chip per member.
    await form().getByRole('button', { name: 'BCC', exact: true }).click();
    const bcc = form().getByRole('combobox', { name: 'BCC', exact: true });
    await bcc.pressSequentially('to soan thao');
    const group = list.getByRole('option', { name: /Tổ soạn thảo đề án/ });
    await group.waitFor();
    assert.match(await group.innerText(), /2 thành viên/);
    await assert.doesNotReject(() => a11yClean(page, 'suggestions open'));
    await page.keyboard.press('Enter');
    await form()
      .getByRole('status')
      .filter({ hasText: 'Đã thêm 2 người nhận từ nhóm “Tổ soạn thảo đề án”.' })
      .waitFor();
    assert.deepEqual(await chips('bcc'), [emails.lanhdao, emails.me]);
  });

  test('paste makes chips; Backspace removes the last; an invalid address is a red chip that blocks sending', async () => {
    const cc = form().getByRole('combobox', { name: 'CC', exact: true });
    await cc.focus();
    await cc.evaluate((el) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', 'a@x.vn; Bộ phận B <b@y.vn>, vanthu@cantho');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    assert.deepEqual(await chips('cc'), [emails.vanphong, 'a@x.vn', 'b@y.vn']);
    const bad = form().getByTestId('compose-cc').locator('[data-invalid="true"]');
    assert.equal(await bad.innerText(), 'vanthu@cantho');
    await page.keyboard.press('Backspace');
    assert.equal(await bad.count(), 0, 'Backspace removes the last chip (the invalid one)');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    assert.deepEqual(await chips('cc'), [emails.vanphong]);

    await cc.pressSequentially('nguyen van a@cantho.gov.vn;');
    assert.equal(await bad.count(), 1);
    await form().getByLabel('Tiêu đề').fill(SUBJECT);
    await form().getByRole('button', { name: 'Gửi', exact: true }).click();
    const alert = form().getByText('Hãy sửa hoặc bỏ các địa chỉ tô đỏ trước khi gửi.');
    await alert.waitFor();
    assert.match(
      await form().getByTestId('compose-cc').locator('..').innerText(),
      /“nguyen van a@cantho\.gov\.vn” không phải địa chỉ thư: có khoảng trắng\./,
    );
    await screenshot(page, 'recipients-02-invalid-vi');
    await a11yClean(page, 'invalid address');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('form', { name: 'New message' }).waitFor();
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await screenshot(page, 'recipients-03-invalid-en-dark');
    await a11yClean(page, 'invalid address (en, dark)');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('button', { name: 'Giao diện sáng' }).click();
    // Clicking the red chip puts it back into the input to correct it.
    await bad.getByRole('button', { name: /Sửa “nguyen van a@cantho\.gov\.vn”/ }).click();
    assert.equal(await cc.inputValue(), 'nguyen van a@cantho.gov.vn');
    await cc.fill('');
    assert.equal(await bad.count(), 0);
  });

  test('sent: To and Cc in the headers, the Bcc recipients get it without any header naming them', async () => {
    await form().getByRole('textbox', { name: 'Nội dung' }).click();
    await page.keyboard.type('Kính mời các đồng chí dự họp.');
    await form().getByRole('button', { name: 'Gửi', exact: true }).click();
    await page.locator('.fui-Toast', { hasText: `Đã gửi thư “${SUBJECT}”.` }).waitFor({ timeout: 15_000 });
    const [toCopy] = await rawMessages(info, emails.vanthu, run, { wait: 30_000, remove: true });
    assert.ok(toCopy, 'delivered to the To recipient');
    const mail = await simpleParser(toCopy);
    assert.deepEqual(addresses(mail.to), [emails.vanthu]);
    assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.name : '', 'Trần Thị Thư');
    assert.deepEqual(addresses(mail.cc), [emails.vanphong]);
    assert.equal(mail.bcc, undefined);
    const headers = toCopy.subarray(0, toCopy.indexOf('\r\n\r\n')).toString('utf8');
    assert.doesNotMatch(headers, /^bcc:/im);
    assert.ok(!headers.includes(emails.lanhdao), 'no header names the Bcc recipient');
    assert.equal((await rawMessages(info, emails.vanphong, run, { wait: 30_000, remove: true })).length, 1);
    const [bccCopy] = await rawMessages(info, emails.lanhdao, run, { wait: 30_000, remove: true });
    assert.ok(bccCopy, 'delivered to the Bcc recipient');
    const bccHeaders = bccCopy.subarray(0, bccCopy.indexOf('\r\n\r\n')).toString('utf8');
    assert.doesNotMatch(bccHeaders, /^bcc:/im);
    assert.equal((await rawMessages(info, emails.me, run, { wait: 30_000, remove: true })).length, 1);
  });

  test('nothing but 127.0.0.1 was requested, the CSP was never violated', async () => {
    assert.deepEqual(app.session.blocked, []);
    assert.deepEqual(await cspViolations(page), []);
  });
});

async function a11yClean(page: Page, screen: string): Promise<void> {
  assert.deepEqual(await seriousA11yViolations(page), [], `axe: serious/critical violations on "${screen}"`);
}
