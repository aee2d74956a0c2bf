// A large folder in a real cache, written through the engine's own write path (src/mail/sync.ts insertHeaders: the
// upsert the header sync uses, with the search index and threads in the same transaction), in batches of one
// transaction each, so 100,000 messages take seconds. For the message list's tests (sort plans, the 100k e2e).
import type { Db } from '../../src/cache/db.ts';
import type { HeaderRow } from '../../src/mail/headers.ts';
import { insertHeaders } from '../../src/mail/sync.ts';

const SENDERS = [
  { name: 'Văn phòng UBND thành phố', address: 'vanphong@cantho.gov.vn' },
  { name: 'Sở Nội vụ', address: 'snv@cantho.gov.vn' },
  { name: 'Nguyễn Thị Hồng Nhung', address: 'nhung.nth@cantho.gov.vn' },
  { name: 'Trần Quốc Bảo', address: 'bao.tq@cantho.gov.vn' },
  { name: 'Sở Thông tin và Truyền thông', address: 'stttt@cantho.gov.vn' },
  { name: '', address: 'an.lv@cantho.gov.vn' },
];
const TOPICS = [
  'Công văn số {n}/UBND-VP về việc triển khai chuyển đổi số',
  'Báo cáo tình hình thực hiện nhiệm vụ tháng {m}',
  'Giấy mời họp giao ban định kỳ',
  'V/v góp ý dự thảo Quyết định ban hành Quy chế quản lý thư điện tử',
  'Thông báo lịch trực cơ quan dịp nghỉ lễ',
  'Kế hoạch kiểm tra công tác văn thư, lưu trữ',
  'Đề nghị cung cấp số liệu thống kê quý {m}',
];

export interface SeedOptions {
  /** First UID; messages get firstUid … firstUid + count - 1, the highest UID being the newest. */
  firstUid?: number;
  /** Date of the newest message; one message every ten minutes going back. */
  newest?: Date;
  batch?: number;
  /** Also index for search and threads (insertHeaders' default; slower: about half a minute for 100,000). */
  index?: boolean;
}

/** Message number i (0 = newest) of a seeded folder of `count`: what the list shows for it. */
export function seededHeader(i: number, count: number, opts: SeedOptions = {}): HeaderRow {
  const sender = SENDERS[i % SENDERS.length] ?? SENDERS[0]!;
  const topic = (TOPICS[i % TOPICS.length] ?? '')
    .replace('{n}', String(count - i))
    .replace('{m}', String((i % 12) + 1));
  const newest = (opts.newest ?? new Date(Date.UTC(2026, 5, 30, 9, 0))).getTime();
  const date = newest - i * 600_000;
  const uid = (opts.firstUid ?? 1) + count - 1 - i;
  return {
    uid,
    messageId: `<seed-${uid}-${i}@cantho.gov.vn>`,
    inReplyTo: null,
    references: null,
    subject: `${topic} (#${i + 1})`,
    fromName: sender.name,
    fromAddr: sender.address,
    toJson: JSON.stringify([{ name: 'Chuyên viên', address: 'chuyenvien@cantho.gov.vn' }]),
    ccJson: '[]',
    date,
    internalDate: date,
    size: 4000 + ((i * 7919) % 50_000),
    seen: i % 3 === 0 ? 0 : 1,
    flagged: i % 17 === 0 ? 1 : 0,
    answered: 0,
    draft: 0,
    deleted: 0,
    keywords: '[]',
    hasAttachments: i % 4 === 0 ? 1 : 0,
    modseq: null,
  };
}

/** Writes `count` messages into an existing folder of the cache; returns the time it took (ms). */
export function seedFolder(db: Db, accountId: string, folder: string, count: number, opts: SeedOptions = {}): number {
  const started = performance.now();
  const batch = opts.batch ?? 5000;
  for (let from = 0; from < count; from += batch) {
    const rows: HeaderRow[] = [];
    for (let i = from; i < Math.min(count, from + batch); i++) rows.push(seededHeader(i, count, opts));
    insertHeaders(db, accountId, folder, rows, opts.index ?? true);
  }
  return performance.now() - started;
}
