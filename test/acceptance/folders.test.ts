// Issue 3 acceptance gaps found by the audit (docs/engine-acceptance.md), on BOTH Dovecot flavours through the engine's
// API: a whole-account sync takes every special-use role, subscribed and unsubscribed folders, and a folder another
// user delegated (shared namespace); a UIDVALIDITY reset done behind the client's back rebuilds the folder; watching
// uses IDLE where advertised and delivers new mail and flag changes within seconds. Shared stack: folders of our own
// (`Sync-<pid>-…`), removed afterwards; the delegation is removed too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { doveadm, type Flavour, type StackInfo } from '../../scripts/mailstack/index.ts';
import { stack, user } from '../support/stack.ts';
import { addUser, syncEngine, type SyncTestEngine } from '../sync/support/engine.ts';
import {
  benchMessage,
  cacheRows,
  deleteFolder,
  diffRows,
  fillFolder,
  imapClient,
  serverRows,
  uniqueFolder,
} from '../sync/support/fixtures.ts';

const stacks = {} as Record<Flavour, StackInfo>;
const engines: SyncTestEngine[] = [];
const cleanups: (() => Promise<unknown>)[] = [];
let cvClient: ImapFlow;
let unitClient: ImapFlow;

before(async () => {
  stacks.full = await stack('full');
  stacks.reduced = await stack('reduced');
  const cv = user(stacks.full, 'personal');
  const unit = user(stacks.full, 'unit');
  cvClient = imapClient(stacks.full, cv.email, cv.password);
  unitClient = imapClient(stacks.full, unit.email, unit.password);
  await Promise.all([cvClient.connect(), unitClient.connect()]);
});
after(async () => {
  for (const t of engines) await t.close();
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
  await Promise.all([cvClient?.logout().catch(() => {}), unitClient?.logout().catch(() => {})]);
});

async function engineFor(info: StackInfo, role: 'personal' | 'head') {
  const t = await syncEngine(info, { keychainService: `Thư Công Vụ (acceptance ${randomUUID()})` });
  engines.push(t);
  await addUser(t, info, role);
  return t;
}

