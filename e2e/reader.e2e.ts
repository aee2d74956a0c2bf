// The reader of issue 4, end to end on the real stack: a Vietnamese newsletter with remote images, a tracking pixel,
// an inline (cid:) logo and a deceptive link; a message with risky attachments (QĐ 50/2009 Điều 8); a letter typed in
// TCVN3. Remote content is blocked with a bar, loaded for one message or always for a sender (and taken back); links
// show their real target, and a look-alike is called out; risky attachments are blocked or need a confirmation; the
// legacy letter converts to Unicode; plain text and the raw source are one click away. Screenshots in Vietnamese and
// English, light and dark; axe-core on every screen; every request outside the harness is recorded and accounted for.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Download } from 'playwright-core';
import {
  cspSince,
  foreignSince,
  openMessage,
  scriptRanSince,
  seriousViolations,
  startReaderE2E,
  waitForMailFrame,
  type ReaderE2E,
} from '../test/reader/support/e2e.ts';
import {
  LEGACY_TEXT,
  NEWSLETTER_LINK,
  NEWSLETTER_LINK_TEXT,
  NEWSLETTER_REMOTE_HOSTS,
  SCRIPT_MARKER,
  htmlMessage,
  legacyMessage,
  newsletterHtml,
  pngImage,
} from '../test/reader/support/hostile.ts';
import { loadApp } from './support/app.ts';
import { cspViolations, screenshot } from './support/browser.ts';
import { minimalPdf } from './support/pdf.ts';

const run = randomBytes(3).toString('hex');
const FOLDER = `Reader-${run}`;
const TO = 'chuyenvien@cantho.gov.vn';
const SENDER = 'bantin@stttt.cantho.gov.vn';
const NEWSLETTER = `Bản tin chuyển đổi số tháng 3/2026 (${run})`;
const RISKY = `Hóa đơn điện tử tháng 3 kèm bảng kê (${run})`;
const LEGACY = `Báo cáo công tác văn thư năm 2025 (${run})`;
const NOTE = 'Ghi chú: hạn nộp báo cáo là ngày 15/3.';

/**
 * A download with these bytes, under this name. Chromium names a download with non-ASCII letters "download" when it
 * runs without a UTF-8 locale (these machines have only C, C.utf8 and POSIX, and the launcher asks for vi_VN.UTF-8),
 * so that one fallback is accepted; the name the app gave is checked wherever the locale allows it.
 */
async function savedAs(download: Download, name: string, bytes: Buffer): Promise<void> {
  const suggested = download.suggestedFilename();
  assert.ok(suggested === name || (suggested === 'download' && /[^\x20-\x7e]/.test(name)), suggested);
  const path = await download.path();
  assert.deepEqual(readFileSync(path), bytes);
}

async function a11y(e: ReaderE2E, screen: string): Promise<void> {
  assert.deepEqual(await seriousViolations(e.page), [], `axe: serious/critical violations on "${screen}"`);
}

