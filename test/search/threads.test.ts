// Threads from Message-ID / In-Reply-To / References, in any arrival order, with the Vietnamese-aware subject fallback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../src/cache/db.ts';
import {
  SUBJECT_WINDOW_MS,
  baseSubject,
  getThread,
  parseMessageIds,
  referencesFromHeaders,
  threadIdOf,
} from '../../src/mail/threads.ts';
import { listMessages } from '../../src/mail/queries.ts';
import { ACCOUNT, insert, tempCache } from './support.ts';

test('reply and forward prefixes are stripped in any case, with or without marks, repeated', () => {
  const cases: [string, string][] = [
    ['Re: Thư mời họp', 'Thư mời họp'],
    ['RE: re: Thư mời họp', 'Thư mời họp'],
    ['TL: Thư mời họp', 'Thư mời họp'],
    ['Trả lời: Thư mời họp', 'Thư mời họp'],
    ['TRẢ LỜI: Thư mời họp', 'Thư mời họp'],
    ['tra loi: Thư mời họp', 'Thư mời họp'],
    ['Fwd: Thư mời họp', 'Thư mời họp'],
    ['FW: Thư mời họp', 'Thư mời họp'],
    ['Chuyển tiếp: Thư mời họp', 'Thư mời họp'],
    ['CHUYEN TIEP: Thư mời họp', 'Thư mời họp'],
    ['Fw: TL: Re: Trả lời: Chuyển tiếp: Thư mời họp', 'Thư mời họp'],
    ['Re[2]: Thư mời họp', 'Thư mời họp'],
    ['Re (3): Thư mời họp', 'Thư mời họp'],
    ['Trả lời： Thư mời họp', 'Thư mời họp'],
    // Decomposed input (UniKey "tổ hợp") comes back NFC, as everything the engine shows (Article 7).
    ['Trả lời: Thư mời họp'.normalize('NFD'), 'Thư mời họp'.normalize('NFC')],
  ];
  for (const [subject, base] of cases) {
    const b = baseSubject(subject);
    assert.equal(b.base, base, subject);
    assert.equal(b.key, 'thu moi hop', subject);
    assert.equal(b.prefixed, true, subject);
  }
  const plain = baseSubject('Thư mời họp');
  assert.deepEqual(plain, { base: 'Thư mời họp', key: 'thu moi hop', prefixed: false });
  // Words that merely start like a prefix are not prefixes.
  assert.equal(baseSubject('Report: quý I').prefixed, false);
  assert.equal(baseSubject('Trả lời phỏng vấn báo chí').prefixed, false);
  assert.equal(baseSubject('Fwd:').base, '');
});

test('message-ids are read from header values, folded lines included', () => {
  assert.deepEqual(parseMessageIds('<a@x> (comment) <b@y>  <a@x>'), ['<a@x>', '<b@y>']);
  assert.deepEqual(parseMessageIds(null), []);
  assert.equal(
    referencesFromHeaders(
      Buffer.from('References: <root@cantho.gov.vn>\r\n <mid@cantho.gov.vn>\r\n\t<last@x>\r\n\r\n'),
    ),
    '<root@cantho.gov.vn> <mid@cantho.gov.vn> <last@x>',
  );
  assert.equal(referencesFromHeaders(Buffer.from('\r\n')), null);
  assert.equal(referencesFromHeaders(undefined), null);
  const long = Array.from({ length: 100 }, (_, i) => `<m${i}@x>`).join(' ');
  const kept = referencesFromHeaders(`References: ${long}\r\n`)?.split(' ') ?? [];
  assert.equal(kept.length, 30);
  assert.equal(kept[0], '<m0@x>', 'the root is kept');
  assert.equal(kept.at(-1), '<m99@x>', 'the parent is kept');
});

const thread = (db: Db, folder: string, uid: number) => threadIdOf(db, ACCOUNT, folder, uid);
const day = (d: number) => new Date(2026, 2, d);

