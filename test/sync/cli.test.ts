// `tcv sync [--folder F] [--watch]`, `tcv export --format mbox|eml FOLDER DIR` and `tcv attachment` against the real
// stack, through the same contract as the app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ImapFlow } from 'imapflow';
import type { StackInfo } from '../../scripts/mailstack/index.ts';
import { stack, tempDir, user } from '../support/stack.ts';
import { tinyPdf } from '../support/messages.ts';
import { benchMessage, deleteFolder, fillFolder, imapClient, uniqueFolder } from './support/fixtures.ts';

const BIN = new URL('../../bin/tcv.mjs', import.meta.url).pathname;
let info: StackInfo;
let other: ImapFlow;
let profile: string;
const folder = uniqueFolder('cli');
const HEAD = () => user(info, 'head');

function tcv(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, '--profile', profile, ...args], { env: process.env });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    p.stdin.end(stdin);
  });
}

before(async () => {
  info = await stack('full');
  other = imapClient(info, HEAD().email, HEAD().password);
  await other.connect();
  await fillFolder(info, HEAD().email, folder, 10);
  profile = tempDir('tcv-sync-cli-');
  const add = await tcv(
    [
      'account',
      'add',
      '--email',
      HEAD().email,
      '--imap',
      `127.0.0.1:${info.imap.port}`,
      '--smtp',
      `127.0.0.1:${info.smtp.port}`,
      '--ca',
      info.ca,
      '--password-stdin',
    ],
    HEAD().password,
  );
  assert.equal(add.code, 0, add.stderr);
});
after(async () => {
  await deleteFolder(info, HEAD().email, folder);
  await other?.logout().catch(() => {});
});

test('tcv sync --folder F: JSON result and a Vietnamese summary', async () => {
  const r = await tcv(['sync', '--folder', folder, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.equal(s.folder, folder);
  assert.equal(s.total, 10);
  assert.equal(s.mode, 'full');
  const again = await tcv(['sync', '--folder', folder]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, new RegExp(`^Đã đồng bộ ${folder}: 10 thư, 0 thư mới`));
});

test('tcv sync --watch prints new mail as it arrives and stops cleanly on Ctrl+C', async () => {
  const p = spawn(process.execPath, [BIN, '--profile', profile, 'sync', '--folder', folder, '--watch'], {
    env: process.env,
  });
  let stderr = '';
  const watching = new Promise<void>((resolve) => {
    p.stderr.on('data', (d) => {
      stderr += d;
      if (stderr.includes('Đang theo dõi')) resolve();
    });
  });
  const exited = new Promise<number | null>((resolve) => p.on('close', (code) => resolve(code)));
  const lines = createInterface({ input: p.stdout });
  const seen: string[] = [];
  const newMail = new Promise<string>((resolve) => {
    lines.on('line', (l) => {
      seen.push(l);
      if (l.startsWith('Thư mới')) resolve(l);
    });
  });
  await watching;
  assert.match(stderr, /\(IDLE\)/);
  const lock = await other.getMailboxLock(folder);
  try {
    await other.append(folder, benchMessage(4242, new Date()), []);
  } finally {
    lock.release();
  }
  const line = await Promise.race([
    newMail,
    new Promise<string>((_, reject) =>
      setTimeout(() => reject(new Error(`no new mail line: ${seen.join('|')} ${stderr}`)), 10_000),
    ),
  ]);
  assert.match(line, new RegExp(`^Thư mới \\[${folder}\\] +11 .*4242`));
  p.kill('SIGINT');
  assert.equal(await exited, 0, stderr);
});

test('tcv export --format mbox|eml FOLDER DIR, and usage errors', async () => {
  const dir = tempDir('tcv-cli-export-');
  const mbox = await tcv(['export', '--format', 'mbox', folder, dir, '--json']);
  assert.equal(mbox.code, 0, mbox.stderr);
  const r = JSON.parse(mbox.stdout);
  assert.equal(r.messages, 11);
  assert.equal((readFileSync(r.path, 'utf8').match(/^From /gm) ?? []).length, 11);
  const eml = await tcv(['export', '--format', 'eml', folder, join(dir, 'eml')]);
  assert.equal(eml.code, 0, eml.stderr);
  assert.match(eml.stdout, /^Đã xuất 11 thư/);
  assert.equal(readdirSync(join(dir, 'eml', folder)).length, 11);
  const bad = await tcv(['export', '--format', 'pst', folder, dir]);
  assert.equal(bad.code, 2);
  const missing = await tcv(['export', '--format', 'mbox', folder]);
  assert.equal(missing.code, 2);
});

test('tcv attachment UID INDEX --save-to FILE', async () => {
  const list = JSON.parse((await tcv(['ls', folder, '--json'])).stdout) as {
    items: { uid: number; subject: string }[];
  };
  // Message 10 of the fill carries "Văn bản số 10.pdf" (every fifth does).
  const m10 = list.items.find((m) => /\b10\b/.test(m.subject));
  assert.ok(m10);
  const dest = join(tempDir('tcv-cli-att-'), 'văn bản.pdf');
  const r = await tcv(['attachment', String(m10.uid), '0', '--folder', folder, '--save-to', dest, '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).filename, 'Văn bản số 10.pdf');
  assert.deepEqual(readFileSync(dest), tinyPdf('Văn bản 10'));
});