describe('the reader: remote content, links, risky attachments, legacy text, source', { timeout: 300_000 }, () => {
  let e: ReaderE2E;

  before(async () => {
    const messages = [
      await htmlMessage({
        from: `Sở Thông tin và Truyền thông <${SENDER}>`,
        to: TO,
        subject: NEWSLETTER,
        html: newsletterHtml(),
        attachments: [
          {
            filename: 'logo.png',
            content: pngImage(120, 40, [164, 38, 44]),
            contentType: 'image/png',
            cid: 'logo-so@bantin',
          },
        ],
      }),
      await htmlMessage({
        from: 'Phòng Kế toán <ketoan@congty-ngoai.example>',
        to: TO,
        subject: RISKY,
        html: '<p>Kính gửi anh/chị,</p><p>Gửi kèm <b>hóa đơn điện tử tháng 3</b> và bảng kê chi tiết.</p><p>Trân trọng.</p>',
        attachments: [
          { filename: 'Báo cáo tháng 3.pdf', content: minimalPdf(['Bao cao thang 3']), contentType: 'application/pdf' },
          { filename: 'Ảnh chụp công văn.png', content: pngImage(320, 160, [15, 108, 189]), contentType: 'image/png' },
          { filename: 'Ghi chú.txt', content: Buffer.from(NOTE), contentType: 'text/plain; charset=utf-8' },
          {
            filename: 'Bảng kê chi tiết.xlsm',
            content: Buffer.from('PK\u0003\u0004'),
            contentType: 'application/vnd.ms-excel.sheet.macroEnabled.12',
          },
          { filename: 'Hóa đơn tháng 3.pdf.exe', content: Buffer.from('MZ'), contentType: 'application/octet-stream' },
        ],
      }),
      legacyMessage('Văn phòng Sở Nội vụ <vanphong@snv.cantho.gov.vn>', TO, LEGACY),
    ];
    e = await startReaderE2E({ folder: FOLDER, messages });
    await loadApp(e.page, e.harness.url);
  });

  after(async () => {
    if (process.env.TCV_DEBUG) await e?.page.screenshot({ path: 'test-output/e2e/reader-debug-end.png' });
    await e?.close();
  });

  test('newsletter: remote content blocked with a bar, the inline logo shown, nothing requested', async () => {
    const mark = e.rec.mark();
    await openMessage(e.page, FOLDER, NEWSLETTER);
    await waitForMailFrame(e.page);
    const bar = e.page.getByTestId('remote-bar');
    await bar.waitFor();
    const text = await bar.innerText();
    assert.match(text, /Nội dung từ xa đã bị chặn để bảo vệ bạn\./);
    // The chart, the banner's CSS background and the tracking pixel: three held back, from the two hosts.
    assert.match(text, /Thư có 3 hình ảnh/);
    for (const host of NEWSLETTER_REMOTE_HOSTS) assert.ok(text.includes(host), host);
    await e.page.getByRole('button', { name: 'Tải nội dung cho thư này' }).waitFor();
    await e.page.getByRole('button', { name: `Luôn tải từ ${SENDER}` }).waitFor();
    // The inline logo is a data: URL made from the cid: part, and it has loaded.
    const frame = e.page.frameLocator('iframe[data-testid="mail-frame"]');
    await frame.locator('img[alt="Biểu trưng Sở"]').waitFor();
    const logo = await e.page.waitForFunction(() => {
      const doc = document.querySelector<HTMLIFrameElement>('iframe[data-testid="mail-frame"]')?.contentDocument;
      const img = doc?.querySelector<HTMLImageElement>('img[alt="Biểu trưng Sở"]');
      return img && img.complete && img.naturalWidth > 0 ? img.src.slice(0, 22) : null;
    });
    assert.equal(await logo.jsonValue(), 'data:image/png;base64,');
    await frame.getByRole('cell', { name: 'Văn phòng UBND thành phố' }).waitFor();
    assert.equal(await e.page.getByTestId('attachment').count(), 0, 'the inline logo is part of the body');
    const foreign = foreignSince(e.rec, mark, e.origin);
    assert.deepEqual([...foreign.routed, ...foreign.cdp], []);
    assert.deepEqual(cspSince(e.rec, mark), []);
    await screenshot(e.page, 'reader-remote-blocked-vi');
    await a11y(e, 'reader: remote content blocked');
  });

  test('a link shows its real target on hover, and opens only after a confirmation that names it', async () => {
    const frame = e.page.frameLocator('iframe[data-testid="mail-frame"]');
    const link = frame.getByRole('link', { name: NEWSLETTER_LINK_TEXT });
    assert.equal(await link.getAttribute('title'), NEWSLETTER_LINK);
    await link.hover();
    const status = e.page.getByTestId('link-status');
    await status.waitFor();
    assert.equal((await status.innerText()).trim(), `Liên kết tới: ${NEWSLETTER_LINK}`);
    const mark = e.rec.mark();
    await link.click();
    const dialog = e.page.getByTestId('link-dialog');
    await dialog.waitFor();
    assert.equal((await dialog.getByTestId('link-host').innerText()).trim(), 'dangnhap-thudientu.example');
    assert.equal((await dialog.getByTestId('link-url').innerText()).trim(), NEWSLETTER_LINK);
    assert.match(
      await dialog.innerText(),
      /chữ hiển thị trong thư ghi “mail\.cantho\.gov\.vn” nhưng liên kết thật dẫn tới/,
    );
    // Nothing was opened by the click itself.
    assert.deepEqual(foreignSince(e.rec, mark, e.origin).routed, []);
    await screenshot(e.page, 'reader-link-dialog-vi');
    await a11y(e, 'reader: link confirmation');
    // Cancel is the default button: Enter closes the dialog without opening anything.
    await e.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    assert.deepEqual(foreignSince(e.rec, mark, e.origin).routed, []);
    // "Mở liên kết" opens the real URL outside the app (here: a new page, which the test's guard blocks).
    await link.click();
    const popup = e.page.waitForEvent('popup');
    const request = e.session.context.waitForEvent('request', (r) => r.url() === NEWSLETTER_LINK);
    await e.page.getByRole('button', { name: 'Mở liên kết' }).click();
    const opened = await popup;
    await request;
    await opened.close();
    await e.page.bringToFront();
    assert.ok(e.session.blocked.includes(NEWSLETTER_LINK));
  });

  test('plain text and the raw source', async () => {
    await e.page.getByRole('button', { name: 'Văn bản thuần' }).click();
    const body = e.page.getByTestId('reader-body');
    await body.waitFor();
    assert.match(await body.innerText(), /Sở Thông tin và Truyền thông trân trọng gửi bản tin tháng 3/);
    assert.equal(await e.page.getByTestId('mail-frame').count(), 0);
    // Without the HTML, the inline logo is listed with the attachments.
    assert.deepEqual(await e.page.getByTestId('attachment-name').allInnerTexts(), ['logo.png']);
    await screenshot(e.page, 'reader-plain-text-vi');
    await e.page.getByRole('button', { name: 'Văn bản thuần' }).click();
    await waitForMailFrame(e.page);

    await e.page.getByRole('button', { name: 'Xem mã nguồn' }).click();
    const dialog = e.page.getByTestId('source-dialog');
    const source = dialog.getByTestId('source-text');
    await source.waitFor();
    const raw = await source.innerText();
    assert.match(raw, /^Content-Type: multipart\/related/m);
    assert.match(raw, /Content-ID: <logo-so@bantin>/);
    await screenshot(e.page, 'reader-source-vi');
    await a11y(e, 'reader: source');
    await dialog.getByRole('button', { name: 'Đóng' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  test('the same screen in English and in the dark theme', async () => {
    await e.page.getByRole('button', { name: 'English' }).click();
    await e.page.getByTestId('remote-bar').filter({ hasText: 'Remote content was blocked to protect you.' }).waitFor();
    await e.page.getByRole('button', { name: 'Load content for this message' }).waitFor();
    await screenshot(e.page, 'reader-remote-blocked-en');
    await a11y(e, 'reader (en)');
    await e.page.getByRole('button', { name: 'Dark theme' }).click();
    await e.page.getByRole('button', { name: 'Light theme' }).waitFor();
    await screenshot(e.page, 'reader-remote-blocked-en-dark');
    await a11y(e, 'reader (en, dark)');
    await e.page.getByRole('button', { name: 'Light theme' }).click();
    await e.page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await e.page.getByRole('button', { name: 'Giao diện tối' }).waitFor();
  });

  test('load for this message: only the images of the message are asked for; always for this sender, and back', async () => {
    let mark = e.rec.mark();
    await e.page.getByRole('button', { name: 'Tải nội dung cho thư này' }).click();
    await waitForMailFrame(e.page, 'allowed');
    await e.page.waitForTimeout(1500);
    let foreign = foreignSince(e.rec, mark, e.origin);
    const hosts = [...new Set(foreign.routed.map((r) => new URL(r.url).hostname))].sort();
    assert.deepEqual(hosts, NEWSLETTER_REMOTE_HOSTS);
    assert.deepEqual(
      foreign.routed.filter((r) => r.type !== 'image'),
      [],
      'images only',
    );
    assert.equal(await e.page.getByTestId('remote-bar').count(), 0);

    // Another message, then back: "this message" was for that one reading only.
    await openMessage(e.page, FOLDER, RISKY);
    await openMessage(e.page, FOLDER, NEWSLETTER);
    await waitForMailFrame(e.page, 'blocked');
    await e.page.getByRole('button', { name: `Luôn tải từ ${SENDER}` }).click();
    await waitForMailFrame(e.page, 'allowed');
    await e.page.getByTestId('remote-allowed-bar').waitFor();
    await screenshot(e.page, 'reader-remote-allowed-sender-vi');
    await a11y(e, 'reader: remote content allowed for the sender');

    // Remembered for the sender...
    await openMessage(e.page, FOLDER, RISKY);
    mark = e.rec.mark();
    await openMessage(e.page, FOLDER, NEWSLETTER);
    await waitForMailFrame(e.page, 'allowed');
    await e.page.waitForTimeout(1000);
    foreign = foreignSince(e.rec, mark, e.origin);
    assert.ok(foreign.routed.length > 0, 'loaded without asking');
    assert.deepEqual(
      foreign.routed.filter((r) => r.type !== 'image'),
      [],
    );
    // ...until taken back.
    await e.page.getByRole('button', { name: 'Không tự động tải nữa' }).click();
    await waitForMailFrame(e.page, 'blocked');
    await e.page.getByTestId('remote-bar').waitFor();
    assert.deepEqual(scriptRanSince(e.rec, mark, SCRIPT_MARKER), []);
  });

  test('risky attachments: the program is blocked, the macro workbook needs a confirmation, the rest open', async () => {
    await openMessage(e.page, FOLDER, RISKY);
    const items = e.page.getByTestId('attachment');
    await items.first().waitFor();
    const byName = (name: string) =>
      items.filter({ has: e.page.getByTestId('attachment-name').getByText(name, { exact: true }) });
    const exe = byName('Hóa đơn tháng 3.pdf.exe');
    assert.equal(await exe.getAttribute('data-risk'), 'block');
    assert.match(await exe.innerText(), /Bị chặn/);
    assert.match(await exe.innerText(), /Tên tệp được đặt để che giấu loại tệp thật \(\.exe\)/);
    assert.equal(await exe.getByRole('button').count(), 0, 'no open or save for a blocked file');
    const xlsm = byName('Bảng kê chi tiết.xlsm');
    assert.equal(await xlsm.getAttribute('data-risk'), 'warn');
    assert.match(await xlsm.innerText(), /Cần thận trọng/);
    assert.equal(await byName('Báo cáo tháng 3.pdf').getAttribute('data-risk'), 'none');
    assert.equal(await e.page.getByRole('button', { name: 'Lưu tất cả' }).count(), 1);
    await screenshot(e.page, 'reader-risky-attachments-vi');
    await a11y(e, 'reader: risky attachments');

    // The macro workbook: a confirmation that names the risk; cancel is the default.
    await xlsm.getByRole('button', { name: 'Lưu Bảng kê chi tiết.xlsm' }).click();
    const risk = e.page.getByTestId('risk-dialog');
    await risk.waitFor();
    assert.match(await risk.innerText(), /Tài liệu có macro \(\.xlsm\): macro có thể chạy mã độc nếu được bật\./);
    await screenshot(e.page, 'reader-risk-dialog-vi');
    await a11y(e, 'reader: risk confirmation');
    const download = e.page.waitForEvent('download');
    await risk.getByRole('button', { name: 'Vẫn tiếp tục' }).click();
    await savedAs(await download, 'Bảng kê chi tiết.xlsm', Buffer.from('PK\u0003\u0004'));

    // An ordinary file saves at once.
    const pdf = e.page.waitForEvent('download');
    await byName('Báo cáo tháng 3.pdf').getByRole('button', { name: 'Lưu Báo cáo tháng 3.pdf' }).click();
    await savedAs(await pdf, 'Báo cáo tháng 3.pdf', minimalPdf(['Bao cao thang 3']));

    // PDF, pictures and text preview inside the app (pdf.js in its worker, drawn on a canvas).
    await byName('Báo cáo tháng 3.pdf').getByRole('button', { name: 'Mở Báo cáo tháng 3.pdf' }).click();
    const pdfView = e.page.getByTestId('pdf-view');
    await pdfView.and(e.page.locator('[data-drawn="true"]')).waitFor({ timeout: 30_000 });
    assert.equal(await pdfView.getAttribute('data-pages'), '1');
    const inked = await e.page.evaluate(() => {
      const c = document.querySelector<HTMLCanvasElement>('[data-testid="pdf-view"] canvas');
      const data = c?.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
      let dark = 0;
      for (let i = 0; data && i < data.length; i += 4) if ((data[i] ?? 255) < 128) dark++;
      return dark;
    });
    assert.ok(inked > 100, `the page has text on it (${inked} dark pixels)`);
    await screenshot(e.page, 'reader-preview-pdf-vi');
    await a11y(e, 'reader: PDF preview');
    await e.page.getByTestId('preview-dialog').getByRole('button', { name: 'Đóng' }).click();
    await e.page.getByTestId('preview-dialog').waitFor({ state: 'detached' });

    // Pictures and text.
    await byName('Ảnh chụp công văn.png').getByRole('button', { name: 'Mở Ảnh chụp công văn.png' }).click();
    const preview = e.page.getByTestId('preview-dialog');
    await preview.getByRole('img', { name: 'Ảnh chụp công văn.png' }).waitFor();
    await screenshot(e.page, 'reader-preview-image-vi');
    await preview.getByRole('button', { name: 'Đóng' }).click();
    await preview.waitFor({ state: 'detached' });
    await byName('Ghi chú.txt').getByRole('button', { name: 'Mở Ghi chú.txt' }).click();
    await e.page.getByTestId('preview-dialog').getByText(NOTE).waitFor();
    await e.page.getByTestId('preview-dialog').getByRole('button', { name: 'Đóng' }).click();
  });

  test('a TCVN3 letter: the bar offers conversion, and the text reads as Unicode afterwards', async () => {
    await openMessage(e.page, FOLDER, LEGACY);
    const bar = e.page.getByTestId('legacy-bar');
    await bar.waitFor();
    assert.match(await bar.innerText(), /Thư có vẻ được soạn bằng bảng mã cũ \(TCVN3 \(ABC\)\)\./);
    const body = e.page.getByTestId('reader-body');
    assert.match(await body.innerText(), /KÝnh göi/, 'shown as it came, until the user asks');
    await screenshot(e.page, 'reader-legacy-vi');
    await a11y(e, 'reader: legacy encoding');
    await bar.getByRole('button', { name: 'Chuyển sang Unicode' }).click();
    await bar.filter({ hasText: 'Đã chuyển nội dung từ TCVN3 (ABC) sang Unicode.' }).waitFor();
    assert.equal((await body.innerText()).replace(/\r\n/g, '\n').trim(), LEGACY_TEXT);
    assert.equal(
      (await e.page.getByTestId('reader-subject').innerText()).trim(),
      LEGACY,
      'a Unicode subject is left alone',
    );
    await screenshot(e.page, 'reader-legacy-converted-vi');
    await bar.getByRole('button', { name: 'Xem bản gốc' }).click();
    await e.page.getByTestId('reader-body').filter({ hasText: 'KÝnh göi' }).waitFor();
  });

  test('nothing but the harness and the allowed images was ever asked for; no CSP violation in the app', async () => {
    const everything = foreignSince(e.rec, { routed: 0, cdp: 0, log: 0, console: 0, dialogs: 0 }, e.origin);
    const allowed = new Set([...NEWSLETTER_REMOTE_HOSTS, 'dangnhap-thudientu.example']);
    assert.deepEqual(
      everything.routed.filter((r) => !allowed.has(new URL(r.url).hostname)),
      [],
    );
    assert.deepEqual(
      everything.routed.filter((r) => r.type !== 'image' && r.url !== NEWSLETTER_LINK),
      [],
      'only images, and the one link the user confirmed',
    );
    assert.deepEqual(await cspViolations(e.page), []);
    assert.deepEqual(e.rec.dialogs, []);
  });
});
