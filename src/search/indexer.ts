// Writing the search index (docs/search.md "Index"). Text is folded with src/text's fold before SQLite sees it, so
// the FTS5 table holds "thu moi" for "Thư mời" and "da nang" for "Đà Nẵng" (unicode61's remove_diacritics would
// leave đ alone). Header rows are indexed inside sync's batch transaction; bodies when they are fetched; anything
// else that inserted messages (the messages_search_pending trigger queues it) before the next search.
import { transaction, type Db } from '../cache/db.ts';
import { cached, statements } from '../cache/statements.ts';
import { assignThread } from '../mail/threads.ts';
import { foldTokens } from '../text/index.ts';

/** Bodies longer than this are indexed by their beginning: a 5 MB log pasted into a mail must not stall a sync. */
export const BODY_INDEX_CHARS = 100_000;

/** What the index needs of a header: a subset of src/mail/headers.ts HeaderRow. */
export interface IndexHeader {
  uid: number;
  messageId: string | null;
  inReplyTo: string | null;
  references?: string | null;
  subject: string;
  fromName: string;
  fromAddr: string;
  toJson: string;
  ccJson: string;
  date: number | null;
  seen: number;
  flagged: number;
  hasAttachments: number;
}

interface BodyText {
  text: string;
  attachmentNames: readonly string[];
}

const folded = (...parts: string[]) => foldTokens(parts.join(' ')).join(' ');

function addressText(json: string): string {
  try {
    const list = JSON.parse(json) as { name?: string; address?: string }[];
    return list.map((a) => `${a.name ?? ''} ${a.address ?? ''}`).join(' ');
  } catch {
    return '';
  }
}

// doc_id = seconds * SLOTS + slot (migrations.ts, message_docs): FTS5 then keeps its rowids in date order. 1,024 slots
// a second keep the deltas between neighbouring rowids small (compact doclists); a second with more messages than
// that spills into the next one, which only nudges their order.
const SLOTS = 1024;
const MAX_SECONDS = Math.floor(Number.MAX_SAFE_INTEGER / SLOTS) - 1;

/** The first doc_id of the second that `date` (epoch ms) falls in: the rowid bound of before:/after:. */
export function docIdAt(date: number): number {
  return Math.min(Math.max(Math.floor(date / 1000), 0), MAX_SECONDS) * SLOTS;
}

