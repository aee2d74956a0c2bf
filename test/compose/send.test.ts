// Sending against the real Postfix and Dovecot: attachments streamed from files with Vietnamese names, HTML with an
// inline image, a Vietnamese address through SMTPUTF8, the server's SIZE limit read from EHLO and a stricter local
// limit refused before anything is sent, the copy in Sent (once), and settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { simpleParser } from 'mailparser';
import type { StackInfo } from '../../scripts/mailstack/index.ts';
import { addAccount, tempDir, testEngine, user, type TestEngine } from '../support/stack.ts';
import { tinyPdf } from '../support/messages.ts';
import { cleanUp, fileHooks, findByHeader, findBySubject, imapAs, settle, source, tag, waitFor } from './support.ts';

let info: StackInfo;
const { engines, cleanups } = fileHooks((i) => (info = i));

async function sender(): Promise<TestEngine> {
  const t = await testEngine({ trustedCaFiles: [info.ca] });
  engines.push(t);
  await settle(() => addAccount(t, info, 'personal'));
  return t;
}

test('attachments, HTML with an inline image and Vietnamese names arrive exact; one copy is filed in Sent', async () => {
  const t = await sender();
  const cv = user(info, 'personal');
  const vt = user(info, 'custodian');
  const id = tag('gui-dinh-kem');
  cleanups.push(() => cleanUp(info, 'custodian', ['INBOX'], id));
  cleanups.push(() => cleanUp(info, 'personal', ['Sent'], id));
  const dir = tempDir('tcv-att-');
  const pdf = join(dir, 'cv.pdf');
  writeFileSync(pdf, tinyPdf('Công văn'));
  const png = join(dir, 'logo.png');
  writeFileSync(png, Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'));
  const pdfName = 'Công văn số 45/UBND-VP về việc triển khai.pdf'.normalize('NFD');
  const entry = await t.must('messages.send', {
    accountId: cv.email,
    to: [{ name: 'Chị Thư — Văn thư'.normalize('NFD'), address: vt.email }],
    subject: `Công văn đính kèm ${id}`.normalize('NFD'),
    text: 'Kính gửi chị,\nĐơn vị gửi công văn kèm theo.',
    html: '<p>Kính gửi chị,</p><p>Đơn vị gửi <b>công văn</b> kèm theo.</p><img src="cid:logo@ubnd">',
    attachments: [
      { path: pdf, filename: pdfName },
      { path: png, cid: 'logo@ubnd' },
    ],
  });
  assert.equal(entry.state, 'sent', `${entry.state} ${entry.lastError}`);
  assert.equal(entry.sentCopy, 'done');
  assert.deepEqual(entry.rejected, []);
  assert.ok(entry.size > 1000);

  const c = await imapAs(info, 'custodian');
  try {
    const [m] = await waitFor(
      async () => {
        const f = await findBySubject(c, 'INBOX', id);
        return f.length ? f : null;
      },
      15_000,
      'delivery',
    );
    assert.ok(m);
    assert.equal(m.messageId, entry.messageId);
    const parsed = await simpleParser(await source(c, 'INBOX', m.uid));
    assert.equal(parsed.subject, `Công văn đính kèm ${id}`.normalize('NFC'));
    const to = parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0] : undefined;
    assert.equal(to?.name, 'Chị Thư — Văn thư'.normalize('NFC'));
    assert.match(parsed.text ?? '', /Đơn vị gửi công văn kèm theo/);
    assert.match(String(parsed.html), /<b>công văn<\/b>/);
    const att = parsed.attachments.find((a) => a.contentType === 'application/pdf');
    assert.equal(att?.filename, pdfName.normalize('NFC'));
    assert.deepEqual(att?.content, tinyPdf('Công văn'));
    assert.equal(parsed.attachments.find((a) => a.cid === 'logo@ubnd')?.contentDisposition, 'inline');
  } finally {
    await c.logout();
  }
  const mine = await imapAs(info, 'personal');
  try {
    const inSent = await findByHeader(mine, 'Sent', 'message-id', entry.messageId);
    assert.equal(inSent.length, 1, 'exactly one copy in Sent');
    const [copy] = await findBySubject(mine, 'Sent', id);
    assert.ok(copy?.flags.has('\\Seen'));
  } finally {
    await mine.logout();
  }
});

