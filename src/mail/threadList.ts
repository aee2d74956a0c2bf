// The conversation view's list (issue 4 "group by conversation", docs/search.md "Conversation view"): one row per
// thread that has a message in the folder, at the position of its newest message there, newest first (Outlook's
// conversation order; ascending on request). Threads come from src/mail/threads.ts (message_docs.thread_id). A thread's
// head is its folder message with the largest doc_id (doc_id follows the date, src/search/indexer.ts), so the page is a
// walk of messages_by_date with one seek per row in message_docs_folder_thread (migration 14): no GROUP BY over the
// folder and no temporary B-tree (test/unit/thread-list.test.ts checks the plan over 100,000 messages).
import type { MessageSort, ThreadPage, ThreadRow } from '../api/types.ts';
import type { Db } from '../cache/db.ts';
import { cached } from '../cache/statements.ts';
import { importanceFromValue } from './importance.ts';
import { SUMMARY_COLUMNS, toSummary, type MessageRow } from './queries.ts';

/** A folder's messages that head their thread there; a message not indexed yet is a thread of its own. */
const HEADS = `FROM messages m
  LEFT JOIN message_docs d ON d.account_id = m.account_id AND d.folder = m.folder AND d.uid = m.uid
  WHERE m.account_id = ? AND m.folder = ?
    AND (d.doc_id IS NULL OR NOT EXISTS (SELECT 1 FROM message_docs n INDEXED BY message_docs_folder_thread
      WHERE n.account_id = d.account_id AND n.folder = d.folder AND n.thread_id = d.thread_id AND n.doc_id > d.doc_id))`;

/** The page query of the heads (the EXPLAIN test reads it). */
export function headsSql(dir: MessageSort['dir']): string {
  const d = dir === 'asc' ? 'ASC' : 'DESC';
  return `SELECT m.uid, d.thread_id ${HEADS} ORDER BY m.date ${d}, m.uid ${d} LIMIT ? OFFSET ?`;
}

// Threads in the folder: distinct thread ids (a covering walk of message_docs_folder_thread) plus the messages not
// indexed yet (each is queued in search_pending until indexed: usually none).
const TOTAL = `SELECT
  (SELECT count(*) FROM (SELECT DISTINCT thread_id FROM message_docs WHERE account_id = ?1 AND folder = ?2))
  + (SELECT count(*) FROM search_pending p JOIN messages m ON m.account_id = p.account_id AND m.folder = p.folder
      AND m.uid = p.uid WHERE p.account_id = ?1 AND p.folder = ?2) AS n`;

// The walk above visits every message of the folder (about 15 ms per 100,000 on an idle machine): a folder's total is
// kept until the database changes (this connection's total_changes(), or another's, PRAGMA data_version), so scrolling
// and the pages after the first do not pay it again.
const totals = new WeakMap<Db, Map<string, { at: string; n: number }>>();

function threadTotal(db: Db, accountId: string, folder: string): number {
  const v = cached(db, 'SELECT total_changes() AS c').get() as { c: number };
  const dv = cached(db, 'PRAGMA data_version').get() as { data_version: number };
  const at = `${v.c}:${dv.data_version}`;
  let byFolder = totals.get(db);
  if (!byFolder) totals.set(db, (byFolder = new Map()));
  const key = `${accountId}\n${folder}`;
  const hit = byFolder.get(key);
  if (hit?.at === at) return hit.n;
  const n = (cached(db, TOTAL).get(accountId, folder) as { n: number }).n;
  byFolder.set(key, { at, n });
  return n;
}

// The page's threads, aggregated in one query each: in the folder, and elsewhere in the account.
const AGGREGATE = `SELECT d.thread_id AS thread_id, count(*) AS n, sum(m.seen = 0) AS unread,
    max(m.flagged) AS flagged, max(m.has_attachments) AS attachments, max(m.importance) AS importance
  FROM message_docs d INDEXED BY message_docs_folder_thread
  JOIN messages m ON m.account_id = d.account_id AND m.folder = d.folder AND m.uid = d.uid
  WHERE d.account_id = ? AND d.folder = ? AND d.thread_id IN (SELECT value FROM json_each(?))
  GROUP BY d.thread_id`;
const ELSEWHERE = `SELECT thread_id, count(*) AS n FROM message_docs
  WHERE thread_id IN (SELECT value FROM json_each(?)) AND account_id = ? AND folder <> ?
  GROUP BY thread_id`;

