// Conversation threads (issue 3 "Threads"). A message joins the thread of any message it names or that names it
// (Message-ID, In-Reply-To, References: RFC 5322 §3.6.4), whatever the order they reach the cache in — sync runs newest
// first, so replies usually arrive before their parent. Without a usable reference, a message joins by subject, with
// the reply/forward prefixes of Vietnamese and English clients stripped ("TL: Re: Thư mời" and "Thư mời" match), but
// only if one side is a reply: two unrelated letters both titled "Giấy mời" stay apart. See docs/search.md.
import type { MessageSummary, ThreadDetail } from '../api/types.ts';
import { TcvError } from '../api/errors.ts';
import type { Db } from '../cache/db.ts';
import { statements } from '../cache/statements.ts';
import { fold } from '../text/index.ts';
import { hasPrefix, stripPrefixes } from './subject.ts';
import { SUMMARY_COLUMNS, toSummary, type MessageRow } from './queries.ts';

/** A reply without references joins a subject thread only if their dates are this close (a weekly "Báo cáo tuần"
 * reply thread must not swallow last year's). */
export const SUBJECT_WINDOW_MS = 60 * 24 * 3600 * 1000;
/** References can list a whole conversation; the root and the nearest ancestors are enough to connect it. */
const MAX_REFS = 30;

const MESSAGE_ID = /<[^<>\s]+>/g;

/** The message-ids in a header value, in order, without duplicates: "<a@x> (comment) <b@y>" → ["<a@x>", "<b@y>"]. */
export function parseMessageIds(value: string | null | undefined): string[] {
  if (!value) return [];
  return [...new Set(value.match(MESSAGE_ID) ?? [])];
}

/**
 * The References field of a raw header block as fetched with `headers: ['references']` (BODY.PEEK[HEADER.FIELDS
 * (REFERENCES)]): message-ids separated by one space, or null. Folded lines (RFC 5322 §2.2.3) are joined first.
 */
export function referencesFromHeaders(raw: Buffer | string | undefined): string | null {
  if (!raw) return null;
  const text = (typeof raw === 'string' ? raw : raw.toString('latin1')).replace(/\r?\n[ \t]+/g, ' ');
  const m = /^references:(.*)$/im.exec(text);
  const ids = parseMessageIds(m?.[1]);
  if (ids.length === 0) return null;
  // Keep the root and the nearest ancestors when a list is very long.
  const kept = ids.length > MAX_REFS ? [ids[0] as string, ...ids.slice(-(MAX_REFS - 1))] : ids;
  return kept.join(' ');
}

export interface BaseSubject {
  /** The subject without reply/forward prefixes, as written (for display). */
  base: string;
  /** fold(base) with white space collapsed: the subject fallback's key. */
  key: string;
  /** Whether any prefix was removed (the message presents itself as a reply or forward). */
  prefixed: boolean;
}

export function baseSubject(subject: string): BaseSubject {
  const base = stripPrefixes(subject);
  return { base, key: fold(base).replace(/\s+/g, ' ').trim(), prefixed: hasPrefix(subject) };
}

/** What threading needs to know about one message. */
export interface ThreadInput {
  docId: number;
  messageId: string | null;
  inReplyTo: string | null;
  refs: string | null;
  subject: string;
  date: number | null;
}

// The statements of threading, by name (prepared once per database: src/cache/statements.ts).
const SQL = {
  refLookup: 'SELECT thread_id FROM thread_refs WHERE account_id = ? AND message_id = ?',
  refInsert: `INSERT INTO thread_refs (account_id, message_id, thread_id) VALUES (?, ?, ?)
    ON CONFLICT (account_id, message_id) DO UPDATE SET thread_id = excluded.thread_id`,
  subjectLookup:
    'SELECT thread_id, date, awaits_original FROM thread_subjects WHERE account_id = ? AND subject_key = ?',
  subjectUpsert: `INSERT INTO thread_subjects (account_id, subject_key, thread_id, date, awaits_original)
    VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (account_id, subject_key) DO UPDATE SET thread_id = excluded.thread_id, date = excluded.date,
      awaits_original = excluded.awaits_original`,
  mergeDocs: 'UPDATE message_docs SET thread_id = ? WHERE thread_id = ?',
  mergeRefs: 'UPDATE thread_refs SET thread_id = ? WHERE thread_id = ?',
  mergeSubjects: 'UPDATE thread_subjects SET thread_id = ? WHERE thread_id = ?',
} as const;

