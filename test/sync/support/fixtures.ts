// Fixtures for the sync tests and the sync benchmark, on the SHARED test stack: other engineers' tests run against
// the same Dovecot at the same time, so everything here works in folders of its own (`Sync-<pid>-...`), never
// resets mailboxes, never restarts a server, and never counts INBOX.
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { ImapFlow } from 'imapflow';
import { doveadm, type StackInfo } from '../../../scripts/mailstack/index.ts';
import { cachedFlagRows, serverFlagKey } from '../../../src/mail/sync.ts';
import { tinyPdf } from '../../support/messages.ts';

export const MAIL_UID = 8;

/** A unique folder name for this process. ASCII only: it is also a Maildir++ directory name (".Name"). */
export function uniqueFolder(tag: string): string {
  return `Sync-${process.pid}-${tag}-${Date.now().toString(36)}`;
}

export function imapClient(info: StackInfo, email: string, password: string, opts: { qresync?: boolean } = {}) {
  return new ImapFlow({
    host: info.imap.host,
    port: info.imap.port,
    secure: false,
    doSTARTTLS: true,
    auth: { user: email, pass: password },
    tls: { ca: [readFileSync(info.ca, 'utf8')] },
    logger: false,
    qresync: opts.qresync ?? false,
    disableAutoIdle: true,
  });
}

export async function createFolder(info: StackInfo, email: string, folder: string): Promise<void> {
  await doveadm(info, ['mailbox', 'create', '-u', email, folder]);
}

async function listed(info: StackInfo, email: string, folder: string): Promise<boolean> {
  const out = await doveadm(info, ['mailbox', 'list', '-u', email, folder]).catch(() => '');
  return out.split('\n').some((l) => l.trim() === folder);
}

