// The three incremental paths of src/mail/sync.ts — QRESYNC, CONDSTORE without QRESYNC, neither — against the real
// Dovecot (full flavour for the first two, reduced flavour for the third), each driven by a session with exactly
// those capabilities. After every run the cache must equal the server (UID set, flags, keywords), with the server
// changed behind the client's back by another IMAP session and by doveadm.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { doveadm, type StackInfo } from '../../scripts/mailstack/index.ts';
import { openDb, type Db } from '../../src/cache/db.ts';
import { cachedFlagRows, refreshFolderList, syncFolder } from '../../src/mail/sync.ts';
import type { SyncMode } from '../../src/api/types.ts';
import { stack, tempDir, user } from '../support/stack.ts';
import {
  benchMessage,
  deleteFolder,
  diffRows,
  fillFolder,
  imapClient,
  serverRows,
  uniqueFolder,
} from './support/fixtures.ts';

let info: StackInfo;
let reducedPort: number;
const HEAD = () => user(info, 'head');

before(async () => {
  info = await stack('full');
  reducedPort = (await stack('reduced')).imap.port;
  other = imapClient(info, HEAD().email, HEAD().password);
  await other.connect();
});

function cacheDb(): Db {
  const db = openDb(join(tempDir('tcv-strat-'), 'cache.sqlite'));
  const u = HEAD();
  db.prepare(
    `INSERT INTO accounts (id, email, display_name, kind, username, imap_host, imap_port, imap_security,
       smtp_host, smtp_port, smtp_security, ca_file, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  ).run(
    u.email,
    u.email,
    'Lãnh đạo',
    'personal',
    u.email,
    '127.0.0.1',
    1,
    'starttls',
    '127.0.0.1',
    1,
    'starttls',
    null,
    '',
  );
  return db;
}

interface Flavour {
  name: string;
  mode: SyncMode;
  connect(): Promise<ImapFlow>;
}

const flavours = (): Flavour[] => [
  {
    name: 'QRESYNC',
    mode: 'qresync',
    connect: async () => {
      const c = imapClient(info, HEAD().email, HEAD().password, { qresync: true });
      await c.connect();
      return c;
    },
  },
  {
    name: 'CONDSTORE without QRESYNC',
    mode: 'condstore',
    connect: async () => {
      const c = imapClient(info, HEAD().email, HEAD().password, { qresync: false });
      await c.connect();
      return c;
    },
  },
  {
    name: 'neither (reduced flavour)',
    mode: 'uidrange',
    connect: async () => {
      const c = imapClient({ ...info, imap: { ...info.imap, port: reducedPort } }, HEAD().email, HEAD().password);
      await c.connect();
      return c;
    },
  },
];

const folders: string[] = [];
let other: ImapFlow;
after(async () => {
  await other?.logout().catch(() => {});
  for (const f of folders) await deleteFolder(info, HEAD().email, f);
});

async function assertEqual(db: Db, folder: string, label: string) {
  const server = await serverRows(other, folder);
  const cache = cachedFlagRows(db, HEAD().email, folder);
  assert.equal(diffRows(server, cache), '', label);
  assert.equal(cache.length, server.length, label);
}

for (const fl of flavours()) {
  test(`${fl.name}: first sync, no-change resync, then changes by others all reach the cache`, async () => {
    const email = HEAD().email;
    const folder = uniqueFolder(fl.mode);
    folders.push(folder);
    await fillFolder(info, email, folder, 250, { flags: (n) => (n % 3 === 0 ? 'S' : n % 7 === 0 ? 'F' : '') });
    const db = cacheDb();
    const client = await fl.connect();
    try {
      await refreshFolderList(client, db, email);
      const progress: number[] = [];
      const first = await syncFolder(client, db, email, folder, {
        batchSize: 100,
        onProgress: (d) => progress.push(d),
      });
      assert.equal(first.mode, 'full');
      assert.equal(first.added, 250);
      assert.deepEqual(progress, [0, 100, 200, 250], 'newest first, in batches');
      const newest = db
        .prepare('SELECT uid FROM messages WHERE account_id = ? AND folder = ? ORDER BY uid DESC LIMIT 1')
        .get(email, folder) as { uid: number };
      assert.equal(newest.uid, 250);
      await assertEqual(db, folder, 'after first sync');

      const again = await syncFolder(client, db, email, folder);
      assert.equal(again.mode, 'unchanged');
      assert.equal(again.added + again.removed + again.flagsChanged, 0);

      // Behind the client's back: another session sets and clears flags and keywords, expunges, appends.
      const lock = await other.getMailboxLock(folder);
      try {
        await other.messageFlagsAdd('10:20', ['\\Seen', '\\Flagged'], { uid: true });
        // Keywords are IMAP atoms (ASCII); a tag named in Vietnamese is mapped to one by the actions layer.
        await other.messageFlagsAdd('30', ['$Label1', 'Khan', '$DueDate-20260601'], { uid: true });
        await other.messageFlagsRemove('3,6,9', ['\\Seen'], { uid: true });
        await other.messageFlagsAdd('40:45', ['\\Deleted'], { uid: true });
        await other.messageDelete('40:45', { uid: true });
        await other.append(folder, benchMessage(900, new Date()), ['\\Answered']);
        await other.append(folder, benchMessage(901, new Date()), []);
      } finally {
        lock.release();
      }
      // ...and doveadm, as an administrator or another server process would.
      await doveadm(info, ['flags', 'add', '-u', email, '\\Answered $Forwarded', 'mailbox', folder, 'uid', '100:105']);
      await doveadm(info, ['expunge', '-u', email, 'mailbox', folder, 'uid', '200:202']);

      const delta = await syncFolder(client, db, email, folder);
      assert.equal(delta.mode, fl.mode, `incremental by ${fl.mode}`);
      assert.equal(delta.added, 2);
      assert.equal(delta.removed, 9);
      assert.ok(delta.flagsChanged >= 11 + 1 + 6, `flags changed: ${delta.flagsChanged}`);
      await assertEqual(db, folder, 'after changes');
      const kw = db
        .prepare('SELECT keywords FROM messages WHERE account_id = ? AND folder = ? AND uid = 30')
        .get(email, folder) as { keywords: string };
      assert.deepEqual(JSON.parse(kw.keywords), ['$DueDate-20260601', '$Label1', 'Khan']);

      // Flags-only change, then nothing at all.
      await doveadm(info, ['flags', 'remove', '-u', email, '\\Seen', 'mailbox', folder, 'uid', '10:12']);
      const flagsOnly = await syncFolder(client, db, email, folder);
      assert.equal(flagsOnly.flagsChanged, 3);
      await assertEqual(db, folder, 'after flag removal');
      const quiet = await syncFolder(client, db, email, folder);
      assert.equal(quiet.mode, 'unchanged');
    } finally {
      await client.logout().catch(() => client.close());
      db.close();
    }
  });
}

test('UIDVALIDITY change rebuilds the folder: same UIDs, other messages', async () => {
  const email = HEAD().email;
  const folder = uniqueFolder('uidv');
  folders.push(folder);
  await fillFolder(info, email, folder, 20);
  const db = cacheDb();
  const client = imapClient(info, email, HEAD().password, { qresync: true });
  await client.connect();
  try {
    await refreshFolderList(client, db, email);
    await syncFolder(client, db, email, folder);
    const before = db
      .prepare('SELECT subject FROM messages WHERE account_id = ? AND folder = ? AND uid = 1')
      .get(email, folder) as { subject: string };
    // Delete and recreate with other content: Dovecot gives the new mailbox a new UIDVALIDITY and reuses UIDs 1..n.
    await client.mailboxClose().catch(() => {});
    await deleteFolder(info, email, folder);
    await fillFolder(info, email, folder, 15, { start: 500 });
    const r = await syncFolder(client, db, email, folder);
    assert.equal(r.uidValidityReset, true);
    assert.equal(r.mode, 'full');
    assert.equal(r.total, 15);
    const after = db
      .prepare('SELECT subject FROM messages WHERE account_id = ? AND folder = ? AND uid = 1')
      .get(email, folder) as { subject: string };
    assert.notEqual(after.subject, before.subject);
    assert.match(after.subject, /500/);
    await assertEqual(db, folder, 'after rebuild');
  } finally {
    await client.logout().catch(() => client.close());
    db.close();
  }
});
