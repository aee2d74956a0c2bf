// Issue 3 "Sync", bodies, on the REDUCED flavour (test/sync/bodies.test.ts runs on the full one): a bounded prefetch
// window (the last 30 days by INTERNALDATE), attachment files written under the profile, and both surviving a restart
// of the engine while the server is really down — a private reduced Dovecot (scripts/mailstack/private.ts) whose
// master is stopped, not a proxy.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startPrivateStack, type PrivateStack } from '../../scripts/mailstack/index.ts';
import { tinyPdf } from '../support/messages.ts';
import { stack, tempDir, user } from '../support/stack.ts';
import { addUser, syncEngine, type SyncTestEngine } from '../sync/support/engine.ts';
import { cacheQuery, fillFolder } from '../sync/support/fixtures.ts';

const DAY = 86_400_000;
const FOLDER = 'Cong-van-den';
let priv: PrivateStack | undefined;
const engines: SyncTestEngine[] = [];

after(async () => {
  for (const t of engines) await t.close();
  await priv?.dispose();
});

test('reduced flavour: prefetch takes the last 30 days only; bodies and attachments open again with Dovecot stopped', async () => {
  await stack('full'); // the shared Secret Service (keytar) only
  priv = await startPrivateStack({ flavour: 'reduced', postfix: false });
  const info = priv.info;
  const head = user(info, 'head');
  // 10 from two months ago, 10 from the last 10 hours (read); numbers 5, 10, 15, 20 carry a PDF.
  await fillFolder(info, head.email, FOLDER, 10, { newest: new Date(Date.now() - 60 * DAY), start: 1 });
  await fillFolder(info, head.email, FOLDER, 10, { newest: new Date(), start: 11, flags: () => 'S' });
  const keychainService = `Thư Công Vụ (acceptance ${randomUUID()})`;
  const profileDir = tempDir('tcv-acc-bodies-');
  const t = await syncEngine(info, { profileDir, keychainService, sync: { prefetchDays: 30 } });
  engines.push(t);
  await addUser(t, info, 'head');
  await t.must('sync.run', { accountId: head.email, folder: FOLDER });
  await t.waitFor('sync.progress', (p) => p.phase === 'bodies' && p.done === p.total && p.total >= 10, 30_000);
  const cached = cacheQuery<{ subject: string }>(
    profileDir,
    'SELECT m.subject FROM bodies b JOIN messages m USING (account_id, folder, uid) WHERE b.account_id = ? AND b.folder = ?',
    head.email,
    FOLDER,
  );
  const numbers = cached.map((r) => Number(/(\d+)\D*$/.exec(r.subject)?.[1])).sort((a, b) => a - b);
  assert.deepEqual(numbers, [11, 12, 13, 14, 15, 16, 17, 18, 19, 20], 'recent bodies only');
  const pdfs = readdirSync(join(profileDir, 'attachments'), { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.pdf'),
  );
  assert.equal(pdfs.length, 2, pdfs.join(', '));
  await t.close();

  await priv.dovecot.stop();
  assert.equal(await priv.dovecot.running(), false);
  const again = await syncEngine(info, { profileDir, keychainService });
  engines.push(again);
  const page = await again.must('messages.list', { accountId: head.email, folder: FOLDER, limit: 50 });
  assert.equal(page.items.length, 20);
  const m15 = page.items.find((m) => /\b15\b/.test(m.subject));
  assert.ok(m15);
  const detail = await again.must('messages.get', { accountId: head.email, folder: FOLDER, uid: m15.uid });
  assert.match(detail.text, /Kính gửi: Lãnh đạo Sở/);
  assert.deepEqual(
    detail.attachments.map((a) => a.filename),
    ['Văn bản số 15.pdf'],
  );
  const saved = await again.must('attachments.save', { accountId: head.email, folder: FOLDER, uid: m15.uid, index: 0 });
  assert.deepEqual(readFileSync(saved.path), tinyPdf('Văn bản 15'));
  // An old message was never prefetched: with the server down it cannot open, and says why.
  const m3 = page.items.find((m) => /\b3\b/.test(m.subject));
  assert.ok(m3);
  const r = await again.call('messages.get', { accountId: head.email, folder: FOLDER, uid: m3.uid });
  assert.ok(!r.ok, 'not cached, server down');
  assert.ok(
    ['CONNECTION_REFUSED', 'CONNECTION_LOST', 'TIMEOUT'].includes(r.ok ? '' : r.error.code),
    r.ok ? '' : r.error.code,
  );
});
