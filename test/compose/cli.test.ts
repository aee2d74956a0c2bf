// `tcv send --attach/--html-file` and `tcv outbox --json` against the real stack: the JSON printed is exactly the
// API's OutboxEntry / OutboxEntry[] (the CLI calls the same dispatch), and the exit codes follow issue 2.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { StackInfo } from '../../scripts/mailstack/index.ts';
import type { OutboxEntry } from '../../src/api/types.ts';
import { addAccountWithTcv, tcv } from '../support/cli.ts';
import { stack, tempDir, testEngine, user } from '../support/stack.ts';
import { tinyPdf } from '../support/messages.ts';
import { cleanUp, findBySubject, imapAs, source, tag, waitFor } from './support.ts';

let info: StackInfo;
const cleanups: (() => Promise<void>)[] = [];

before(async () => {
  info = await stack('full');
});
after(async () => {
  for (const c of cleanups) await c().catch(() => {});
});

test('tcv send with attachments and HTML; tcv outbox --json is the API’s OutboxEntry[]', async () => {
  const profile = tempDir('tcv-cli-send-');
  const vt = user(info, 'custodian');
  const id = tag('cli-gui');
  cleanups.push(() => cleanUp(info, 'custodian', ['INBOX'], id));
  cleanups.push(() => cleanUp(info, 'personal', ['Sent'], id));
  // The keychain service is the CLI's default one: this test stores the personal user's real password there.
  await addAccountWithTcv(info, profile, 'personal');
  const work = tempDir('tcv-cli-files-');
  writeFileSync(join(work, 'noi-dung.txt'), 'Kính gửi chị,\nGửi kèm hai văn bản.\n');
  writeFileSync(join(work, 'noi-dung.html'), '<p>Kính gửi chị,</p><p>Gửi kèm <b>hai</b> văn bản.</p>');
  writeFileSync(join(work, 'Công văn 45.pdf'), tinyPdf('45'));
  writeFileSync(join(work, 'Phụ lục.pdf'), tinyPdf('PL'));
  const send = await tcv(
    [
      '--profile',
      profile,
      'send',
      '--to',
      vt.email,
      '--subject',
      `Văn bản gửi kèm ${id}`,
      '--body-file',
      'noi-dung.txt',
      '--html-file',
      'noi-dung.html',
      '--attach',
      'Công văn 45.pdf',
      '--attach',
      join(work, 'Phụ lục.pdf'),
      '--json',
    ],
    '',
    { cwd: work }, // relative --attach paths are resolved where the command runs
  );
  assert.equal(send.code, 0, send.stderr);
  const entry = JSON.parse(send.stdout) as OutboxEntry;
  assert.equal(entry.state, 'sent');
  assert.equal(entry.sentCopy, 'done');

  const listed = await tcv(['--profile', profile, 'outbox', '--json']);
  assert.equal(listed.code, 0, listed.stderr);
  const cliList = JSON.parse(listed.stdout) as OutboxEntry[];
  // The same profile through the API: identical JSON.
  const api = await testEngine({ profileDir: profile, trustedCaFiles: [info.ca] });
  try {
    assert.deepEqual(cliList, await api.must('outbox.list', {}));
  } finally {
    await api.engine.close();
  }
  assert.deepEqual(
    cliList.map((e) => e.messageId),
    [entry.messageId],
  );
  const human = await tcv(['--profile', profile, 'outbox']);
  assert.match(human.stdout, new RegExp(`^${entry.id}\\tđã gửi\\t1 lần\\t`, 'm'));

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
    const parsed = await simpleParser(await source(c, 'INBOX', m.uid));
    assert.deepEqual(parsed.attachments.map((a) => a.filename).sort(), ['Công văn 45.pdf', 'Phụ lục.pdf']);
    assert.match(String(parsed.html), /<b>hai<\/b>/);
    assert.match(parsed.text ?? '', /Gửi kèm hai văn bản/);
  } finally {
    await c.logout();
  }
});

test('tcv send: a missing attachment exits 1 with its code; outbox retry/cancel need an id (exit 2)', async () => {
  const profile = tempDir('tcv-cli-send-');
  await addAccountWithTcv(info, profile, 'personal', { extra: ['--no-verify'] });
  const body = join(profile, 'b.txt');
  writeFileSync(body, 'x');
  const missing = await tcv([
    '--profile',
    profile,
    'send',
    '--to',
    'vanthu@cantho.gov.vn',
    '--subject',
    's',
    '--body-file',
    body,
    '--attach',
    join(profile, 'khong-co.pdf'),
  ]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /\[ATTACHMENT_UNREADABLE\]/);
  const usage = await tcv(['--profile', profile, 'outbox', 'retry']);
  assert.equal(usage.code, 2);
  const unknown = await tcv(['--profile', profile, 'outbox', 'cancel', '999', '--json']);
  assert.equal(unknown.code, 1);
  assert.equal(JSON.parse(unknown.stdout).error.code, 'MESSAGE_NOT_FOUND');
  const empty = await tcv(['--profile', profile, 'outbox']);
  assert.equal(empty.stdout, 'Hộp thư đi trống.\n');
});