/** Deletes one of our folders, and makes sure it is gone (a session still selecting it can leave it listed). */
export async function deleteFolder(info: StackInfo, email: string, folder: string): Promise<void> {
  if (!folder.startsWith('Sync-')) throw new Error(`not a sync test folder: ${folder}`);
  for (let attempt = 0; attempt < 3; attempt++) {
    await doveadm(info, ['mailbox', 'delete', '-u', email, '-s', folder]).catch(() => '');
    if (!(await listed(info, email, folder))) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  // Last resort for our own, uniquely named folder: its Maildir++ directory.
  rmSync(maildirOf(info, email, folder), { recursive: true, force: true });
}

function maildirOf(info: StackInfo, email: string, folder: string): string {
  const [local, domain] = email.split('@') as [string, string];
  return join(info.dir, 'mail', domain, local, 'Maildir', `.${folder}`);
}

const SUBJECTS = [
  'Công văn số {n}/UBND-VP về việc triển khai thư điện tử công vụ',
  'Giấy mời họp giao ban tuần {n}',
  'Báo cáo tình hình thực hiện nhiệm vụ tháng {n}',
  'Quyết định số {n}/QĐ-UBND về việc ban hành quy chế',
  'V/v góp ý dự thảo kế hoạch chuyển đổi số năm 2026 (lần {n})',
  'TL: Đề nghị cung cấp số liệu thống kê {n}',
];
const SENDERS = [
  ['Văn phòng UBND thành phố', 'vanphong@cantho.gov.vn'],
  ['Sở Thông tin và Truyền thông', 'stttt@cantho.gov.vn'],
  ['Nguyễn Văn Đức', 'nvduc@cantho.gov.vn'],
  ['Trần Thị Hoà', 'tthoa@cantho.gov.vn'],
  ['Lê Hoàng Yến', 'lhyen@ninhkieu.cantho.gov.vn'],
];

const b64 = (s: string) => `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=`;

/** One realistic Vietnamese official message; every fifth carries a small PDF, so BODYSTRUCTURE varies. */
export function benchMessage(n: number, date: Date): string {
  const [name, addr] = SENDERS[n % SENDERS.length] as [string, string];
  const subject = (SUBJECTS[n % SUBJECTS.length] as string).replace('{n}', String(n));
  const head = [
    `Return-Path: <${addr}>`,
    `From: ${b64(name)} <${addr}>`,
    'To: =?UTF-8?B?TMOjbmggxJHhuqFv?= <lanhdao@cantho.gov.vn>',
    ...(n % 4 === 0 ? ['Cc: vanthu@cantho.gov.vn, chuyenvien@cantho.gov.vn'] : []),
    `Subject: ${b64(subject)}`,
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <sync-${n}-${date.getTime()}@bench.cantho.gov.vn>`,
    ...(n % 6 === 5 ? [`In-Reply-To: <sync-${n - 1}-x@bench.cantho.gov.vn>`] : []),
    'MIME-Version: 1.0',
  ];
  const text =
    `Kính gửi: Lãnh đạo Sở.\r\n\r\nThực hiện chỉ đạo của Ủy ban nhân dân thành phố, văn bản số ${n} đề nghị các ` +
    'cơ quan, đơn vị triển khai thực hiện và báo cáo kết quả trước ngày 30/6.\r\nFrom the attached plan.\r\n' +
    'From here on, lines starting with From must survive an mbox export.\r\n\r\nTrân trọng./.\r\n';
  if (n % 5 !== 0) {
    return [...head, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', text].join(
      '\r\n',
    );
  }
  const boundary = `b${n}x`;
  const pdf = tinyPdf(`Văn bản ${n}`).toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    ...head,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    text,
    `--${boundary}`,
    `Content-Type: application/pdf; name="${b64(`Văn bản số ${n}.pdf`)}"`,
    `Content-Disposition: attachment; filename*=UTF-8''${encodeURIComponent(`Văn bản số ${n}.pdf`)}`,
    'Content-Transfer-Encoding: base64',
    '',
    pdf,
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

export interface FillOptions {
  /** Newest message's date; older ones go back one hour each. */
  newest?: Date;
  /** Maildir flags per message number (S seen, F flagged, R answered, D draft, T deleted). */
  flags?: (n: number) => string;
  /** First message number (for a second fill of the same folder). */
  start?: number;
}

/**
 * Fills a folder with `count` messages the fastest honest way: RFC 5322 files written straight into the user's
 * Maildir (`cur/`, flags in the name, mtime = arrival) and `doveadm force-resync`, which makes Dovecot index them and
 * assign UIDs exactly as for delivered mail. About 15,000 messages a second here, against about 1,000 a second for
 * `doveadm import` of an mbox and 70 for `doveadm save` one by one. Dovecot's index cache is cold afterwards, so the
 * benchmark warms it with one untimed FETCH before timing anything.
 */
export async function fillFolder(
  info: StackInfo,
  email: string,
  folder: string,
  count: number,
  opts: FillOptions = {},
): Promise<void> {
  const dir = maildirOf(info, email, folder);
  if (!existsSync(dir)) await createFolder(info, email, folder);
  for (const s of ['cur', 'new', 'tmp']) mkdirSync(join(dir, s), { recursive: true });
  const newest = (opts.newest ?? new Date()).getTime();
  const start = opts.start ?? 1;
  for (let i = 0; i < count; i++) {
    const n = start + i;
    // Oldest first on disk (Dovecot assigns UIDs in readdir order, roughly), newest = highest number.
    const date = new Date(newest - (count - 1 - i) * 3_600_000);
    const raw = benchMessage(n, date);
    const flags = opts.flags?.(n) ?? '';
    const file = join(
      dir,
      'cur',
      `${Math.floor(date.getTime() / 1000)}.M${n}P${process.pid}.bench,S=${Buffer.byteLength(raw)}:2,${[...flags].sort().join('')}`,
    );
    writeFileSync(file, raw);
    utimesSync(file, date, date);
    chownSync(file, MAIL_UID, MAIL_UID);
  }
  for (const s of ['', 'cur', 'new', 'tmp']) chownSync(join(dir, s), MAIL_UID, MAIL_UID);
  await doveadm(info, ['force-resync', '-u', email, folder]);
}

export interface FlagRow {
  uid: number;
  flags: string;
}

/** The server's view: every UID with its flags and keywords, by another session. */
export async function serverRows(client: ImapFlow, folder: string): Promise<FlagRow[]> {
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  try {
    if (!client.mailbox || client.mailbox.exists === 0) return [];
    const out = new Map<number, FlagRow>();
    for await (const m of client.fetch('1:*', { uid: true, flags: true })) {
      // Unsolicited FETCHes (changes by other sessions) come along without a UID: skip them.
      if (m.uid && m.flags) out.set(m.uid, { uid: m.uid, flags: serverFlagKey(m) });
    }
    return [...out.values()].sort((a, b) => a.uid - b.uid);
  } finally {
    lock.release();
  }
}

/** The cache's view, read from the profile's SQLite file directly (WAL: a second reader never disturbs the engine). */
export function cacheRows(profileDir: string, accountId: string, folder: string): FlagRow[] {
  const db = new DatabaseSync(join(profileDir, 'cache.sqlite'), { readOnly: true });
  try {
    return cachedFlagRows(db, accountId, folder);
  } finally {
    db.close();
  }
}

export function cacheQuery<T>(profileDir: string, sql: string, ...params: (string | number)[]): T[] {
  const db = new DatabaseSync(join(profileDir, 'cache.sqlite'), { readOnly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** A difference report small enough to read in a failed assertion. */
export function diffRows(server: FlagRow[], cache: FlagRow[]): string {
  const s = new Map(server.map((r) => [r.uid, r.flags]));
  const c = new Map(cache.map((r) => [r.uid, r.flags]));
  const out: string[] = [];
  for (const uid of s.keys()) if (!c.has(uid)) out.push(`missing in cache: ${uid}`);
  for (const [uid, f] of c) if (!s.has(uid)) out.push(`stale in cache: ${uid} ${f}`);
  for (const [uid, f] of s)
    if (c.has(uid) && c.get(uid) !== f) out.push(`flags of ${uid}: server ${f} cache ${c.get(uid)}`);
  return out.length ? `${out.length} differences: ${out.slice(0, 10).join('; ')}` : '';
}
