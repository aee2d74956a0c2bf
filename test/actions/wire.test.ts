// The IMAP verbs of src/actions/imap against the real Dovecot, in both flavours (the reduced one has no CONDSTORE,
// QRESYNC or ACL, but MOVE and UIDPLUS). The fallbacks are exercised by pretending capabilities away: MOVE gone is
// RFC 6851 §3.3's COPY + \Deleted + UID EXPUNGE; UIDPLUS gone as well is the cautious EXPUNGE that never removes
// another client's \Deleted messages.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { ImapFlow } from 'imapflow';
import type { StackInfo } from '../../scripts/mailstack/index.ts';
import { uidExpunge } from '../../src/actions/imap/expunge.ts';
import { createMailbox, deleteMailbox, renameMailbox } from '../../src/actions/imap/mailboxes.ts';
import { existingUids, uidNext, uidsByMessageId } from '../../src/actions/imap/search.ts';
import { uidStore } from '../../src/actions/imap/store.ts';
import { uidCopy, uidMove } from '../../src/actions/imap/transfer.ts';
import { capsOf, withMailbox, type Caps } from '../../src/actions/imap/wire.ts';
import { TcvError } from '../../src/api/errors.ts';
import { stack } from '../support/stack.ts';
import { connected, deleteFolders, fill, serverRows, uniqueFolder } from './support.ts';

let full: StackInfo;
let reduced: StackInfo;
before(async () => {
  full = await stack('full');
  reduced = await stack('reduced');
});

const rejects = async (p: Promise<unknown>, code: string) =>
  assert.rejects(p, (e: unknown) => e instanceof TcvError && e.code === code);