interface SubjectRow {
  thread_id: number;
  date: number | null;
  awaits_original: number;
}

/**
 * The thread of a message being indexed, recording its message-ids and subject for the messages still to come.
 * Runs inside the indexing transaction; the caller stores the result in message_docs.thread_id.
 */
export function assignThread(db: Db, accountId: string, m: ThreadInput): number {
  const st = statements(db, SQL);
  const own = m.messageId ? parseMessageIds(m.messageId)[0] : undefined;
  const parents = [...new Set([...parseMessageIds(m.inReplyTo), ...parseMessageIds(m.refs)])].filter(
    (id) => id !== own,
  );
  const ids = own ? [own, ...parents] : parents;

  const found = new Set<number>();
  for (const id of ids) {
    const r = st.refLookup.get(accountId, id) as { thread_id: number } | undefined;
    if (r) found.add(r.thread_id);
  }

  const { key, prefixed } = baseSubject(m.subject);
  const replyish = prefixed || parents.length > 0;
  // A reply that names no parent can only ever be connected by subject.
  const orphanReply = prefixed && parents.length === 0;
  const subj = key ? (st.subjectLookup.get(accountId, key) as SubjectRow | undefined) : undefined;

  let thread: number;
  if (found.size > 0) {
    thread = Math.min(...found);
    // This message connects threads that looked separate (its parent and a sibling arrived first): merge them.
    for (const other of found) {
      if (other === thread) continue;
      st.mergeDocs.run(thread, other);
      st.mergeRefs.run(thread, other);
      st.mergeSubjects.run(thread, other);
    }
  } else if (
    subj &&
    (replyish || subj.awaits_original === 1) &&
    (m.date === null || subj.date === null || Math.abs(m.date - subj.date) <= SUBJECT_WINDOW_MS)
  ) {
    thread = subj.thread_id;
  } else {
    thread = m.docId;
  }

  for (const id of ids) st.refInsert.run(accountId, id, thread);
  if (key) {
    if (!subj) st.subjectUpsert.run(accountId, key, thread, m.date, orphanReply ? 1 : 0);
    else if (subj.thread_id === thread) {
      const date = m.date !== null && (subj.date === null || m.date > subj.date) ? m.date : subj.date;
      // A plain letter joining the thread is the awaited original.
      const awaits = (replyish ? subj.awaits_original === 1 || orphanReply : false) ? 1 : 0;
      // Sync runs newest first: most messages change nothing here, and skipping the write keeps sync fast.
      if (date !== subj.date || awaits !== subj.awaits_original)
        st.subjectUpsert.run(accountId, key, thread, date, awaits);
    } else if (m.date !== null && (subj.date === null || m.date > subj.date)) {
      // A newer conversation with the same subject takes the key over.
      st.subjectUpsert.run(accountId, key, thread, m.date, orphanReply ? 1 : 0);
    }
  }
  return thread;
}

/** The thread of one cached message, or null if it is not indexed yet. */
export function threadIdOf(db: Db, accountId: string, folder: string, uid: number): number | null {
  const r = db
    .prepare('SELECT thread_id FROM message_docs WHERE account_id = ? AND folder = ? AND uid = ?')
    .get(accountId, folder, uid) as { thread_id: number } | undefined;
  return r?.thread_id ?? null;
}

/** Every cached message of a thread, across folders (a reply filed in Sent belongs with the letter it answers). */
export function getThread(db: Db, accountId: string, threadId: number): ThreadDetail {
  const rows = db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM messages
       WHERE (account_id, folder, uid) IN (SELECT account_id, folder, uid FROM message_docs WHERE thread_id = ?)
         AND account_id = ?
       ORDER BY date, uid`,
    )
    .all(threadId, accountId) as unknown as MessageRow[];
  if (rows.length === 0) throw new TcvError('MESSAGE_NOT_FOUND', `thread ${threadId}`);
  const messages: MessageSummary[] = rows.map(toSummary);
  const first = messages[0] as MessageSummary;
  return {
    accountId,
    threadId,
    subject: baseSubject(first.subject).base,
    unread: messages.filter((x) => !x.seen).length,
    messages,
  };
}
