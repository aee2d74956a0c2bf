import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { TcvError } from '../../src/api/errors.ts';
import { composeMessage, composeToFile, htmlToText, toAddress } from '../../src/mail/compose.ts';
import { checkSize, effectiveLimit, parseEhlo } from '../../src/mail/smtp.ts';
import { encodeMailboxName } from '../../src/mail/append.ts';
import type { AccountSummary } from '../../src/api/types.ts';

const account: AccountSummary = {
  id: 'chuyenvien@cantho.gov.vn',
  email: 'chuyenvien@cantho.gov.vn',
  displayName: 'Nguyễn Văn Hòa',
  kind: 'personal',
  username: 'chuyenvien@cantho.gov.vn',
  imap: { host: '127.0.0.1', port: 993, security: 'tls' },
  smtp: { host: '127.0.0.1', port: 587, security: 'starttls' },
  caFile: null,
};

const tmp = () => mkdtempSync(join(tmpdir(), 'tcv-compose-'));

test('composed message: NFC subject and body, UTF-8 headers, Bcc only in the envelope, fixed Message-ID', async () => {
  // "Thư mời họp" typed with combining marks (UniKey "tổ hợp"): must go out precomposed (Article 7, NFC).
  const decomposed = 'Thư mời họp về việc triển khai'.normalize('NFD');
  const msg = await composeMessage(account, {
    to: ['vanthu@cantho.gov.vn'],
    cc: ['lanhdao@cantho.gov.vn'],
    bcc: ['an@cantho.gov.vn'],
    subject: decomposed,
    text: 'Kính gửi: Văn phòng.\nNội dung.'.normalize('NFD'),
  });
  const raw = msg.raw.toString('latin1');
  assert.ok(!/^bcc:/im.test(raw), 'no Bcc header in the message');
  assert.deepEqual(msg.envelope.to.sort(), ['an@cantho.gov.vn', 'lanhdao@cantho.gov.vn', 'vanthu@cantho.gov.vn']);
  assert.deepEqual(msg.displayTo, ['vanthu@cantho.gov.vn', 'lanhdao@cantho.gov.vn'], 'Bcc is not shown either');
  assert.match(msg.messageId, /^<.+@.+>$/);
  assert.ok(raw.includes(`Message-ID: ${msg.messageId}`));
  assert.ok(![...msg.raw].some((b) => b > 0x7f), 'headers and bodies are 7-bit (RFC 2047 words, quoted-printable)');
  assert.equal(msg.smtpUtf8, false);
  const parsed = await simpleParser(msg.raw);
  assert.equal(parsed.subject, 'Thư mời họp về việc triển khai'.normalize('NFC'));
  assert.equal(parsed.text?.trim(), 'Kính gửi: Văn phòng.\nNội dung.'.normalize('NFC'));
  assert.equal(parsed.from?.value[0]?.name, 'Nguyễn Văn Hòa');
});

test('plain + HTML alternative, inline image by cid, attachment names NFC (RFC 2231), threading headers', async () => {
  const dir = tmp();
  const pdf = join(dir, 'cv.pdf');
  writeFileSync(pdf, Buffer.from('%PDF-1.4\n% Công văn\n'));
  const png = join(dir, 'logo.png');
  writeFileSync(png, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
  const nameNfd = 'Công văn số 45-UBND.pdf'.normalize('NFD');
  const out = join(dir, 'm.eml');
  const msg = await composeToFile(
    account,
    {
      to: [{ name: 'Văn thư'.normalize('NFD'), address: 'vanthu@cantho.gov.vn' }],
      cc: [],
      bcc: [],
      subject: 'Re: Công văn',
      text: 'Xem tệp đính kèm.',
      html: '<p>Xem <b>tệp</b> đính kèm.</p><img src="cid:logo@tcv">',
      attachments: [
        { path: pdf, filename: nameNfd },
        { path: png, cid: 'logo@tcv' },
      ],
      inReplyTo: '<goc@cantho.gov.vn>',
      references: ['<dau@cantho.gov.vn>', '<goc@cantho.gov.vn>'],
    },
    out,
  );
  assert.equal(msg.size, statSync(out).size);
  const raw = readFileSync(out);
  assert.match(raw.toString('latin1'), /^In-Reply-To: <goc@cantho\.gov\.vn>$/m);
  assert.match(raw.toString('latin1'), /^References: <dau@cantho\.gov\.vn> <goc@cantho\.gov\.vn>$/m);
  assert.match(raw.toString('latin1'), /filename\*0\*=utf-8''C%C3%B4ng/, 'RFC 2231 name, precomposed ô');
  assert.match(raw.toString('latin1'), /multipart\/alternative/);
  assert.match(raw.toString('latin1'), /multipart\/related/);
  const parsed = await simpleParser(raw);
  assert.equal(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0]?.name : '', 'Văn thư'.normalize('NFC'));
  assert.match(parsed.text ?? '', /Xem tệp đính kèm/);
  assert.match(String(parsed.html), /<b>tệp<\/b>/);
  const att = parsed.attachments.find((a) => a.contentType === 'application/pdf');
  assert.equal(att?.filename, 'Công văn số 45-UBND.pdf'.normalize('NFC'));
  assert.equal(att?.content.toString(), '%PDF-1.4\n% Công văn\n');
  const img = parsed.attachments.find((a) => a.contentType === 'image/png');
  assert.equal(img?.cid, 'logo@tcv');
  assert.equal(img?.contentDisposition, 'inline');
});

