// An in-memory stand-in for the engine, implementing the same contract (Handlers), for renderer tests that need
// shapes the real stack cannot produce quickly: a 100,000-message folder for the list's performance budget
// (design.md "Performance targets": first rows ≤ 300 ms, < 200 DOM rows while scrolling). Mail flows are tested
// against the real engine and servers (mail.e2e.ts); this is only for the UI's own behaviour.
import { methodNames, type Handlers } from '../../src/api/contract.ts';
import { TcvError } from '../../src/api/errors.ts';
import type { AccountSummary, FolderSummary, MessageDetail, MessageSummary } from '../../src/api/types.ts';
import type { Engine, EngineEventListener } from '../../src/engine/types.ts';

const senders = [
  { name: 'Văn phòng UBND thành phố', address: 'vanphong@cantho.gov.vn' },
  { name: 'Sở Nội vụ', address: 'snv@cantho.gov.vn' },
  { name: 'Nguyễn Thị Hồng Nhung', address: 'nhung.nth@cantho.gov.vn' },
  { name: 'Trần Quốc Bảo', address: 'bao.tq@cantho.gov.vn' },
  { name: 'Sở Thông tin và Truyền thông', address: 'stttt@cantho.gov.vn' },
];
const topics = [
  'Công văn số {n}/UBND-VP về việc triển khai chuyển đổi số năm 2025',
  'Báo cáo tình hình thực hiện nhiệm vụ tháng {m}',
  'Giấy mời họp giao ban định kỳ',
  'V/v góp ý dự thảo Quyết định ban hành Quy chế quản lý thư điện tử',
  'Thông báo lịch trực cơ quan dịp nghỉ lễ',
];

export interface FakeEngineOptions {
  /** Messages in the INBOX of the one account. */
  inboxSize: number;
  /** Artificial latency of messages.list, in ms (0: answer at once). */
  listDelayMs?: number;
}

export function fakeMessage(i: number, total: number): MessageSummary {
  const sender = senders[i % senders.length] ?? senders[0]!;
  const topic = (topics[i % topics.length] ?? '')
    .replace('{n}', String(total - i))
    .replace('{m}', String((i % 12) + 1));
  // Newest first, one message every ten minutes going back.
  const date = new Date(Date.UTC(2025, 5, 30, 9, 0) - i * 600_000);
  return {
    uid: total - i,
    folder: 'INBOX',
    messageId: `<fake-${i}@cantho.gov.vn>`,
    subject: `${topic} (#${i + 1})`,
    from: sender,
    to: [{ name: 'Chuyên viên', address: 'chuyenvien@cantho.gov.vn' }],
    date: date.toISOString(),
    size: 4000 + (i % 50) * 100,
    seen: i % 3 !== 0,
    flagged: i % 17 === 0,
    answered: false,
    hasAttachments: i % 4 === 0,
  };
}

export function createFakeEngine(
  opts: FakeEngineOptions,
): Engine & { listCalls: Array<{ offset: number; limit: number }> } {
  const account: AccountSummary = {
    id: 'chuyenvien@cantho.gov.vn',
    email: 'chuyenvien@cantho.gov.vn',
    displayName: 'Chuyên viên',
    kind: 'personal',
    imap: { host: '127.0.0.1', port: 10993, security: 'tls' },
    smtp: { host: '127.0.0.1', port: 10587, security: 'starttls' },
    username: 'chuyenvien@cantho.gov.vn',
    caFile: null,
  };
  const total = opts.inboxSize;
  const folders: FolderSummary[] = [
    {
      path: 'INBOX',
      name: 'INBOX',
      delimiter: '/',
      specialUse: 'inbox',
      subscribed: true,
      total,
      unread: Math.ceil(total / 3),
    },
    { path: 'Drafts', name: 'Drafts', delimiter: '/', specialUse: 'drafts', subscribed: true, total: 0, unread: 0 },
    { path: 'Sent', name: 'Sent', delimiter: '/', specialUse: 'sent', subscribed: true, total: 0, unread: 0 },
    { path: 'Trash', name: 'Trash', delimiter: '/', specialUse: 'trash', subscribed: true, total: 0, unread: 0 },
    { path: 'Junk', name: 'Junk', delimiter: '/', specialUse: 'junk', subscribed: true, total: 0, unread: 0 },
    { path: 'Archive', name: 'Archive', delimiter: '/', specialUse: 'archive', subscribed: true, total: 0, unread: 0 },
  ];
  const listeners = new Set<EngineEventListener>();
  const listCalls: Array<{ offset: number; limit: number }> = [];
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const need = (id: string) => {
    if (id !== account.id) throw new TcvError('ACCOUNT_NOT_FOUND', id);
  };

  // Only what the list screens call; every other contract method answers UNKNOWN_METHOD, so new engine methods need
  // no change here.
  const implemented: Partial<Handlers> = {
    'app.info': async () => ({ name: 'Thư Công Vụ', version: 'fake', engine: 'fake-engine', profileDir: '(memory)' }),
    'accounts.list': async () => [account],
    'accounts.add': async () => {
      throw new TcvError('ACCOUNT_EXISTS', 'fake engine has one account');
    },
    'accounts.remove': async () => ({ removed: false }),
    'accounts.diagnose': async ({ accountId }) => ({ accountId, ok: true, steps: [] }),
    'folders.list': async ({ accountId }) => {
      need(accountId);
      return folders;
    },
    'sync.run': async ({ accountId, folder }) => {
      need(accountId);
      return {
        folders: folders.length,
        folder: folder ?? 'INBOX',
        total,
        added: 0,
        removed: 0,
        flagsChanged: 0,
        uidValidityReset: false,
        ms: 1,
      };
    },
    'messages.list': async ({ accountId, folder, offset, limit }) => {
      need(accountId);
      listCalls.push({ offset, limit });
      if (opts.listDelayMs) await sleep(opts.listDelayMs);
      const size = folder === 'INBOX' ? total : 0;
      const items: MessageSummary[] = [];
      for (let i = offset; i < Math.min(size, offset + limit); i++) items.push(fakeMessage(i, total));
      return { total: size, offset, items };
    },
    'messages.get': async ({ accountId, folder, uid }) => {
      need(accountId);
      const i = total - uid;
      if (folder !== 'INBOX' || i < 0 || i >= total) throw new TcvError('MESSAGE_NOT_FOUND', String(uid));
      const m = fakeMessage(i, total);
      const detail: MessageDetail = {
        ...m,
        seen: true,
        cc: [],
        replyTo: [],
        text: `Kính gửi anh/chị,\n\nĐây là thư thử nghiệm số ${i + 1}.\n\nTrân trọng.`,
        hasHtml: false,
        attachments: m.hasAttachments
          ? [
              {
                index: 0,
                filename: `Công văn số ${total - i}-UBND.pdf`,
                contentType: 'application/pdf',
                size: 48_213,
                inline: false,
              },
            ]
          : [],
      };
      return detail;
    },
    'messages.send': async () => {
      throw new TcvError('SEND_REJECTED', 'fake engine does not send');
    },
    'outbox.list': async () => [],
  };

  return {
    handlers: withFallbacks(implemented),
    listCalls,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {},
  };
}

function withFallbacks(implemented: Partial<Handlers>): Handlers {
  const missing = async () => {
    throw new TcvError('UNKNOWN_METHOD', 'not implemented by the fake list engine');
  };
  return Object.fromEntries(methodNames.map((m) => [m, implemented[m] ?? missing])) as unknown as Handlers;
}
