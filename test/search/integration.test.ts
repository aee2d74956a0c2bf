// Search and threads against the real Dovecot: messages APPENDed to a folder of our own (other tests share the stack,
// so nothing here assumes a mailbox's content or resets it), synced by the engine, searched through the contract, and
// the same search through `tcv search --json` must give the identical object. A second folder that is never synced
// is searched on the server (IMAP SEARCH fallback).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ImapFlow } from 'imapflow';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { StackInfo } from '../../scripts/mailstack/index.ts';
import type { SearchPage } from '../../src/api/types.ts';
import { tcv } from '../support/cli.ts';
import { addAccount, stack, testEngine, user, type TestEngine } from '../support/stack.ts';
import { tinyPdf } from '../support/messages.ts';
import { imapAs } from '../support/imap.ts';

const FOLDER = `Search-${process.pid}`;
const UNSYNCED = `Search-${process.pid}-server`;
const ID = (s: string) => `<${s}.${process.pid}@cantho.gov.vn>`;

let info: StackInfo;
let t: TestEngine;
let imap: ImapFlow;
let accountId: string;

interface Fixture {
  subject: string;
  from: string;
  text: string;
  date: Date;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  attachment?: string;
  flags?: string[];
}

const fixtures: Fixture[] = [
  {
    subject: 'Thư mời họp giao ban tuần',
    from: '"Văn phòng UBND thành phố" <vanphong@cantho.gov.vn>',
    text: 'Kính mời đồng chí dự họp giao ban tại Đà Nẵng vào sáng thứ Hai.',
    date: new Date(2026, 2, 2, 8),
    messageId: ID('moi'),
    attachment: 'Giấy mời họp.pdf',
  },
  {
    subject: 'TL: Thư mời họp giao ban tuần',
    from: '"Sở Khoa học và Công nghệ" <sokhcn@cantho.gov.vn>',
    text: 'Sở xác nhận tham dự.',
    date: new Date(2026, 2, 3, 9),
    messageId: ID('tl'),
    inReplyTo: ID('moi'),
    references: [ID('moi')],
  },
  {
    subject: 'Re: TL: Thư mời họp giao ban tuần',
    from: '"Văn phòng UBND thành phố" <vanphong@cantho.gov.vn>',
    text: 'Văn phòng đã ghi nhận.',
    date: new Date(2026, 2, 3, 10),
    messageId: ID('re'),
    inReplyTo: ID('tl'),
    references: [ID('moi'), ID('tl')],
  },
  {
    subject: 'Kế hoạch hoà giải cơ sở năm 2026',
    from: '"Sở Tư pháp" <sotp@cantho.gov.vn>',
    text: 'Triển khai kế hoạch.',
    date: new Date(2026, 2, 10),
    messageId: ID('hoa'),
    flags: ['\\Seen'],
  },
  {
    subject: 'Báo cáo công tác tại Đà Nẵng',
    from: '"Nguyễn Thị Thu" <thu.nt@cantho.gov.vn>',
    text: 'Báo cáo kết quả chuyến công tác.',
    date: new Date(2026, 2, 12),
    messageId: ID('dn'),
    flags: ['\\Flagged'],
  },
];

async function raw(f: Fixture): Promise<Buffer> {
  return new MailComposer({
    from: f.from,
    to: user(info, 'unit').email,
    subject: f.subject,
    text: f.text,
    date: f.date,
    messageId: f.messageId,
    inReplyTo: f.inReplyTo,
    references: f.references,
    attachments: f.attachment
      ? [{ filename: f.attachment, content: tinyPdf(f.attachment), contentType: 'application/pdf' }]
      : [],
  })
    .compile()
    .build();
}

before(async () => {
  info = await stack('full');
  const u = user(info, 'unit');
  accountId = u.email;
  imap = await imapAs(info, 'unit');
  for (const folder of [FOLDER, UNSYNCED]) {
    await imap.mailboxCreate(folder);
    for (const f of fixtures) await imap.append(folder, await raw(f), f.flags ?? [], f.date);
  }
  t = await testEngine({ trustedCaFiles: [info.ca] });
  await addAccount(t, info, 'unit');
  const sync = await t.must('sync.run', { accountId, folder: FOLDER });
  assert.equal(sync.total, fixtures.length);
});