test('an address with Vietnamese letters goes out as raw UTF-8 (RFC 6532) and asks for SMTPUTF8', async () => {
  const msg = await composeMessage(account, {
    to: [{ name: 'Thư ký', address: 'thư.ký@cantho.gov.vn' }],
    cc: [],
    bcc: [],
    subject: 'x',
    text: 'x',
  });
  assert.equal(msg.smtpUtf8, true);
  assert.ok(msg.raw.toString('utf8').includes('<thư.ký@cantho.gov.vn>'));
  assert.deepEqual(msg.envelope.to, ['thư.ký@cantho.gov.vn']);
});

test('a missing attachment is ATTACHMENT_UNREADABLE before anything is written', async () => {
  const dir = tmp();
  await assert.rejects(
    composeToFile(
      account,
      { to: ['a@b.vn'], cc: [], bcc: [], subject: 's', text: 't', attachments: [{ path: join(dir, 'khong-co.pdf') }] },
      join(dir, 'm.eml'),
    ),
    (e: TcvError) => e.code === 'ATTACHMENT_UNREADABLE',
  );
});

test('HTML typed in the editor gets a plain-text alternative', () => {
  assert.equal(
    htmlToText('<p>Kính gửi:&nbsp;<b>Sở</b></p><ul><li>Một</li><li>Hai &amp; ba</li></ul><style>p{}</style>'),
    'Kính gửi: Sở\n• Một\n• Hai & ba',
  );
});

test('recipients: bare address, "Name <addr>", quoted names, objects', () => {
  assert.deepEqual(toAddress(' an@x.vn '), { name: '', address: 'an@x.vn' });
  assert.deepEqual(toAddress('"Nguyễn An" <an@x.vn>'), { name: 'Nguyễn An', address: 'an@x.vn' });
  assert.deepEqual(toAddress({ name: 'Bình'.normalize('NFD'), address: 'b@x.vn' }), {
    name: 'Bình',
    address: 'b@x.vn',
  });
});

test('EHLO: SIZE (RFC 1870) and SMTPUTF8 are read; the stricter of server and local limit applies', () => {
  const ehlo = [
    '250-localhost',
    '250-PIPELINING',
    '250-SIZE 104857600',
    '250-AUTH PLAIN LOGIN',
    '250-8BITMIME',
    '250 SMTPUTF8',
  ].join('\r\n');
  const caps = parseEhlo(ehlo);
  assert.equal(caps.size, 104857600);
  assert.equal(caps.smtpUtf8, true);
  assert.deepEqual(caps.auth, ['PLAIN', 'LOGIN']);
  assert.equal(parseEhlo('250-x\r\n250 SIZE').size, 0, 'SIZE without a number: no fixed limit');
  assert.equal(parseEhlo('250-x\r\n250 HELP').size, null);
  assert.equal(effectiveLimit(0, null), null);
  assert.equal(effectiveLimit(100, 50), 50);
  assert.equal(effectiveLimit(null, 50), 50);
  assert.doesNotThrow(() => checkSize(100, 100, null));
  assert.throws(
    () => checkSize(101, 100, null),
    (e: TcvError) => e.code === 'MESSAGE_TOO_LARGE' && /101 bytes, server SIZE/.test(e.detail),
  );
  assert.throws(
    () => checkSize(60, 100, 50),
    (e: TcvError) => e.code === 'MESSAGE_TOO_LARGE' && /local limit/.test(e.detail),
  );
});

test('mailbox names in modified UTF-7 (RFC 3501 5.1.3)', () => {
  assert.equal(encodeMailboxName('Sent'), 'Sent');
  assert.equal(encodeMailboxName('A&B'), 'A&-B');
  // RFC 3501's own example.
  assert.equal(encodeMailboxName('~peter/mail/台北/日本語'), '~peter/mail/&U,BTFw-/&ZeVnLIqe-');
  assert.equal(encodeMailboxName('Thư đã gửi'), 'Th&AbA- &AREA4w- g&Hu0-i');
});
