// Sync through the engine and its contract: whole-account sync (INBOX first, progress, unchanged folders skipped in
// one round trip), a no-change folder resync in one round trip, and the reduced flavour. Counting round trips: the
// account talks to Dovecot through a TCP proxy that counts the client's writes (one per command on an open session).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { doveadm, type StackInfo } from '../../scripts/mailstack/index.ts';
import { stack, user } from '../support/stack.ts';
import { addUser } from './support/engine.ts';
import { cacheRows, createFolder, deleteFolder, diffRows, fillFolder, serverRows } from './support/fixtures.ts';
import { syncSuite } from './support/suite.ts';

let reduced: StackInfo;
const s = syncSuite(async () => {
  reduced = await stack('reduced');
});
const HEAD = () => s.head();

test('sync.run without a folder: every folder, INBOX first, a shared folder too; unchanged ones skipped next time', async () => {
  // A user other engineers' tests do not fill with big folders, and a folder of the unit mailbox delegated to it
  // (read-only), which it sees in Dovecot's "other users" namespace as shared/<owner>/<folder>.
  const cv = user(s.info, 'personal');
  const unit = user(s.info, 'unit');
  const f1 = s.folder('acc-a', 'personal');
  const f2 = s.folder('acc-b', 'personal');
  const sharedName = s.folder('acc-shared', 'unit');
  await fillFolder(s.info, cv.email, f1, 30);
  await createFolder(s.info, cv.email, f2);
  await fillFolder(s.info, unit.email, sharedName, 4);
  await doveadm(s.info, ['acl', 'set', '-u', unit.email, sharedName, `user=${cv.email}`, 'lookup', 'read']);
  s.cleanup(() => doveadm(s.info, ['acl', 'delete', '-u', unit.email, sharedName, `user=${cv.email}`]).catch(() => ''));
  const sharedPath = `shared/${unit.email}/${sharedName}`;
  const mine = await s.session('personal');

  const t = await s.engine();
  await addUser(t, s.info, 'personal');
  const first = await t.must('sync.run', { accountId: cv.email });
  assert.equal(first.folder, 'INBOX', 'INBOX first');
  assert.ok(first.details, 'per-folder details');
  const paths = first.details.map((d) => d.folder);
  assert.equal(paths[0], 'INBOX');
  for (const p of ['Sent', 'Drafts', 'Trash', 'Junk', 'Archive', f1, f2, sharedPath]) {
    assert.ok(paths.includes(p), `synced ${p}: ${paths.join(', ')}`);
  }
  assert.ok(paths.indexOf('Sent') < paths.indexOf(f1), 'special folders before the others');
  assert.ok(paths.indexOf(f1) < paths.indexOf(sharedPath), 'own folders before shared ones');
  assert.ok(paths.indexOf(sharedPath) < paths.indexOf('Trash'), 'bins last');
  assert.equal(first.details.find((d) => d.folder === f1)?.added, 30);
  assert.equal(first.details.find((d) => d.folder === sharedPath)?.added, 4);
  const progress = t.events.filter((e) => e.event === 'sync.progress').map((e) => e.payload) as {
    folder: string;
    done: number;
    total: number;
    folderIndex?: number;
    folderCount?: number;
  }[];
  const ofF1 = progress.filter((p) => p.folder === f1);
  assert.deepEqual([ofF1.at(-1)?.done, ofF1.at(-1)?.total], [30, 30]);
  assert.ok(ofF1.every((p) => p.folderCount === first.folders && (p.folderIndex ?? 0) >= 1));
  assert.equal(diffRows(await serverRows(mine, f1), cacheRows(t.profileDir, cv.email, f1)), '');
  const folderList = await t.must('folders.list', { accountId: cv.email });
  assert.equal(folderList.find((f) => f.path === sharedPath)?.total, 4);

  // Nothing changed in f1, f2 and the shared folder (INBOX may have: other tests deliver there): all skipped.
  const second = await t.must('sync.run', { accountId: cv.email });
  for (const p of [f1, f2, sharedPath]) assert.equal(second.details?.find((d) => d.folder === p)?.mode, 'skipped', p);

  // A change in f2 only: f2 is synced, f1 still skipped; folder.changed and mail.new are emitted for f2.
  const lock = await mine.getMailboxLock(f2);
  try {
    await mine.append(f2, 'From: a@cantho.gov.vn\r\nSubject: =?UTF-8?B?VGjGsCBt4budaQ==?=\r\n\r\nx\r\n', ['\\Seen']);
  } finally {
    lock.release();
  }
  const third = await t.must('sync.run', { accountId: cv.email });
  assert.equal(third.details?.find((d) => d.folder === f1)?.mode, 'skipped');
  assert.equal(third.details?.find((d) => d.folder === f2)?.added, 1);
  await t.waitFor('folder.changed', (e) => e.folder === f2 && e.added === 1 && e.total === 1);
  // f2 had been synced (empty) before, so this is new mail.
  const news = await t.waitFor('mail.new', (e) => e.folder === f2);
  assert.equal(news.items?.[0]?.subject, 'Thư mời');
});

