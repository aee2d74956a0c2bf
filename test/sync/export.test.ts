// The user's own backup (QĐ 50/2009 Article 9.2) through the contract: mbox (mboxrd, From_ lines, >From quoting) and
// one .eml per message with safe names; both byte-for-byte what the server has; an earlier backup never overwritten.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import type { StackInfo } from '../../scripts/mailstack/index.ts';
import { asctime, fromLineAddress } from '../../src/sync/export.ts';
import { safeFileName } from '../../src/sync/files.ts';
import { stack, tempDir, user } from '../support/stack.ts';
import { addUser, syncEngine, type SyncTestEngine } from './support/engine.ts';
import { deleteFolder, fillFolder, imapClient, uniqueFolder } from './support/fixtures.ts';

let info: StackInfo;
let other: ImapFlow;
let t: SyncTestEngine;
const folder = uniqueFolder('exp');
const HEAD = () => user(info, 'head');
const sources = new Map<number, Buffer>();

const HOSTILE = '../../Windows/System32 CON: "Báo cáo" <quý 1>? * | tháng 3.';

before(async () => {
  info = await stack('full');
  other = imapClient(info, HEAD().email, HEAD().password);
  await other.connect();
  await fillFolder(info, HEAD().email, folder, 12);
  const lock = await other.getMailboxLock(folder);
  try {
    await other.append(
      folder,
      `From: x@cantho.gov.vn\r\nSubject: =?UTF-8?B?${Buffer.from(HOSTILE).toString('base64')}?=\r\n\r\n` +
        'From the start of a line\r\n>From already quoted\r\n>>From twice\r\nno newline at the end',
    );
    for await (const m of other.fetch('1:*', { uid: true, source: true }))
      if (m.uid && m.source) sources.set(m.uid, m.source);
  } finally {
    lock.release();
  }
  t = await syncEngine(info);
  await addUser(t, info, 'head');
});
after(async () => {
  await t?.close();
  await deleteFolder(info, HEAD().email, folder);
  await other?.logout().catch(() => {});
});

/** Reads an mboxrd file back: split at From_ lines, undo the quoting, drop the separating blank line. */
function readMbox(text: string): { fromLine: string; body: string }[] {
  const out: { fromLine: string; body: string }[] = [];
  const lines = text.split('\n');
  let cur: { fromLine: string; lines: string[] } | null = null;
  for (const line of lines) {
    if (line.startsWith('From ')) {
      if (cur) out.push({ fromLine: cur.fromLine, body: cur.lines.slice(0, -1).join('\n') });
      cur = { fromLine: line, lines: [] };
    } else cur?.lines.push(/^>+From /.test(line) ? line.slice(1) : line);
  }
  if (cur) out.push({ fromLine: cur.fromLine, body: cur.lines.slice(0, -2).join('\n') });
  return out;
}

test('mbox: every message with a From_ line, >From quoting reversible, bytes as on the server', async () => {
  const dir = tempDir('tcv-export-');
  const r = await t.must('folders.export', { accountId: HEAD().email, folder, format: 'mbox', destination: dir });
  assert.equal(r.messages, 13);
  assert.equal(basename(r.path), `${folder}.mbox`);
  const text = readFileSync(r.path, 'utf8');
  assert.match(text, /^>From the start of a line$/m);
  assert.match(text, /^>>From already quoted$/m);
  assert.match(text, /^>>>From twice$/m);
  assert.match(text, /^>From the attached plan\.$/m, 'body lines of the fixtures are quoted too');
  const messages = readMbox(text);
  assert.equal(messages.length, 13);
  const uids = [...sources.keys()].sort((a, b) => a - b);
  for (const [i, m] of messages.entries()) {
    assert.match(m.fromLine, /^From \S+ (Sun|Mon|Tue|Wed|Thu|Fri|Sat) [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}$/);
    const expected = (sources.get(uids[i] as number) as Buffer).toString('utf8').replace(/\r\n/g, '\n');
    assert.equal(m.body, expected.endsWith('\n') ? expected.slice(0, -1) : expected, `message ${i + 1}`);
  }
  // An earlier backup is never overwritten.
  const again = await t.must('folders.export', { accountId: HEAD().email, folder, format: 'mbox', destination: dir });
  assert.equal(basename(again.path), `${folder} (2).mbox`);
  assert.deepEqual(readdirSync(dir).sort(), [`${folder} (2).mbox`, `${folder}.mbox`]);
});

test('eml: one file per message, safe names, exact bytes', async () => {
  const dir = tempDir('tcv-export-');
  const r = await t.must('folders.export', { accountId: HEAD().email, folder, format: 'eml', destination: dir });
  assert.equal(r.messages, 13);
  const files = readdirSync(r.path).sort();
  assert.equal(files.length, 13);
  for (const f of files) {
    assert.match(f, /^\d+-.+\.eml$/);
    const uid = Number(f.split('-')[0]);
    assert.deepEqual(readFileSync(join(r.path, f)), sources.get(uid), f);
  }
  const hostile = files.find((f) => f.includes('System32')) as string;
  assert.ok(hostile, files.join(', '));
  assert.doesNotMatch(hostile, /[/\\:*?"<>|]/);
  assert.ok(!hostile.includes('..'));
  assert.ok(Buffer.byteLength(hostile) <= 210);
});

test('file names and From_ lines from hostile input', () => {
  assert.equal(safeFileName('../../etc/passwd'), '_._etc_passwd');
  assert.equal(safeFileName('CON'), '_CON');
  assert.equal(safeFileName('nul.txt'), '_nul.txt');
  assert.equal(safeFileName('  ..  '), 'tep-dinh-kem');
  assert.equal(safeFileName('Báo cáo.pdf. . '), 'Báo cáo.pdf');
  assert.equal(safeFileName('ho\u0300a.pdf'), 'hòa.pdf', 'NFC');
  const long = safeFileName(`${'Quyết định '.repeat(40)}.pdf`);
  assert.ok(Buffer.byteLength(long) <= 200 && long.endsWith('.pdf'), long);
  assert.equal(fromLineAddress('a b@c'), 'ab@c');
  assert.equal(fromLineAddress(''), 'MAILER-DAEMON');
  assert.equal(asctime(new Date(Date.UTC(2026, 0, 1, 7, 5, 9))), 'Thu Jan  1 07:05:09 2026');
});
