import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simpleParser } from 'mailparser';
import { composeMessage } from '../../src/mail/compose.ts';
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
  assert.match(msg.messageId, /^<.+@.+>$/);
  assert.ok(raw.includes(`Message-ID: ${msg.messageId}`));
  const parsed = await simpleParser(msg.raw);
  assert.equal(parsed.subject, 'Thư mời họp về việc triển khai'.normalize('NFC'));
  assert.equal(parsed.subject, parsed.subject?.normalize('NFC'));
  assert.equal(parsed.text?.trim(), 'Kính gửi: Văn phòng.\nNội dung.'.normalize('NFC'));
  assert.equal(parsed.from?.value[0]?.name, 'Nguyễn Văn Hòa');
});
