// contacts.suggest (docs/compose.md "Recipients"): what a recipient field offers for the text typed so far.
//
// - Recent correspondents come from the cache's `correspondents` table (migration 12: kept by triggers on the cache's
//   own writes, counting messages in Sent to an address and messages from it the user answered). One indexed query
//   per call (newest first, bounded), then matched in memory on the one fold (src/shared/fold.ts), so "nguyen van a"
//   finds "Nguyễn Văn A". Ranked by frequency with recency decay (an address written to daily last month ranks below
//   one written to weekly now).
// - Directory entries and groups come from the directory's own search (src/directory/search.ts: names, aliases,
//   abbreviations, so "stc" finds Sở Tài chính), active entries with an address only: a withdrawn mailbox is not
//   written to (QĐ 50/2009 Điều 5).
import type { Db } from '../cache/db.ts';
import type { ContactSuggestion, RecentSuggestion } from '../api/types-contacts.ts';
import type { DirectoryIndex } from '../directory/search.ts';
import { fold, foldTokens } from '../shared/fold.ts';

/** How many of the newest correspondents a query looks at: a civil servant's correspondents are hundreds. */
export const RECENT_SCAN_LIMIT = 5000;
/** Half-life of a correspondent's weight, in days. */
const HALF_LIFE_DAYS = 30;
/** At most this many groups in one list: they are few, and a long list of them hides people. */
const MAX_GROUPS = 3;

interface CorrespondentRow {
  address: string;
  name: string;
  sent: number;
  replied: number;
  last_at: number;
}

/** Every query token is the start of a different word of the name or address, or the query starts the address or
 * the name's initials ("nva" for Nguyễn Văn An). */
export function matchesContact(queryFolded: string, queryTokens: readonly string[], name: string, address: string) {
  if (queryTokens.length === 0) return false;
  const addr = address.toLowerCase();
  if (addr.startsWith(queryFolded.replace(/\s+/g, ''))) return true;
  const words = [...foldTokens(name), ...foldTokens(addr)];
  const used = new Set<number>();
  const all = queryTokens.every((q) => {
    const i = words.findIndex((w, k) => !used.has(k) && w.startsWith(q));
    if (i < 0) return false;
    used.add(i);
    return true;
  });
  if (all) return true;
  const initials = foldTokens(name)
    .map((w) => w[0])
    .join('');
  return queryTokens.length === 1 && initials.length >= 2 && initials.startsWith(queryTokens[0] as string);
}

/** Frequency with recency decay: answering counts double (it was a conversation), halves every HALF_LIFE_DAYS. */
export function correspondentWeight(r: { sent: number; replied: number; lastAt: number }, now: number): number {
  const ageDays = Math.max(0, now - r.lastAt) / 86_400_000;
  return (r.sent + 2 * r.replied) * Math.pow(0.5, ageDays / HALF_LIFE_DAYS);
}

export function recentCorrespondents(
  db: Db,
  accountId: string | undefined,
  query: string,
  limit: number,
  now = Date.now(),
): RecentSuggestion[] {
  const q = fold(query).trim();
  const tokens = foldTokens(query);
  if (!q) return [];
  const rows = (accountId
    ? db
        .prepare(
          `SELECT address, name, sent, replied, last_at FROM correspondents WHERE account_id = ?
             ORDER BY last_at DESC LIMIT ${RECENT_SCAN_LIMIT}`,
        )
        .all(accountId)
    : db
        .prepare(
          `SELECT address, max(name) AS name, sum(sent) AS sent, sum(replied) AS replied, max(last_at) AS last_at
             FROM correspondents GROUP BY address ORDER BY last_at DESC LIMIT ${RECENT_SCAN_LIMIT}`,
        )
        .all()) as unknown as CorrespondentRow[];
  const out: Array<RecentSuggestion & { weight: number }> = [];
  for (const r of rows) {
    if (!matchesContact(q, tokens, r.name, r.address)) continue;
    const s = { sent: r.sent, replied: r.replied, lastAt: r.last_at };
    out.push({ kind: 'recent', name: r.name, address: r.address, ...s, weight: correspondentWeight(s, now) });
  }
  out.sort((a, b) => b.weight - a.weight || b.lastAt - a.lastAt || a.address.localeCompare(b.address));
  return out.slice(0, limit).map(({ weight: _w, ...s }) => s);
}

export function suggestContacts(
  db: Db,
  directory: DirectoryIndex,
  params: { accountId?: string; query: string; limit: number },
  now = Date.now(),
): ContactSuggestion[] {
  const { query, limit } = params;
  if (!fold(query).trim()) return [];
  const recent = recentCorrespondents(db, params.accountId, query, Math.ceil(limit / 2), now);
  const seen = new Set(recent.map((r) => r.address.toLowerCase()));
  const found = directory.search(query, { limit, includeHistorical: false });
  const groups: ContactSuggestion[] = found.groups.slice(0, MAX_GROUPS).map((g) => ({
    kind: 'group',
    id: g.group.id,
    name: g.group.name,
    members: g.members,
  }));
  const people: ContactSuggestion[] = [];
  for (const h of found.hits) {
    const e = h.entry;
    if (e.status !== 'active' || !e.address || seen.has(e.address.toLowerCase())) continue;
    seen.add(e.address.toLowerCase());
    people.push({ kind: 'directory', id: e.id, entryKind: e.kind, name: e.name, address: e.address, title: e.title });
  }
  // Groups keep their places at the end even when people fill the list.
  const room = Math.max(0, limit - recent.length - groups.length);
  return [...recent, ...people.slice(0, room), ...groups].slice(0, limit);
}
