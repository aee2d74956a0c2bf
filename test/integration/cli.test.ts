// `tcv` against the real stack: the command lines of issue 2, their JSON, and their exit codes (0 ok, 1 failure with
// the error code printed, 2 usage). Results match the API because the CLI calls the same dispatch.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { injectMessage, type StackInfo } from '../../scripts/mailstack/index.ts';
import { accountAddArgs, addAccountWithTcv, tcv } from '../support/cli.ts';
import { stack, tempDir, user } from '../support/stack.ts';
import { officialMail, tinyPdf } from '../support/messages.ts';

let info: StackInfo;

before(async () => {
  info = await stack('full');
});

const addArgs = (profile: string, email: string) => accountAddArgs(info, profile, email);

// Every command on both Dovecot flavours (issue 3: the reduced one has neither CONDSTORE nor QRESYNC); each has its
// own tests on the full flavour too (sync/cli, search/integration, compose/cli, actions/cli).
for (const flavour of ['full', 'reduced'] as const) {
  test(`${flavour} flavour: account add, sync, ls, show, ${flavour === 'reduced' ? 'search, flag, move, ' : ''}send --attach, outbox and doctor through tcv`, async () => {
    const server = await stack(flavour);
    const profile = tempDir('tcv-cli-');
    const head = user(server, 'head');
    const add = await addAccountWithTcv(server, profile, 'head');
    assert.match(add.stdout, /Đã thêm tài khoản/);
    const run = (args: string[]) => tcv(['--profile', profile, ...args]);

    const subject = `Giấy mời họp giao ban tuần — Sở Khoa học và Công nghệ ${flavour} ${Date.now()}`;
    await injectMessage(
      server,
      await officialMail({
        from: 'vanphong@cantho.gov.vn',
        to: head.email,
        subject,
        text: 'Kính mời lãnh đạo dự họp.',
        attachmentName: 'Giấy mời.pdf',
      }),
      [head.email],
    );

    const sync = await run(['sync', '--folder', 'INBOX', '--json']);
    assert.equal(sync.code, 0, sync.stderr);
    const s = JSON.parse(sync.stdout);
    assert.equal(s.folder, 'INBOX');
    assert.ok(s.added >= 1);

    const ls = await run(['ls', 'INBOX', '--json']);
    assert.equal(ls.code, 0, ls.stderr);
    const page = JSON.parse(ls.stdout);
    const item = page.items.find((m: { subject: string }) => m.subject === subject);
    assert.ok(item, 'listed');
    assert.equal(item.hasAttachments, true);

    const show = await run(['show', String(item.uid), '--json']);
    assert.equal(show.code, 0, show.stderr);
    const detail = JSON.parse(show.stdout);
    assert.equal(detail.subject, subject);
    assert.deepEqual(
      detail.attachments.map((a: { filename: string }) => a.filename),
      ['Giấy mời.pdf'],
    );
    const human = await run(['show', String(item.uid)]);
    assert.match(human.stdout, /Tiêu đề: {2}Giấy mời họp/);
    assert.match(human.stdout, /Đính kèm: Giấy mời\.pdf/);

    // On the full flavour search, flag and move have their own files (search/integration, actions/cli): here they
    // run on the reduced one only, to keep CI time down.
    if (flavour === 'reduced') {
      // Flagged on the server, then found by a search typed without diacritics that needs the flag.
      const flag = await run(['flag', String(item.uid), '--folder', 'INBOX', '--flagged', '--json']);
      assert.equal(flag.code, 0, flag.stderr);
      assert.deepEqual([JSON.parse(flag.stdout).state, JSON.parse(flag.stdout).count], ['done', 1]);
      const found = await run(['search', `is:flagged giay moi hop ${flavour}`, '--folder', 'INBOX', '--json']);
      assert.equal(found.code, 0, found.stderr);
      assert.ok(
        JSON.parse(found.stdout).items.some((m: { uid: number }) => m.uid === item.uid),
        'the flagged message found without diacritics',
      );

      const moved = await run(['move', String(item.uid), '--from', 'INBOX', '--to', 'Trash', '--json']);
      assert.equal(moved.code, 0, moved.stderr);
      assert.equal(JSON.parse(moved.stdout).state, 'done');
      assert.equal((await run(['sync', '--folder', 'Trash'])).code, 0);
      const trash = JSON.parse((await run(['ls', 'Trash', '--json'])).stdout);
      assert.ok(
        trash.items.some((m: { subject: string }) => m.subject === subject),
        'moved to Trash on the server',
      );
    }

    const bodyFile = join(profile, 'body.txt');
    writeFileSync(bodyFile, 'Kính gửi Văn thư,\nĐề nghị chuyển công văn cho phòng Hành chính.\n');
    const pdf = join(profile, 'Công văn.pdf');
    writeFileSync(pdf, tinyPdf('Công văn'));
    const sentSubject = `Chuyển tiếp: công văn đến (${flavour} ${Date.now()})`;
    const send = await run([
      'send',
      '--to',
      user(server, 'custodian').email,
      '--subject',
      sentSubject,
      '--body-file',
      bodyFile,
      '--attach',
      pdf,
      '--json',
    ]);
    assert.equal(send.code, 0, send.stderr);
    assert.equal(JSON.parse(send.stdout).state, 'sent');
    const outbox = await run(['outbox', '--json']);
    assert.equal(outbox.code, 0, outbox.stderr);
    const entry = JSON.parse(outbox.stdout).find((e: { subject: string }) => e.subject === sentSubject);
    assert.equal(entry?.state, 'sent');

    const doctor = await run(['doctor']);
    assert.equal(doctor.code, 0, doctor.stdout + doctor.stderr);
    assert.match(doctor.stdout, flavour === 'full' ? /✔ ĐẠT\s+Đăng nhập IMAP/ : /⚠ LƯU Ý\s+Đăng nhập IMAP/);
    assert.match(doctor.stdout, /Kết luận: kết nối hoạt động bình thường/);
    const doctorJson = JSON.parse((await run(['doctor', '--json'])).stdout);
    assert.equal(doctorJson.ok, true);
    assert.equal(doctorJson.error, null);
    const login = doctorJson.steps.find((x: { id: string }) => x.id === 'imap-login');
    // The reduced server says what it lacks: the doctor warns, and the connection still works.
    if (flavour === 'reduced') assert.match(login.message, /thiếu tính năng: .*CONDSTORE, QRESYNC/);
    else assert.equal(login.verdict, 'ok');
  });
}

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