for (const flavour of ['full', 'reduced'] as const) {
  test(`${flavour} flavour: special-use roles, an unsubscribed folder and a delegated shared folder are all synced`, async () => {
    const info = stacks[flavour];
    const cv = user(info, 'personal');
    const unit = user(info, 'unit');
    const unsubscribed = uniqueFolder(`unsub-${flavour}`);
    const subscribed = uniqueFolder(`sub-${flavour}`);
    const delegated = uniqueFolder(`deleg-${flavour}`);
    cleanups.push(() => deleteFolder(info, cv.email, unsubscribed));
    cleanups.push(() => deleteFolder(info, cv.email, subscribed));
    cleanups.push(() => deleteFolder(info, unit.email, delegated));
    await fillFolder(info, cv.email, unsubscribed, 7, { flags: (n) => (n % 2 ? 'S' : 'F') });
    await fillFolder(info, cv.email, subscribed, 3);
    await doveadm(info, ['mailbox', 'subscribe', '-u', cv.email, subscribed]);
    await fillFolder(info, unit.email, delegated, 4, { flags: () => 'S' });
    await doveadm(info, ['acl', 'set', '-u', unit.email, delegated, `user=${cv.email}`, 'lookup', 'read']);
    cleanups.push(() => doveadm(info, ['acl', 'delete', '-u', unit.email, delegated, `user=${cv.email}`]));
    const sharedPath = `shared/${unit.email}/${delegated}`;

    const t = await engineFor(info, 'personal');
    const r = await t.must('sync.run', { accountId: cv.email });
    const list = await t.must('folders.list', { accountId: cv.email });
    const byPath = new Map(list.map((f) => [f.path, f]));
    const roles = Object.fromEntries(list.filter((f) => f.specialUse).map((f) => [f.specialUse, f.path]));
    for (const [role, path] of [
      ['inbox', 'INBOX'],
      ['sent', 'Sent'],
      ['drafts', 'Drafts'],
      ['trash', 'Trash'],
      ['junk', 'Junk'],
      ['archive', 'Archive'],
    ]) {
      assert.equal(roles[role as string], path, `${role} is ${path} (${flavour})`);
    }
    assert.equal(byPath.get(unsubscribed)?.subscribed, false, 'not subscribed on the server');
    assert.equal(byPath.get(subscribed)?.subscribed, true);
    assert.equal(r.details?.find((d) => d.folder === unsubscribed)?.added, 7, 'the unsubscribed folder is synced');
    assert.equal(r.details?.find((d) => d.folder === subscribed)?.added, 3);
    assert.equal(r.details?.find((d) => d.folder === sharedPath)?.added, 4, 'the delegated folder is synced');
    assert.equal(byPath.get(sharedPath)?.total, 4);
    assert.equal(
      diffRows(await serverRows(cvClient, unsubscribed), cacheRows(t.profileDir, cv.email, unsubscribed)),
      '',
    );
    assert.equal(
      diffRows(await serverRows(unitClient, delegated), cacheRows(t.profileDir, cv.email, sharedPath)),
      '',
      'the shared folder in the cache equals the owner’s folder on the server',
    );
  });

  test(`${flavour} flavour: a UIDVALIDITY reset behind the client's back rebuilds the folder through sync.run`, async () => {
    const info = stacks[flavour];
    const cv = user(info, 'personal');
    const folder = uniqueFolder(`uidv-${flavour}`);
    cleanups.push(() => deleteFolder(info, cv.email, folder));
    await fillFolder(info, cv.email, folder, 12);
    const t = await engineFor(info, 'personal');
    const first = await t.must('sync.run', { accountId: cv.email, folder });
    assert.equal(first.total, 12);
    const before = await t.must('messages.list', { accountId: cv.email, folder, limit: 50 });
    // Deleted and made again with other messages: Dovecot gives it a new UIDVALIDITY and reuses UIDs from 1.
    await deleteFolder(info, cv.email, folder);
    await fillFolder(info, cv.email, folder, 5, { start: 900 });
    const r = await t.must('sync.run', { accountId: cv.email, folder });
    assert.equal(r.uidValidityReset, true);
    assert.equal(r.total, 5);
    assert.equal(diffRows(await serverRows(cvClient, folder), cacheRows(t.profileDir, cv.email, folder)), '');
    const after = await t.must('messages.list', { accountId: cv.email, folder, limit: 50 });
    const subjects = after.items.map((m) => m.subject);
    assert.ok(
      subjects.every((s) => /90\d/.test(s)),
      `only the new messages are listed: ${subjects.join(' | ')}`,
    );
    assert.ok(before.items.some((m) => !subjects.includes(m.subject)));
  });
}

test('reduced flavour: IDLE is advertised, so watching uses it; new mail and flag changes arrive within seconds', async () => {
  const info = stacks.reduced;
  const head = user(info, 'head');
  const folder = uniqueFolder('watch-red');
  cleanups.push(() => deleteFolder(info, head.email, folder));
  await fillFolder(info, head.email, folder, 10);
  const t = await engineFor(info, 'head');
  await t.must('sync.run', { accountId: head.email, folder });
  const w = await t.must('sync.watch', { accountId: head.email, folders: [folder] });
  assert.equal(w.mode, 'idle');
  const other = imapClient(stacks.full, head.email, head.password);
  await other.connect();
  try {
    const started = Date.now();
    await other.append(folder, benchMessage(8001, new Date()), []);
    const news = await t.waitFor('mail.new', (e) => e.folder === folder, 10_000);
    const latency = Date.now() - started;
    assert.equal(news.count, 1);
    assert.ok(latency < 5000, `new mail after ${latency} ms`);
    const lock = await other.getMailboxLock(folder);
    try {
      await other.messageFlagsAdd('1:2', ['\\Flagged', '$Label3'], { uid: true });
    } finally {
      lock.release();
    }
    await t.waitFor('folder.changed', (e) => e.folder === folder && e.flagsChanged >= 2, 10_000);
    assert.equal(diffRows(await serverRows(other, folder), cacheRows(t.profileDir, head.email, folder)), '');
  } finally {
    await other.logout().catch(() => {});
  }
});
