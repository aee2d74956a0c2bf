// The conversation view's rows against the real Dovecot, both flavours (src/mail/threadList.ts, docs/search.md
// "Conversation view"): a thread of three (a letter, a reply with In-Reply-To/References, a forward "TL:" with no
// references) and one unrelated letter; a reply of ours in another folder counts as `elsewhere`. The rows and the
// folder counts stay in step through changes seen by IDLE (another client reads a message, expunges one), and through
// actions on whole threads taken offline (threads.uids → one messages.setFlags, one messages.move) and replayed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ImapFlow } from 'imapflow';
import type { FolderChangedEvent, ThreadPage } from '../../src/api/types.ts';
import { accountParams, type TestEngine } from '../support/stack.ts';
import { ROLE, Relay, actionsSuite, messageId } from './support.ts';

function raw(o: { id: string; subject: string; date: string; inReplyTo?: string; refs?: string }): string {
  return [
    'From: "Phòng Tổ chức" <tochuc@cantho.gov.vn>',
    'To: vanthu@cantho.gov.vn',
    `Subject: =?UTF-8?B?${Buffer.from(o.subject).toString('base64')}?=`,
    `Message-ID: ${o.id}`,
    ...(o.inReplyTo ? [`In-Reply-To: ${o.inReplyTo}`] : []),
    ...(o.refs ? [`References: ${o.refs}`] : []),
    `Date: ${o.date}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    'Kính gửi các phòng ban.',
  ].join('\r\n');
}

function folderChanged(t: TestEngine, pred: (p: FolderChangedEvent) => boolean, ms = 15_000) {
  return new Promise<FolderChangedEvent>((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no folder.changed within ${ms} ms`));
    }, ms);
    const off = t.engine.onEvent((e, p) => {
      if (e !== 'folder.changed' || !pred(p as FolderChangedEvent)) return;
      clearTimeout(timer);
      off();
      resolve(p as FolderChangedEvent);
    });
  });
}

