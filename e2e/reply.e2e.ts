// Reply, reply all and forward from the reading pane (issue 4: Outlook's Ctrl+R, Ctrl+Shift+R, Ctrl+F), end to end
// on the real stack: a message in Dovecot, opened in the reader; each button and each shortcut opens compose with
// the recipients and the "Re:" / "Fwd:" subject the engine prepared (src/mail/reply.ts), and the quoted original.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { openMessage, seriousViolations, startReaderE2E, type ReaderE2E } from '../test/reader/support/e2e.ts';
import { htmlMessage } from '../test/reader/support/hostile.ts';
import { loadApp } from './support/app.ts';
import { cspViolations, screenshot } from './support/browser.ts';

const run = randomBytes(3).toString('hex');
const FOLDER = `Reply-${run}`;
const SENDER = 'vanphong@cantho.gov.vn';
const OTHER = 'vanthu@cantho.gov.vn';
const SUBJECT = `Giấy mời họp giao ban quý IV (${run})`;

describe('reply, reply all and forward from the reader', { timeout: 300_000 }, () => {
  let e: ReaderE2E;

  before(async () => {
    const message = await htmlMessage({
      from: `Văn phòng UBND thành phố <${SENDER}>`,
      to: `chuyenvien@cantho.gov.vn, ${OTHER}`,
      subject: SUBJECT,
      html: '<p>Kính mời anh/chị dự họp giao ban quý IV lúc 8 giờ ngày 02/12/2026.</p>',
    });
    e = await startReaderE2E({ folder: FOLDER, messages: [message] });
    await loadApp(e.page, e.harness.url);
    await openMessage(e.page, FOLDER, SUBJECT);
  });

  after(async () => {
    await e?.close();
  });

  const subject = () => e.page.getByTestId('compose-subject');
  // The recipients of a field (chips, docs/compose.md "Recipients"); '' when the field is not shown (CC with none).
  const field = (f: 'to' | 'cc') => ({
    inputValue: async () => {
      const el = e.page.getByTestId(`compose-${f}`);
      return (await el.count()) ? ((await el.getAttribute('data-addresses')) ?? '') : '';
    },
  });
  const to = () => field('to');
  const cc = () => field('cc');
  const discard = async () => {
    await e.page.getByRole('button', { name: 'Hủy bỏ' }).click();
    await subject().waitFor({ state: 'detached' });
  };

  test('Trả lời: the sender, "Re:" and the quoted text', async () => {
    await e.page.getByTestId('reader-reply').click();
    await subject().waitFor();
    assert.equal(await subject().inputValue(), `Re: ${SUBJECT}`);
    assert.match(await to().inputValue(), /vanphong@cantho\.gov\.vn/);
    assert.doesNotMatch(await to().inputValue(), /vanthu@/);
    assert.match(await e.page.getByTestId('compose-body').innerText(), /Kính mời anh\/chị dự họp giao ban quý IV/);
    assert.deepEqual(await cspViolations(e.page), [], 'opening a reply violates no CSP directive');
    // Centred text: shown centred (the stylesheet, not an inline style), still no violation.
    await e.page.getByTestId('compose-body').click();
    await e.page.keyboard.press('Control+Home');
    await e.page.keyboard.type('Đã nhận, xin cảm ơn.');
    await e.page.getByRole('button', { name: 'Căn giữa' }).click();
    const centred = e.page.getByTestId('compose-body').locator('p', { hasText: 'Đã nhận, xin cảm ơn.' });
    assert.equal(await centred.evaluate((p) => getComputedStyle(p).textAlign), 'center');
    assert.equal(await centred.getAttribute('style'), null);
    assert.deepEqual(await cspViolations(e.page), [], 'aligning text violates no CSP directive');
    await screenshot(e.page, 'reply-01-reply-vi');
    assert.deepEqual(await seriousViolations(e.page), [], 'axe: reply');
    await discard();
  });

  test('Ctrl+Shift+R replies to all, Ctrl+R to the sender, Ctrl+F forwards with no recipient', async () => {
    await e.page.getByTestId('reader').focus();
    await e.page.keyboard.press('Control+Shift+R');
    await subject().waitFor();
    assert.equal(await subject().inputValue(), `Re: ${SUBJECT}`);
    assert.match(`${await to().inputValue()} ${await cc().inputValue()}`, /vanthu@cantho\.gov\.vn/);
    await discard();

    await e.page.getByTestId('reader').focus();
    await e.page.keyboard.press('Control+R');
    await subject().waitFor();
    assert.doesNotMatch(`${await to().inputValue()} ${await cc().inputValue()}`, /vanthu@/);
    await discard();

    await e.page.getByTestId('reader').focus();
    await e.page.keyboard.press('Control+F');
    await subject().waitFor();
    assert.equal(await subject().inputValue(), `Fwd: ${SUBJECT}`);
    assert.equal(await to().inputValue(), '');
    assert.match(await e.page.getByTestId('compose-body').innerText(), /Kính mời anh\/chị/);
    assert.deepEqual(await cspViolations(e.page), [], 'opening a forward violates no CSP directive');
    await screenshot(e.page, 'reply-02-forward-vi');
    await discard();
  });
});