for (const flavour of ['full', 'reduced'] as const) {
  describe(`IMAP verbs, ${flavour} flavour`, () => {
    let imap: ImapFlow;
    const prefix = `Actions-${process.pid}-wire-${flavour}`;
    const A = `${prefix}-${uniqueFolder('a')}`;
    const B = `${prefix}-${uniqueFolder('b')}`;
    let ids: string[];

    before(async () => {
      const info = flavour === 'full' ? full : reduced;
      imap = await connected(info);
      await imap.mailboxCreate(A);
      await imap.mailboxCreate(B);
      ids = await fill(imap, A, 6);
    });
    after(async () => {
      await deleteFolders(imap, prefix);
      await imap.logout();
    });

    test('the server offers MOVE and UIDPLUS; capsOf can pretend them away', () => {
      assert.deepEqual(capsOf(imap), { move: true, uidplus: true });
      assert.deepEqual(capsOf(imap, ['MOVE']), { move: false, uidplus: true });
    });

    test('UID MOVE returns COPYUID; the message leaves the source', async () => {
      const next = await uidNext(imap, B);
      const r = await withMailbox(imap, A, () => uidMove(imap, [1], B, capsOf(imap)));
      assert.equal(r.source, 'expunged');
      const dest = r.copyUid?.map.get(1);
      assert.ok(dest !== undefined && dest >= next, 'COPYUID maps the moved UID');
      await withMailbox(imap, A, async () => assert.deepEqual([...(await existingUids(imap, [1, 2]))], [2]));
      await withMailbox(imap, B, async () => {
        assert.deepEqual(await uidsByMessageId(imap, ids[0] as string), [dest]);
        assert.deepEqual(await uidsByMessageId(imap, ids[0] as string, dest + 1), [], 'above the given UID: none');
      });
    });

    test('without MOVE: COPY + \\Deleted + UID EXPUNGE of just our UID; another \\Deleted message stays', async () => {
      const caps: Caps = { move: false, uidplus: true };
      await withMailbox(imap, A, () => uidStore(imap, [3], '+', ['\\Deleted']));
      const r = await withMailbox(imap, A, () => uidMove(imap, [2], B, caps));
      assert.equal(r.source, 'expunged');
      assert.ok(r.copyUid?.map.get(2));
      const left = await serverRows(imap, A);
      assert.deepEqual(
        left.map((m) => m.uid),
        [3, 4, 5, 6],
      );
      assert.match(left[0]?.flags ?? '', /\\deleted/);
    });

    test('without MOVE and UIDPLUS: no EXPUNGE while someone else has a \\Deleted message; ours waits flagged', async () => {
      const caps: Caps = { move: false, uidplus: false };
      const r = await withMailbox(imap, A, () => uidMove(imap, [4], B, caps));
      assert.equal(r.copyUid, null, 'no COPYUID without UIDPLUS');
      assert.equal(r.source, 'flagged-only');
      const rows = await serverRows(imap, A);
      assert.deepEqual(
        rows.map((m) => [m.uid, /\\deleted/.test(m.flags)]),
        [
          [3, true],
          [4, true],
          [5, false],
          [6, false],
        ],
      );
      await withMailbox(imap, B, async () => assert.equal((await uidsByMessageId(imap, ids[3] as string)).length, 1));
      // Once the other client's message is no longer \Deleted, a plain EXPUNGE can only remove ours.
      await withMailbox(imap, A, () => uidStore(imap, [3], '-', ['\\Deleted']));
      assert.equal(await withMailbox(imap, A, () => uidExpunge(imap, [4], caps)), 'expunged');
      assert.deepEqual(
        (await serverRows(imap, A)).map((m) => m.uid),
        [3, 5, 6],
      );
    });

    test('UID COPY returns COPYUID and leaves the source', async () => {
      const copy = await withMailbox(imap, A, () => uidCopy(imap, [5, 6], B, capsOf(imap)));
      assert.equal(copy?.map.size, 2);
      assert.deepEqual(
        (await serverRows(imap, A)).map((m) => m.uid),
        [3, 5, 6],
      );
    });

    test('UID STORE adds and removes keywords and flags without touching the others', async () => {
      await withMailbox(imap, A, async () => {
        await uidStore(imap, [5], '+', ['\\Answered', 'khac']);
        await uidStore(imap, [5, 6], '+', ['\\Flagged', '$DueDate-20261130']);
        await uidStore(imap, [5], '-', ['\\Flagged']);
      });
      const rows = await serverRows(imap, A);
      assert.equal(rows.find((m) => m.uid === 5)?.flags, '$DueDate-20261130 \\answered khac');
      assert.equal(rows.find((m) => m.uid === 6)?.flags, '$DueDate-20261130 \\flagged');
    });

    test('a missing destination is FOLDER_NOT_FOUND, and so is selecting a missing folder', async () => {
      await rejects(
        withMailbox(imap, A, () => uidMove(imap, [5], `${prefix}-missing`, capsOf(imap))),
        'FOLDER_NOT_FOUND',
      );
      await rejects(
        withMailbox(imap, `${prefix}-missing`, async () => undefined),
        'FOLDER_NOT_FOUND',
      );
    });

    test('folders: create, rename and delete are idempotent, with Vietnamese names', async () => {
      const name = `${prefix}-Công văn đến`;
      await createMailbox(imap, name);
      await createMailbox(imap, name);
      await renameMailbox(imap, name, `${name} 2026`);
      await renameMailbox(imap, name, `${name} 2026`);
      const list = (await imap.list()).map((f) => f.path);
      assert.ok(list.includes(`${name} 2026`) && !list.includes(name));
      await rejects(renameMailbox(imap, `${prefix}-không có`, `${prefix}-x`), 'FOLDER_NOT_FOUND');
      await createMailbox(imap, `${prefix}-đã có`);
      await rejects(renameMailbox(imap, `${name} 2026`, `${prefix}-đã có`), 'FOLDER_EXISTS');
      await deleteMailbox(imap, `${name} 2026`);
      await deleteMailbox(imap, `${name} 2026`);
      assert.ok(!(await imap.list()).some((f) => f.path === `${name} 2026`));
    });
  });
}
