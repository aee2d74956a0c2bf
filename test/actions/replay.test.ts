// The replay's harder paths, on an Actions stack built by hand (as src/engine/index.ts builds it) so that it can be
// told to ignore capabilities, against both Dovecot flavours:
//  - no MOVE and no UIDPLUS: RFC 6851 §3.3's COPY + \Deleted + EXPUNGE, no COPYUID, so the moved messages' UIDs are
//    found by Message-ID; another client's \Deleted message is never expunged with ours;
//  - a COPY interrupted after it reached the server is not made twice on retry;
//  - UIDVALIDITY changed while the operation waited: the message is found again by Message-ID.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import type { StackInfo } from '../../scripts/mailstack/index.ts';
import { AccountStore } from '../../src/accounts/store.ts';
import { Actions } from '../../src/actions/service.ts';
import { replayOp } from '../../src/actions/replay.ts';
import { openDb, type Db } from '../../src/cache/db.ts';
import { Connections } from '../../src/engine/connections.ts';
import { syncFolder, syncFolderList } from '../../src/mail/sync.ts';
import type { Logger } from '../../src/platform/types.ts';
import { stack, tempDir, user } from '../support/stack.ts';
import { ROLE, connected, deleteFolders, fill, serverRows, uniqueFolder, type Row } from './support.ts';

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const strip = (rows: Row[]) => rows.map((r) => ({ uid: r.uid, messageId: r.messageId, flags: r.flags }));

interface Hand {
  db: Db;
  actions: Actions;
  connections: Connections;
  accountId: string;
  close(): Promise<void>;
}

function byHand(info: StackInfo, without: string[]): Hand {
  const db = openDb(join(tempDir('tcv-actions-hand-'), 'cache.sqlite'));
  const accounts = new AccountStore(db);
  const u = user(info, ROLE);
  const account = accounts.draft({
    email: u.email,
    kind: 'unit',
    imap: { host: info.imap.host, port: info.imap.port, security: 'starttls' },
    smtp: { host: info.smtp.host, port: info.smtp.port, security: 'starttls' },
  });
  accounts.insert(account);
  const ca = readFileSync(info.ca, 'utf8');
  const connections = new Connections({
    account: (id) => accounts.get(id),
    password: async () => u.password,
    cas: () => [ca],
    log: quiet,
  });
  const actions = new Actions({ db, accounts, connections, log: quiet, emit: () => undefined, without });
  actions.start();
  return {
    db,
    actions,
    connections,
    accountId: account.id,
    async close() {
      await actions.close();
      await connections.closeAll();
      db.close();
    },
  };
}

function cached(db: Db, accountId: string, folder: string): Row[] {
  const rows = db
    .prepare(
      `SELECT uid, message_id, seen, flagged, answered, draft, deleted, keywords FROM messages
       WHERE account_id = ? AND folder = ? ORDER BY uid`,
    )
    .all(accountId, folder) as unknown as {
    uid: number;
    message_id: string | null;
    seen: number;
    flagged: number;
    answered: number;
    draft: number;
    deleted: number;
    keywords: string;
  }[];
  return rows.map((r) => ({
    uid: r.uid,
    messageId: r.message_id,
    flags: [
      ...(r.answered ? ['\\answered'] : []),
      ...(r.deleted ? ['\\deleted'] : []),
      ...(r.draft ? ['\\draft'] : []),
      ...(r.flagged ? ['\\flagged'] : []),
      ...(r.seen ? ['\\seen'] : []),
      ...(JSON.parse(r.keywords) as string[]),
    ]
      .sort()
      .join(' '),
  }));
}