test('a Vietnamese address is submitted with SMTPUTF8; without SMTPUTF8 it is refused before sending', async () => {
  const t = await sender();
  const cv = user(info, 'personal');
  const vt = user(info, 'custodian');
  const id = tag('smtputf8');
  cleanups.push(() => cleanUp(info, 'personal', ['Sent'], id));
  const settings = await t.must('sendSettings.get', { accountId: cv.email, refresh: true });
  assert.equal(settings.smtpUtf8, true, 'Postfix has smtputf8_enable = yes');
  // No such mailbox exists, so Postfix refuses this recipient (550 5.1.1 user unknown) — after accepting MAIL FROM
  // with SMTPUTF8: without it the answer would have been 553 5.6.7 ("must declare SMTPUTF8").
  // The accepted copy for the custodian does not reach the mailbox: Dovecot 2.3's LMTP does not offer SMTPUTF8, so
  // Postfix bounces a message whose headers carry a UTF-8 address (docs/compose.md, "SMTPUTF8").
  const utf8Address = 'thư.ký@cantho.gov.vn';
  const entry = await t.must('messages.send', {
    accountId: cv.email,
    to: [
      { name: 'Văn thư', address: vt.email },
      { name: 'Thư ký Ủy ban', address: utf8Address },
    ],
    subject: `Địa chỉ tiếng Việt ${id}`,
    text: 'Thử SMTPUTF8.',
  });
  assert.equal(entry.state, 'sent', `${entry.state} ${entry.lastError}`);
  assert.deepEqual(entry.rejected, [utf8Address]);
  const mine = await imapAs(info, 'personal');
  try {
    const [copy] = await findByHeader(mine, 'Sent', 'message-id', entry.messageId);
    assert.ok(copy, 'filed in Sent');
    const raw = (await source(mine, 'Sent', copy)).toString('utf8');
    assert.ok(raw.includes(`<${utf8Address}>`), 'the To header carries the address as UTF-8 (RFC 6532)');
  } finally {
    await mine.logout();
  }

  // A server known not to offer SMTPUTF8 (as recorded from its EHLO): refused at once, nothing queued.
  const db = new DatabaseSync(join(t.profileDir, 'cache.sqlite'));
  db.prepare('UPDATE send_settings SET smtp_utf8 = 0 WHERE account_id = ?').run(cv.email);
  db.close();
  const r = await t.call('messages.send', { accountId: cv.email, to: [utf8Address], subject: id, text: 'x' });
  assert.equal(r.ok ? 'ok' : r.error.code, 'SMTPUTF8_UNSUPPORTED');
  assert.equal((await t.must('outbox.list', {})).filter((e) => e.subject === id).length, 0);
});

test("the server's SIZE limit comes from EHLO; a stricter local limit refuses before anything is queued or sent", async () => {
  const t = await sender();
  const cv = user(info, 'personal');
  const vt = user(info, 'custodian');
  const id = tag('qua-lon');
  cleanups.push(() => cleanUp(info, 'custodian', ['INBOX'], id));
  cleanups.push(() => cleanUp(info, 'personal', ['Sent'], id));
  const s = await t.must('sendSettings.get', { accountId: cv.email, refresh: true });
  // scripts/mailstack/config.ts: message_size_limit = 104857600 (room for the 25 MB benchmark once encoded).
  assert.equal(s.serverSizeLimit, 104857600);
  assert.equal(s.effectiveLimit, 104857600);
  assert.ok(s.checkedAt);
  const local = await t.must('sendSettings.set', { accountId: cv.email, maxMessageBytes: 64 * 1024 });
  assert.equal(local.effectiveLimit, 64 * 1024);

  const dir = tempDir('tcv-big-');
  const big = join(dir, 'Báo cáo.pdf');
  writeFileSync(big, Buffer.alloc(100 * 1024, 0x41));
  const r = await t.call('messages.send', {
    accountId: cv.email,
    to: [vt.email],
    subject: `Quá lớn ${id}`,
    text: 'x',
    attachments: [{ path: big }],
  });
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.error.code, 'MESSAGE_TOO_LARGE');
    assert.match(r.error.message, /giới hạn/);
  }
  assert.deepEqual(
    (await t.must('outbox.list', { accountId: cv.email })).filter((e) => e.subject.includes(id)),
    [],
    'nothing queued',
  );
  // The limit is the stricter of the two: lifting the local one lets the same message through.
  await t.must('sendSettings.set', { accountId: cv.email, maxMessageBytes: null });
  const ok = await t.must('messages.send', {
    accountId: cv.email,
    to: [vt.email],
    subject: `Vừa đủ ${id}`,
    text: 'x',
    attachments: [{ path: big }],
  });
  assert.equal(ok.state, 'sent');
  const c = await imapAs(info, 'custodian');
  try {
    const got = await waitFor(
      async () => {
        const f = await findBySubject(c, 'INBOX', id);
        return f.length ? f : null;
      },
      15_000,
      'delivery',
    );
    assert.deepEqual(
      got.map((m) => m.subject),
      [`Vừa đủ ${id}`],
      'the refused message never reached the server',
    );
  } finally {
    await c.logout();
  }
});

test('the server files sent mail itself: no second copy is appended', async () => {
  const t = await sender();
  const cv = user(info, 'personal');
  const id = tag('server-saves');
  cleanups.push(() => cleanUp(info, 'custodian', ['INBOX'], id));
  await t.must('sendSettings.set', { accountId: cv.email, serverSavesSent: true });
  const e = await t.must('messages.send', {
    accountId: cv.email,
    to: [user(info, 'custodian').email],
    subject: `Không lưu bản sao ${id}`,
    text: 'x',
  });
  assert.equal(e.state, 'sent');
  assert.equal(e.sentCopy, 'not-needed');
  const mine = await imapAs(info, 'personal');
  try {
    assert.deepEqual(await findByHeader(mine, 'Sent', 'message-id', e.messageId), []);
  } finally {
    await mine.logout();
  }
});

test('validation at the boundary: relative attachment paths and missing files are refused', async () => {
  const t = await sender();
  const cv = user(info, 'personal');
  const rel = await t.call('messages.send', {
    accountId: cv.email,
    to: ['a@cantho.gov.vn'],
    subject: 's',
    text: 't',
    attachments: [{ path: 'relative/file.pdf' }],
  });
  assert.equal(rel.ok ? 'ok' : rel.error.code, 'VALIDATION');
  const missing = await t.call('messages.send', {
    accountId: cv.email,
    to: ['a@cantho.gov.vn'],
    subject: 's',
    text: 't',
    attachments: [{ path: join(tempDir(), 'khong-co.pdf') }],
  });
  assert.equal(missing.ok ? 'ok' : missing.error.code, 'ATTACHMENT_UNREADABLE');
  assert.deepEqual(await t.must('outbox.list', {}), []);
});
