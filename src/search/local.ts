// Search over the cache (docs/search.md). Text goes through the FTS5 index (ranked by bm25, newest first on ties);
// accounts and folders are tokens of the index's scope column; flags are columns of message_docs, joined by rowid;
// dates are rowid ranges (doc_id follows the date). Only the page's rows are read from messages.
import type { SearchHit, SearchPage, SpecialUse } from '../api/types.ts';
import { TcvError } from '../api/errors.ts';
import type { Db } from '../cache/db.ts';
import { cached } from '../cache/statements.ts';
import { toSummary, type MessageRow } from '../mail/queries.ts';
import { fold } from '../text/index.ts';
import { highlightRanges, snippet } from './highlight.ts';
import { docIdAt, scopeToken } from './indexer.ts';
import type { ParsedQuery, TextClause } from './query.ts';

const sql = cached;

export interface FolderRef {
  accountId: string;
  path: string;
  /** Headers have been synced at least once; otherwise the cache knows nothing of its messages. */
  synced: boolean;
}

// What a user may call a special folder in folder:, besides its path and name (renderer/i18n/vi.ts names).
const SPECIAL_NAMES: Record<string, SpecialUse> = {
  inbox: 'inbox',
  'hop thu den': 'inbox',
  'thu den': 'inbox',
  sent: 'sent',
  'thu da gui': 'sent',
  'da gui': 'sent',
  drafts: 'drafts',
  'thu nhap': 'drafts',
  trash: 'trash',
  'thung rac': 'trash',
  junk: 'junk',
  spam: 'junk',
  'thu rac': 'junk',
  archive: 'archive',
  'luu tru': 'archive',
};

interface FolderDbRow {
  account_id: string;
  path: string;
  name: string;
  special_use: SpecialUse;
  synced_at: string | null;
}

const key = (s: string) => fold(s).replace(/\s+/g, ' ').trim();

/**
 * The folders a search is limited to: the `folder` parameter (an exact path, as everywhere in the API) and every
 * folder:/in: of the query (path, name or special-folder name, folded; else a folder whose name starts with it).
 * null = no limit. A folder: value that names nothing is FOLDER_NOT_FOUND rather than an empty result.
 */
export function resolveFolders(
  db: Db,
  accountId: string | undefined,
  exactPath: string | undefined,
  names: readonly string[],
): FolderRef[] | null {
  if (exactPath === undefined && names.length === 0) return null;
  const all = (accountId
    ? sql(db, 'SELECT account_id, path, name, special_use, synced_at FROM folders WHERE account_id = ?').all(accountId)
    : sql(db, 'SELECT account_id, path, name, special_use, synced_at FROM folders').all()) as unknown as FolderDbRow[];
  let chosen = exactPath === undefined ? all : all.filter((f) => f.path === exactPath);
  if (names.length > 0) {
    const picked = new Set<FolderDbRow>();
    for (const n of names) {
      const k = key(n);
      const special = SPECIAL_NAMES[k];
      let hits = chosen.filter(
        (f) => key(f.path) === k || key(f.name) === k || (special !== undefined && f.special_use === special),
      );
      if (hits.length === 0) hits = chosen.filter((f) => key(f.name).startsWith(k) || key(f.path).startsWith(k));
      if (hits.length === 0) throw new TcvError('FOLDER_NOT_FOUND', `folder:${n}`);
      for (const h of hits) picked.add(h);
    }
    chosen = [...picked];
  }
  return chosen.map((f) => ({ accountId: f.account_id, path: f.path, synced: f.synced_at !== null }));
}

export interface LocalScope {
  accountId?: string | undefined;
  folders: FolderRef[] | null;
}

// bm25 weights per column (subject, sender, recipients, body, attachments): a word in the subject says more about
// what a letter is than the same word deep in its body.
const BM25 = 'bm25(search_fts, 10.0, 5.0, 3.0, 1.0, 4.0, 0.0)';
/**
 * How many of the newest matches are ranked by bm25. A query matching more than this is not selective (a word in
 * most letters); ranking every match would cost ~1 µs each, so the newest RANK_WINDOW are ranked and the rest follow
 * newest first. Paging stays consistent: ranked window first, then the older matches by date. docs/search.md.
 */
export const RANK_WINDOW = 1000;
const COLUMNS =
  'd.doc_id, m.account_id, m.folder, m.uid, m.message_id, m.subject, m.from_name, m.from_addr, m.to_json, m.date, ' +
  'm.size, m.seen, m.flagged, m.answered, m.has_attachments, m.importance, m.snippet, d.thread_id';
// Free words need no column filter (which would cost FTS5 a position-list check per hit): the scope column's "_s<id>"
// tokens cannot be produced by folded text (migrations.ts, search_fts).
const FTS_COLUMN: Record<TextClause['field'], string> = {
  any: '',
  subject: '{subject} : ',
  sender: '{sender} : ',
  recipients: '{recipients} : ',
};