test('replies that arrive before their parent (sync is newest first) end up in one thread', () => {
  const db = tempCache([{ path: 'INBOX' }, { path: 'Sent' }]);
  // Newest first, as sync inserts them: the second reply, then the first, then the letter they answer.
  insert(db, 'INBOX', [
    {
      uid: 3,
      subject: 'TL: Re: Thư mời họp',
      messageId: '<c@x>',
      inReplyTo: '<b@x>',
      references: '<a@x> <b@x>',
      date: day(3),
    },
  ]);
  insert(db, 'Sent', [{ uid: 1, subject: 'Re: Thư mời họp', messageId: '<b@x>', inReplyTo: '<a@x>', date: day(2) }]);
  insert(db, 'INBOX', [{ uid: 1, subject: 'Thư mời họp', messageId: '<a@x>', date: day(1) }]);
  insert(db, 'INBOX', [{ uid: 2, subject: 'Thư mời họp', messageId: '<other@x>', date: day(1) }]);
  const t = thread(db, 'INBOX', 1);
  assert.ok(t !== null);
  assert.equal(thread(db, 'Sent', 1), t, 'across folders');
  assert.equal(thread(db, 'INBOX', 3), t);
  assert.notEqual(thread(db, 'INBOX', 2), t, 'another letter with the same subject and no reply is its own thread');

  const detail = getThread(db, ACCOUNT, t);
  assert.equal(detail.subject, 'Thư mời họp');
  assert.deepEqual(
    detail.messages.map((m) => [m.folder, m.uid]),
    [
      ['INBOX', 1],
      ['Sent', 1],
      ['INBOX', 3],
    ],
  );
  assert.equal(detail.unread, 3);
  const listed = listMessages(db, ACCOUNT, 'INBOX', 0, 10).items;
  assert.equal(listed.find((m) => m.uid === 3)?.threadId, t, 'messages.list carries threadId');
});

test('a message that connects two threads merges them', () => {
  const db = tempCache([{ path: 'INBOX' }]);
  insert(db, 'INBOX', [{ uid: 1, subject: 'Báo cáo quý I', messageId: '<root@x>', date: day(1) }]);
  insert(db, 'INBOX', [
    { uid: 3, subject: 'Về báo cáo', messageId: '<c@x>', inReplyTo: '<b@x>', references: '<b@x>', date: day(3) },
  ]);
  assert.notEqual(thread(db, 'INBOX', 1), thread(db, 'INBOX', 3));
  insert(db, 'INBOX', [
    { uid: 2, subject: 'Re: Báo cáo quý I', messageId: '<b@x>', inReplyTo: '<root@x>', date: day(2) },
  ]);
  const t = thread(db, 'INBOX', 1);
  assert.equal(thread(db, 'INBOX', 2), t);
  assert.equal(thread(db, 'INBOX', 3), t);
  assert.equal(getThread(db, ACCOUNT, t as number).messages.length, 3);
});

test('without references a reply joins by subject, within a window, and never two plain letters', () => {
  const db = tempCache([{ path: 'INBOX' }]);
  insert(db, 'INBOX', [{ uid: 1, subject: 'Giấy mời tập huấn', date: day(1) }]);
  insert(db, 'INBOX', [{ uid: 2, subject: 'TRẢ LỜI: Giấy mời tập huấn', date: day(4) }]);
  insert(db, 'INBOX', [{ uid: 3, subject: 'Chuyen tiep: giay moi tap huan', date: day(5) }]);
  insert(db, 'INBOX', [{ uid: 4, subject: 'Giấy mời họp', date: day(1) }]);
  insert(db, 'INBOX', [{ uid: 5, subject: 'Giấy mời họp', date: day(2) }]);
  assert.equal(thread(db, 'INBOX', 2), thread(db, 'INBOX', 1));
  assert.equal(thread(db, 'INBOX', 3), thread(db, 'INBOX', 1));
  assert.notEqual(thread(db, 'INBOX', 4), thread(db, 'INBOX', 5));
  const late = new Date(day(5).getTime() + SUBJECT_WINDOW_MS + 86_400_000);
  insert(db, 'INBOX', [{ uid: 6, subject: 'Re: Giấy mời tập huấn', date: late }]);
  assert.notEqual(thread(db, 'INBOX', 6), thread(db, 'INBOX', 1), 'months later it is a new conversation');
});

test('a reply that arrives first (no references) takes in its original when that arrives', () => {
  const db = tempCache([{ path: 'INBOX' }]);
  insert(db, 'INBOX', [{ uid: 2, subject: 'TL: Kế hoạch kiểm tra', date: day(2) }]);
  insert(db, 'INBOX', [{ uid: 1, subject: 'Kế hoạch kiểm tra', date: day(1) }]);
  assert.equal(thread(db, 'INBOX', 1), thread(db, 'INBOX', 2));
});
