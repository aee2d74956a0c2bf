// Search benchmark (design.md "Performance targets": local search over 100,000 messages, Vietnamese folded,
// p95 ≤ 30 ms and ≥ 20× faster than a LIKE scan). No server: a temp cache is filled with 100,000 synthetic but
// realistic Vietnamese headers (and 20,000 short bodies, the prefetch window) through the same indexHeaders/indexBody
// calls sync and the reader use, in batches of 1,000 in one transaction each. Then ~200 queries run through the
// engine's path (parseQuery → resolveFolders → localSearch, page of 50), and the same queries as a LIKE scan over the
// same text in the same run.
//
//   node bench/search.ts [--messages N] [--queries N] [--db FILE]   (--db keeps the filled cache and reuses it)
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDb, transaction, type Db } from '../src/cache/db.ts';
import {
  indexBody,
  indexHeaders,
  indexPending,
  localSearch,
  parseQuery,
  resolveFolders,
  type IndexHeader,
} from '../src/search/index.ts';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '200' },
    db: { type: 'string' },
  },
});
const N = Number(values.messages);
const Q = Number(values.queries);
const BODIES = Math.round(N / 5);
const ACCOUNT = 'vanthu.ubnd@cantho.gov.vn';
const FOLDERS = ['INBOX', 'Sent', 'Lưu trữ/2025', 'Dự án/Chuyển đổi số'];

// Deterministic data: the same run gives the same cache.
let seed = 20260301;
function rnd(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;

const HO = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Hoàng', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const DEM = ['Văn', 'Thị', 'Minh', 'Thanh', 'Quốc', 'Ngọc', 'Hữu', 'Đức', 'Thu', 'Hoài', 'Kim', 'Bảo'];
const TEN = ['An', 'Bình', 'Châu', 'Dũng', 'Đạt', 'Giang', 'Hà', 'Hải', 'Hòa', 'Hùng', 'Khoa', 'Lan', 'Linh', 'Long'];
const TEN2 = ['Mai', 'Nam', 'Nga', 'Phong', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Thủy', 'Trang', 'Tuấn', 'Việt'];
const AGENCIES: [string, string][] = [
  ['Văn phòng UBND thành phố', 'vanphong'],
  ['Sở Khoa học và Công nghệ', 'sokhcn'],
  ['Sở Tài chính', 'sotc'],
  ['Sở Nội vụ', 'sonv'],
  ['Sở Giáo dục và Đào tạo', 'sogddt'],
  ['Sở Y tế', 'soyte'],
  ['Sở Thông tin và Truyền thông', 'sotttt'],
  ['Sở Kế hoạch và Đầu tư', 'sokhdt'],
  ['Sở Tài nguyên và Môi trường', 'sotnmt'],
  ['UBND quận Ninh Kiều', 'ubndninhkieu'],
  ['UBND quận Bình Thủy', 'ubndbinhthuy'],
  ['UBND huyện Phong Điền', 'ubndphongdien'],
  ['Thanh tra thành phố', 'thanhtra'],
  ['Ban Quản lý dự án Đà Nẵng', 'bqlda'],
];
const KINDS = ['Công văn', 'Quyết định', 'Kế hoạch', 'Báo cáo', 'Thông báo', 'Tờ trình', 'Giấy mời', 'Thư mời'];
const SIGNS = ['UBND-VP', 'QĐ-UBND', 'KH-UBND', 'BC-SKHCN', 'TB-VP', 'TTr-STC', 'GM-UBND', 'CV-SNV'];
const TOPICS = [
  'triển khai thư điện tử công vụ',
  'chuyển đổi số năm 2026',
  'cải cách hành chính',
  'phòng chống thiên tai',
  'hòa giải ở cơ sở',
  'kiểm tra công tác văn thư lưu trữ',
  'tổng kết công tác năm',
  'dự toán ngân sách',
  'tuyển dụng viên chức',
  'đánh giá xếp loại cán bộ',
  'an toàn thông tin mạng',
  'quy hoạch đô thị Đà Nẵng',
  'xây dựng nông thôn mới',
  'phòng cháy chữa cháy',
  'thủy lợi nội đồng',
  'khoẻ mạnh cộng đồng',
  'hội nghị giao ban quý',
  'bồi thường giải phóng mặt bằng',
  'thi đua khen thưởng',
  'tiếp công dân định kỳ',
];
const PREFIXES = ['', '', '', '', 'Re: ', 'TL: ', 'Trả lời: ', 'Fwd: ', 'Chuyển tiếp: '];
const BODY_WORDS =
  'kính gửi các cơ quan đơn vị đề nghị thực hiện nghiêm túc nội dung văn bản báo cáo kết quả trước ngày tháng năm trân trọng ủy ban nhân dân thành phố cần thơ giao sở ngành phối hợp triển khai tổ chức hội nghị tập huấn hướng dẫn nghiệp vụ đôn đốc kiểm tra giám sát'.split(
    ' ',
  );

function person(): { name: string; address: string } {
  const ho = pick(HO);
  const ten = rnd() < 0.5 ? pick(TEN) : pick(TEN2);
  const dem = pick(DEM);
  const addr = `${ten}.${ho[0]}${dem[0]}`
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[Đđ]/g, 'd');
  return { name: `${ho} ${dem} ${ten}`, address: `${addr.toLowerCase()}@cantho.gov.vn` };
}
function agency(): { name: string; address: string } {
  const [name, box] = pick(AGENCIES);
  return { name, address: `${box}@cantho.gov.vn` };
}

const NOW = new Date(2026, 2, 31).getTime();

const SPAN = 3 * 365 * 86_400_000;

/** Message `uid` of `count` in a folder: dates rise with the UID over three years (mail arrives in order), ±1 day. */
function makeHeader(uid: number, count: number): IndexHeader {
  const kind = pick(KINDS);
  const n = 1 + Math.floor(rnd() * 3000);
  const subject =
    pick(PREFIXES) +
    (rnd() < 0.6
      ? `${kind} số ${n}/${pick(SIGNS)} về việc ${pick(TOPICS)}`
      : `${kind} ${pick(TOPICS)}${rnd() < 0.3 ? ` (lần ${1 + Math.floor(rnd() * 3)})` : ''}`);
  const from = rnd() < 0.55 ? agency() : person();
  const to = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => (rnd() < 0.5 ? agency() : person()));
  return {
    uid,
    messageId: `<${uid}.${Math.floor(rnd() * 1e9)}@cantho.gov.vn>`,
    inReplyTo: null,
    references: null,
    subject,
    fromName: from.name,
    fromAddr: from.address,
    toJson: JSON.stringify(to),
    ccJson: rnd() < 0.2 ? JSON.stringify([person()]) : '[]',
    date: Math.round(NOW - SPAN + (uid / count) * SPAN + (rnd() - 0.5) * 86_400_000),
    seen: rnd() < 0.85 ? 1 : 0,
    flagged: rnd() < 0.05 ? 1 : 0,
    hasAttachments: rnd() < 0.4 ? 1 : 0,
  };
}

