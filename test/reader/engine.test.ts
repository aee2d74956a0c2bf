// The reader's contract methods against the real stack (messages.html, messages.source, attachments.get,
// text.convert), in a folder of this run's own, so concurrent tests on the shared stack never see each other's mail.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { doveadm, doveadmSave, type StackInfo } from '../../scripts/mailstack/index.ts';
import { addAccount, stack, testEngine, user, type TestEngine } from '../support/stack.ts';
import {
  LEGACY_TEXT,
  NEWSLETTER_REMOTE_HOSTS,
  htmlMessage,
  legacyMessage,
  newsletterHtml,
  pngImage,
} from './support/hostile.ts';

const run = randomBytes(3).toString('hex');
const FOLDER = `Reader-engine-${run}`;
const NEWSLETTER = `Bản tin chuyển đổi số (${run})`;
const LEGACY = `Công văn mã cũ (${run})`;
const LOGO = pngImage(12, 4, [164, 38, 44]);
const PDF = Buffer.from('%PDF-1.4\n% test\n');

describe('reader methods on the real stack', { timeout: 120_000 }, () => {
  let info: StackInfo;
  let t: TestEngine;
  let accountId: string;
  let email: string;
  const uids = new Map<string, number>();

  before(async () => {
    info = await stack();
    email = user(info, 'personal').email;
    await doveadm(info, ['mailbox', 'create', '-u', email, FOLDER]);
    const from = 'Sở Thông tin và Truyền thông <bantin@stttt.cantho.gov.vn>';
    await doveadmSave(
      info,
      email,
      FOLDER,
      await htmlMessage({
        from,
        to: email,
        subject: NEWSLETTER,
        html: newsletterHtml(),
        attachments: [
          { filename: 'logo.png', content: LOGO, contentType: 'image/png', cid: 'logo-so@bantin' },
          { filename: 'Báo cáo tháng 3.pdf', content: PDF, contentType: 'application/pdf' },
          {
            filename: 'Bảng kê.xlsm',
            content: Buffer.from('PK'),
            contentType: 'application/vnd.ms-excel.sheet.macroEnabled.12',
          },
          { filename: 'Cập nhật.pdf.exe', content: Buffer.from('MZ'), contentType: 'application/octet-stream' },
        ],
      }),
    );
    await doveadmSave(info, email, FOLDER, legacyMessage(from, email, LEGACY));
    t = await testEngine({ trustedCaFiles: [info.ca] });
    accountId = (await addAccount(t, info, 'personal')).id;
    await t.must('sync.run', { accountId, folder: FOLDER });
    const page = await t.must('messages.list', { accountId, folder: FOLDER });
    for (const m of page.items) uids.set(m.subject, m.uid);
    assert.ok(uids.has(NEWSLETTER) && uids.has(LEGACY), [...uids.keys()].join(' | '));
  });

  after(async () => {
    await t?.engine.close();
    if (info) await doveadm(info, ['mailbox', 'delete', '-u', email, FOLDER]).catch(() => undefined);
  });

  test('messages.html: the raw HTML, remote hosts, cid parts, attachment risks; the message stays unread', async () => {
    const uid = uids.get(NEWSLETTER)!;
    const r = await t.must('messages.html', { accountId, folder: FOLDER, uid });
    assert.ok(r.html?.includes('Bản tin chuyển đổi số tháng 3/2026'));
    assert.ok(r.html?.includes('src="cid:logo-so@bantin"'), 'unsanitised: the renderer resolves cid: itself');
    assert.deepEqual(r.remoteHosts, NEWSLETTER_REMOTE_HOSTS);
    assert.equal(r.legacy, null);
    assert.equal(r.cids.length, 1);
    assert.equal(r.cids[0]?.cid, 'logo-so@bantin');
    assert.equal(r.cids[0]?.contentType, 'image/png');
    const detail = await t.must('messages.get', { accountId, folder: FOLDER, uid });
    const byName = new Map(detail.attachments.map((a) => [a.filename, a.index]));
    const level = (name: string) => r.attachmentRisks.find((x) => x.index === byName.get(name))?.level;
    assert.equal(level('Báo cáo tháng 3.pdf'), 'none');
    assert.equal(level('Bảng kê.xlsm'), 'warn');
    assert.equal(level('Cập nhật.pdf.exe'), 'block');
    assert.equal(r.attachmentRisks.find((x) => x.index === byName.get('Cập nhật.pdf.exe'))?.reason, 'disguised-name');
  });

  test('messages.html does not mark the message read (messages.get does)', async () => {
    const uid = uids.get(LEGACY)!;
    await t.must('messages.html', { accountId, folder: FOLDER, uid });
    const page = await t.must('messages.list', { accountId, folder: FOLDER });
    assert.equal(page.items.find((m) => m.uid === uid)?.seen, false);
  });

  test('attachments.get: inline image and PDF bytes; a blocked type is refused', async () => {
    const uid = uids.get(NEWSLETTER)!;
    const html = await t.must('messages.html', { accountId, folder: FOLDER, uid });
    const logo = await t.must('attachments.get', { accountId, folder: FOLDER, uid, index: html.cids[0]!.index });
    assert.deepEqual(Buffer.from(logo.base64, 'base64'), LOGO);
    const detail = await t.must('messages.get', { accountId, folder: FOLDER, uid });
    const index = (name: string) => detail.attachments.find((a) => a.filename === name)!.index;
    const pdf = await t.must('attachments.get', {
      accountId,
      folder: FOLDER,
      uid,
      index: index('Báo cáo tháng 3.pdf'),
    });
    assert.deepEqual(Buffer.from(pdf.base64, 'base64'), PDF);
    assert.equal(pdf.filename, 'Báo cáo tháng 3.pdf');
    const exe = await t.call('attachments.get', { accountId, folder: FOLDER, uid, index: index('Cập nhật.pdf.exe') });
    assert.equal(exe.ok ? 'ok' : exe.error.code, 'ATTACHMENT_BLOCKED');
    const none = await t.call('attachments.get', { accountId, folder: FOLDER, uid, index: 99 });
    assert.equal(none.ok ? 'ok' : none.error.code, 'MESSAGE_NOT_FOUND');
  });

  test('attachments.get without the attachment files (interim path): the message is read again', async () => {
    const uid = uids.get(NEWSLETTER)!;
    rmSync(join(t.profileDir, 'attachments'), { recursive: true, force: true });
    const detail = await t.must('messages.get', { accountId, folder: FOLDER, uid });
    const index = detail.attachments.find((a) => a.filename === 'Báo cáo tháng 3.pdf')!.index;
    const pdf = await t.must('attachments.get', { accountId, folder: FOLDER, uid, index });
    assert.deepEqual(Buffer.from(pdf.base64, 'base64'), PDF);
  });

  test('messages.source: the message as stored, headers and MIME parts', async () => {
    const uid = uids.get(NEWSLETTER)!;
    const src = await t.must('messages.source', { accountId, folder: FOLDER, uid });
    assert.equal(src.truncated, false);
    assert.ok(src.size > 1000);
    assert.match(src.source, /^Content-Type: multipart\/mixed/m);
    assert.match(src.source, /Content-ID: <logo-so@bantin>/);
  });

  test('legacy encoding: detected, and text.convert gives the Unicode letter back', async () => {
    const uid = uids.get(LEGACY)!;
    const r = await t.must('messages.html', { accountId, folder: FOLDER, uid });
    assert.equal(r.html, null);
    assert.equal(r.legacy?.encoding, 'tcvn3');
    const detail = await t.must('messages.get', { accountId, folder: FOLDER, uid });
    assert.notEqual(detail.text.trim(), LEGACY_TEXT);
    const [converted] = await t.must('text.convert', { texts: [detail.text], from: 'tcvn3' });
    assert.equal(converted?.replace(/\r\n/g, '\n').trim(), LEGACY_TEXT);
    const auto = await t.must('text.convert', { texts: [detail.text, 'Công văn'], from: 'auto' });
    assert.equal(auto[1], 'Công văn');
  });

  test('boundaries: unknown message, bad parameters', async () => {
    const missing = await t.call('messages.html', { accountId, folder: FOLDER, uid: 999_999 });
    assert.equal(missing.ok ? 'ok' : missing.error.code, 'MESSAGE_NOT_FOUND');
    const bad = await t.call('text.convert', { texts: ['x'], from: 'utf-7' as 'tcvn3' });
    assert.equal(bad.ok ? 'ok' : bad.error.code, 'VALIDATION');
  });
});