// The statements of indexing, by name (prepared once per database: src/cache/statements.ts).
const SQL = {
  findDoc: 'SELECT doc_id FROM message_docs WHERE account_id = ? AND folder = ? AND uid = ?',
  docExists: 'SELECT 1 FROM message_docs WHERE doc_id = ?',
  insertDoc: `INSERT INTO message_docs (doc_id, account_id, folder, uid, thread_id, seen, flagged, has_attachments)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  insertFts:
    'INSERT INTO search_fts (rowid, subject, sender, recipients, body, attachments, scope) VALUES (?, ?, ?, ?, ?, ?, ?)',
  deleteFts: 'DELETE FROM search_fts WHERE rowid = ?',
  deletePending: 'DELETE FROM search_pending WHERE account_id = ? AND folder = ? AND uid = ?',
  body: 'SELECT substr(text, 1, ?) AS text, attachments_json FROM bodies WHERE account_id = ? AND folder = ? AND uid = ?',
  scopeFind: 'SELECT id FROM search_scopes WHERE account_id = ? AND folder = ?',
  scopeInsert: 'INSERT INTO search_scopes (account_id, folder) VALUES (?, ?) RETURNING id',
  header: `SELECT uid, message_id, in_reply_to, refs, subject, from_name, from_addr, to_json, cc_json, date, seen,
      flagged, has_attachments
    FROM messages WHERE account_id = ? AND folder = ? AND uid = ?`,
} as const;
type Statements = ReturnType<typeof statements<keyof typeof SQL>>;
const prepared = (db: Db): Statements => statements(db, SQL);

/** Runs fn in the caller's transaction if there is one (sync's batch), else in its own. */
function atomically<T>(db: Db, fn: () => T): T {
  return db.isTransaction ? fn() : transaction(db, fn);
}

function attachmentNames(json: string | null | undefined): string[] {
  if (!json) return [];
  try {
    return (JSON.parse(json) as { filename?: string }[]).map((a) => a.filename ?? '');
  } catch {
    return [];
  }
}

/** The scope token of an account (folder '') or a folder: "_s<id>" (migrations.ts, search_scopes). */
export function scopeToken(db: Db, accountId: string, folder: string, create: boolean): string | null {
  const st = prepared(db);
  const row = st.scopeFind.get(accountId, folder) as { id: number } | undefined;
  if (row) return `_s${row.id}`;
  if (!create) return null;
  return `_s${(st.scopeInsert.get(accountId, folder) as { id: number }).id}`;
}

function writeDoc(st: Statements, docId: number, h: IndexHeader, body: BodyText | null, scope: string): void {
  st.insertFts.run(
    docId,
    folded(h.subject),
    folded(h.fromName, h.fromAddr),
    folded(addressText(h.toJson), addressText(h.ccJson)),
    body ? folded(body.text.slice(0, BODY_INDEX_CHARS)) : '',
    body ? folded(...body.attachmentNames) : '',
    scope,
  );
}

/** A free doc_id in the message's second; slots follow the UID so that, within a second, newer comes later. */
function newDocId(st: Statements, date: number | null, uid: number): number {
  const base = docIdAt(date ?? 0);
  let id = base + (Math.abs(uid) % SLOTS);
  while (st.docExists.get(id)) id++;
  return id;
}

interface Item {
  accountId: string;
  folder: string;
  h: IndexHeader;
  body: BodyText | null;
}

function indexMany(db: Db, st: Statements, items: readonly Item[]): void {
  const writes: { docId: number; h: IndexHeader; body: BodyText | null; scope: string }[] = [];
  const scopes = new Map<string, string>();
  for (const { accountId, folder, h, body } of items) {
    const scopeKey = `${accountId}\n${folder}`;
    let scope = scopes.get(scopeKey);
    if (scope === undefined) {
      scope = `${scopeToken(db, accountId, '', true)} ${scopeToken(db, accountId, folder, true)}`;
      scopes.set(scopeKey, scope);
    }
    const existing = st.findDoc.get(accountId, folder, h.uid) as { doc_id: number } | undefined;
    if (existing) {
      // Indexed before (a second call for the same row): replace the text, keep the doc and its thread.
      st.deleteFts.run(existing.doc_id);
      writes.push({ docId: existing.doc_id, h, body: body ?? cachedBody(st, accountId, folder, h.uid), scope });
    } else {
      const docId = newDocId(st, h.date, h.uid);
      const thread = assignThread(db, accountId, {
        docId,
        messageId: h.messageId,
        inReplyTo: h.inReplyTo,
        refs: h.references ?? null,
        subject: h.subject,
        date: h.date,
      });
      st.insertDoc.run(docId, accountId, folder, h.uid, thread, h.seen, h.flagged, h.hasAttachments);
      writes.push({ docId, h, body, scope });
    }
    st.deletePending.run(accountId, folder, h.uid);
  }
  // FTS5 flushes its in-memory segment whenever a rowid is not above the last one written (fts5_index.c), so a sync
  // batch written newest first would leave one tiny segment per message: write in ascending rowid order instead.
  writes.sort((a, b) => a.docId - b.docId);
  for (const w of writes) writeDoc(st, w.docId, w.h, w.body, w.scope);
}

function cachedBody(st: Statements, accountId: string, folder: string, uid: number): BodyText | null {
  const b = st.body.get(BODY_INDEX_CHARS, accountId, folder, uid) as
    { text: string; attachments_json: string } | undefined;
  return b ? { text: b.text, attachmentNames: attachmentNames(b.attachments_json) } : null;
}

/**
 * Index freshly inserted header rows of one folder, and thread them. Call it inside the transaction that inserted
 * them (src/mail/sync.ts insertHeaders), so the index can never disagree with the cache after a crash.
 */
export function indexHeaders(db: Db, accountId: string, folder: string, rows: readonly IndexHeader[]): void {
  if (rows.length === 0) return;
  atomically(db, () => {
    const st = prepared(db);
    indexMany(
      db,
      st,
      rows.map((h) => ({ accountId, folder, h, body: null })),
    );
  });
}

/** Add a fetched body's text and attachment names to a message's index row (src/mail/message.ts fetchBody). */
export function indexBody(
  db: Db,
  accountId: string,
  folder: string,
  uid: number,
  text: string,
  names: readonly string[],
): void {
  atomically(db, () => {
    const st = prepared(db);
    const row = st.header.get(accountId, folder, uid) as HeaderDbRow | undefined;
    if (!row) return;
    indexMany(db, st, [{ accountId, folder, h: fromDbRow(row), body: { text, attachmentNames: names } }]);
  });
}

interface HeaderDbRow {
  uid: number;
  message_id: string | null;
  in_reply_to: string | null;
  refs: string | null;
  subject: string;
  from_name: string;
  from_addr: string;
  to_json: string;
  cc_json: string;
  date: number | null;
  seen: number;
  flagged: number;
  has_attachments: number;
}

function fromDbRow(r: HeaderDbRow): IndexHeader {
  return {
    uid: r.uid,
    messageId: r.message_id,
    inReplyTo: r.in_reply_to,
    references: r.refs,
    subject: r.subject,
    fromName: r.from_name,
    fromAddr: r.from_addr,
    toJson: r.to_json,
    ccJson: r.cc_json,
    date: r.date,
    seen: r.seen,
    flagged: r.flagged,
    hasAttachments: r.has_attachments,
  };
}

export const PENDING_BATCH = 1000;

/** How many messages wait in search_pending, counting at most `cap` (a bounded count stays cheap). */
export function pendingCount(db: Db, cap = Number.MAX_SAFE_INTEGER): number {
  const row = cached(db, 'SELECT count(*) AS n FROM (SELECT 1 FROM search_pending LIMIT ?)').get(cap) as { n: number };
  return row.n;
}

/**
 * Index whatever is queued in search_pending (an initial sync's headers, other writers, caches from before the
 * index existed): newest first, one transaction per batch of `batch`. Cheap when nothing is pending (one indexed
 * probe). Each batch is a range of the queue's date index (migration 9), not a sort of the whole queue.
 * Returns how many messages were indexed.
 */
export function indexPending(db: Db, max = Number.POSITIVE_INFINITY, batch = PENDING_BATCH): number {
  if (!cached(db, 'SELECT 1 FROM search_pending LIMIT 1').get()) return 0;
  const select = cached(
    db,
    `SELECT p.account_id, p.folder, p.uid AS pending_uid, m.uid, m.message_id, m.in_reply_to, m.refs, m.subject,
       m.from_name, m.from_addr, m.to_json, m.cc_json, m.date, m.seen, m.flagged, m.has_attachments,
       substr(b.text, 1, ?) AS body_text, b.attachments_json
     FROM (SELECT account_id, folder, uid FROM search_pending ORDER BY date DESC LIMIT ?) p
     LEFT JOIN messages m ON m.account_id = p.account_id AND m.folder = p.folder AND m.uid = p.uid
     LEFT JOIN bodies b ON b.account_id = p.account_id AND b.folder = p.folder AND b.uid = p.uid`,
  );
  let done = 0;
  while (done < max) {
    const rows = select.all(BODY_INDEX_CHARS, Math.min(batch, max - done)) as unknown as (HeaderDbRow & {
      account_id: string;
      folder: string;
      pending_uid: number;
      body_text: string | null;
      attachments_json: string | null;
    })[];
    if (rows.length === 0) break;
    transaction(db, () => {
      const st = prepared(db);
      const items: Item[] = [];
      for (const r of rows) {
        if (r.uid === null) {
          // Deleted again before it was indexed.
          st.deletePending.run(r.account_id, r.folder, r.pending_uid);
          continue;
        }
        const body =
          r.body_text !== null ? { text: r.body_text, attachmentNames: attachmentNames(r.attachments_json) } : null;
        items.push({ accountId: r.account_id, folder: r.folder, h: fromDbRow(r), body });
      }
      indexMany(db, st, items);
    });
    done += rows.length;
  }
  return done;
}
