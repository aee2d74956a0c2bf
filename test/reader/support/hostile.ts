// Hostile and ordinary test mail for the reader's tests (e2e/hostile.e2e.ts, e2e/reader.e2e.ts, test/reader/*):
// the HTTPLeaks page and the XSS vectors from test/fixtures/hostile (loaded as data, never pasted into source: the
// H5SC vectors are MPL-2.0), plus messages written here (a Vietnamese newsletter with remote and inline images, risky
// attachments, a TCVN3 letter). Raw messages are built with nodemailer's MailComposer, or by hand where the point is
// bytes MailComposer would not write (a legacy charset).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import MailComposer from 'nodemailer/lib/mail-composer';
import { encodeLegacy } from '../../../src/text/index.ts';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'hostile');

/** cure53/HTTPLeaks leak.html (BSD-2-Clause): every way HTML can make a request, all to host leaking.via. */
export function leakHtml(): string {
  return readFileSync(join(FIXTURES, 'httpleaks', 'leak.html'), 'utf8');
}
export const LEAK_HOST = 'leaking.via';

export interface XssVector {
  id: string;
  source: string;
  payload: string;
}

/** The 372 vectors of xss-vectors.json (H5SC: MPL-2.0; DOMPurify fixtures: Apache-2.0 OR MPL-2.0). */
export function xssVectors(): XssVector[] {
  return JSON.parse(readFileSync(join(FIXTURES, 'xss-vectors', 'xss-vectors.json'), 'utf8')) as XssVector[];
}

export interface PurifyCase {
  index: number;
  title: string;
  payload: string;
  expected: string | string[];
}

/** DOMPurify's own fixtures with the output its default config gives (regression check on upgrades). */
export function purifyCases(): PurifyCase[] {
  return JSON.parse(readFileSync(join(FIXTURES, 'xss-vectors', 'dompurify', 'expect.json'), 'utf8')) as PurifyCase[];
}

/** Logged to the console by a vector's script if it ever runs (see markScripts). */
export const SCRIPT_MARKER = 'TCV_SCRIPT_RAN';

/**
 * The vector with its alert/confirm/prompt/print calls replaced by a console marker, so a script that runs leaves a
 * trace even where a dialog would be suppressed (a sandbox without allow-modals only logs "Ignored call to alert()").
 * A regex literal instead of a string, so the replacement needs no quotes inside quoted attributes.
 */
