// Acceptance (issue 3): a 20,000-message folder syncs and the cache equals the server, on both flavours; the server
// going away in the middle of an initial sync (a TCP proxy cut, standing in for a Dovecot restart, which the shared
// stack must not suffer) — the sync resumes where it was and ends equal to the server; and the engine process
// SIGKILLed in the middle of a sync — the profile reopens cleanly and the next sync completes it (both flavours).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ImapFlow } from 'imapflow';
import type { StackInfo } from '../../scripts/mailstack/index.ts';
import type { SyncProgressEvent } from '../../src/api/types.ts';
import { stack, tempDir, user } from '../support/stack.ts';
import { addUser, syncEngine, type SyncTestEngine } from './support/engine.ts';
import {
  cacheQuery,
  cacheRows,
  deleteFolder,
  diffRows,
  fillFolder,
  imapClient,
  serverRows,
  uniqueFolder,
} from './support/fixtures.ts';
import { TcpProxy } from './support/proxy.ts';

const BIG = 20_000;
let info: StackInfo;
let reduced: StackInfo;
let other: ImapFlow;
const folder = uniqueFolder('20k');
const engines: SyncTestEngine[] = [];
const proxies: TcpProxy[] = [];
const HEAD = () => user(info, 'head');

before(async () => {
  info = await stack('full');
  reduced = await stack('reduced');
  other = imapClient(info, HEAD().email, HEAD().password);
  await other.connect();
  await fillFolder(info, HEAD().email, folder, BIG, { flags: (n) => (n % 3 ? 'S' : n % 10 === 0 ? 'F' : '') });
});
after(async () => {
  for (const t of engines) await t.close();
  for (const p of proxies) await p.stop();
  await deleteFolder(info, HEAD().email, folder);
  await other?.logout().catch(() => {});
});

async function assertCacheEqualsServer(profileDir: string, label: string) {
  const server = await serverRows(other, folder);
  assert.equal(server.length, BIG);
  const cache = cacheRows(profileDir, HEAD().email, folder);
  assert.equal(diffRows(server, cache), '', label);
}

test(`${BIG} messages, full flavour: the server goes away mid-sync and comes back; the sync resumes`, async () => {
  const proxy = new TcpProxy(info.imap.host, info.imap.port);
  proxies.push(proxy);
  await proxy.start();
  const t = await syncEngine(info);
  engines.push(t);
  await addUser(t, info, 'head', { port: proxy.port });
  const running = t.call('sync.run', { accountId: HEAD().email, folder });
  await t.waitFor('sync.progress', (p) => p.folder === folder && p.done >= 4000, 60_000);
  await proxy.cut();
  await new Promise((r) => setTimeout(r, 1500));
  await proxy.restore();
  const r = await running;
  assert.ok(r.ok, r.ok ? '' : `${r.error.code} ${r.error.message}`);
  assert.equal(r.value.total, BIG);
  // The second attempt fetched only what the first had not committed.
  const totals = t.events
    .filter((e) => e.event === 'sync.progress')
    .map((e) => (e.payload as SyncProgressEvent).total)
    .filter((n) => n > 0);
  assert.equal(totals[0], BIG);
  const resumed = totals.at(-1) as number;
  assert.ok(resumed < BIG - 3000, `resumed with ${resumed} left`);
  await assertCacheEqualsServer(t.profileDir, 'after the cut');
});

test(`${BIG} messages, reduced flavour: first sync and a UID-range resync equal the server`, async () => {
  const t = await syncEngine(info);
  engines.push(t);
  await addUser(t, reduced, 'head');
  const first = await t.must('sync.run', { accountId: HEAD().email, folder });
  assert.equal(first.total, BIG);
  await assertCacheEqualsServer(t.profileDir, 'reduced, first sync');
  const lock = await other.getMailboxLock(folder);
  try {
    await other.messageFlagsAdd('100:1099', ['\\Answered'], { uid: true });
    await other.messageFlagsRemove('19000:19999', ['\\Seen'], { uid: true });
    await other.messageDelete('5000:5009', { uid: true });
  } finally {
    lock.release();
  }
  const again = await t.must('sync.run', { accountId: HEAD().email, folder });
  assert.equal(again.mode, 'uidrange');
  assert.equal(again.removed, 10);
  const server = await serverRows(other, folder);
  assert.equal(diffRows(server, cacheRows(t.profileDir, HEAD().email, folder)), '');
  // Put the folder back as it was for the next test.
  const lock2 = await other.getMailboxLock(folder);
  try {
    await other.append(folder, 'From: a@b\r\nSubject: x\r\n\r\nx\r\n');
  } finally {
    lock2.release();
  }
});

// On both flavours: the killed run and the next one take the same path on the full server (CONDSTORE/QRESYNC) as
// on the reduced one (UID set reconcile); neither may lose or duplicate a header.
for (const flavour of ['full', 'reduced'] as const) {
  test(`${flavour} flavour: the engine process SIGKILLed during a sync: the profile reopens cleanly and the next sync completes it`, async () => {
    const server = flavour === 'full' ? info : reduced;
    const profileDir = tempDir('tcv-kill-');
    const setup = await syncEngine(info, { profileDir });
    await addUser(setup, server, 'head');
    await setup.close();
    const count = (await serverRows(other, folder)).length;

    const child = spawn(
      process.execPath,
      [fileURLToPath(new URL('./support/child-sync.ts', import.meta.url)), profileDir, info.ca, HEAD().email, folder],
      { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.on('exit', (code, sig) => resolve(sig ?? code)),
    );
    let killedAt = 0;
    for await (const line of createInterface({ input: child.stdout })) {
      const p = JSON.parse(line) as Partial<SyncProgressEvent> & { done?: number | boolean };
      if (typeof p.done === 'number' && p.done >= 6000) {
        killedAt = p.done;
        child.kill('SIGKILL');
        break;
      }
      assert.notEqual(p.done, true, `the child finished before it could be killed: ${stderr}`);
    }
    assert.equal(await exited, 'SIGKILL');
    assert.ok(killedAt >= 6000);

    // Reopen: the file is intact, part of the folder is there, the sync point is not (so the next run reconciles).
    const [check] = cacheQuery<{ integrity_check: string }>(profileDir, 'PRAGMA integrity_check');
    assert.equal(check?.integrity_check, 'ok');
    const [{ n } = { n: 0 }] = cacheQuery<{ n: number }>(
      profileDir,
      'SELECT count(*) AS n FROM messages WHERE account_id = ? AND folder = ?',
      HEAD().email,
      folder,
    );
    assert.ok(n >= 5000 && n < count, `${n} headers committed before the kill`);
    const [state] = cacheQuery<{ uidnext: number | null }>(
      profileDir,
      'SELECT uidnext FROM folders WHERE account_id = ? AND path = ?',
      HEAD().email,
      folder,
    );
    assert.equal(state?.uidnext, null, 'no sync point written by the killed run');

    const t = await syncEngine(info, { profileDir });
    engines.push(t);
    const r = await t.must('sync.run', { accountId: HEAD().email, folder });
    assert.equal(r.total, count);
    assert.equal(r.added, count - n, 'only what was missing is fetched');
    assert.equal(diffRows(await serverRows(other, folder), cacheRows(profileDir, HEAD().email, folder)), '');
  });
}
