// A temp cache with one account and folders, and messages inserted the way sync inserts them (one transaction per
// batch, indexHeaders inside it), for the search and thread tests that need no server.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, transaction, type Db } from '../../src/cache/db.ts';
import { indexHeaders, type IndexHeader } from '../../src/search/index.ts';

export const ACCOUNT = 'vanthu@cantho.gov.vn';

export function tempCache(folders: { path: string; name?: string; specialUse?: string; synced?: boolean }[]): Db {
  const db = openDb(join(mkdtempSync(join(tmpdir(), 'tcv-search-')), 'cache.sqlite'));
  db.prepare(
    `INSERT INTO accounts VALUES (?, ?, 'Văn thư', 'unit', ?, '127.0.0.1', 143, 'starttls', '127.0.0.1', 587, 'starttls', NULL, ?)`,
  ).run(ACCOUNT, ACCOUNT, ACCOUNT, new Date().toISOString());
  for (const f of folders) {
    db.prepare(
      'INSERT INTO folders (account_id, path, name, delimiter, special_use, synced_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(ACCOUNT, f.path, f.name ?? f.path, '/', f.specialUse ?? null, f.synced === false ? null : 'x');
  }
  return db;
}

export interface Msg {
  uid: number;
  subject: string;
  from?: { name: string; address: string };
  to?: { name: string; address: string }[];
  cc?: { name: string; address: string }[];
  date?: Date;
  seen?: boolean;
  flagged?: boolean;
  attachment?: boolean;
  messageId?: string;
  inReplyTo?: string;
  references?: string;
}

let counter = 0;

export function header(m: Msg): IndexHeader & { seen: number; flagged: number; hasAttachments: number } {
  return {
    uid: m.uid,
    messageId: m.messageId ?? `<m${++counter}.${m.uid}@test>`,
    inReplyTo: m.inReplyTo ?? null,
    references: m.references ?? null,
    subject: m.subject.normalize('NFC'),
    fromName: m.from?.name ?? '',
    fromAddr: m.from?.address ?? '',
    toJson: JSON.stringify(m.to ?? []),
    ccJson: JSON.stringify(m.cc ?? []),
    date: (m.date ?? new Date(2026, 0, 1)).getTime(),
    seen: m.seen ? 1 : 0,
    flagged: m.flagged ? 1 : 0,
    hasAttachments: m.attachment ? 1 : 0,
  };
}

/** Insert like src/mail/sync.ts insertHeaders: messages rows and the index in one transaction. */
export function insert(db: Db, folder: string, msgs: Msg[], opts: { index?: boolean } = {}): void {
  transaction(db, () => {
    const ins = db.prepare(
      `INSERT OR REPLACE INTO messages (account_id, folder, uid, message_id, in_reply_to, refs, subject, from_name,
         from_addr, to_json, cc_json, date, internal_date, size, seen, flagged, has_attachments)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
    const rows = msgs.map(header);
    for (const r of rows) {
      ins.run(
        ACCOUNT,
        folder,
        r.uid,
        r.messageId,
        r.inReplyTo,
        r.references ?? null,
        r.subject,
        r.fromName,
        r.fromAddr,
        r.toJson,
        r.ccJson,
        r.date,
        r.date,
        1000,
        r.seen,
        r.flagged,
        r.hasAttachments,
      );
    }
    if (opts.index !== false) indexHeaders(db, ACCOUNT, folder, rows);
  });
}

export function count(db: Db, sql: string, ...args: (string | number)[]): number {
  return (db.prepare(sql).get(...args) as { n: number }).n;
}
