// Every action through the engine's contract, online, against both Dovecot flavours: each is applied to the cache at
// once (folder.changed), sent to the server, and afterwards the cache equals the server (UID set, flags, keywords),
// before and after a sync. Undo for move, delete and spam; the server's refusal comes back as an error and the
// server's state wins.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { ImapFlow } from 'imapflow';
import type { FolderChangedEvent } from '../../src/api/types.ts';
import { addAccount, type TestEngine } from '../support/stack.ts';
import { ROLE, actionsSuite, cacheRows, fill, serverRows, strip } from './support.ts';

for (const flavour of ['full', 'reduced'] as const) {
  describe(`actions through the engine, ${flavour} flavour`, () => {
    let t: TestEngine;
    let imap: ImapFlow;
    let accountId: string;
    let S: string;
    let D: string;
    let ids: string[];
    const events: FolderChangedEvent[] = [];
    let trash = 'Trash';
    let junk = 'Junk';
    const s = actionsSuite(flavour, 'engine', async () => {
      ({ imap, accountId } = s);
      S = s.folder('nguon');
      D = s.folder('dich');
      await imap.mailboxCreate(S);
      await imap.mailboxCreate(D);
      ids = await fill(imap, S, 8);
      s.ids.push(...ids);
      t = await s.engine();
      await addAccount(t, s.info, ROLE);
      t.engine.onEvent((e, p) => {
        // Preview-line announcements (docs/sync.md "Importance and snippet") come from the background prefetch, at
        // any moment: these tests look at what the actions changed.
        if (e === 'folder.changed' && !(p as FolderChangedEvent).previews) events.push(p as FolderChangedEvent);
      });
      await t.must('sync.run', { accountId, folder: S });
      await t.must('sync.run', { accountId, folder: D });
      const folders = await t.must('folders.list', { accountId });
      trash = folders.find((f) => f.specialUse === 'trash')?.path ?? trash;
      junk = folders.find((f) => f.specialUse === 'junk')?.path ?? junk;
    });
    const { prefix } = s;

    const sameAsServer = async (folder: string, label: string) => {
      assert.deepEqual(strip(cacheRows(t.profileDir, accountId, folder)), strip(await serverRows(imap, folder)), label);
      await t.must('sync.run', { accountId, folder });
      assert.deepEqual(
        strip(cacheRows(t.profileDir, accountId, folder)),
        strip(await serverRows(imap, folder)),
        `${label} (after sync)`,
      );
    };
    const uidOf = (folder: string, id: string) =>
      cacheRows(t.profileDir, accountId, folder).find((r) => r.messageId === id)?.uid as number;

    test('read/unread, flag/unflag and keywords: local at once, then on the server', async () => {
      const [u1, u2] = [uidOf(S, ids[0] as string), uidOf(S, ids[1] as string)];
      events.length = 0;
      const r = await t.must('messages.setFlags', {
        accountId,
        folder: S,
        uids: [u1, u2],
        add: ['\\Seen', '\\Flagged', 'Khan'],
      });
      assert.equal(r.state, 'done');
      assert.equal(r.count, 2);
      assert.equal(r.pendingReason, null);
      assert.deepEqual(
        events.map((e) => [e.folder, e.flagsChanged]),
        [[S, 2]],
      );
      await t.must('messages.setFlags', { accountId, folder: S, uids: [u1], remove: ['\\Seen', 'Khan'] });
      const rows = await serverRows(imap, S);
      assert.equal(rows.find((m) => m.uid === u1)?.flags, '\\flagged');
      assert.equal(rows.find((m) => m.uid === u2)?.flags, 'Khan \\flagged \\seen');
      await sameAsServer(S, 'flags');
      const page = await t.must('messages.list', { accountId, folder: S });
      assert.equal(page.items.find((m) => m.uid === u2)?.seen, true);
    });

    test('a due date is \\Flagged plus one $DueDate keyword, replaced and cleared', async () => {
      const u = uidOf(S, ids[2] as string);
      await t.must('messages.setDueDate', { accountId, folder: S, uids: [u], date: '2026-12-01' });
      await t.must('messages.setDueDate', { accountId, folder: S, uids: [u], date: '2026-12-15' });
      const flags = (await serverRows(imap, S)).find((m) => m.uid === u)?.flags;
      assert.equal(flags, '$DueDate-20261215 \\flagged');
      await t.must('messages.setDueDate', { accountId, folder: S, uids: [u], date: null });
      assert.equal((await serverRows(imap, S)).find((m) => m.uid === u)?.flags, '\\flagged');
      const bad = await t.call('messages.setDueDate', { accountId, folder: S, uids: [u], date: '2026-02-30' });
      assert.equal(bad.ok ? 'ok' : bad.error.code, 'VALIDATION');
      await sameAsServer(S, 'due date');
    });

    test('move: the messages get their server UIDs in the destination (COPYUID); undo brings them back', async () => {
      const uids = [uidOf(S, ids[0] as string), uidOf(S, ids[1] as string)];
      const flagsBefore = (await serverRows(imap, S)).filter((m) => uids.includes(m.uid)).map((m) => m.flags);
      events.length = 0;
      const r = await t.must('messages.move', { accountId, folder: S, uids, to: D });
      assert.equal(r.state, 'done');
      assert.ok(r.undoToken);
      assert.deepEqual(
        events.slice(0, 2).map((e) => [e.folder, e.added, e.removed]),
        [
          [D, 2, 0],
          [S, 0, 2],
        ],
        'the UI hears of it before the server round trip',
      );
      const inD = cacheRows(t.profileDir, accountId, D);
      assert.deepEqual(inD.map((m) => m.messageId).sort(), [ids[0], ids[1]].sort());
      assert.ok(
        inD.every((m) => m.uid > 0),
        'placeholders resolved to server UIDs',
      );
      assert.deepEqual(
        inD.map((m) => m.flags),
        flagsBefore,
        'flags travel with the message',
      );
      await sameAsServer(S, 'move: source');
      await sameAsServer(D, 'move: destination');

      const u = await t.must('messages.undo', { token: r.undoToken });
      assert.equal(u.state, 'done');
      assert.deepEqual(cacheRows(t.profileDir, accountId, D), []);
      assert.ok(uidOf(S, ids[0] as string) > 0 && uidOf(S, ids[1] as string) > 0);
      await sameAsServer(S, 'undo: source');
      await sameAsServer(D, 'undo: destination');
      const again = await t.call('messages.undo', { token: r.undoToken });
      assert.equal(again.ok ? 'ok' : again.error.code, 'UNDO_EXPIRED', 'an undo token works once');
    });

    test('copy leaves the original and adds a copy with its server UID', async () => {
      const u = uidOf(S, ids[3] as string);
      const r = await t.must('messages.copy', { accountId, folder: S, uids: [u], to: D });
      assert.equal(r.undoToken, null);
      assert.ok(uidOf(S, ids[3] as string));
      assert.ok(uidOf(D, ids[3] as string) > 0);
      await sameAsServer(S, 'copy: source');
      await sameAsServer(D, 'copy: destination');
    });

    test('delete goes to Trash and can be undone; permanent delete cannot', async () => {
      const u = uidOf(S, ids[4] as string);
      const r = await t.must('messages.delete', { accountId, folder: S, uids: [u] });
      assert.ok(r.undoToken);
      assert.ok(uidOf(trash, ids[4] as string) > 0);
      assert.ok((await serverRows(imap, trash)).some((m) => m.messageId === ids[4]));
      await t.must('messages.undo', { token: r.undoToken });
      assert.ok((await serverRows(imap, S)).some((m) => m.messageId === ids[4]));
      assert.ok(!(await serverRows(imap, trash)).some((m) => m.messageId === ids[4]));

      const p = await t.must('messages.delete', {
        accountId,
        folder: S,
        uids: [uidOf(S, ids[5] as string)],
        permanent: true,
      });
      assert.equal(p.undoToken, null);
      assert.ok(!(await serverRows(imap, S)).some((m) => m.messageId === ids[5]));
      assert.ok(!(await serverRows(imap, trash)).some((m) => m.messageId === ids[5]));
      await sameAsServer(S, 'delete');
    });

    test('mark as spam: $Junk and into Junk; undo takes it back without the keyword; not-spam the other way', async () => {
      const u = uidOf(S, ids[6] as string);
      const r = await t.must('messages.markSpam', { accountId, folder: S, uids: [u] });
      assert.ok(r.undoToken);
      assert.equal(r.opIds.length, 2, 'keyword, then move');
      const inJunk = (await serverRows(imap, junk)).find((m) => m.messageId === ids[6]);
      assert.match(inJunk?.flags ?? '', /\$Junk/);
      assert.doesNotMatch(inJunk?.flags ?? '', /\$NotJunk/);
      await t.must('messages.undo', { token: r.undoToken });
      const back = (await serverRows(imap, S)).find((m) => m.messageId === ids[6]);
      assert.ok(back);
      assert.doesNotMatch(back.flags, /\$Junk/);

      await t.must('messages.markSpam', { accountId, folder: S, uids: [back.uid] });
      await t.must('sync.run', { accountId, folder: junk });
      const notSpam = await t.must('messages.markSpam', {
        accountId,
        folder: junk,
        uids: [uidOf(junk, ids[6] as string)],
        spam: false,
      });
      assert.equal(notSpam.state, 'done');
      const inbox = (await serverRows(imap, 'INBOX')).find((m) => m.messageId === ids[6]);
      assert.match(inbox?.flags ?? '', /\$NotJunk/);
      await sameAsServer(S, 'spam: source');
      await sameAsServer(junk, 'spam: junk');
    });

    test('folders: create, rename, delete with subfolders; Inbox and system folders are protected', async () => {
      const name = `${prefix}-Công văn đến`;
      await t.must('folders.create', { accountId, path: name });
      await t.must('folders.create', { accountId, path: `${name}/Sở Nội vụ` });
      assert.ok((await imap.list()).some((f) => f.path === `${name}/Sở Nội vụ`));
      const exists = await t.call('folders.create', { accountId, path: name });
      assert.equal(exists.ok ? 'ok' : exists.error.code, 'FOLDER_EXISTS');
      await t.must('messages.copy', {
        accountId,
        folder: S,
        uids: [uidOf(S, ids[7] as string)],
        to: `${name}/Sở Nội vụ`,
      });

      await t.must('folders.rename', { accountId, path: name, to: `${name} 2026` });
      const listed = (await imap.list()).map((f) => f.path);
      assert.ok(listed.includes(`${name} 2026/Sở Nội vụ`) && !listed.includes(name));
      const folders = (await t.must('folders.list', { accountId })).map((f) => f.path);
      assert.ok(folders.includes(`${name} 2026/Sở Nội vụ`) && !folders.includes(name));
      assert.ok(uidOf(`${name} 2026/Sở Nội vụ`, ids[7] as string) > 0, 'cached messages follow the rename');
      await sameAsServer(`${name} 2026/Sở Nội vụ`, 'renamed folder');

      await t.must('folders.delete', { accountId, path: `${name} 2026` });
      assert.ok(!(await imap.list()).some((f) => f.path.startsWith(`${name} 2026`)));
      assert.ok(!(await t.must('folders.list', { accountId })).some((f) => f.path.startsWith(`${name} 2026`)));

      for (const [method, path] of [
        ['folders.rename', 'INBOX'],
        ['folders.delete', trash],
      ] as const) {
        const r =
          method === 'folders.rename'
            ? await t.call(method, { accountId, path, to: `${prefix}-x` })
            : await t.call(method, { accountId, path });
        assert.equal(r.ok ? 'ok' : r.error.code, 'FOLDER_PROTECTED', `${method} ${path}`);
      }
      const bad = await t.call('folders.create', { accountId, path: `${prefix}-a*b` });
      assert.equal(bad.ok ? 'ok' : bad.error.code, 'FOLDER_NAME_CHARS');
    });

    test('the server refusing an action is an error, and the server state comes back in the cache', async () => {
      const gone = s.folder('bien-mat');
      await imap.mailboxCreate(gone);
      await t.must('folders.list', { accountId });
      await t.must('sync.run', { accountId }).catch(() => undefined);
      // Another client deletes the folder; this cache still lists it.
      await imap.mailboxDelete(gone);
      const u = uidOf(S, ids[7] as string);
      const r = await t.call('messages.move', { accountId, folder: S, uids: [u], to: gone });
      assert.equal(r.ok ? 'ok' : r.error.code, 'FOLDER_NOT_FOUND');
      assert.equal(uidOf(S, ids[7] as string), u, 'back in the source, under its own UID');
      const dropped = await t.must('ops.pending', { accountId, includeDropped: true });
      assert.ok(dropped.some((o) => o.kind === 'move' && o.state === 'dropped' && o.to === gone));
      assert.deepEqual(await t.must('ops.pending', { accountId }), [], 'nothing left pending');
      await sameAsServer(S, 'after a refusal');
    });

    test('empty folder removes every cached message for good', async () => {
      const before = cacheRows(t.profileDir, accountId, D).length;
      assert.ok(before > 0);
      const r = await t.must('folders.empty', { accountId, path: D });
      assert.equal(r.count, before);
      assert.deepEqual(await serverRows(imap, D), []);
      await sameAsServer(D, 'emptied');
    });

    test('bad input: unknown folder, bad keyword, same folder, no flags', async () => {
      const code = async (p: Promise<{ ok: boolean; error?: { code: string } }>) => {
        const r = await p;
        return r.ok ? 'ok' : r.error?.code;
      };
      const u = uidOf(S, ids[2] as string);
      assert.equal(
        await code(t.call('messages.move', { accountId, folder: S, uids: [u], to: `${prefix}-none` })),
        'FOLDER_NOT_FOUND',
      );
      assert.equal(
        await code(t.call('messages.setFlags', { accountId, folder: S, uids: [u], add: ['Khẩn'] })),
        'VALIDATION',
      );
      assert.equal(
        await code(t.call('messages.setFlags', { accountId, folder: S, uids: [u], add: ['\\Recent'] })),
        'VALIDATION',
      );
      assert.equal(await code(t.call('messages.setFlags', { accountId, folder: S, uids: [u] })), 'VALIDATION');
      assert.equal(await code(t.call('messages.move', { accountId, folder: S, uids: [u], to: S })), 'VALIDATION');
      assert.equal(
        await code(t.call('messages.setFlags', { accountId, folder: S, uids: [0], add: ['\\Seen'] })),
        'VALIDATION',
      );
      assert.equal(await code(t.call('messages.undo', { token: 'not-a-token' })), 'VALIDATION');
    });
  });
}
