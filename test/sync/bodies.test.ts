// Bodies: fetched on demand and by a bounded prefetch window, parsed as a stream with attachments written to files
// under the profile (never whole in memory), kept across restarts (opened again with the server unreachable), saved
// to a chosen path without ever overwriting; and the user's own backup of a folder to mbox and .eml files.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../support/stack.ts';
import { tinyPdf } from '../support/messages.ts';
import { addUser } from './support/engine.ts';
import { cacheQuery, fillFolder } from './support/fixtures.ts';
import { syncSuite, type SyncSuite } from './support/suite.ts';
import { ENGINE_V8_FLAGS, reexecWithEngineFlags } from '../../src/platform/v8flags.ts';

// The engine runs with ENGINE_V8_FLAGS in the app and in tcv (docs/sync.md "Memory"), and this file measures its RSS:
// it runs the same way (process.execve, same pid, so the test runner still sees one process). Without the flag V8's
// young generation alone may grow by ~60 MB on this 24 GB machine while a 25 MB attachment streams through. With
// --expose-gc too, so the measurement starts from a settled heap (below).
reexecWithEngineFlags(['--expose-gc']);

const s = syncSuite();
const reduced = syncSuite(undefined, 'reduced');
const HEAD = () => s.head();

const DAY = 86_400_000;

