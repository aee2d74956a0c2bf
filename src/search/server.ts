// IMAP SEARCH (RFC 3501 §6.4.4, RFC 9051 §6.4.4) for a folder whose headers are not cached: issue 3 "Server-side SEARCH
// as a fallback". The same parsed query is mapped to search keys; matching is then the server's (substring, its own
// case and diacritic rules), and results come newest first by UID, unranked. Nothing is written to the cache.
import type { FetchMessageObject, ImapFlow, SearchObject } from 'imapflow';
import type { SearchPage } from '../api/types.ts';
import { hasAttachment, headerRow } from '../mail/headers.ts';
import { IMPORTANCE_HEADERS } from '../mail/importance.ts';
import { toSummary } from '../mail/queries.ts';
import { toSequenceSet } from '../mail/uidset.ts';
import { highlights } from './local.ts';
import type { ParsedQuery, TextClause } from './query.ts';

function clauseKey(c: TextClause): SearchObject {
  switch (c.field) {
    case 'any':
      return { text: c.raw };
    case 'subject':
      return { subject: c.raw };
    case 'sender':
      return { from: c.raw };
    case 'recipients':
      return { or: [{ to: c.raw }, { cc: c.raw }] };
    default:
      return c.field satisfies never;
  }
}

/**
 * A local-midnight bound as IMAP wants it. With WITHIN (RFC 5032) imapflow sends OLDER/YOUNGER in seconds, so the
 * exact instant is right; without it imapflow sends the UTC calendar date, so give it the local date at 00:00 UTC.
 */
function dateKey(client: ImapFlow, t: number): Date {
  if (client.capabilities.has('WITHIN')) return new Date(t);
  const d = new Date(t);
  return new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
}

export async function serverSearch(
  client: ImapFlow,
  accountId: string,
  folder: string,
  q: ParsedQuery,
  offset: number,
  limit: number,
): Promise<SearchPage> {
  const base: SearchObject = {};
  if (q.unread !== null) base.seen = !q.unread;
  if (q.flagged !== null) base.flagged = q.flagged;
  if (q.after !== null) base.since = dateKey(client, q.after);
  if (q.before !== null) base.before = dateKey(client, q.before);

  const lock = await client.getMailboxLock(folder);
  try {
    // One SEARCH per text clause, OR group and excluded clause, intersected: imapflow's query object cannot repeat a
    // key (TEXT a TEXT b). An OR group is one SEARCH with OR keys, an excluded clause one with NOT (RFC 3501 §6.4.4).
    const searches: SearchObject[] = [
      ...q.text.map((c) => ({ ...base, ...clauseKey(c) })),
      ...q.alternatives.map((g) => ({ ...base, or: g.map(clauseKey) })),
      ...q.excluded.map((c) => ({ ...base, not: clauseKey(c) })),
    ];
    if (searches.length === 0) searches.push({ all: true, ...base });
    let uids: number[] | null = null;
    for (const s of searches) {
      const found = (await client.search(s, { uid: true })) || [];
      const keep: Set<number> | null = uids ? new Set<number>(uids) : null;
      uids = keep ? found.filter((u) => keep.has(u)) : found;
      if (uids.length === 0) break;
    }
    let matched = uids ?? [];
    if (q.hasAttachment !== null && matched.length > 0) {
      // No standard search key for "has an attachment": decide from BODYSTRUCTURE, as sync does.
      const withFiles = new Set<number>();
      for await (const m of client.fetch(toSequenceSet(matched), { uid: true, bodyStructure: true }, { uid: true }))
        if (hasAttachment(m.bodyStructure)) withFiles.add(m.uid);
      matched = matched.filter((u) => withFiles.has(u) === q.hasAttachment);
    }
    matched.sort((a, b) => b - a);
    const page = matched.slice(offset, offset + limit);
    const fetched = new Map<number, FetchMessageObject>();
    if (page.length > 0) {
      const query = {
        uid: true,
        flags: true,
        envelope: true,
        size: true,
        internalDate: true,
        bodyStructure: true,
        headers: [...IMPORTANCE_HEADERS],
      };
      for await (const m of client.fetch(toSequenceSet(page), query, { uid: true })) fetched.set(m.uid, m);
    }
    const items = page.flatMap((uid) => {
      const m = fetched.get(uid);
      if (!m) return [];
      const h = headerRow(m);
      const row = {
        folder,
        uid,
        message_id: h.messageId,
        subject: h.subject,
        from_name: h.fromName,
        from_addr: h.fromAddr,
        to_json: h.toJson,
        date: h.date,
        size: h.size,
        seen: h.seen,
        flagged: h.flagged,
        answered: h.answered,
        has_attachments: h.hasAttachments,
        importance: h.importance ?? 0,
      };
      return [{ accountId, ...toSummary(row), highlights: highlights(row, [...q.text, ...q.alternatives.flat()]) }];
    });
    return { total: matched.length, offset, items, source: 'server' };
  } finally {
    lock.release();
  }
}