test('a resync with no changes is one round trip (STATUS); with flag changes and expunges, one SELECT more (QRESYNC)', async () => {
  const email = HEAD().email;
  const folder = s.folder('rt');
  await fillFolder(s.info, email, folder, 500);
  const proxy = await s.proxy();
  const t = await s.engine();
  await addUser(t, s.info, 'head', { port: proxy.port });
  const first = await t.must('sync.run', { accountId: email, folder });
  assert.equal(first.added, 500);
  assert.equal(first.mode, 'full');

  const before = proxy.writesUp;
  const quiet = await t.must('sync.run', { accountId: email, folder });
  assert.equal(quiet.mode, 'unchanged');
  assert.equal(proxy.writesUp - before, 1, 'one command: STATUS (UIDNEXT, MESSAGES, HIGHESTMODSEQ unchanged)');

  const lock = await s.other.getMailboxLock(folder);
  try {
    await s.other.messageFlagsAdd('1:100', ['\\Flagged'], { uid: true });
    await s.other.messageDelete('490:500', { uid: true });
  } finally {
    lock.release();
  }
  const mark = proxy.writesUp;
  const changed = await t.must('sync.run', { accountId: email, folder });
  assert.equal(changed.mode, 'qresync');
  assert.equal(changed.flagsChanged, 100);
  assert.equal(changed.removed, 11);
  // STATUS, then SELECT ... (QRESYNC ...) which brings the flags and the expunges, then UNSELECT.
  assert.equal(proxy.writesUp - mark, 3, 'flags and expunges come with the SELECT');
  assert.equal(diffRows(await serverRows(s.other, folder), cacheRows(t.profileDir, email, folder)), '');
});

test('reduced flavour (no CONDSTORE, no QRESYNC): whole-account sync and changes by others', async () => {
  // The custodian's account: a user other tests do not fill with big folders (a whole-account sync reads them all).
  const vt = user(s.info, 'custodian');
  const email = vt.email;
  const folder = s.folder('red', 'custodian');
  const mine = await s.session('custodian');
  await fillFolder(s.info, email, folder, 120, { flags: (n) => (n % 2 ? 'S' : '') });
  const t = await s.engine();
  await addUser(t, reduced, 'custodian');
  const first = await t.must('sync.run', { accountId: email });
  assert.equal(first.details?.find((d) => d.folder === folder)?.added, 120);
  const lock = await mine.getMailboxLock(folder);
  try {
    await mine.messageFlagsRemove('1:10', ['\\Seen'], { uid: true });
    await mine.messageFlagsAdd('11:20', ['$Important'], { uid: true });
    await mine.messageDelete('100:110', { uid: true });
  } finally {
    lock.release();
  }
  const r = await t.must('sync.run', { accountId: email, folder });
  assert.equal(r.mode, 'uidrange');
  assert.equal(r.removed, 11);
  // The keyword on 11:20 changes ten messages; how many of 1:10 were seen depends on the order Dovecot gave UIDs.
  assert.ok(r.flagsChanged >= 10, `flags changed: ${r.flagsChanged}`);
  assert.equal(diffRows(await serverRows(mine, folder), cacheRows(t.profileDir, email, folder)), '');
  // Without CONDSTORE, LIST-STATUS cannot prove a folder unchanged: nothing is skipped, but nothing changes either.
  const again = await t.must('sync.run', { accountId: email });
  const d = again.details?.find((x) => x.folder === folder);
  assert.equal(d?.mode, 'unchanged');
});

test('a folder deleted on the server: its sync says FOLDER_NOT_FOUND and its cache and files go', async () => {
  const email = HEAD().email;
  const folder = s.folder('gone');
  await fillFolder(s.info, email, folder, 5);
  const t = await s.engine();
  await addUser(t, s.info, 'head');
  await t.must('sync.run', { accountId: email, folder });
  await deleteFolder(s.info, email, folder);
  const r = await t.call('sync.run', { accountId: email, folder });
  assert.equal(!r.ok && r.error.code, 'FOLDER_NOT_FOUND');
  const list = await t.must('folders.list', { accountId: email });
  assert.equal(
    list.some((f) => f.path === folder),
    false,
  );
  assert.deepEqual(cacheRows(t.profileDir, email, folder), []);
});