for (const flavour of ['full', 'reduced'] as const) {
  describe(`conversation view, ${flavour} flavour`, () => {
    let relay: Relay;
    let imap: ImapFlow;
    let accountId: string;
    const s = actionsSuite(flavour, 'threads', async () => {
      ({ imap, accountId } = s);
      relay = s.keep(new Relay(s.info.imap.port), (r) => r.close());
      await relay.start();
    });

    test('thread rows and folder counts stay in step through IDLE changes and offline thread actions', async () => {
      const S = s.folder('hoi-thoai');
      const D = s.folder('luu');
      await imap.mailboxCreate(S);
      await imap.mailboxCreate(D);
      const [a, b, c, u, r] = ['goc', 'tl1', 'tl2', 'khac', 'gui'].map(messageId);
      s.ids.push(a!, b!, c!, u!, r!);
      const subject = `Kế hoạch chuyển đổi số ${flavour} ${Date.now()}`;
      await imap.append(S, raw({ id: u!, subject: 'Thông báo nghỉ lễ', date: 'Mon, 23 Nov 2026 08:00:00 +0700' }));
      await imap.append(S, raw({ id: a!, subject, date: 'Tue, 24 Nov 2026 08:00:00 +0700' }));
      await imap.append(
        S,
        raw({ id: b!, subject: `Re: ${subject}`, date: 'Wed, 25 Nov 2026 08:00:00 +0700', inReplyTo: a, refs: a }),
      );
      await imap.append(S, raw({ id: c!, subject: `TL: ${subject}`, date: 'Thu, 26 Nov 2026 08:00:00 +0700' }));
      await imap.append(
        D,
        raw({
          id: r!,
          subject: `Re: ${subject}`,
          date: 'Wed, 25 Nov 2026 09:00:00 +0700',
          inReplyTo: b,
          refs: `${a} ${b}`,
        }),
        ['\\Seen'],
      );

      const t = await s.engine();
      await t.must(
        'accounts.add',
        accountParams(s.info, ROLE, { imap: { host: '127.0.0.1', port: relay.port, security: 'starttls' } }),
      );
      await t.must('sync.run', { accountId, folder: S });
      await t.must('sync.run', { accountId, folder: D });
      const list = (folder: string) => t.must('threads.list', { accountId, folder, offset: 0, limit: 50 });
      const unreadOf = async (folder: string) =>
        (await t.must('folders.list', { accountId })).find((f) => f.path === folder)?.unread;
      const consistent = async (folder: string, page: ThreadPage, label: string) => {
        const messages = await t.must('messages.list', { accountId, folder, offset: 0, limit: 50 });
        assert.equal(
          page.items.reduce((n, x) => n + x.count, 0),
          messages.total,
          `${label}: thread counts add up to the folder's messages`,
        );
        assert.equal(
          page.items.reduce((n, x) => n + x.unread, 0),
          await unreadOf(folder),
          `${label}: thread unread add up to the folder's unread`,
        );
      };

      let page = await list(S);
      assert.equal(page.total, 2);
      const [thread, other] = page.items;
      assert.equal(thread?.latest.messageId, c, 'the row shows the newest message, the forward');
      assert.equal(thread?.count, 3);
      assert.equal(thread?.unread, 3);
      assert.equal(thread?.elsewhere, 1, 'our reply in the other folder');
      assert.equal(other?.latest.messageId, u);
      assert.equal(other?.count, 1);
      await consistent(S, page, 'after sync');

      // Another client reads the reply and expunges the unrelated letter; IDLE brings both.
      await t.must('sync.watch', { accountId, folders: [S] });
      const uidOnServer = async (id: string) => {
        const lock = await imap.getMailboxLock(S);
        try {
          const found = await imap.search({ header: { 'message-id': id } }, { uid: true });
          return (found || [])[0] as number;
        } finally {
          lock.release();
        }
      };
      const bUid = await uidOnServer(b!);
      const uUid = await uidOnServer(u!);
      const read = folderChanged(t, (e) => e.folder === S && e.unread === 3);
      {
        const lock = await imap.getMailboxLock(S);
        try {
          await imap.messageFlagsAdd(String(bUid), ['\\Seen'], { uid: true });
        } finally {
          lock.release();
        }
      }
      await read;
      page = await list(S);
      assert.equal(page.items[0]?.unread, 2, 'IDLE: one of the thread read elsewhere');
      await consistent(S, page, 'after IDLE flag change');
      const gone = folderChanged(t, (e) => e.folder === S && e.total === 3);
      {
        const lock = await imap.getMailboxLock(S);
        try {
          await imap.messageDelete(String(uUid), { uid: true });
        } finally {
          lock.release();
        }
      }
      await gone;
      page = await list(S);
      assert.equal(page.total, 1, 'IDLE: the expunged letter is no longer a row');
      await consistent(S, page, 'after expunge');
      await t.must('sync.unwatch', { accountId });

      // Offline: the whole thread read, then moved, each in one action call on the thread's UIDs.
      await relay.cut('refuse');
      const uids = await t.must('threads.uids', { accountId, folder: S, uids: [page.items[0]!.latest.uid] });
      assert.equal(uids.length, 3);
      const seen = await t.must('messages.setFlags', { accountId, folder: S, uids, add: ['\\Seen'] });
      assert.equal(seen.state, 'queued');
      page = await list(S);
      assert.equal(page.items[0]?.unread, 0, 'read at once, offline');
      await consistent(S, page, 'offline read');
      const moved = await t.must('messages.move', { accountId, folder: S, uids, to: D });
      assert.equal(moved.state, 'queued');
      assert.equal((await list(S)).total, 0);
      page = await list(D);
      assert.equal(page.total, 1, 'the moved messages (placeholders) join the reply already there');
      assert.equal(page.items[0]?.count, 4);
      assert.equal(page.items[0]?.elsewhere, 0);
      assert.ok(page.items[0]!.latest.uid < 0, 'a placeholder until the server says its UID');
      await consistent(D, page, 'offline move');

      await relay.restore();
      await t.must('sync.run', { accountId, folder: S });
      await t.must('sync.run', { accountId, folder: D });
      assert.deepEqual(await t.must('ops.pending', { accountId }), []);
      page = await list(D);
      assert.equal(page.total, 1);
      assert.equal(page.items[0]?.count, 4);
      assert.ok(page.items[0]!.latest.uid > 0);
      await consistent(D, page, 'after replay');
      // On the server: all four in D, all read.
      const lock = await imap.getMailboxLock(D);
      try {
        const flags: string[][] = [];
        for await (const m of imap.fetch('1:*', { flags: true, envelope: true })) flags.push([...(m.flags ?? [])]);
        assert.equal(flags.length, 4);
        assert.ok(
          flags.every((f) => f.includes('\\Seen')),
          JSON.stringify(flags),
        );
      } finally {
        lock.release();
      }
    });
  });
}