after(async () => {
  await t?.engine.close();
  for (const folder of [FOLDER, UNSYNCED]) await imap?.mailboxDelete(folder).catch(() => {});
  await imap?.logout();
});

interface Extra {
  folder?: string | undefined;
  source?: 'auto' | 'local' | 'server';
  offset?: number;
  limit?: number;
}
const search = (query: string, extra: Extra = {}) =>
  t.must('messages.search', { accountId, query, ...extra, folder: 'folder' in extra ? extra.folder : FOLDER });
const subjects = (p: SearchPage) => p.items.map((h) => h.subject).sort();

test('Vietnamese folding over synced headers: case, marks, tone placement and đ', async () => {
  const meetings = ['Re: TL: Thư mời họp giao ban tuần', 'TL: Thư mời họp giao ban tuần', 'Thư mời họp giao ban tuần'];
  for (const q of ['thu moi', 'THƯ MỜI', 'thư mời', 'Thu Moi Hop']) {
    const page = await search(q);
    assert.equal(page.source, 'local');
    assert.deepEqual(subjects(page), meetings, q);
  }
  assert.deepEqual(subjects(await search('hòa giải')), ['Kế hoạch hoà giải cơ sở năm 2026'], 'hòa finds hoà');
  assert.deepEqual(subjects(await search('da nang ')), ['Báo cáo công tác tại Đà Nẵng'], 'đ folds to d');
  const ranked = await search('thư mời ');
  assert.equal(ranked.items[0]?.highlights.subject.length, 2);
});

test('operators over synced headers', async () => {
  assert.equal((await search('from:vanphong ')).total, 2);
  assert.deepEqual(subjects(await search('from:"Sở Khoa học" ')), ['TL: Thư mời họp giao ban tuần']);
  assert.deepEqual(subjects(await search('has:attachment')), ['Thư mời họp giao ban tuần']);
  assert.deepEqual(subjects(await search('is:flagged')), ['Báo cáo công tác tại Đà Nẵng']);
  assert.equal((await search('is:unread')).total, 4);
  assert.deepEqual(subjects(await search('after:10/03/2026 before:11/03/2026')), ['Kế hoạch hoà giải cơ sở năm 2026']);
  assert.equal((await search(`thư mời folder:${FOLDER}`, { folder: undefined })).total, 3);
  const bad = await t.call('messages.search', { accountId, query: 'before:31/02/2026' });
  assert.equal(bad.ok, false);
  if (!bad.ok) {
    assert.equal(bad.error.code, 'QUERY_BAD_DATE');
    assert.match(bad.error.message, /ngày\/tháng\/năm/);
  }
});

test('an opened body becomes searchable, with a snippet; an expunge leaves the index', async () => {
  const before = await search('sáng thứ hai ');
  assert.equal(before.total, 0, 'the body is not fetched yet');
  const invite = (await search('"thư mời họp"')).items.find((h) => h.subject === 'Thư mời họp giao ban tuần');
  assert.ok(invite);
  await t.must('messages.get', { accountId, folder: FOLDER, uid: invite.uid });
  const body = await search('sáng thứ hai ');
  assert.equal(body.total, 1);
  const snip = body.items[0]?.highlights.snippet;
  assert.ok(snip);
  assert.deepEqual(
    snip.ranges.map(([s, e]) => snip.text.slice(s, e)),
    ['sáng', 'thứ', 'Hai'],
  );
  assert.equal((await search('da nang ')).total, 2, 'the body mentions Đà Nẵng too');
  assert.deepEqual(
    (await search('giay moi hop pdf')).items[0]?.highlights.attachments.map((a) => a.filename),
    ['Giấy mời họp.pdf'],
  );

  const plan = (await search('hoà giải')).items[0];
  assert.ok(plan);
  const lock = await imap.getMailboxLock(FOLDER);
  try {
    await imap.messageDelete(String(plan.uid), { uid: true });
  } finally {
    lock.release();
  }
  await t.must('sync.run', { accountId, folder: FOLDER });
  assert.equal((await search('hoà giải')).total, 0, 'expunged on the server, gone from the index');
});

