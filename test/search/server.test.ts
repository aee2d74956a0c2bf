// The IMAP SEARCH fallback (src/search/server.ts) on both Dovecot flavours — full (CONDSTORE, QRESYNC, WITHIN…) and
// reduced (RFC 3501 only, Zimbra-like): a folder never synced is searched on the server, with OR and negation mapped
// to OR / NOT search keys; the same queries over the same messages once synced give the same messages locally.
// Folders of their own (`Search-<pid>-srv-…`), deleted afterwards; nothing assumes any other mailbox's content.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Flavour } from '../../scripts/mailstack/index.ts';
import type { SearchPage } from '../../src/api/types.ts';
import { addAccount, stack, testEngine, user } from '../support/stack.ts';
import { tinyPdf } from '../support/messages.ts';
import { imapAs } from '../support/imap.ts';

const letters = [
  { subject: 'Thư mời họp giao ban tuần', from: 'vanphong@cantho.gov.vn', file: 'Giấy mời.pdf' },
  { subject: 'Công văn số 45/UBND-VP về việc triển khai', from: 'vanphong@cantho.gov.vn' },
  { subject: 'Tờ trình phê duyệt kế hoạch', from: 'sotp@cantho.gov.vn', file: 'Tờ trình.pdf' },
  { subject: 'Báo cáo công tác tháng 3', from: 'sokhcn@cantho.gov.vn' },
  { subject: 'Dự thảo báo cáo (nháp)', from: 'sokhcn@cantho.gov.vn' },
];

// Words written as in the letters: Dovecot without an FTS plugin ignores case but not marks (docs/search.md).
const QUERIES: [string, string[]][] = [
  ['"báo cáo" -nháp', ['Báo cáo công tác tháng 3']],
  ['"tờ trình" OR "công văn"', ['Công văn số 45/UBND-VP về việc triển khai', 'Tờ trình phê duyệt kế hoạch']],
  ['from:vanphong OR from:sotp -has:attachment', ['Công văn số 45/UBND-VP về việc triển khai']],
  ['NOT from:sokhcn has:attachment', ['Thư mời họp giao ban tuần', 'Tờ trình phê duyệt kế hoạch']],
  ['-"báo cáo" -from:vanphong', ['Tờ trình phê duyệt kế hoạch']],
  [
    'subject:"báo cáo" OR subject:mời is:unread',
    ['Báo cáo công tác tháng 3', 'Dự thảo báo cáo (nháp)', 'Thư mời họp giao ban tuần'],
  ],
];

const subjects = (p: SearchPage) => p.items.map((h) => h.subject).sort();
const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of cleanups) await c();
});

for (const flavour of ['full', 'reduced'] as Flavour[]) {
  test(`${flavour} flavour: OR and NOT on the server for a folder not cached, and the same messages locally`, async () => {
    const info = await stack(flavour);
    const u = user(info, 'unit');
    const folder = `Search-${process.pid}-srv-${flavour}`;
    const imap = await imapAs(info, 'unit');
    await imap.mailboxCreate(folder);
    const t = await testEngine({ trustedCaFiles: [info.ca] });
    cleanups.push(async () => {
      await t.engine.close();
      await imap.mailboxDelete(folder).catch(() => {});
      await imap.logout();
    });
    for (const [i, l] of letters.entries()) {
      const raw = await new MailComposer({
        from: l.from,
        to: u.email,
        subject: l.subject,
        text: 'Kính gửi các đơn vị.',
        date: new Date(2026, 2, 1 + i),
        attachments: l.file ? [{ filename: l.file, content: tinyPdf(l.file), contentType: 'application/pdf' }] : [],
      })
        .compile()
        .build();
      await imap.append(folder, raw, [], new Date(2026, 2, 1 + i));
    }
    const account = await addAccount(t, info, 'unit');
    const search = (query: string, source: 'auto' | 'local') =>
      t.must('messages.search', { accountId: account.id, folder, query, source });

    for (const [query, expected] of QUERIES) {
      const page = await search(query, 'auto');
      assert.equal(page.source, 'server', `${query}: a folder never synced is searched on the server`);
      assert.deepEqual(subjects(page), expected.sort(), `server: ${query}`);
    }
    await t.must('sync.run', { accountId: account.id, folder });
    for (const [query, expected] of QUERIES) {
      const page = await search(query, 'auto');
      assert.equal(page.source, 'local');
      assert.deepEqual(subjects(page), expected.sort(), `local: ${query}`);
    }
  });
}