function fill(db: Db): { totalMs: number; indexMs: number; bodiesMs: number } {
  db.prepare(
    `INSERT INTO accounts VALUES (?, ?, 'Văn thư', 'unit', ?, '127.0.0.1', 143, 'starttls', '127.0.0.1', 587, 'starttls', NULL, 'now')`,
  ).run(ACCOUNT, ACCOUNT, ACCOUNT);
  for (const f of FOLDERS) {
    db.prepare(
      "INSERT INTO folders (account_id, path, name, delimiter, special_use, synced_at) VALUES (?, ?, ?, '/', ?, 'now')",
    ).run(ACCOUNT, f, f.split('/').at(-1) as string, f === 'INBOX' ? 'inbox' : f === 'Sent' ? 'sent' : null);
  }
  const ins = db.prepare(
    `INSERT INTO messages (account_id, folder, uid, message_id, in_reply_to, refs, subject, from_name, from_addr,
       to_json, cc_json, date, internal_date, size, seen, flagged, has_attachments)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const started = performance.now();
  let indexMs = 0;
  const perFolder = [Math.round(N * 0.7), Math.round(N * 0.15), Math.round(N * 0.1)];
  perFolder.push(N - perFolder.reduce((a, b) => a + b, 0));
  for (const [fi, count] of perFolder.entries()) {
    const folder = FOLDERS[fi] as string;
    // As sync does: newest first, 1,000 UIDs a batch.
    for (let top = count; top > 0; top -= 1000) {
      const rows = Array.from({ length: Math.min(1000, top) }, (_, k) => makeHeader(top - k, count));
      transaction(db, () => {
        for (const r of rows) {
          ins.run(
            ACCOUNT,
            folder,
            r.uid,
            r.messageId,
            null,
            null,
            r.subject,
            r.fromName,
            r.fromAddr,
            r.toJson,
            r.ccJson,
            r.date,
            r.date,
            2000 + r.uid,
            r.seen,
            r.flagged,
            r.hasAttachments,
          );
        }
        const t = performance.now();
        indexHeaders(db, ACCOUNT, folder, rows);
        indexMs += performance.now() - t;
      });
    }
  }
  const totalMs = performance.now() - started;
  const t = performance.now();
  const withBody = db
    .prepare(`SELECT folder, uid FROM messages WHERE folder = 'INBOX' ORDER BY date DESC LIMIT ?`)
    .all(BODIES) as { folder: string; uid: number }[];
  const bodyIns = db.prepare(
    `INSERT INTO bodies (account_id, folder, uid, text, attachments_json, fetched_at) VALUES (?, ?, ?, ?, '[]', 'now')`,
  );
  for (let i = 0; i < withBody.length; i += 1000) {
    transaction(db, () => {
      for (const { folder, uid } of withBody.slice(i, i + 1000)) {
        const text = Array.from({ length: 80 + Math.floor(rnd() * 200) }, () => pick(BODY_WORDS)).join(' ');
        bodyIns.run(ACCOUNT, folder, uid, text);
        indexBody(db, ACCOUNT, folder, uid, text, rnd() < 0.4 ? [`${pick(KINDS)} ${uid}.pdf`] : []);
      }
    });
  }
  return { totalMs, indexMs, bodiesMs: performance.now() - t };
}

function makeQueries(): string[] {
  const word = () => pick(pick(TOPICS).split(' '));
  const gen: (() => string)[] = [
    () => `${pick(['thư mời', 'thu moi', 'THƯ MỜI', 'giấy mời', 'giay moi'])} ${word()} `,
    () => `${pick(TOPICS)} `,
    () => `"${pick(TOPICS)}"`,
    () => `${word()} ${word()} `,
    () => pick(TOPICS).slice(0, 4 + Math.floor(rnd() * 8)), // as-you-type prefix
    () => `${pick(KINDS).toLowerCase()} ${pick(TOPICS).split(' ')[0]}`,
    () => `from:${pick(AGENCIES)[1]} ${word()} `,
    () => `from:"${pick(HO)} ${pick(DEM)}" `,
    () => `to:${pick(TEN)} is:unread `,
    () => `${word()} has:attachment is:unread `,
    () => `subject:"${pick(KINDS)}" after:01/01/2026 `,
    () => `${word()} folder:INBOX before:01/01/2026 `,
    () => `${pick(SIGNS)} `,
    () => `số ${1 + Math.floor(rnd() * 3000)}/${pick(SIGNS)} `,
    () => `da nang ${word()} `,
    () => `hoà giải `,
    () => `${pick(BODY_WORDS)} ${pick(BODY_WORDS)} `,
    () => pick(['is:unread folder:INBOX', 'is:flagged has:attachment', 'is:unread after:01/03/2026', 'folder:Sent']),
    () => pick(['th', 'thu', 'thư m', 'so ', 've viec ', 'ubnd ', 'cantho ']), // the first keystrokes, the commonest words
  ];
  return Array.from({ length: Q }, (_, i) => (gen[i % gen.length] as () => string)());
}

// The LIKE baseline: what a cache without an index would run for the same words over the same text (subject,
// names and addresses, body, attachment names), with the same count + page of 50. LIKE folds ASCII case only, so it
// even does less than the index (no Vietnamese folding).
function likeScan(db: Db, query: string): number {
  const q = parseQuery(query);
  const fields = ['m.subject', 'm.from_name', 'm.from_addr', 'm.to_json', 'm.cc_json', 'b.text', 'b.attachments_json'];
  const where = q.text.map(() => `(${fields.map((f) => `${f} LIKE ?`).join(' OR ')})`);
  const args = q.text.flatMap((c) => Array<string>(fields.length).fill(`%${c.raw}%`));
  const from = `FROM messages m LEFT JOIN bodies b ON b.account_id = m.account_id AND b.folder = m.folder AND b.uid = m.uid
    WHERE ${where.length ? where.join(' AND ') : '1'}`;
  const total = (db.prepare(`SELECT count(*) AS n ${from}`).get(...args) as { n: number }).n;
  db.prepare(`SELECT m.* ${from} ORDER BY m.date DESC LIMIT 50`).all(...args);
  return total;
}

function search(db: Db, query: string): number {
  indexPending(db);
  const q = parseQuery(query);
  const folders = resolveFolders(db, ACCOUNT, undefined, q.folders);
  return localSearch(db, q, { accountId: ACCOUNT, folders }, 0, 50).total;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** Wall and CPU time of fn in ms. CPU time is the steadier figure when other jobs share the machine. */
function time(fn: () => unknown): { wall: number; cpu: number } {
  const c = process.cpuUsage();
  const t = performance.now();
  fn();
  const wall = performance.now() - t;
  const u = process.cpuUsage(c);
  return { wall, cpu: (u.user + u.system) / 1000 };
}

function stats(samples: { wall: number; cpu: number }[]) {
  const wall = samples.map((x) => x.wall).sort((a, b) => a - b);
  const cpu = samples.map((x) => x.cpu).sort((a, b) => a - b);
  return {
    p50: percentile(wall, 50),
    p95: percentile(wall, 95),
    max: wall.at(-1) as number,
    cpu50: percentile(cpu, 50),
    cpu95: percentile(cpu, 95),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'tcv-bench-search-'));
try {
  const reuse = values.db !== undefined && existsSync(values.db);
  const db = openDb(values.db ?? join(dir, 'cache.sqlite'));
  const filled = reuse ? null : fill(db);
  db.exec('ANALYZE; PRAGMA optimize;');
  seed = 7; // the same queries whether the cache was filled now or reused
  const queries = makeQueries();
  for (const q of queries) search(db, q); // warm the page cache and the statement paths
  const ftsSamples = queries.map((q) => time(() => search(db, q)));
  const fts = stats(ftsSamples);
  const slowest = queries
    .map((q, i) => ({ q, cpu: (ftsSamples[i] as { cpu: number }).cpu }))
    .sort((a, b) => b.cpu - a.cpu)
    .slice(0, 5);
  const like = stats(queries.map((q) => time(() => likeScan(db, q))));
  const hits = queries.map((q) => search(db, q)).sort((a, b) => a - b);
  const f = (ms: number) => `${ms.toFixed(1)} ms`;
  const line = (s: ReturnType<typeof stats>) =>
    `p50 ${f(s.p50)}  p95 ${f(s.p95)}  max ${f(s.max)}   (CPU time: p50 ${f(s.cpu50)}  p95 ${f(s.cpu95)})`;
  const out = [
    `search benchmark — ${N.toLocaleString('en')} messages (${BODIES.toLocaleString('en')} with bodies), ${queries.length} queries`,
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}, load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
    filled
      ? `fill: ${(filled.totalMs / 1000).toFixed(1)} s for headers, of which index+threads ${(filled.indexMs / 1000).toFixed(1)} s (${((filled.indexMs * 1000) / N).toFixed(1)} µs/message); bodies ${(filled.bodiesMs / 1000).toFixed(1)} s`
      : `fill: reused ${values.db}`,
    `hits per query: median ${percentile(hits, 50)}, max ${hits.at(-1)}`,
    `FTS (engine path): ${line(fts)}   target p95 ≤ 30 ms: ${fts.p95 <= 30 ? 'met' : 'NOT MET'}`,
    `  slowest (CPU): ${slowest.map((x) => `${JSON.stringify(x.q)} ${f(x.cpu)}`).join(', ')}`,
    `LIKE scan:         ${line(like)}`,
    `ratio LIKE/FTS:    p50 ${(like.p50 / fts.p50).toFixed(1)}×  p95 ${(like.p95 / fts.p95).toFixed(1)}×  (CPU p50 ${(like.cpu50 / fts.cpu50).toFixed(1)}×)   target ≥ 20×: ${like.p50 / fts.p50 >= 20 ? 'met' : 'NOT MET'}`,
  ];
  process.stdout.write(out.join('\n') + '\n');
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
