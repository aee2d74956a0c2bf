// The list row's importance and preview line (docs/sync.md "Importance and snippet"), on both stack flavours:
// importance comes with the header batch (no body fetched), the preview line only once a body is cached — by the
// prefetch window or by opening the message — and the list query itself never fetches anything.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ImapFlow } from 'imapflow';
import type { StackInfo } from '../../scripts/mailstack/index.ts';
import type { MessageSummary } from '../../src/api/types.ts';
import { stack, user } from '../support/stack.ts';
import { addUser, syncEngine, type SyncTestEngine } from './support/engine.ts';
import { deleteFolder, imapClient, uniqueFolder } from './support/fixtures.ts';

let full: StackInfo;
let reduced: StackInfo;
let other: ImapFlow;
const engines: SyncTestEngine[] = [];
const folders: string[] = [];
const HEAD = () => user(full, 'head');
const DAY = 86_400_000;

before(async () => {
  full = await stack('full');
  reduced = await stack('reduced');
  other = imapClient(full, HEAD().email, HEAD().password);
  await other.connect();
});
after(async () => {
  for (const t of engines) await t.close();
  for (const f of folders) await deleteFolder(full, HEAD().email, f);
  await other?.logout().catch(() => {});
});

function mail(subject: string, headers: string[], body: string, type = 'text/plain'): string {
  return [
    'From: "Văn phòng UBND" <vanphong@cantho.gov.vn>',
    'To: lanhdao@cantho.gov.vn',
    `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
    `Message-ID: <${subject.replace(/\W+/g, '-')}-${process.pid}@test>`,
    'Date: Fri, 27 Nov 2026 08:00:00 +0700',
    'MIME-Version: 1.0',
    `Content-Type: ${type}; charset=utf-8`,
    'Content-Transfer-Encoding: 8bit',
    ...headers,
    '',
    body,
  ].join('\r\n');
}

// What Outlook writes for "Mức độ quan trọng: Cao", a reply with the quote and a signature below the new text.
const OUTLOOK_HIGH = mail(
  'Họp khẩn',
  ['X-Priority: 1 (Highest)', 'X-MSMail-Priority: High', 'Importance: High'],
  [
    'Kính gửi anh Nam,',
    '',
    'Đề nghị anh   dự họp lúc 14h tại phòng 3.',
    '',
    'Vào Thứ Năm, chị Lan đã viết:',
    '> Lịch họp tuần sau thế nào?',
    '-- ',
    'Trần Văn B',
    'Văn phòng UBND',
  ].join('\r\n'),
);
const LOWEST = mail('Bản tin nội bộ', ['X-Priority: 5 (Lowest)'], 'Bản tin tháng 11.');
const URGENT = mail('Cổng X.400', ['Priority: urgent'], 'Qua cổng X.400.');
const PLAIN = mail('Thư thường', [], 'Không có gì khẩn.');
const HTML_ONLY = mail(
  'Thư HTML',
  [],
  '<html><head><style>p{color:red}</style><script>alert(1)</script></head><body><p>Thông&nbsp;báo <b>lịch trực</b> Tết</p><p><a href="https://example.invalid/x">xem</a></p></body></html>',
  'text/html',
);

async function fill(folder: string): Promise<void> {
  await other.mailboxCreate(folder);
  const recent = new Date(Date.now() - 3_600_000);
  for (const raw of [OUTLOOK_HIGH, LOWEST, URGENT, PLAIN, HTML_ONLY])
    await other.append(folder, raw, ['\\Seen'], recent);
  // Outside the 30-day prefetch window: its body comes only when opened.
  await other.append(
    folder,
    mail('Thư cũ', ['Importance: low'], 'Nội dung thư cũ.'),
    ['\\Seen'],
    new Date(Date.now() - 90 * DAY),
  );
}

const bySubject = (items: MessageSummary[]) => new Map(items.map((m) => [m.subject, m]));

for (const flavour of ['full', 'reduced'] as const) {
  test(`${flavour}: importance with the headers, preview lines once bodies are cached`, async () => {
    const info = flavour === 'full' ? full : reduced;
    const email = HEAD().email;
    const folder = uniqueFolder(`pv-${flavour}`);
    folders.push(folder);
    await fill(folder);

    const t = await syncEngine(info, {
      sync: { prefetchDays: 30 },
      keychainService: `tcv-test-preview-${process.pid}`,
    });
    engines.push(t);
    await addUser(t, info, 'head');
    await t.must('sync.run', { accountId: email, folder });

    // Importance is there as soon as the headers are; every row says which.
    const first = bySubject((await t.must('messages.list', { accountId: email, folder, offset: 0, limit: 50 })).items);
    assert.equal(first.size, 6);
    assert.equal(first.get('Họp khẩn')?.importance, 'high');
    assert.equal(first.get('Bản tin nội bộ')?.importance, 'low');
    assert.equal(first.get('Cổng X.400')?.importance, 'high');
    assert.equal(first.get('Thư thường')?.importance, 'normal');
    assert.equal(first.get('Thư cũ')?.importance, 'low');

    // The prefetch fills the five recent ones and tells the UI (folder.changed with previews).
    const told = await t.waitFor('folder.changed', (e) => e.folder === folder && (e.previews ?? 0) > 0, 30_000);
    assert.equal(told.total, 6);
    await t.waitFor('sync.progress', (p) => p.phase === 'bodies' && p.done === p.total && p.total >= 5, 30_000);
    const previewed = t.events
      .filter((e) => e.event === 'folder.changed')
      .map((e) => e.payload as { folder: string; previews?: number })
      .filter((e) => e.folder === folder)
      .reduce((n, e) => n + (e.previews ?? 0), 0);
    assert.equal(previewed, 5, 'five bodies prefetched, five previews announced');

    const after = bySubject((await t.must('messages.list', { accountId: email, folder, offset: 0, limit: 50 })).items);
    // The new text only: no quoted line, no attribution, no signature; white space collapsed.
    assert.equal(after.get('Họp khẩn')?.snippet, 'Kính gửi anh Nam, Đề nghị anh dự họp lúc 14h tại phòng 3.');
    assert.equal(after.get('Bản tin nội bộ')?.snippet, 'Bản tin tháng 11.');
    // HTML-only: the text of the HTML, never its style sheet, script or link targets.
    assert.equal(after.get('Thư HTML')?.snippet, 'Thông báo lịch trực Tết xem');
    // Outside the window: no body, so no preview — the list did not fetch one.
    assert.equal(after.get('Thư cũ')?.snippet, null);

    // Opening it caches the body; its row gets the preview at once, and the UI is told.
    const old = after.get('Thư cũ');
    assert.ok(old);
    const mark = t.events.length;
    await t.must('messages.get', { accountId: email, folder, uid: old.uid });
    await t.waitFor('folder.changed', (e) => e.folder === folder && e.previews === 1 && t.events.length > mark, 10_000);
    const opened = (await t.must('messages.list', { accountId: email, folder, offset: 0, limit: 50 })).items.find(
      (m) => m.uid === old.uid,
    );
    assert.equal(opened?.snippet, 'Nội dung thư cũ.');
    assert.equal(opened?.importance, 'low');
  });
}