const clauseExpression = (c: TextClause) => `${FTS_COLUMN[c.field]}"${c.tokens.join(' ')}"${c.prefix ? '*' : ''}`;

/** The FTS5 MATCH expression: every clause required; tokens are folded [\p{L}\p{N}\p{M}]+, so quoting is enough. */
export function matchExpression(clauses: readonly TextClause[]): string {
  return clauses.map(clauseExpression).join(' AND ');
}

/** The words a message must have: required clauses and OR groups (null when the query has none). */
function positiveExpression(q: ParsedQuery): string | null {
  const parts = [
    ...q.text.map(clauseExpression),
    ...q.alternatives.map((g) => `(${g.map(clauseExpression).join(' OR ')})`),
  ];
  return parts.length > 0 ? parts.join(' AND ') : null;
}

/** The clauses whose matches are emphasised in results: required and alternatives, never excluded ones. */
const shownClauses = (q: ParsedQuery): TextClause[] => [...q.text, ...q.alternatives.flat()];

/** Every account's scope token: the positive side of a query that only leaves words out ("-nháp"). */
function everyAccount(db: Db): string | false {
  const rows = sql(db, `SELECT id FROM search_scopes WHERE folder = ''`).all() as { id: number }[];
  return rows.length ? `{scope} : (${rows.map((r) => `"_s${r.id}"`).join(' OR ')})` : false;
}

/**
 * The scope of a search as an FTS5 expression over the scope column: null when it limits nothing (every folder of
 * the only account), false when no indexed message can be in it.
 */
function scopeExpression(db: Db, scope: LocalScope): string | null | false {
  let tokens: (string | null)[];
  if (scope.folders) tokens = scope.folders.map((f) => scopeToken(db, f.accountId, f.path, false));
  else if (scope.accountId) {
    const others = sql(db, 'SELECT 1 FROM search_scopes WHERE account_id <> ? LIMIT 1').get(scope.accountId);
    if (!others) return null;
    tokens = [scopeToken(db, scope.accountId, '', false)];
  } else return null;
  const present = tokens.filter((t): t is string => t !== null);
  if (present.length === 0) return false;
  return `{scope} : (${present.map((t) => `"${t}"`).join(' OR ')})`;
}

/** Flag and attachment conditions on message_docs d, as literals so the partial indexes apply. */
function docConditions(q: ParsedQuery): string[] {
  const out: string[] = [];
  if (q.unread !== null) out.push(q.unread ? 'd.seen = 0' : 'd.seen = 1');
  if (q.flagged !== null) out.push(q.flagged ? 'd.flagged = 1' : 'd.flagged = 0');
  if (q.hasAttachment !== null) out.push(q.hasAttachment ? 'd.has_attachments = 1' : 'd.has_attachments = 0');
  return out;
}

/** Dates as a rowid range (doc_id = seconds * 1024 + slot): FTS5 and the rowid B-tree skip straight to it. */
function dateConditions(q: ParsedQuery, rowid: string): { sql: string[]; args: number[] } {
  const sql: string[] = [];
  const args: number[] = [];
  if (q.after !== null) {
    sql.push(`${rowid} >= ?`);
    args.push(docIdAt(q.after));
  }
  if (q.before !== null) {
    sql.push(`${rowid} < ?`);
    args.push(docIdAt(q.before));
  }
  return { sql, args };
}

type HitRow = MessageRow & { doc_id: number; account_id: string; thread_id: number | null };

const ids = (rows: unknown[]) => (rows as { id: number }[]).map((r) => r.id);

