// Reads from the cache for the UI and the CLI. Every list query is backed by an index declared with it
// (migrations.ts: messages_by_date, messages_unread; the other sorts' indexes below, created on first use).
import type {
  Address,
  FolderSummary,
  MessagePage,
  MessageSort,
  MessageSortKey,
  MessageSummary,
  SpecialUse,
} from '../api/types.ts';
import type { Db } from '../cache/db.ts';
import { importanceFromValue } from './importance.ts';
import { fillSnippets } from './snippetFill.ts';
import { fillSortKeys } from './sortKeys.ts';

const SPECIAL_ORDER: Record<string, number> = { inbox: 0, drafts: 1, sent: 2, archive: 3, junk: 4, trash: 5 };

interface FolderRowFull {
  path: string;
  name: string;
  delimiter: string;
  special_use: SpecialUse;
  subscribed: number;
  synced_at: string | null;
  server_total: number;
  server_unread: number;
  cached_total: number;
  cached_unread: number;
}

export function listFolders(db: Db, accountId: string): FolderSummary[] {
  const rows = db
    .prepare(
      `SELECT f.*, (SELECT count(*) FROM messages m WHERE m.account_id = f.account_id AND m.folder = f.path) AS cached_total,
         (SELECT count(*) FROM messages m WHERE m.account_id = f.account_id AND m.folder = f.path AND m.seen = 0) AS cached_unread
       FROM folders f WHERE f.account_id = ?`,
    )
    .all(accountId) as unknown as FolderRowFull[];
  return rows
    .map((r) => ({
      path: r.path,
      name: r.name,
      delimiter: r.delimiter,
      specialUse: r.special_use,
      subscribed: r.subscribed === 1,
      total: r.synced_at ? r.cached_total : r.server_total,
      unread: r.synced_at ? r.cached_unread : r.server_unread,
    }))
    .sort(
      (a, b) =>
        (SPECIAL_ORDER[a.specialUse ?? ''] ?? 50) - (SPECIAL_ORDER[b.specialUse ?? ''] ?? 50) ||
        a.path.localeCompare(b.path, 'vi'),
    );
}

export interface MessageRow {
  folder: string;
  uid: number;
  message_id: string | null;
  subject: string;
  from_name: string;
  from_addr: string;
  to_json: string;
  date: number | null;
  size: number;
  seen: number;
  flagged: number;
  answered: number;
  has_attachments: number;
  /** Absent where a caller builds a row from a FETCH (server search): normal, no preview. */
  importance?: number;
  snippet?: string | null;
  /** From message_docs (src/search): null until the message is indexed. */
  thread_id?: number | null;
}

export function toSummary(r: MessageRow): MessageSummary {
  return {
    uid: r.uid,
    folder: r.folder,
    messageId: r.message_id,
    subject: r.subject,
    from: r.from_addr || r.from_name ? { name: r.from_name, address: r.from_addr } : null,
    to: JSON.parse(r.to_json) as Address[],
    date: r.date !== null ? new Date(r.date).toISOString() : null,
    size: r.size,
    seen: r.seen === 1,
    flagged: r.flagged === 1,
    answered: r.answered === 1,
    hasAttachments: r.has_attachments === 1,
    importance: importanceFromValue(r.importance),
    snippet: r.snippet ?? null,
    ...(r.thread_id != null ? { threadId: r.thread_id } : {}),
  };
}

// The thread comes from src/search's message_docs (docs/search.md); the subquery is one unique-index lookup per row.
export const SUMMARY_COLUMNS =
  'folder, uid, message_id, subject, from_name, from_addr, to_json, date, size, seen, flagged, answered, has_attachments, ' +
  'importance, snippet, ' +
  '(SELECT d.thread_id FROM message_docs d WHERE d.account_id = messages.account_id AND d.folder = messages.folder AND d.uid = messages.uid) AS thread_id';

export const DEFAULT_SORT: MessageSort = { by: 'date', dir: 'desc' };

// Each sort is one index walk: the leading key, then date and uid as tie-breakers in the same direction, so SQLite
// walks an index (forwards or backwards) and never builds a temporary B-tree over the folder; test/unit/sort.test.ts
// checks the plans with EXPLAIN QUERY PLAN over 100,000 rows. The expressions here must be exactly the indexed ones.
// Sender and subject sort on stored keys in Vietnamese order (sortKeys.ts, migration 11; docs/ui.md "Sort").
const SORT_EXPR: Record<MessageSortKey, string> = {
  date: '',
  // Stored columns, not an expression: SQLite re-reads the row to order by an indexed expression (measured 20-40x
  // slower at deep offsets). The sender's key is of what the list shows: the name, else the address.
  sender: 'sender_key',
  subject: 'subject_key',
  size: 'size',
  flagged: 'flagged',
};