for (const flavour of ['full', 'reduced'] as const) {
  describe(`replay edge cases, ${flavour} flavour`, () => {
    let info: StackInfo;
    let imap: ImapFlow;
    const prefix = `Actions-${process.pid}-replay-${flavour}`;
    const hands: Hand[] = [];

    const sync = (h: Hand, folder: string) =>
      h.connections.run(h.accountId, async (c) => {
        await syncFolderList(c, h.db, h.accountId);
        await syncFolder(c, h.db, h.accountId, folder);
      });
    const same = async (h: Hand, folder: string, label: string) => {
      await sync(h, folder);
      assert.deepEqual(strip(cached(h.db, h.accountId, folder)), strip(await serverRows(imap, folder)), label);
    };
    const uidOf = (h: Hand, folder: string, id: string) =>
      cached(h.db, h.accountId, folder).find((r) => r.messageId === id)?.uid as number;

    before(async () => {
      info = await stack(flavour);
      imap = await connected(info);
    });
    after(async () => {
      for (const h of hands) await h.close();
      await deleteFolders(imap, prefix);
      await imap.logout();
    });

    test('without MOVE and UIDPLUS: moved by COPY + EXPUNGE, found again by Message-ID, undone the same way', async () => {
      const h = byHand(info, ['MOVE', 'UIDPLUS']);
      hands.push(h);
      const S = `${prefix}-${uniqueFolder('s')}`;
      const D = `${prefix}-${uniqueFolder('d')}`;
      await imap.mailboxCreate(S);
      await imap.mailboxCreate(D);
      const ids = await fill(imap, S, 3, 'f');
      await sync(h, S);
      await sync(h, D);
      const sel = {
        accountId: h.accountId,
        folder: S,
        uids: [uidOf(h, S, ids[0] as string), uidOf(h, S, ids[1] as string)],
      };
      const r = await h.actions.move(sel, D);
      assert.equal(r.state, 'done');
      const inD = cached(h.db, h.accountId, D);
      assert.deepEqual(inD.map((m) => m.messageId).sort(), [ids[0], ids[1]].sort());
      assert.ok(
        inD.every((m) => m.uid > 0),
        'UIDs found by Message-ID above the old UIDNEXT',
      );
      await same(h, S, 'source');
      await same(h, D, 'destination');
      await h.actions.undo(r.undoToken as string);
      assert.equal(cached(h.db, h.accountId, D).length, 0);
      await same(h, S, 'source after undo');
      await same(h, D, 'destination after undo');
    });

    test('without UIDPLUS, another client’s \\Deleted message survives our move; ours waits flagged \\Deleted', async () => {
      const h = byHand(info, ['MOVE', 'UIDPLUS']);
      hands.push(h);
      const S = `${prefix}-${uniqueFolder('s')}`;
      const D = `${prefix}-${uniqueFolder('d')}`;
      await imap.mailboxCreate(S);
      await imap.mailboxCreate(D);
      const ids = await fill(imap, S, 2, 'g');
      const lock = await imap.getMailboxLock(S);
      try {
        await imap.messageFlagsAdd('1', ['\\Deleted'], { uid: true });
      } finally {
        lock.release();
      }
      await sync(h, S);
      await sync(h, D);
      await h.actions.move({ accountId: h.accountId, folder: S, uids: [2] }, D);
      const left = await serverRows(imap, S);
      assert.deepEqual(
        left.map((m) => [m.messageId, m.flags]),
        [
          [ids[0], '\\deleted'],
          [ids[1], '\\deleted'],
        ],
        'nothing expunged: the other client decides about its message',
      );
      assert.equal((await serverRows(imap, D))[0]?.messageId, ids[1]);
      await same(h, S, 'source keeps both, flagged');
      await same(h, D, 'destination');
    });

    test('a COPY that reached the server before the connection broke is not made twice', async () => {
      const h = byHand(info, []);
      hands.push(h);
      const S = `${prefix}-${uniqueFolder('s')}`;
      const D = `${prefix}-${uniqueFolder('d')}`;
      await imap.mailboxCreate(S);
      await imap.mailboxCreate(D);
      const [id] = await fill(imap, S, 1, 'c');
      await sync(h, S);
      await sync(h, D);
      const journal = h.actions.queue.journal;
      // The first attempt: UIDNEXT of D recorded, the COPY done, then the connection lost before the answer.
      const status = await imap.status(D, { uidNext: true });
      const next = status ? (status.uidNext as number) : 0;
      assert.ok(next > 0);
      const lock = await imap.getMailboxLock(S);
      try {
        await imap.messageCopy('1', D, { uid: true });
      } finally {
        lock.release();
      }
      const opId = journal.enqueue(h.accountId, {
        kind: 'copy',
        folder: S,
        uidValidity: null,
        targets: [{ uid: 1, messageId: id as string }],
        to: D,
        placeholders: [journal.allocatePlaceholder(h.accountId, D, id as string, 0)],
        destUidNext: next,
      });
      journal.failed(opId, 'CONNECTION_LOST');
      const q = journal.get(opId);
      assert.ok(q);
      const outcome = await h.connections.run(h.accountId, (c) =>
        replayOp(c, { db: h.db, journal, log: quiet, without: [] }, q),
      );
      assert.equal(outcome.state, 'done');
      assert.deepEqual(
        (await serverRows(imap, D)).map((m) => m.messageId),
        [id],
        'one copy, not two',
      );
      if (outcome.state === 'done')
        assert.equal(outcome.resolved[0]?.[1], next, 'the placeholder gets that copy’s UID');
    });

    test('UIDVALIDITY changed while waiting: the message is found again by Message-ID', async () => {
      const h = byHand(info, []);
      hands.push(h);
      const S = `${prefix}-${uniqueFolder('s')}`;
      await imap.mailboxCreate(S);
      const [a, b] = await fill(imap, S, 2, 'v');
      const journal = h.actions.queue.journal;
      const opId = journal.enqueue(h.accountId, {
        kind: 'flags',
        folder: S,
        uidValidity: '1', // what the cache had: the folder has been recreated since
        targets: [{ uid: 1, messageId: b as string }],
        add: ['\\Flagged'],
        remove: [],
      });
      const q = journal.get(opId);
      assert.ok(q);
      const outcome = await h.connections.run(h.accountId, (c) =>
        replayOp(c, { db: h.db, journal, log: quiet, without: [] }, q),
      );
      assert.equal(outcome.state, 'done');
      if (outcome.state === 'done') assert.match(outcome.notes.join(' '), /UIDVALIDITY/);
      const rows = await serverRows(imap, S);
      assert.equal(rows.find((m) => m.messageId === b)?.flags, '\\flagged', 'the right message, not UID 1');
      assert.equal(rows.find((m) => m.messageId === a)?.flags, '');
    });
  });
}