export function localSearch(db: Db, q: ParsedQuery, scope: LocalScope, offset: number, limit: number): SearchPage {
  const page = (items: number[], total: number): SearchPage => ({
    total,
    offset,
    items: pageRows(db, items).map((r) => hit(db, r, shownClauses(q))),
    source: 'local',
  });
  const scopeExpr = scopeExpression(db, scope);
  if (scopeExpr === false) return page([], 0);
  const flags = docConditions(q);

  const positive = positiveExpression(q);
  if (positive === null && q.excluded.length === 0 && (flags.length > 0 || scopeExpr === null)) {
    // Conditions only, no folder to intersect: walk message_docs backwards by rowid (= date), through the
    // unread/flagged partial index when there is one.
    const dates = dateConditions(q, 'd.doc_id');
    const where = [...flags, ...dates.sql];
    const args: (string | number)[] = [...dates.args];
    // Unary + keeps SQLite off the (account_id, folder, uid) index, which would read a whole folder and sort it.
    if (scope.folders) {
      where.push(`(${scope.folders.map(() => '(+d.account_id = ? AND +d.folder = ?)').join(' OR ')})`);
      args.push(...scope.folders.flatMap((f) => [f.accountId, f.path]));
    } else if (scope.accountId) {
      where.push('+d.account_id = ?');
      args.push(scope.accountId);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const found = ids(
      sql(db, `SELECT d.doc_id AS id FROM message_docs d ${w} ORDER BY d.doc_id DESC LIMIT ? OFFSET ?`).all(
        ...args,
        limit,
        offset,
      ),
    );
    return page(found, (sql(db, `SELECT count(*) AS n FROM message_docs d ${w}`).get(...args) as { n: number }).n);
  }

  // FTS5 drives: the words and the folder scope are doclist intersections, dates a rowid range; only flag
  // conditions need message_docs, joined by rowid.
  // FTS5's NOT is binary ("a NOT b"): a query that only leaves words out takes its scope, or every account, as the
  // positive side.
  let match = [positive === null ? null : `(${positive})`, scopeExpr].filter((x) => x !== null).join(' AND ');
  if (q.excluded.length > 0) {
    const all = match || everyAccount(db);
    if (all === false) return page([], 0);
    match = `(${all}) NOT (${q.excluded.map(clauseExpression).join(' OR ')})`;
  }
  const dates = dateConditions(q, 'search_fts.rowid');
  const join = flags.length > 0 ? 'JOIN message_docs d ON d.doc_id = search_fts.rowid' : '';
  const from = `FROM search_fts ${join} WHERE ${['search_fts MATCH ?', ...dates.sql, ...flags].join(' AND ')}`;
  const args = [match, ...dates.args];
  const count = () => (sql(db, `SELECT count(*) AS n ${from}`).get(...args) as { n: number }).n;
  const newest = (n: number, skip: number) =>
    ids(
      sql(db, `SELECT search_fts.rowid AS id ${from} ORDER BY search_fts.rowid DESC LIMIT ? OFFSET ?`).all(
        ...args,
        n,
        skip,
      ),
    );
  if (positive === null) return page(newest(limit, offset), count());

  // bm25() is only callable while FTS5 drives the scan, so the window is materialised before it is sorted.
  const ranked = ids(
    sql(
      db,
      `WITH w AS MATERIALIZED (
           SELECT search_fts.rowid AS id, ${BM25} AS score ${from} ORDER BY search_fts.rowid DESC LIMIT ?
         )
         SELECT id FROM w ORDER BY score, id DESC`,
    ).all(...args, RANK_WINDOW),
  );
  const found = ranked.slice(offset, offset + limit);
  if (ranked.length < RANK_WINDOW) return page(found, ranked.length);
  if (found.length < limit && offset + limit > RANK_WINDOW)
    found.push(...newest(limit - found.length, RANK_WINDOW + Math.max(0, offset - RANK_WINDOW)));
  return page(found, count());
}

/** The page's rows, in the order of ids (one query for the page, not one per hit). */
function pageRows(db: Db, ids: readonly number[]): HitRow[] {
  if (ids.length === 0) return [];
  const rows = sql(
    db,
    `SELECT ${COLUMNS} FROM message_docs d
       JOIN messages m ON m.account_id = d.account_id AND m.folder = d.folder AND m.uid = d.uid
       WHERE d.doc_id IN (${ids.map(() => '?').join(',')})`,
  ).all(...ids) as unknown as HitRow[];
  const byId = new Map(rows.map((r) => [r.doc_id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

const SNIPPET_SOURCE_CHARS = 10_000;

function hit(db: Db, r: HitRow, clauses: readonly TextClause[]): SearchHit {
  const body = sql(
    db,
    'SELECT substr(text, 1, ?) AS text, attachments_json FROM bodies WHERE account_id = ? AND folder = ? AND uid = ?',
  ).get(SNIPPET_SOURCE_CHARS, r.account_id, r.folder, r.uid) as { text: string; attachments_json: string } | undefined;
  return { accountId: r.account_id, ...toSummary(r), highlights: highlights(r, clauses, body) };
}

export function highlights(
  r: { subject: string; from_name: string; from_addr: string },
  clauses: readonly TextClause[],
  body?: { text: string; attachments_json: string },
): SearchHit['highlights'] {
  const of = (...fields: TextClause['field'][]) => clauses.filter((c) => fields.includes(c.field));
  const anyText = of('any');
  const names = body ? (JSON.parse(body.attachments_json) as { filename?: string }[]) : [];
  return {
    subject: highlightRanges(r.subject, of('any', 'subject')),
    fromName: highlightRanges(r.from_name, of('any', 'sender')),
    fromAddress: highlightRanges(r.from_addr, of('any', 'sender')),
    snippet: body ? snippet(body.text, anyText) : null,
    attachments: names
      .map((a) => ({ filename: a.filename ?? '', ranges: highlightRanges(a.filename ?? '', anyText) }))
      .filter((a) => a.ranges.length > 0),
  };
}
