// Changes made elsewhere reach the cache within seconds while the engine watches: IDLE on the full flavour, NOOP
// polling where IDLE is not used; a dropped watch connection comes back by itself (backoff with jitter).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ImapFlow } from 'imapflow';
import { addUser } from './support/engine.ts';
import { benchMessage, cacheRows, diffRows, fillFolder, serverRows } from './support/fixtures.ts';
import { syncSuite } from './support/suite.ts';

const s = syncSuite();
const HEAD = () => s.head();

async function mutate(folder: string, fn: (c: ImapFlow) => Promise<unknown>) {
  const lock = await s.other.getMailboxLock(folder);
  try {
    await fn(s.other);
  } finally {
    lock.release();
  }
}

for (const mode of ['idle', 'poll'] as const) {
  test(`watching (${mode}): new mail, flag changes and expunges by others arrive within seconds`, async () => {
    const email = HEAD().email;
    const folder = s.folder(`w${mode}`);
    await fillFolder(s.info, email, folder, 20);
    const t = await s.engine({ sync: { idle: mode === 'idle', pollIntervalMs: 300 } });
    await addUser(t, s.info, 'head');
    await t.must('sync.run', { accountId: email, folder });
    const w = await t.must('sync.watch', { accountId: email, folders: [folder] });
    assert.deepEqual(w, { accountId: email, folders: [folder], mode });

    const started = Date.now();
    await mutate(folder, (c) => c.append(folder, benchMessage(7001, new Date()), []));
    const news = await t.waitFor('mail.new', (e) => e.folder === folder, 10_000);
    const latency = Date.now() - started;
    assert.equal(news.count, 1);
    assert.match(news.items?.[0]?.subject ?? '', /7001/);
    assert.ok(latency < 5000, `new mail after ${latency} ms`);

    await mutate(folder, (c) => c.messageFlagsAdd('1:3', ['\\Flagged', '$Label2'], { uid: true }));
    await t.waitFor('folder.changed', (e) => e.folder === folder && e.flagsChanged >= 3, 10_000);
    await mutate(folder, (c) => c.messageDelete('4:5', { uid: true }));
    await t.waitFor('folder.changed', (e) => e.folder === folder && e.removed >= 2, 10_000);
    assert.equal(diffRows(await serverRows(s.other, folder), cacheRows(t.profileDir, email, folder)), '');

    const off = await t.must('sync.unwatch', { accountId: email });
    assert.equal(off.mode, 'off');
  });
}

test('a watch connection that drops comes back and catches up on what it missed', async () => {
  const email = HEAD().email;
  const folder = s.folder('wdrop');
  await fillFolder(s.info, email, folder, 5);
  const proxy = await s.proxy();
  const t = await s.engine();
  await addUser(t, s.info, 'head', { port: proxy.port });
  await t.must('sync.run', { accountId: email, folder });
  await t.must('sync.watch', { accountId: email, folders: [folder] });

  await proxy.cut();
  // While the engine is cut off, mail arrives.
  await mutate(folder, (c) => c.append(folder, benchMessage(7002, new Date()), []));
  await new Promise((r) => setTimeout(r, 700));
  await proxy.restore();
  const news = await t.waitFor('mail.new', (e) => e.folder === folder, 20_000);
  assert.match(news.items?.[0]?.subject ?? '', /7002/);
  assert.equal(diffRows(await serverRows(s.other, folder), cacheRows(t.profileDir, email, folder)), '');
});

test('engine.close with watchers running is clean and quick', async () => {
  const email = HEAD().email;
  const folder = s.folder('wclose');
  await fillFolder(s.info, email, folder, 3);
  const t = await s.engine();
  await addUser(t, s.info, 'head');
  await t.must('sync.run', { accountId: email, folder });
  await t.must('sync.watch', { accountId: email, folders: [folder, 'INBOX'] });
  const started = Date.now();
  await t.close();
  assert.ok(Date.now() - started < 3000, `closed in ${Date.now() - started} ms`);
});