async function sha256(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

test('prefetch takes the last 30 days only; bodies and attachment files survive a restart, offline', async () => {
  const email = HEAD().email;
  const folder = s.folder('pre');
  // 10 recent messages (the last 10 hours) and 10 from two months ago; messages 5, 10, 15, 20 carry a PDF.
  await fillFolder(s.info, email, folder, 10, { newest: new Date(Date.now() - 60 * DAY), start: 1 });
  // Already read, so opening one offline has nothing to tell the server.
  await fillFolder(s.info, email, folder, 10, { newest: new Date(), start: 11, flags: () => 'S' });
  const proxy = await s.proxy();
  const profileDir = tempDir('tcv-bodies-');
  const t = await s.engine({ profileDir, sync: { prefetchDays: 30 } });
  await addUser(t, s.info, 'head', { port: proxy.port });
  await t.must('sync.run', { accountId: email, folder });
  await t.waitFor('sync.progress', (p) => p.phase === 'bodies' && p.done === p.total && p.total >= 10, 20_000);
  const cached = cacheQuery<{ subject: string }>(
    profileDir,
    'SELECT m.subject FROM bodies b JOIN messages m USING (account_id, folder, uid) WHERE b.account_id = ? AND b.folder = ?',
    email,
    folder,
  );
  // The message number is the last number of its subject.
  const numbers = cached.map((r) => Number(/(\d+)\D*$/.exec(r.subject)?.[1])).sort((a, b) => a - b);
  assert.deepEqual(numbers, [11, 12, 13, 14, 15, 16, 17, 18, 19, 20], 'recent bodies only');
  const attachmentFiles = readdirSync(join(profileDir, 'attachments'), { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.pdf'),
  );
  assert.equal(attachmentFiles.length, 2, `two PDFs among the recent ten: ${attachmentFiles.join(', ')}`);
  await t.close();

  // Offline: the server is unreachable, the cached body and its attachment are still there.
  await proxy.cut();
  const again = await s.engine({ profileDir });
  const page = await again.must('messages.list', { accountId: email, folder, limit: 50 });
  const m15 = page.items.find((m) => /\b15\b/.test(m.subject));
  assert.ok(m15);
  const detail = await again.must('messages.get', { accountId: email, folder, uid: m15.uid });
  assert.match(detail.text, /Kính gửi: Lãnh đạo Sở/);
  assert.deepEqual(
    detail.attachments.map((a) => [a.filename, a.size]),
    [['Văn bản số 15.pdf', tinyPdf('Văn bản 15').length]],
  );
  const saved = await again.must('attachments.save', { accountId: email, folder, uid: m15.uid, index: 0 });
  assert.equal(saved.filename, 'Văn bản số 15.pdf');
  assert.equal(saved.contentType, 'application/pdf');
  assert.ok(saved.path.startsWith(join(profileDir, 'attachments')), saved.path);
  assert.deepEqual(readFileSync(saved.path), tinyPdf('Văn bản 15'));
  assert.equal(saved.size, tinyPdf('Văn bản 15').length);
  await proxy.restore();
});

/**
 * Appends a message with a 25 MB attachment (from a child process: this one never holds it), syncs it and opens it
 * while sampling this process's RSS every 5 ms; the attachment's bytes are checked. Returns the growth in MB.
 */
async function openBig(s: SyncSuite, tc: TestContext) {
  const email = s.head().email;
  const folder = s.folder('big');
  const child = spawnSync(
    process.execPath,
    [
      fileURLToPath(new URL('./support/append-big.ts', import.meta.url)),
      JSON.stringify({
        host: s.info.imap.host,
        port: s.info.imap.port,
        ca: s.info.ca,
        user: email,
        pass: s.head().password,
        folder,
        megabytes: 25,
      }),
    ],
    { encoding: 'utf8' },
  );
  assert.equal(child.status, 0, child.stderr);
  const big = JSON.parse(child.stdout) as { sha256: string; size: number };
  const t = await s.engine();
  await addUser(t, s.info, 'head');
  await t.must('sync.run', { accountId: email, folder });
  const [m] = (await t.must('messages.list', { accountId: email, folder })).items;
  assert.ok(m);
  // A settled start: the engine idle (its search index pass over the new folder done) and a full GC, so garbage of
  // the sync or of the test before cannot be freed inside the window and hide growth (at load 16 the growth read
  // 26 MB after the previous test, with 4 MB of heap freed during the window, against 32–37 MB when run alone).
  await t.engine.indexIdle?.();
  const gc = (globalThis as { gc?: () => void }).gc;
  assert.ok(gc, 'runs with --expose-gc');
  gc();
  const before = process.memoryUsage();
  let peak = before;
  const sampler = setInterval(() => {
    const u = process.memoryUsage();
    if (u.rss > peak.rss) peak = u;
  }, 5);
  try {
    const d = await t.must('messages.get', { accountId: email, folder, uid: m.uid });
    assert.equal(d.attachments[0]?.filename, 'Hồ sơ số hóa.bin');
    assert.equal(d.attachments[0]?.size, big.size);
  } finally {
    clearInterval(sampler);
  }
  const saved = await t.must('attachments.save', { accountId: email, folder, uid: m.uid, index: 0 });
  assert.equal(await sha256(saved.path), big.sha256, 'attachment bytes exact');
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  const grew = (peak.rss - before.rss) / 1024 / 1024;
  tc.diagnostic(
    `RSS ${mb(before.rss)} → peak ${mb(peak.rss)} MB (+${grew.toFixed(1)}; at the peak heap +${mb(peak.heapTotal - before.heapTotal)}, ` +
      `external +${mb(peak.external - before.external)}); load ${loadavg()[0]?.toFixed(1)}`,
  );
  assert.ok(
    ENGINE_V8_FLAGS.every((f) => process.execArgv.includes(f)),
    'runs with the engine V8 flags',
  );
  // Not a benchmark assertion: a whole-message parse would need the 34 MB of base64 plus 25 MB decoded at once.
  assert.ok(grew < 50, `RSS grew ${grew.toFixed(1)} MB while opening a 25 MB attachment`);
  return { t, email, folder, uid: m.uid, big };
}

test('attachments are streamed to disk: a 25 MB attachment, RSS grows far less than its size', async (tc) => {
  const { t, email, folder, uid, big } = await openBig(s, tc);

  // A copy where the user chose, never over an existing file.
  const dest = join(tempDir('tcv-save-'), 'Lưu ở đây', 'hồ sơ.bin');
  const copied = await t.must('attachments.save', {
    accountId: email,
    folder,
    uid,
    index: 0,
    destination: dest,
  });
  assert.equal(copied.path, dest);
  assert.equal(statSync(dest).size, big.size);
  writeFileSync(dest, 'user data');
  const refused = await t.call('attachments.save', {
    accountId: email,
    folder,
    uid,
    index: 0,
    destination: dest,
  });
  assert.equal(refused.ok, false);
  assert.equal(!refused.ok && refused.error.code, 'STORAGE');
  assert.equal(readFileSync(dest, 'utf8'), 'user data');
  const relative = await t.call('attachments.save', {
    accountId: email,
    folder,
    uid,
    index: 0,
    destination: 'x.bin',
  });
  assert.equal(!relative.ok && relative.error.code, 'VALIDATION');
  assert.equal(existsSync(join(process.cwd(), 'x.bin')), false);
});

// The fetch path uses neither CONDSTORE nor QRESYNC, but issue 3 asks for both flavours: the same bound on the reduced
// server (the copy and refusal checks above are not about the server and run once).
test('reduced flavour: a 25 MB attachment is streamed to disk, RSS grows far less than its size', async (tc) => {
  await openBig(reduced, tc);
});