// The index of each sort but date (messages_by_date, migration 1) is created the first time a user sorts by it:
// every index of `messages` is paid for on each header the sync writes (four more doubled the insert time of a
// 100,000-message initial sync, measured), and most users never sort by size. Creating one over 100,000 rows takes
// about a second, once per profile.
const SORT_INDEX: Record<Exclude<MessageSortKey, 'date'>, string> = {
  sender: 'messages_by_sender_key ON messages (account_id, folder, sender_key, date, uid)',
  subject: 'messages_by_subject_key ON messages (account_id, folder, subject_key, date, uid)',
  size: 'messages_by_size ON messages (account_id, folder, size, date, uid)',
  flagged: 'messages_by_flagged ON messages (account_id, folder, flagged, date, uid)',
};
const sortIndexes = new WeakMap<Db, Set<MessageSortKey>>();
const keysFilled = new WeakSet<Db>();
const snippetsFilled = new WeakSet<Db>();

export function ensureSortIndex(db: Db, by: MessageSortKey): void {
  if (by === 'date') return;
  const done = sortIndexes.get(db) ?? new Set<MessageSortKey>();
  sortIndexes.set(db, done);
  if (done.has(by)) return;
  // Rows cached before migration 11 get their keys first (one scan per process; rows are filled once per profile).
  if ((by === 'sender' || by === 'subject') && !keysFilled.has(db)) {
    fillSortKeys(db);
    keysFilled.add(db);
  }
  db.exec(`CREATE INDEX IF NOT EXISTS ${SORT_INDEX[by]}`);
  done.add(by);
}

export function orderBy(sort: MessageSort): string {
  const d = sort.dir === 'asc' ? 'ASC' : 'DESC';
  const lead = SORT_EXPR[sort.by].replace('{d}', d);
  return `${lead ? `${lead} ${d}, ` : ''}date ${d}, uid ${d}`;
}

export function listMessages(
  db: Db,
  accountId: string,
  folder: string,
  offset: number,
  limit: number,
  sort: MessageSort = DEFAULT_SORT,
): MessagePage {
  ensureSortIndex(db, sort.by);
  if (!snippetsFilled.has(db)) {
    fillSnippets(db);
    snippetsFilled.add(db);
  }
  const total = (
    db.prepare('SELECT count(*) AS n FROM messages WHERE account_id = ? AND folder = ?').get(accountId, folder) as {
      n: number;
    }
  ).n;
  // Two steps: the page's UIDs from the sort's index alone (a covering index walk, so a deep OFFSET skips index
  // entries without reading a single row), then those rows by primary key.
  const uids = (
    db
      .prepare(
        `SELECT uid FROM messages WHERE account_id = ? AND folder = ? ORDER BY ${orderBy(sort)} LIMIT ? OFFSET ?`,
      )
      .all(accountId, folder, limit, offset) as { uid: number }[]
  ).map((r) => r.uid);
  if (uids.length === 0) return { total, offset, items: [] };
  const rows = db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM messages WHERE account_id = ? AND folder = ?
       AND uid IN (SELECT value FROM json_each(?))`,
    )
    .all(accountId, folder, JSON.stringify(uids)) as unknown as MessageRow[];
  const byUid = new Map(rows.map((r) => [r.uid, r]));
  const items: MessageSummary[] = [];
  for (const uid of uids) {
    const r = byUid.get(uid);
    if (r) items.push(toSummary(r));
  }
  return { total, offset, items };
}

/** UIDs at index ranges of the list in `sort` order (one covering-index walk per range), at most 100,000. */
export function uidsAt(
  db: Db,
  accountId: string,
  folder: string,
  sort: MessageSort,
  ranges: readonly { from: number; to: number }[],
): number[] {
  ensureSortIndex(db, sort.by);
  const st = db.prepare(
    `SELECT uid FROM messages WHERE account_id = ? AND folder = ? ORDER BY ${orderBy(sort)} LIMIT ? OFFSET ?`,
  );
  const out: number[] = [];
  for (const r of ranges) {
    const limit = Math.min(r.to - r.from + 1, MAX_UIDS - out.length);
    if (limit <= 0) break;
    for (const row of st.all(accountId, folder, limit, r.from) as { uid: number }[]) out.push(row.uid);
  }
  return out;
}
const MAX_UIDS = 100_000;

export function findMessage(db: Db, accountId: string, folder: string, uid: number): MessageRow | undefined {
  return db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM messages WHERE account_id = ? AND folder = ? AND uid = ?`)
    .get(accountId, folder, uid) as MessageRow | undefined;
}

export function folderBySpecialUse(db: Db, accountId: string, use: SpecialUse): string | null {
  const row = db
    .prepare('SELECT path FROM folders WHERE account_id = ? AND special_use = ? ORDER BY path LIMIT 1')
    .get(accountId, use) as { path: string } | undefined;
  return row?.path ?? null;
}