test('threads from Message-ID, In-Reply-To and References, across the synced folder', async () => {
  const reply = (await search('subject:"re tl"')).items[0];
  assert.ok(reply?.threadId, 'search results carry threadId');
  const thread = await t.must('threads.get', { accountId, folder: FOLDER, uid: reply.uid });
  assert.equal(thread.subject, 'Thư mời họp giao ban tuần');
  assert.deepEqual(
    thread.messages.map((m) => m.subject),
    ['Thư mời họp giao ban tuần', 'TL: Thư mời họp giao ban tuần', 'Re: TL: Thư mời họp giao ban tuần'],
  );
  const list = await t.must('messages.list', { accountId, folder: FOLDER });
  const inThread = list.items.filter((m) => m.threadId === thread.threadId);
  assert.equal(inThread.length, 3, 'messages.list carries the same threadId');
  const byId = await t.must('threads.get', { accountId, threadId: thread.threadId });
  assert.deepEqual(byId, thread);
});

test('a folder never synced is searched on the server (IMAP SEARCH)', async () => {
  const page = await search('Thư mời', { folder: UNSYNCED });
  assert.equal(page.source, 'server');
  assert.deepEqual(subjects(page), [
    'Re: TL: Thư mời họp giao ban tuần',
    'TL: Thư mời họp giao ban tuần',
    'Thư mời họp giao ban tuần',
  ]);
  assert.deepEqual(
    page.items.map((h) => h.uid),
    [...page.items.map((h) => h.uid)].sort((a, b) => b - a),
    'newest (highest UID) first',
  );
  assert.deepEqual(subjects(await search('is:flagged', { folder: UNSYNCED })), ['Báo cáo công tác tại Đà Nẵng']);
  assert.deepEqual(subjects(await search('from:sotp has:attachment', { folder: UNSYNCED })), []);
  assert.deepEqual(subjects(await search('has:attachment', { folder: UNSYNCED })), ['Thư mời họp giao ban tuần']);
  assert.deepEqual(subjects(await search('after:10/03/2026 before:11/03/2026', { folder: UNSYNCED })), [
    'Kế hoạch hoà giải cơ sở năm 2026',
  ]);
  const paged = await search('thư mời', { folder: UNSYNCED, limit: 2, offset: 2 });
  assert.equal(paged.total, 3);
  assert.equal(paged.items.length, 1);
  const forced = await search('Thư mời', { folder: FOLDER, source: 'server' });
  assert.equal(forced.source, 'server');
  assert.equal(forced.total, 3);
});

const run = (args: string[]) => tcv(['--profile', t.profileDir, ...args]);

test('tcv search --json prints exactly what the API returns', async () => {
  for (const query of ['thư mời', 'da nang', 'from:vanphong is:unread']) {
    const api = await t.must('messages.search', { accountId, query, folder: FOLDER, limit: 10 });
    const cli = await run(['search', query, '--account', accountId, '--folder', FOLDER, '--limit', '10', '--json']);
    assert.equal(cli.code, 0, cli.stderr);
    assert.deepEqual(JSON.parse(cli.stdout), api, query);
  }
  const human = await run(['search', 'thư', 'mời', '--account', accountId, '--folder', FOLDER]);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /Thư mời họp giao ban tuần/);
  assert.match(human.stdout, /\(3\/3 thư\)/);
  const bad = await run(['search', 'after:2026-03-01', '--json']);
  assert.equal(bad.code, 1);
  assert.equal(JSON.parse(bad.stdout).error.code, 'QUERY_BAD_DATE');
  assert.match(bad.stderr, /QUERY_BAD_DATE/);
  const thread = await run(['thread', String((await search('subject:"re tl"')).items[0]?.uid), '--folder', FOLDER]);
  assert.equal(thread.code, 0, thread.stderr);
  assert.match(thread.stdout, /Thư mời họp giao ban tuần \(3 thư/);
});
