// `tcv` against the real stack: the command lines of issue 2, their JSON, and their exit codes (0 ok, 1 failure with
// the error code printed, 2 usage). Results match the API because the CLI calls the same dispatch.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { injectMessage, type StackInfo } from '../../scripts/mailstack/index.ts';
import { accountAddArgs, addAccountWithTcv, tcv } from '../support/cli.ts';
import { stack, tempDir, user } from '../support/stack.ts';
import { officialMail } from '../support/messages.ts';

let info: StackInfo;

before(async () => {
  info = await stack('full');
});

const addArgs = (profile: string, email: string) => accountAddArgs(info, profile, email);

test('account add, sync, ls, show, send and doctor through tcv', async () => {
  const profile = tempDir('tcv-cli-');
  const head = user(info, 'head');
  const add = await addAccountWithTcv(info, profile, 'head');
  assert.match(add.stdout, /Đã thêm tài khoản/);

  const subject = `Giấy mời họp giao ban tuần — Sở Khoa học và Công nghệ ${Date.now()}`;
  await injectMessage(
    info,
    await officialMail({
      from: 'vanphong@cantho.gov.vn',
      to: head.email,
      subject,
      text: 'Kính mời lãnh đạo dự họp.',
      attachmentName: 'Giấy mời.pdf',
    }),
    [head.email],
  );

  const sync = await tcv(['--profile', profile, 'sync', '--folder', 'INBOX', '--json']);
  assert.equal(sync.code, 0, sync.stderr);
  const s = JSON.parse(sync.stdout);
  assert.equal(s.folder, 'INBOX');
  assert.ok(s.added >= 1);

  const ls = await tcv(['--profile', profile, 'ls', 'INBOX', '--json']);
  assert.equal(ls.code, 0, ls.stderr);
  const page = JSON.parse(ls.stdout);
  const item = page.items.find((m: { subject: string }) => m.subject === subject);
  assert.ok(item, 'listed');
  assert.equal(item.hasAttachments, true);

  const show = await tcv(['--profile', profile, 'show', String(item.uid), '--json']);
  assert.equal(show.code, 0, show.stderr);
  const detail = JSON.parse(show.stdout);
  assert.equal(detail.subject, subject);
  assert.deepEqual(
    detail.attachments.map((a: { filename: string }) => a.filename),
    ['Giấy mời.pdf'],
  );
  const human = await tcv(['--profile', profile, 'show', String(item.uid)]);
  assert.match(human.stdout, /Tiêu đề: {2}Giấy mời họp/);
  assert.match(human.stdout, /Đính kèm: Giấy mời\.pdf/);

  const bodyFile = join(profile, 'body.txt');
  writeFileSync(bodyFile, 'Kính gửi Văn thư,\nĐề nghị chuyển công văn cho phòng Hành chính.\n');
  const send = await tcv([
    '--profile',
    profile,
    'send',
    '--to',
    user(info, 'custodian').email,
    '--subject',
    'Chuyển tiếp: công văn đến',
    '--body-file',
    bodyFile,
    '--json',
  ]);
  assert.equal(send.code, 0, send.stderr);
  assert.equal(JSON.parse(send.stdout).state, 'sent');

  const doctor = await tcv(['--profile', profile, 'doctor']);
  assert.equal(doctor.code, 0, doctor.stdout + doctor.stderr);
  assert.match(doctor.stdout, /✔ ĐẠT\s+Đăng nhập IMAP/);
  assert.match(doctor.stdout, /Kết luận: kết nối hoạt động bình thường/);
  const doctorJson = JSON.parse((await tcv(['--profile', profile, 'doctor', '--json'])).stdout);
  assert.equal(doctorJson.ok, true);
});

test('failures exit 1 with the error code; usage errors exit 2', async () => {
  const profile = tempDir('tcv-cli-');
  const head = user(info, 'head');
  const wrong = await tcv(addArgs(profile, head.email), 'sai-mật-khẩu\n');
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /Lỗi \[AUTH_FAILED\]: Máy chủ từ chối/);
  const json = await tcv(accountAddArgs(info, profile, head.email, { extra: ['--json'] }), 'sai\n');
  assert.equal(JSON.parse(json.stdout).error.code, 'AUTH_FAILED');
  const noCa = await tcv(
    addArgs(profile, head.email).filter((a, i, all) => a !== '--ca' && all[i - 1] !== '--ca'),
    head.password,
  );
  assert.equal(noCa.code, 1);
  assert.match(noCa.stderr, /\[TLS_UNTRUSTED\]/);
  const refused = await tcv(
    [
      '--profile',
      profile,
      'account',
      'add',
      '--email',
      head.email,
      '--imap',
      '127.0.0.1:1',
      '--smtp',
      '127.0.0.1:1',
      '--password-stdin',
    ],
    'x',
  );
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /\[CONNECTION_REFUSED\]/);
  assert.equal((await tcv(['--profile', profile, 'frobnicate'])).code, 2);
  assert.equal((await tcv(['--profile', profile, 'show', 'abc'])).code, 2);
  assert.equal((await tcv(['--profile', profile, 'account', 'add', '--email', head.email])).code, 2);
  const noAccount = await tcv(['--profile', profile, 'sync']);
  assert.equal(noAccount.code, 1);
  assert.match(noAccount.stderr, /\[ACCOUNT_NOT_FOUND\]/);
});
