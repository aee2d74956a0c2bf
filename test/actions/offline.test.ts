// Offline: the engine reaches Dovecot through a relay that the test cuts and restores (the shared Dovecot itself is
// never stopped: other test files use it). Actions taken while cut are applied to the cache at once and queued;
// meanwhile another client changes the server; when the relay is back the queue is replayed in the order the user
// acted, conflicts go the server's way without losing the user's intent, and the cache equals the server. The queue
// also survives closing and reopening the profile. Both Dovecot flavours.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { ImapFlow } from 'imapflow';
import type { OpsChangedEvent } from '../../src/api/types.ts';
import { accountParams, type TestEngine } from '../support/stack.ts';
import { ROLE, Relay, actionsSuite, cacheRows, fill, serverRows, strip } from './support.ts';

const OFFLINE = new Set(['CONNECTION_REFUSED', 'CONNECTION_LOST', 'TIMEOUT']);

for (const flavour of ['full', 'reduced'] as const) {
  describe(`offline actions, ${flavour} flavour`, () => {
    let relay: Relay;
    let imap: ImapFlow;
    let accountId: string;
    let trash = 'Trash';
    const s = actionsSuite(flavour, 'offline', async () => {
      ({ imap, accountId } = s);
      relay = s.keep(new Relay(s.info.imap.port), (r) => r.close());
      await relay.start();
    });
    const open = (profileDir?: string) => s.engine(profileDir);
    const close = (t: TestEngine) => s.close(t);
    const uidOf = (t: TestEngine, folder: string, id: string) =>
      cacheRows(t.profileDir, accountId, folder).find((r) => r.messageId === id)?.uid as number;
    const sameAsServer = async (t: TestEngine, folder: string, label: string) => {
      await t.must('sync.run', { accountId, folder });
      assert.deepEqual(strip(cacheRows(t.profileDir, accountId, folder)), strip(await serverRows(imap, folder)), label);
    };
    const setup = async (tag: string, n: number) => {
      const S = s.folder(`${tag}-nguon`);
      const D = s.folder(`${tag}-dich`);
      await imap.mailboxCreate(S);
      await imap.mailboxCreate(D);
      const ids = await fill(imap, S, n, tag);
      s.ids.push(...ids);
      const t = await open();
      await t.must(
        'accounts.add',
        accountParams(s.info, ROLE, { imap: { host: '127.0.0.1', port: relay.port, security: 'starttls' } }),
      );
      await t.must('sync.run', { accountId, folder: S });
      await t.must('sync.run', { accountId, folder: D });
      trash = (await t.must('folders.list', { accountId })).find((f) => f.specialUse === 'trash')?.path ?? trash;
      return { S, D, ids, t };
    };

    test('queued while cut, replayed in order when back, conflicts to the server, cache equals server', async () => {
      const { S, D, ids, t } = await setup('q', 6);
      const ops: OpsChangedEvent[] = [];
      t.engine.onEvent((e, p) => {
        if (e === 'ops.changed') ops.push(p as OpsChangedEvent);
      });
      const u = ids.map((id) => uidOf(t, S, id));
      await relay.cut('refuse');

      // a. read
      const a = await t.must('messages.setFlags', { accountId, folder: S, uids: [u[0] as number], add: ['\\Seen'] });
      assert.equal(a.state, 'queued');
      assert.ok(OFFLINE.has(a.pendingReason as string), String(a.pendingReason));
      assert.match(cacheRows(t.profileDir, accountId, S).find((r) => r.uid === u[0])?.flags ?? '', /\\seen/, 'at once');
      // b. move two messages; they show in the destination at once, under placeholder UIDs
      const b = await t.must('messages.move', { accountId, folder: S, uids: [u[1] as number, u[2] as number], to: D });
      assert.equal(b.state, 'queued');
      const placeholders = cacheRows(t.profileDir, accountId, D);
      assert.equal(placeholders.length, 2);
      assert.ok(placeholders.every((r) => r.uid < 0));
      const p1 = placeholders.find((r) => r.messageId === ids[1])?.uid as number;
      const p2 = placeholders.find((r) => r.messageId === ids[2])?.uid as number;
      // c. flag and tag a message that is itself only moved locally
      await t.must('messages.setFlags', { accountId, folder: D, uids: [p1], add: ['\\Flagged', 'Khan'] });
      // d. a new folder, e. and a move into it
      const N = s.folder('Hồ sơ mới');
      await t.must('folders.create', { accountId, path: N });
      assert.ok((await t.must('folders.list', { accountId })).some((f) => f.path === N));
      await t.must('messages.move', { accountId, folder: D, uids: [p2], to: N });
      // f. delete to Trash (undoable later)
      const f = await t.must('messages.delete', { accountId, folder: S, uids: [u[3] as number] });
      assert.ok(f.undoToken);
      // g. due date
      await t.must('messages.setDueDate', { accountId, folder: S, uids: [u[4] as number], date: '2026-12-31' });
      // h. a flag on a message another client is about to expunge
      await t.must('messages.setFlags', { accountId, folder: S, uids: [u[5] as number], add: ['\\Flagged'] });

      const pending = await t.must('ops.pending', { accountId });
      assert.deepEqual(
        pending.map((o) => o.kind),
        ['flags', 'move', 'flags', 'createFolder', 'move', 'move', 'flags', 'flags'],
      );
      assert.ok(pending.every((o) => o.state === 'pending'));
      assert.equal(ops.at(-1)?.pending, 8);

      // Meanwhile, on the server: another client answers and tags u0 and expunges u5.
      const lock = await imap.getMailboxLock(S);
      try {
        await imap.messageFlagsAdd(String(u[0]), ['\\Answered', 'BenNgoai'], { uid: true });
        await imap.messageDelete(String(u[5]), { uid: true });
      } finally {
        lock.release();
      }

      // A sync while cut fails and leaves the local state alone.
      const failed = await t.call('sync.run', { accountId, folder: S });
      assert.equal(failed.ok, false);
      assert.equal(cacheRows(t.profileDir, accountId, D).length, 1, 'the local move is still shown');
      assert.equal((await t.must('ops.pending', { accountId })).length, 8);

      await relay.restore();
      // The next sync replays the queue first (src/actions/intent.ts), then reads the server.
      await t.must('sync.run', { accountId, folder: S });
      assert.deepEqual(await t.must('ops.pending', { accountId }), []);
      const dropped = (await t.must('ops.pending', { accountId, includeDropped: true })).filter(
        (o) => o.state === 'dropped',
      );
      assert.deepEqual(
        dropped.map((o) => [o.kind, o.folder]),
        [['flags', S]],
        'only the flag on the expunged message is dropped',
      );
      assert.equal(ops.at(-1)?.pending, 0);

      const server = async (folder: string) => await serverRows(imap, folder);
      assert.equal(
        (await server(S)).find((m) => m.uid === u[0])?.flags,
        'BenNgoai \\answered \\seen',
        'our \\Seen on top of the other client’s changes',
      );
      assert.equal((await server(S)).find((m) => m.uid === u[4])?.flags, '$DueDate-20261231 \\flagged');
      assert.ok(!(await server(S)).some((m) => [u[1], u[2], u[3], u[5]].includes(m.uid)));
      assert.deepEqual(
        (await server(D)).map((m) => [m.messageId, m.flags]),
        [[ids[1], 'Khan \\flagged']],
        'flagged after the move, in the order acted',
      );
      assert.deepEqual(
        (await server(N)).map((m) => m.messageId),
        [ids[2]],
      );
      assert.ok((await server(trash)).some((m) => m.messageId === ids[3]));

      for (const folder of [S, D, N]) await sameAsServer(t, folder, `after replay: ${folder}`);
      assert.ok(
        cacheRows(t.profileDir, accountId, D).every((r) => r.uid > 0),
        'no placeholder left',
      );

      // The undo token given while offline still works once the queue ran.
      await t.must('messages.undo', { token: f.undoToken });
      assert.ok((await server(S)).some((m) => m.messageId === ids[3]));
      await sameAsServer(t, S, 'after undo');
      await sameAsServer(t, trash, 'trash after undo');
    });

    test('the queue survives closing and reopening the profile, and is replayed after the restart', async () => {
      const { S, D, ids, t } = await setup('r', 3);
      const u = ids.map((id) => uidOf(t, S, id));
      await relay.cut('reset');
      const a = await t.must('messages.setFlags', { accountId, folder: S, uids: [u[0] as number], add: ['\\Flagged'] });
      assert.equal(a.state, 'queued');
      assert.equal(a.pendingReason, 'CONNECTION_LOST', 'a server that hangs up: the connection was lost');
      await t.must('messages.move', { accountId, folder: S, uids: [u[1] as number], to: D });
      const renamed = `${D}-đổi tên`;
      await t.must('folders.rename', { accountId, path: D, to: renamed });
      await t.must('messages.delete', { accountId, folder: S, uids: [u[2] as number], permanent: true });
      const profileDir = t.profileDir;
      await close(t);

      // Reopened while still offline: the queue is there, the start-up replay fails quietly and waits.
      const again = await open(profileDir);
      const pending = await again.must('ops.pending', { accountId });
      assert.deepEqual(
        pending.map((o) => o.kind),
        ['flags', 'move', 'renameFolder', 'expunge'],
      );
      assert.equal(cacheRows(profileDir, accountId, renamed).length, 1, 'the moved message is in the renamed folder');

      await relay.restore();
      const left = await again.must('ops.replay', { accountId });
      assert.deepEqual(left, []);
      assert.ok((await imap.list()).some((f) => f.path === renamed));
      assert.equal((await serverRows(imap, S)).find((m) => m.uid === u[0])?.flags, '\\flagged');
      assert.deepEqual(
        (await serverRows(imap, renamed)).map((m) => m.messageId),
        [ids[1]],
      );
      assert.ok(!(await serverRows(imap, S)).some((m) => m.uid === u[2]));
      await again.must('folders.list', { accountId });
      for (const folder of [S, renamed]) await sameAsServer(again, folder, `after restart: ${folder}`);
    });

    test('a refused operation in the queue is dropped and logged; the ones after it still run', async () => {
      const { S, D, ids, t } = await setup('x', 2);
      const u = ids.map((id) => uidOf(t, S, id));
      await relay.cut('refuse');
      await t.must('messages.move', { accountId, folder: S, uids: [u[0] as number], to: D });
      await t.must('messages.setFlags', { accountId, folder: S, uids: [u[1] as number], add: ['\\Seen'] });
      // The destination disappears on the server before the replay.
      await imap.mailboxDelete(D);
      await relay.restore();
      const left = await t.must('ops.replay', { accountId });
      assert.deepEqual(left, []);
      const all = await t.must('ops.pending', { accountId, includeDropped: true });
      const move = all.find((o) => o.kind === 'move' && o.to === D);
      assert.equal(move?.state, 'dropped');
      assert.equal(move?.lastError, 'FOLDER_NOT_FOUND');
      assert.ok(uidOf(t, S, ids[0] as string) > 0, 'the server wins: the message is back in the source');
      assert.match((await serverRows(imap, S)).find((m) => m.uid === u[1])?.flags ?? '', /\\seen/);
      await sameAsServer(t, S, 'after a dropped move');
    });
  });
}