export function markScripts(payload: string): string {
  return payload.replace(
    /\b(alert|confirm|prompt|print)\b(?=\s*[(`])/g,
    `console.log.bind(console,/${SCRIPT_MARKER}/.source)`,
  );
}

/** One HTML body carrying many vectors, each in its own block (an unclosed vector cannot hide the next for long). */
export function vectorsHtml(vectors: readonly XssVector[]): string {
  return vectors
    .map((v) => `<div class="vector" data-id="${v.id}">\n${markScripts(v.payload)}\n</div><!-- end ${v.id} -->`)
    .join('\n');
}

export interface HtmlMail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text?: string;
  date?: Date;
  attachments?: Array<{ filename: string; content: Buffer; contentType?: string; cid?: string }>;
}

export async function htmlMessage(m: HtmlMail): Promise<Buffer> {
  const composer = new MailComposer({
    from: m.from,
    to: m.to,
    subject: m.subject,
    html: m.html,
    ...(m.text !== undefined ? { text: m.text } : {}),
    date: m.date ?? new Date(),
    attachments: m.attachments,
  });
  return composer.compile().build();
}

/** A solid-colour PNG (no tools, no files): a real image for inline (cid:) parts. */
export function pngImage(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const NEWSLETTER_REMOTE_HOSTS = ['anh.bantin.example', 'theodoi.quangcao.example'];
export const NEWSLETTER_LINK = 'https://dangnhap-thudientu.example/xac-thuc?tk=chuyenvien';
export const NEWSLETTER_LINK_TEXT = 'https://mail.cantho.gov.vn';

/** A Vietnamese newsletter: remote images and a tracking pixel, an inline logo (cid:), a table, a deceptive link. */
export function newsletterHtml(): string {
  return `<!doctype html><html><head><meta charset="utf-8">
<style>
  .khung { font-family: Arial, sans-serif; color: #1b1b1b; }
  h1 { color: #a4262c; font-size: 22px; margin: 8px 0; }
  .bang td, .bang th { border: 1px solid #c8c8c8; padding: 4px 8px; }
  .bang th { background: #f3f2f1; }
  .banner { background-image: url(https://anh.bantin.example/nen-banner.jpg); padding: 12px; }
</style></head>
<body><div class="khung">
  <p><img src="cid:logo-so@bantin" alt="Biểu trưng Sở" width="120" height="40"></p>
  <div class="banner"><h1>Bản tin chuyển đổi số tháng 3/2026</h1></div>
  <p>Kính gửi các cơ quan, đơn vị,</p>
  <p>Sở Thông tin và Truyền thông trân trọng gửi bản tin tháng 3 về việc sử dụng <b>thư điện tử công vụ</b>
     và chữ ký số trong các cơ quan nhà nước trên địa bàn thành phố.</p>
  <p><img src="https://anh.bantin.example/bieu-do-thang-3.png" alt="Biểu đồ số văn bản điện tử" width="480" height="200"></p>
  <table class="bang" style="border-collapse: collapse">
    <tr><th>Đơn vị</th><th>Văn bản đi</th><th>Tỷ lệ ký số</th></tr>
    <tr><td>Văn phòng UBND thành phố</td><td style="text-align:right">1.245</td><td style="text-align:right">98,2%</td></tr>
    <tr><td>Sở Tài chính</td><td style="text-align:right">862</td><td style="text-align:right">95,7%</td></tr>
  </table>
  <p>Để xem lại hộp thư, đăng nhập tại <a href="${NEWSLETTER_LINK}">${NEWSLETTER_LINK_TEXT}</a>.</p>
  <p style="color:#605e5c;font-size:12px">Trân trọng.</p>
  <img src="https://theodoi.quangcao.example/pixel.gif?nguoinhan=chuyenvien" width="1" height="1" alt="">
</div></body></html>`;
}

/** A letter typed in TCVN3 (ABC) and sent as windows-1252, as old Vietnamese office software did. */
export const LEGACY_TEXT =
  'Kính gửi: Phòng Tổ chức - Hành chính\n\nĐề nghị các đơn vị báo cáo kết quả thực hiện công tác văn thư, lưu trữ năm 2025 trước ngày 15 tháng 3.\n\nTrân trọng.';
export const LEGACY_SUBJECT = 'Báo cáo công tác văn thư năm 2025';

export function legacyMessage(from: string, to: string, subject: string): Buffer {
  const body = Buffer.from(encodeLegacy(LEGACY_TEXT, 'tcvn3')).toString('base64');
  // Header values in RFC 2047 encoded words (only the body is the legacy part).
  const word = (v: string) => `=?utf-8?B?${Buffer.from(v).toString('base64')}?=`;
  const address = (v: string) =>
    v.replace(/^(.*?)\s*<([^>]+)>$/, (_m, name: string, addr: string) => `${word(name)} <${addr}>`);
  const head = [
    `From: ${address(from)}`,
    `To: ${to}`,
    // The subject is Unicode (the test finds the message by it); the body is the legacy part.
    `Subject: ${word(subject)}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <legacy-${Date.now()}@cantho.gov.vn>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=windows-1252',
    'Content-Transfer-Encoding: base64',
  ];
  return Buffer.from(`${head.join('\r\n')}\r\n\r\n${body.replace(/.{76}/g, '$&\r\n')}\r\n`, 'latin1');
}