interface Head {
  uid: number;
  thread_id: number | null;
}
interface Aggregate {
  thread_id: number;
  n: number;
  unread: number;
  flagged: number;
  attachments: number;
  importance: number;
}

export function listThreads(
  db: Db,
  accountId: string,
  folder: string,
  offset: number,
  limit: number,
  dir: MessageSort['dir'] = 'desc',
): ThreadPage {
  const total = threadTotal(db, accountId, folder);
  const heads = cached(db, headsSql(dir)).all(accountId, folder, limit, offset) as unknown as Head[];
  if (heads.length === 0) return { total, offset, items: [] };
  const rows = cached(
    db,
    `SELECT ${SUMMARY_COLUMNS} FROM messages WHERE account_id = ? AND folder = ?
     AND uid IN (SELECT value FROM json_each(?))`,
  ).all(accountId, folder, JSON.stringify(heads.map((h) => h.uid))) as unknown as MessageRow[];
  const byUid = new Map(rows.map((r) => [r.uid, r]));
  const threadIds = JSON.stringify(heads.flatMap((h) => (h.thread_id === null ? [] : [h.thread_id])));
  const aggregates = new Map(
    (cached(db, AGGREGATE).all(accountId, folder, threadIds) as unknown as Aggregate[]).map((a) => [a.thread_id, a]),
  );
  const elsewhere = new Map(
    (cached(db, ELSEWHERE).all(threadIds, accountId, folder) as { thread_id: number; n: number }[]).map((e) => [
      e.thread_id,
      e.n,
    ]),
  );
  const items: ThreadRow[] = [];
  for (const h of heads) {
    const r = byUid.get(h.uid);
    if (!r) continue;
    const a = h.thread_id === null ? undefined : aggregates.get(h.thread_id);
    items.push({
      threadId: h.thread_id,
      latest: toSummary(r),
      count: a?.n ?? 1,
      unread: a?.unread ?? (r.seen === 0 ? 1 : 0),
      flagged: (a?.flagged ?? r.flagged) === 1,
      hasAttachments: (a?.attachments ?? r.has_attachments) === 1,
      importance: importanceFromValue(a?.importance ?? r.importance),
      elsewhere: h.thread_id === null ? 0 : (elsewhere.get(h.thread_id) ?? 0),
    });
  }
  return { total, offset, items };
}

/** The most UIDs one selection resolves to (as messages.uidsAt). */
const MAX_UIDS = 100_000;

/**
 * Every UID in the folder of the threads of a selection, for one action call on whole threads: `uids` are any
 * messages of the threads (a row's latest message), `ranges` index ranges of the thread list in `dir` order
 * (Ctrl+A, Shift+End over 100,000 rows). Messages not indexed yet stand for themselves.
 */
export function threadUids(
  db: Db,
  accountId: string,
  folder: string,
  sel: { uids?: readonly number[]; ranges?: readonly { from: number; to: number }[]; dir?: MessageSort['dir'] },
): number[] {
  // The whole list (Ctrl+A) is the whole folder: no walk of the thread heads.
  if (sel.ranges?.some((r) => r.from === 0 && r.to >= threadTotal(db, accountId, folder) - 1))
    return (
      cached(db, 'SELECT uid FROM messages WHERE account_id = ? AND folder = ? LIMIT ?').all(
        accountId,
        folder,
        MAX_UIDS,
      ) as { uid: number }[]
    ).map((r) => r.uid);
  const members = new Set<number>(sel.uids ?? []);
  const heads = cached(db, headsSql(sel.dir ?? 'desc'));
  for (const r of sel.ranges ?? []) {
    const limit = Math.min(r.to - r.from + 1, MAX_UIDS);
    for (const h of heads.all(accountId, folder, limit, r.from) as unknown as Head[]) members.add(h.uid);
  }
  if (members.size === 0) return [];
  const rows = cached(
    db,
    `SELECT s.value AS member, t.uid AS uid FROM json_each(?) s
     LEFT JOIN message_docs d ON d.account_id = ? AND d.folder = ? AND d.uid = s.value
     LEFT JOIN message_docs t INDEXED BY message_docs_folder_thread
       ON t.account_id = d.account_id AND t.folder = d.folder AND t.thread_id = d.thread_id`,
  ).all(JSON.stringify([...members]), accountId, folder) as { member: number; uid: number | null }[];
  const out = new Set<number>();
  for (const r of rows) {
    out.add(r.uid ?? r.member);
    if (out.size >= MAX_UIDS) break;
  }
  return [...out];
}
