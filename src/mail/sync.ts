// Header sync of one folder. The cache must equal the server (UID set, flags, keywords) after every run; docs/sync.md
// explains each path and why it is correct.
//
// State kept per folder (folders row): UIDVALIDITY, and — only once the cache holds every message below it — UIDNEXT
// and HIGHESTMODSEQ. Those two are the "sync point": they are written last, in the same statement that marks the sync
// done, so a crash or a dropped connection at any moment leaves either the previous sync point (the next run redoes
// the delta, every step is idempotent) or none (the next run reconciles by UID set, keeping what was committed).
//
// With a sync point the run is incremental, by the best the server offers:
//  - QRESYNC (RFC 7162 §3.2.5): SELECT ... (QRESYNC (uidvalidity modseq)) answers with VANISHED (EARLIER) for expunged
//    UIDs and FETCH for changed flags in the same round trip; nothing changed = one round trip.
//  - CONDSTORE (RFC 7162 §3.1): UID FETCH ... (FLAGS) (CHANGEDSINCE modseq) for flags; expunges by counting (the
//    cached UIDs below UIDNEXT plus the new ones must equal EXISTS) and, only when the count says so, UID SEARCH.
//  - neither (RFC 4549 §4.3.1): UID FETCH 1:UIDNEXT-1 (FLAGS) gives every flag and, by omission, every expunge.
// New messages are those from the old UIDNEXT on (UIDs only grow, RFC 3501 §2.3.1.1). UIDVALIDITY change → the
// folder's cache is dropped and rebuilt. Whatever the path, a final count check against EXISTS falls back to the full
// reconcile if the cache and the server disagree, so a server bug or a missed notification cannot leave it wrong.
import type { FetchMessageObject, FetchQueryObject, ImapFlow, ListResponse, MailboxObject } from 'imapflow';
import type { SpecialUse, SyncMode, SyncResult } from '../api/types.ts';
import { TcvError } from '../api/errors.ts';
import { transaction, type Db } from '../cache/db.ts';
import { flagColumns, headerRow, type FlagColumns, type HeaderRow } from './headers.ts';
import { IMPORTANCE_HEADERS } from './importance.ts';
import { senderSortKey, subjectSortKey } from './sortKeys.ts';
import { toSequenceSet } from './uidset.ts';
import { INLINE_MAX, indexHeaders } from '../search/index.ts';
import { beforeSync, folderIntent, localIntent } from '../actions/intent.ts';

/** Headers per FETCH and per transaction: big enough that round trips do not matter, small enough to show progress. */
export const HEADER_BATCH = 1000;
/** Header batches per FETCH command after the first (see fetchHeaders). */
const FETCH_SPAN = 10;
/** UIDs per flags-only FETCH in the paths that read every flag. */
const FLAG_CHUNK = 20_000;

export const HEADER_QUERY: FetchQueryObject = {
  uid: true,
  flags: true,
  envelope: true,
  size: true,
  internalDate: true,
  bodyStructure: true,
  // References (RFC 5322 §3.6.4) is not in the envelope; the thread index needs it (src/mail/threads.ts). The
  // importance fields ride in the same BODY.PEEK[HEADER.FIELDS (...)] item: a few bytes more per message, no extra
  // item or round trip (src/mail/importance.ts; docs/sync.md "Importance and snippet").
  headers: ['references', ...IMPORTANCE_HEADERS],
};

const SPECIAL_USE: Record<string, SpecialUse> = {
  '\\Inbox': 'inbox',
  '\\Sent': 'sent',
  '\\Drafts': 'drafts',
  '\\Trash': 'trash',
  '\\Junk': 'junk',
  '\\Archive': 'archive',
  '\\All': 'all',
  '\\Flagged': 'flagged',
};

/** What LIST-STATUS (RFC 5819) said about a folder, kept to skip folders that did not change. */
export interface ListedFolder {
  path: string;
  specialUse: SpecialUse;
  subscribed: boolean;
  shared: boolean;
  messages: number | null;
  uidNext: number | null;
  uidValidity: string | null;
  highestModseq: string | null;
}

/** Refreshes the folder list (LIST with STATUS in one round trip) and returns what the server said. */
export async function refreshFolderList(
  client: ImapFlow,
  db: Db,
  accountId: string,
  opts: { onRemoved?: (paths: string[]) => void } = {},
): Promise<ListedFolder[]> {
  // Queued folder actions go to the server first; those still queued keep their local effect (src/actions/intent.ts).
  await beforeSync(db, accountId);
  const intent = folderIntent(db, accountId);
  const list: ListResponse[] = await client.list({
    statusQuery: { messages: true, unseen: true, uidNext: true, uidValidity: true, highestModseq: true },
  });
  const out: ListedFolder[] = [];
  const removed: string[] = [];
  transaction(db, () => {
    const upsert = db.prepare(
      `INSERT INTO folders (account_id, path, name, delimiter, special_use, subscribed, server_total, server_unread)
       VALUES (?,?,?,?,?,?,?,?)
       ON CONFLICT (account_id, path) DO UPDATE SET name = excluded.name, delimiter = excluded.delimiter,
         special_use = excluded.special_use, subscribed = excluded.subscribed,
         -- Once a folder is synced its counts are the cache's, written by syncFolder (and used by its count check).
         server_total = CASE WHEN folders.synced_at IS NULL THEN excluded.server_total ELSE folders.server_total END,
         server_unread = CASE WHEN folders.synced_at IS NULL THEN excluded.server_unread ELSE folders.server_unread END`,
    );
    for (const f of list) {
      if (f.flags?.has('\\Noselect') || f.flags?.has('\\NonExistent') || intent.hidden.has(f.path)) continue;
      const special = f.path.toUpperCase() === 'INBOX' ? 'inbox' : (SPECIAL_USE[f.specialUse ?? ''] ?? null);
      upsert.run(
        accountId,
        f.path,
        f.name.normalize('NFC'),
        f.delimiter ?? '/',
        special,
        f.subscribed ? 1 : 0,
        f.status?.messages ?? 0,
        f.status?.unseen ?? 0,
      );
      out.push({
        path: f.path,
        specialUse: special,
        subscribed: Boolean(f.subscribed),
        // Dovecot, Cyrus and Zimbra put other users' mailboxes (a delegated unit mailbox) in a namespace of type
        // "shared" (RFC 2342); imapflow does not say which namespace a path is in, so the listing's prefix tells.
        shared: isSharedPath(client, f.path),
        messages: f.status?.messages ?? null,
        uidNext: f.status?.uidNext ?? null,
        uidValidity: f.status?.uidValidity !== undefined ? String(f.status.uidValidity) : null,
        highestModseq: f.status?.highestModseq !== undefined ? String(f.status.highestModseq) : null,
      });
    }
    const seen = new Set(out.map((f) => f.path));
    const known = db.prepare('SELECT path FROM folders WHERE account_id = ?').all(accountId) as { path: string }[];
    const del = db.prepare('DELETE FROM folders WHERE account_id = ? AND path = ?');
    for (const { path } of known) {
      if (seen.has(path) || intent.keep.has(path)) continue;
      del.run(accountId, path);
      removed.push(path);
    }
  });
  if (removed.length) opts.onRemoved?.(removed);
  return out;
}

type Namespace = { prefix?: string }[] | false | undefined;

function isSharedPath(client: ImapFlow, path: string): boolean {
  // RFC 2342: other users' mailboxes are in the "other users" namespace (Dovecot puts a delegated unit mailbox
  // there, shared/<owner>/...), mailboxes shared by the server in the "shared" one.
  const ns = (client as unknown as { namespaces?: { other?: Namespace; shared?: Namespace } }).namespaces;
  const prefixes = [...(ns?.other || []), ...(ns?.shared || [])].map((n) => n.prefix ?? '').filter(Boolean);
  if (prefixes.length) return prefixes.some((p) => path.startsWith(p));
  return /^shared[./]/i.test(path);
}

/** The folder list only, for callers that do not sync (kept for the send path and folders.list). */
export async function syncFolderList(client: ImapFlow, db: Db, accountId: string): Promise<number> {
  return (await refreshFolderList(client, db, accountId)).length;
}

interface FolderState {
  uidvalidity: string | null;
  uidnext: number | null;
  highest_modseq: string | null;
  synced_at: string | null;
  /** Messages cached at the end of the last sync (its count check made it equal to the server's EXISTS). */
  server_total: number;
}

export function folderState(db: Db, accountId: string, path: string): FolderState | undefined {
  return db
    .prepare(
      `SELECT uidvalidity, uidnext, highest_modseq, synced_at, server_total FROM folders
       WHERE account_id = ? AND path = ?`,
    )
    .get(accountId, path) as FolderState | undefined;
}

function cachedCount(db: Db, accountId: string, path: string): number {
  return (
    db.prepare('SELECT count(*) AS n FROM messages WHERE account_id = ? AND folder = ?').get(accountId, path) as {
      n: number;
    }
  ).n;
}

/**
 * True when LIST-STATUS proves the folder has not changed since its sync point: same UIDVALIDITY, UIDNEXT and
 * HIGHESTMODSEQ, and as many messages as cached. Without HIGHESTMODSEQ (no CONDSTORE) flag changes are invisible to
 * STATUS, so the folder is never skipped.
 */
export function unchangedSinceSync(db: Db, accountId: string, f: ListedFolder): boolean {
  const s = folderState(db, accountId, f.path);
  if (!s || s.uidnext === null || s.synced_at === null || s.highest_modseq === null) return false;
  if (f.highestModseq === null || f.uidNext === null || f.uidValidity === null || f.messages === null) return false;
  return (
    s.uidvalidity === f.uidValidity &&
    s.uidnext === f.uidNext &&
    s.highest_modseq === f.highestModseq &&
    // The count the last sync verified (not a count of rows: that is ~10 ms per 100,000 cached messages).
    s.server_total === f.messages
  );
}

export interface SyncFolderOptions {
  /** New headers fetched so far, of how many (fires per batch). */
  onProgress?: (done: number, total: number) => void;
  /** Checked between batches: an aborted sync stops at a batch boundary with everything before it committed. */
  signal?: AbortSignal;
  /** Cached bodies of these UIDs (or of the whole folder) went away: their attachment files can be removed. */
  onBodiesRemoved?: (uids: number[] | 'all', uidValidity: string | null) => void;
  /** Rows committed per header batch (tests and the benchmark vary it). */
  batchSize?: number;
  /**
   * Index new headers for search in their batch's transaction (true), or leave them queued in search_pending (the
   * insert trigger does that) for the background index pass (false; the header sync then takes about half the time:
   * docs/sync.md "Benchmark"). 'auto' (default): inline when the run fetches at most INLINE_MAX headers (new mail,
   * an incremental sync), queued when it fetches more (an initial sync).
   */
  indexDuringSync?: boolean | 'auto';
}

export interface FolderSyncResult extends SyncResult {
  mode: SyncMode;
  /** This folder had a sync point before the run: new UIDs are really new mail (mail.new), not a first download. */
  incremental: boolean;
  /** UIDs added by this run, newest first. */
  newUids: number[];
}

interface FlagChange {
  uid: number;
  flags: Set<string>;
}

/**
 * Collects what the server reports about `path` without being asked: VANISHED / EXPUNGE and FETCH FLAGS, during the
 * QRESYNC SELECT (RFC 7162 §3.2.5.1) and during the rest of the run.
 */
class ChangeCollector {
  vanished = new Set<number>();
  flags = new Map<number, Set<string>>();
  liveVanished = 0;
  expungeSeen = false;
  private readonly client: ImapFlow;
  private readonly path: string;
  private readonly onExpunge = (e: { path: string; uid?: number; vanished: boolean; earlier?: boolean }) => {
    if (e.path !== this.path) return;
    this.expungeSeen = true;
    if (e.vanished && e.uid !== undefined) {
      this.vanished.add(e.uid);
      this.flags.delete(e.uid);
      if (!e.earlier) this.liveVanished++;
    }
  };
  private readonly onFlags = (e: { path: string; uid?: number; flags: Set<string> }) => {
    if (e.path === this.path && e.uid !== undefined) this.flags.set(e.uid, e.flags);
  };

  constructor(client: ImapFlow, path: string) {
    this.client = client;
    this.path = path;
    client.on('expunge', this.onExpunge);
    client.on('flags', this.onFlags);
  }

  reset(): void {
    this.vanished.clear();
    this.flags.clear();
    this.liveVanished = 0;
    this.expungeSeen = false;
  }

  dispose(): void {
    this.client.off('expunge', this.onExpunge);
    this.client.off('flags', this.onFlags);
  }
}

interface Ctx {
  client: ImapFlow;
  db: Db;
  accountId: string;
  path: string;
  opts: SyncFolderOptions;
  uidValidity: string;
}

export async function syncFolder(
  client: ImapFlow,
  db: Db,
  accountId: string,
  path: string,
  opts: SyncFolderOptions = {},
): Promise<FolderSyncResult> {
  const started = performance.now();
  // Queued actions go to the server first, so this sync reads a server that has them (src/actions/intent.ts).
  await beforeSync(db, accountId);
  const state = folderState(db, accountId, path);
  if (!state) throw new TcvError('FOLDER_NOT_FOUND', `${accountId} ${path}`);
  const hasPoint = state.uidvalidity !== null && state.uidnext !== null && state.synced_at !== null;
  const qresyncParams =
    hasPoint && client.enabled.has('QRESYNC') && state.highest_modseq !== null && state.highest_modseq !== '0'
      ? { changedSince: BigInt(state.highest_modseq), uidValidity: BigInt(state.uidvalidity as string) }
      : {};
  const wantQresync = 'changedSince' in qresyncParams;

  // The cheapest proof that nothing changed (RFC 7162 §3.1.2.3: any flag change or expunge moves HIGHESTMODSEQ, any
  // arrival UIDNEXT): STATUS, one round trip of a few ms, where a SELECT of a 100,000-message mailbox costs Dovecot
  // 80–300 ms. Not on the mailbox this session has selected (RFC 3501 §6.3.10: STATUS SHOULD NOT be used there).
  if (hasPoint && hasCondstore(client) && state.highest_modseq !== null) {
    const selected = client.mailbox && client.mailbox.path === path;
    // A refused STATUS (the folder is gone, say) proves nothing: the SELECT below finds out what it is.
    const st = selected
      ? false
      : await client
          .status(path, { messages: true, uidNext: true, uidValidity: true, highestModseq: true })
          .catch(() => false as const);
    if (
      st &&
      st.uidValidity !== undefined &&
      String(st.uidValidity) === state.uidvalidity &&
      st.uidNext === state.uidnext &&
      st.messages === state.server_total &&
      st.highestModseq !== undefined &&
      String(st.highestModseq) === state.highest_modseq
    ) {
      db.prepare('UPDATE folders SET synced_at = ? WHERE account_id = ? AND path = ?').run(
        new Date().toISOString(),
        accountId,
        path,
      );
      return {
        ...{ folders: 1, folder: path, total: state.server_total, added: 0, removed: 0, flagsChanged: 0 },
        uidValidityReset: false,
        ms: Math.round(performance.now() - started),
        mode: 'unchanged',
        incremental: true,
        newUids: [],
      };
    }
  }

  const collector = new ChangeCollector(client, path);
  try {
    const before = client.mailbox || null;
    const lock = await client.getMailboxLock(path, qresyncParams);
    try {
      let mb = client.mailbox as MailboxObject & { qresync?: boolean };
      // A mailbox that was already open on this session (our previous run, or another caller's) is selected again:
      // its UIDNEXT and HIGHESTMODSEQ are as of that older SELECT. It also makes the server send QRESYNC's changes,
      // which getMailboxLock() asks for only when it selects (RFC 7162 §3.2.5 allows a SELECT of the open mailbox;
      // the server closes it first). Either way this is the run's one SELECT.
      if (mb === before || (wantQresync && mb.qresync === undefined)) {
        collector.reset();
        mb = (await client.mailboxOpen(path, qresyncParams)) as typeof mb;
      }
      const at = {
        uidValidity: String(mb.uidValidity),
        uidNext: mb.uidNext,
        exists: mb.exists,
        // Only a server that advertises CONDSTORE may be asked CHANGEDSINCE (RFC 7162 §3.1); Dovecot reports
        // HIGHESTMODSEQ on SELECT even with CONDSTORE hidden from its capability list, as a Zimbra would not.
        modseq:
          mb.highestModseq !== undefined && !mb.noModseq && hasCondstore(client) ? String(mb.highestModseq) : null,
      };
      const ctx: Ctx = { client, db, accountId, path, opts, uidValidity: at.uidValidity };

      const reset = state.uidvalidity !== null && state.uidvalidity !== at.uidValidity;
      if (reset) {
        // RFC 3501 §2.3.1.1: a new UIDVALIDITY means every cached UID is meaningless.
        transaction(db, () => {
          db.prepare('DELETE FROM messages WHERE account_id = ? AND folder = ?').run(accountId, path);
          db.prepare(
            `UPDATE folders SET uidvalidity = ?, uidnext = NULL, highest_modseq = NULL, synced_at = NULL
             WHERE account_id = ? AND path = ?`,
          ).run(at.uidValidity, accountId, path);
        });
        opts.onBodiesRemoved?.('all', state.uidvalidity);
      } else if (state.uidvalidity === null) {
        // Recorded before the first row, so a reset that happens while an interrupted first sync waits is noticed.
        db.prepare('UPDATE folders SET uidvalidity = ? WHERE account_id = ? AND path = ?').run(
          at.uidValidity,
          accountId,
          path,
        );
      }

      const incremental = hasPoint && !reset;
      const oldNext = state.uidnext ?? 1;
      // Same UIDNEXT and as many messages as the last sync left cached: with nothing reported changed either, the
      // folder is as it was and the run needs no counting (each count is ~10 ms over 100,000 cached rows).
      const sameShape = incremental && at.uidNext === oldNext && at.exists === state.server_total;
      let mode: SyncMode;
      let r: Delta;
      if (!incremental) {
        mode = 'full';
        r = await fullSync(ctx, at.uidNext);
      } else if (mb.qresync === true) {
        mode = 'qresync';
        r = await qresyncDelta(ctx, collector, oldNext, at.uidNext);
      } else if (at.modseq !== null && state.highest_modseq !== null) {
        mode = 'condstore';
        r = await condstoreDelta(ctx, collector, oldNext, at, state.highest_modseq, sameShape);
      } else {
        mode = 'uidrange';
        r = await uidRangeDelta(ctx, oldNext, at.uidNext);
      }
      if (mode !== 'full' && r.unchanged) mode = 'unchanged';

      const quiet = mode === 'unchanged' && sameShape && !collector.expungeSeen;
      if (quiet) {
        db.prepare('UPDATE folders SET highest_modseq = ?, synced_at = ? WHERE account_id = ? AND path = ?').run(
          at.modseq,
          new Date().toISOString(),
          accountId,
          path,
        );
        await unselect(client);
        return {
          ...{ folders: 1, folder: path, total: state.server_total, added: 0, removed: 0, flagsChanged: 0 },
          uidValidityReset: false,
          ms: Math.round(performance.now() - started),
          mode,
          incremental,
          newUids: [],
        };
      }

      // The count check: every message below the new sync point is cached, none more. EXISTS is as of the SELECT,
      // less the expunges announced since (VANISHED without EARLIER, RFC 7162 §3.2.10).
      const expected = at.exists - collector.liveVanished;
      if (mode !== 'full' && countBelow(db, accountId, path, at.uidNext) !== expected) {
        const again = await fullSync(ctx, at.uidNext);
        r = {
          added: [...r.added, ...again.added],
          removed: r.removed + again.removed,
          flagsChanged: r.flagsChanged + again.flagsChanged,
          unchanged: false,
        };
        mode = 'full';
      }

      const total = cachedCount(db, accountId, path);
      db.prepare(
        `UPDATE folders SET uidvalidity = ?, uidnext = ?, highest_modseq = ?, synced_at = ?, server_total = ?,
           server_unread = (SELECT count(*) FROM messages WHERE account_id = ? AND folder = ? AND seen = 0)
         WHERE account_id = ? AND path = ?`,
      ).run(at.uidValidity, at.uidNext, at.modseq, new Date().toISOString(), total, accountId, path, accountId, path);
      await unselect(client);
      return {
        folders: 1,
        folder: path,
        total,
        added: r.added.length,
        removed: r.removed,
        flagsChanged: r.flagsChanged,
        uidValidityReset: reset,
        ms: Math.round(performance.now() - started),
        mode,
        incremental,
        newUids: r.added,
      };
    } finally {
      lock.release();
    }
  } catch (err) {
    // imapflow checks a refused SELECT with LIST: the folder is gone (deleted or renamed elsewhere). Its cache goes.
    if ((err as { mailboxMissing?: boolean }).mailboxMissing) {
      db.prepare('DELETE FROM folders WHERE account_id = ? AND path = ?').run(accountId, path);
      opts.onBodiesRemoved?.('all', null);
      throw new TcvError('FOLDER_NOT_FOUND', `${accountId} ${path}: no longer on the server`, { cause: err });
    }
    throw err;
  } finally {
    collector.dispose();
  }
}

/**
 * Leaves the mailbox (UNSELECT, RFC 3691: unlike CLOSE it expunges nothing), so that the next sync of it can ask
 * STATUS first. imapflow's public mailboxClose() sends CLOSE; its CLOSE command takes an `unselect` option that is
 * not in its typings (imapflow 2.10; test/sync/engine.test.ts counts the round trips this saves).
 */
async function unselect(client: ImapFlow): Promise<void> {
  if (!client.capabilities.has('UNSELECT') || !client.mailbox) return;
  const run = (client as unknown as { run(cmd: string, opts: { unselect: boolean }): Promise<unknown> }).run;
  await run.call(client, 'CLOSE', { unselect: true });
}

function hasCondstore(client: ImapFlow): boolean {
  return client.capabilities.has('CONDSTORE') || client.capabilities.has('QRESYNC');
}

interface Delta {
  added: number[];
  removed: number;
  flagsChanged: number;
  unchanged: boolean;
}

function countBelow(db: Db, accountId: string, path: string, uidNext: number): number {
  return (
    db
      .prepare('SELECT count(*) AS n FROM messages WHERE account_id = ? AND folder = ? AND uid < ?')
      .get(accountId, path, uidNext) as { n: number }
  ).n;
}

function cachedUids(db: Db, accountId: string, path: string, from = 1, below = 2 ** 32): number[] {
  return (
    db
      .prepare('SELECT uid FROM messages WHERE account_id = ? AND folder = ? AND uid >= ? AND uid < ? ORDER BY uid')
      .all(accountId, path, from, below) as { uid: number }[]
  ).map((r) => r.uid);
}

/** The reconcile: server UID set against cached UID set. Used for a first sync, a resumed one, and as the fallback. */
async function fullSync(ctx: Ctx, uidNext: number): Promise<Delta> {
  const { client, db, accountId, path } = ctx;
  const exists = client.mailbox ? client.mailbox.exists : 0;
  // UIDs from the SELECT's UIDNEXT on arrived during this run: the next run takes them, so that every cached UID is
  // below the sync point written at the end.
  const serverUids =
    exists > 0 ? ((await client.search({ all: true }, { uid: true })) || []).filter((u) => u < uidNext) : [];
  const serverSet = new Set(serverUids);
  const cached = cachedUids(db, accountId, path);
  const cachedSet = new Set(cached);

  const gone = cached.filter((u) => !serverSet.has(u));
  const removed = deleteUids(ctx, gone);

  // Flags of what was already cached (a resumed first sync, or the fallback): read them all, there is no trusted
  // mod-sequence to ask CHANGEDSINCE from.
  const kept = cached.filter((u) => serverSet.has(u));
  let flagsChanged = 0;
  for (let i = 0; i < kept.length; i += FLAG_CHUNK) {
    const chunk = kept.slice(i, i + FLAG_CHUNK);
    const changes: FlagChange[] = [];
    for await (const m of client.fetch(toSequenceSet(chunk), { uid: true, flags: true }, { uid: true })) {
      if (m.uid && m.flags) changes.push({ uid: m.uid, flags: m.flags });
    }
    flagsChanged += applyFlags(db, accountId, path, changes);
  }

  // Messages still queued to leave this folder are not brought back (src/actions/intent.ts).
  const hidden = localIntent(db, accountId, path).hidden;
  const fresh = serverUids.filter((u) => !cachedSet.has(u) && !hidden.has(u)).sort((a, b) => b - a);
  const added = await fetchHeaders(ctx, fresh);
  return { added, removed, flagsChanged, unchanged: false };
}

async function qresyncDelta(ctx: Ctx, collector: ChangeCollector, oldNext: number, uidNext: number): Promise<Delta> {
  const { db, accountId, path } = ctx;
  const added = uidNext > oldNext ? await fetchNewRange(ctx, oldNext, uidNext) : [];
  const removed = deleteUids(ctx, [...collector.vanished]);
  const changes: FlagChange[] = [];
  for (const [uid, flags] of collector.flags) if (uid < oldNext) changes.push({ uid, flags });
  const flagsChanged = applyFlags(db, accountId, path, changes);
  const unchanged = added.length === 0 && collector.vanished.size === 0 && collector.flags.size === 0;
  return { added, removed, flagsChanged, unchanged };
}

async function condstoreDelta(
  ctx: Ctx,
  collector: ChangeCollector,
  oldNext: number,
  at: { uidNext: number; exists: number; modseq: string | null },
  oldModseq: string,
  sameShape: boolean,
): Promise<Delta> {
  const { client, db, accountId, path } = ctx;
  if (at.modseq === oldModseq && sameShape) return { added: [], removed: 0, flagsChanged: 0, unchanged: true };
  const below = countBelow(db, accountId, path, oldNext);
  let flagsChanged = 0;
  if (at.modseq !== oldModseq && oldNext > 1) {
    const changes: FlagChange[] = [];
    const q = { uid: true, changedSince: BigInt(oldModseq) };
    for await (const m of client.fetch(`1:${oldNext - 1}`, { uid: true, flags: true }, q)) {
      if (m.uid && m.flags) changes.push({ uid: m.uid, flags: m.flags });
    }
    flagsChanged = applyFlags(db, accountId, path, changes);
  }
  const added = at.uidNext > oldNext ? await fetchNewRange(ctx, oldNext, at.uidNext) : [];
  const present = countRange(db, accountId, path, oldNext, at.uidNext);
  // Expunged below the old sync point = cached there − (EXISTS − present above it). Zero means nothing to look up
  // unless the server announced an EXPUNGE during the run, which could hide one in the count.
  let removed = 0;
  const gone = below - (at.exists - present);
  if ((gone !== 0 || collector.expungeSeen) && oldNext > 1) {
    const server = new Set((await client.search({ uid: `1:${oldNext - 1}` }, { uid: true })) || []);
    removed = deleteUids(
      ctx,
      cachedUids(db, accountId, path, 1, oldNext).filter((u) => !server.has(u)),
    );
  }
  return { added, removed, flagsChanged, unchanged: false };
}

/** No CONDSTORE: every flag below the sync point is read (RFC 4549 §4.3.1); a UID missing from the answer is gone. */
async function uidRangeDelta(ctx: Ctx, oldNext: number, uidNext: number): Promise<Delta> {
  const { client, db, accountId, path } = ctx;
  let removed = 0;
  let flagsChanged = 0;
  let changedAny = false;
  for (let from = 1; from < oldNext; from += FLAG_CHUNK) {
    const to = Math.min(oldNext, from + FLAG_CHUNK);
    const cached = cachedFlags(db, accountId, path, from, to);
    if (cached.size === 0) continue;
    const changes: FlagChange[] = [];
    const seen = new Set<number>();
    for await (const m of client.fetch(`${from}:${to - 1}`, { uid: true, flags: true }, { uid: true })) {
      // Every FETCH the server sends during the command arrives here, also unsolicited ones without a UID.
      if (!m.uid || !m.flags) continue;
      seen.add(m.uid);
      const key = flagKey(flagColumns(m.flags));
      const had = cached.get(m.uid);
      if (had !== undefined && had !== key && m.flags) changes.push({ uid: m.uid, flags: m.flags });
    }
    flagsChanged += applyFlags(db, accountId, path, changes);
    removed += deleteUids(
      ctx,
      [...cached.keys()].filter((u) => !seen.has(u)),
    );
    if (changes.length) changedAny = true;
  }
  const added = uidNext > oldNext ? await fetchNewRange(ctx, oldNext, uidNext) : [];
  return { added, removed, flagsChanged, unchanged: !changedAny && removed === 0 && added.length === 0 };
}

function countRange(db: Db, accountId: string, path: string, from: number, below: number): number {
  return (
    db
      .prepare('SELECT count(*) AS n FROM messages WHERE account_id = ? AND folder = ? AND uid >= ? AND uid < ?')
      .get(accountId, path, from, below) as { n: number }
  ).n;
}

function flagKey(f: FlagColumns): string {
  return `${f.seen}${f.flagged}${f.answered}${f.draft}${f.deleted}${f.keywords}`;
}

function cachedFlags(db: Db, accountId: string, path: string, from: number, below: number): Map<number, string> {
  const rows = db
    .prepare(
      `SELECT uid, seen, flagged, answered, draft, deleted, keywords FROM messages
       WHERE account_id = ? AND folder = ? AND uid >= ? AND uid < ?`,
    )
    .all(accountId, path, from, below) as unknown as (FlagColumns & { uid: number })[];
  return new Map(rows.map((r) => [r.uid, flagKey(r)]));
}

/**
 * Messages from the old sync point to the SELECT's UIDNEXT. Cached rows in that range that the server no longer has
 * (fetched by an interrupted run, expunged since) are dropped, so the range ends exactly as on the server.
 */
async function fetchNewRange(ctx: Ctx, from: number, below: number): Promise<number[]> {
  const { client, db, accountId, path } = ctx;
  let uids: number[];
  if (below - from <= (ctx.opts.batchSize ?? HEADER_BATCH)) {
    uids = [];
    for (let u = below - 1; u >= from; u--) uids.push(u);
  } else {
    uids = ((await client.search({ uid: `${from}:${below - 1}` }, { uid: true })) || []).sort((a, b) => b - a);
  }
  const already = new Set(cachedUids(db, accountId, path, from, below));
  const fetched = await fetchHeaders(ctx, uids);
  const got = new Set(fetched);
  deleteUids(
    ctx,
    [...already].filter((u) => !got.has(u)),
  );
  return fetched.filter((u) => !already.has(u));
}

/**
 * Fetches and stores headers of `uids` (given newest first). The newest batch comes in a FETCH of its own, so the
 * list shows the latest mail at once; the rest streams in FETCHes of FETCH_SPAN batches, committed one transaction per
 * batch while the server keeps sending: on a two-core PC Dovecot builds the next responses while this process parses
 * and stores the last ones, instead of each side waiting for the other at every batch. Within one FETCH the server
 * answers in UID order (RFC 3501 §6.4.5), so "newest first" holds from FETCH to FETCH. Returns the stored UIDs.
 */
async function fetchHeaders(ctx: Ctx, uids: number[]): Promise<number[]> {
  const { client, db, accountId, path, opts } = ctx;
  const batch = opts.batchSize ?? HEADER_BATCH;
  const stored: number[] = [];
  let done = 0;
  let rows: HeaderRow[] = [];
  const mode = opts.indexDuringSync ?? 'auto';
  const index = mode === 'auto' ? uids.length <= INLINE_MAX : mode;
  const flush = () => {
    if (rows.length === 0) return;
    insertHeaders(db, accountId, path, rows, index);
    for (const r of rows) stored.push(r.uid);
    rows = [];
    opts.onProgress?.(done, uids.length);
  };
  opts.onProgress?.(0, uids.length);
  for (let i = 0; i < uids.length;) {
    opts.signal?.throwIfAborted();
    const span = uids.slice(i, i + (i === 0 ? batch : batch * FETCH_SPAN));
    i += span.length;
    const wanted = new Set(span);
    for await (const m of client.fetch(toSequenceSet(span), HEADER_QUERY, { uid: true })) {
      // An unsolicited FETCH (a flag change announced during the command) carries no envelope: it is not a header.
      if (!m.uid || !m.envelope || !wanted.has(m.uid)) continue;
      wanted.delete(m.uid);
      rows.push(headerRow(m));
      if (rows.length >= batch) {
        done += rows.length;
        flush();
        opts.signal?.throwIfAborted();
      }
    }
    // UIDs of the span the server no longer has (expunged meanwhile) still count as done.
    const leftover = rows.length;
    done += leftover + wanted.size;
    if (leftover) flush();
    else if (wanted.size) opts.onProgress?.(done, uids.length);
  }
  return stored.sort((a, b) => b - a);
}

function deleteUids(ctx: Ctx, uids: number[]): number {
  if (uids.length === 0) return 0;
  const { db, accountId, path } = ctx;
  let n = 0;
  const withBodies: number[] = [];
  transaction(db, () => {
    const body = db.prepare('SELECT 1 FROM bodies WHERE account_id = ? AND folder = ? AND uid = ?');
    const del = db.prepare('DELETE FROM messages WHERE account_id = ? AND folder = ? AND uid = ?');
    for (const u of uids) {
      if (body.get(accountId, path, u)) withBodies.push(u);
      n += Number(del.run(accountId, path, u).changes);
    }
  });
  if (withBodies.length) ctx.opts.onBodiesRemoved?.(withBodies, ctx.uidValidity);
  return n;
}

function applyFlags(db: Db, accountId: string, path: string, all: readonly FlagChange[]): number {
  // A queued flag change stays as the user set it until the server has it (src/actions/intent.ts).
  const keep = all.length ? localIntent(db, accountId, path).keep : new Set<number>();
  const msgs = keep.size ? all.filter((m) => !keep.has(m.uid)) : all;
  if (msgs.length === 0) return 0;
  let changed = 0;
  transaction(db, () => {
    const upd = db.prepare(
      `UPDATE messages SET seen = ?, flagged = ?, answered = ?, draft = ?, deleted = ?, keywords = ?
       WHERE account_id = ? AND folder = ? AND uid = ?
         AND (seen, flagged, answered, draft, deleted, keywords) IS NOT (?, ?, ?, ?, ?, ?)`,
    );
    for (const m of msgs) {
      const f = flagColumns(m.flags);
      const vals = [f.seen, f.flagged, f.answered, f.draft, f.deleted, f.keywords] as const;
      changed += Number(upd.run(...vals, accountId, path, m.uid, ...vals).changes);
    }
  });
  return changed;
}

/**
 * One transaction per batch. An upsert, not INSERT OR REPLACE: a replace deletes the row first, and the delete would
 * cascade to the cached body of a message fetched again after an interrupted run.
 */
export function insertHeaders(db: Db, accountId: string, path: string, rows: HeaderRow[], index = true): void {
  transaction(db, () => {
    const ins = db.prepare(
      `INSERT INTO messages (account_id, folder, uid, message_id, in_reply_to, subject, from_name, from_addr,
         to_json, cc_json, date, internal_date, size, seen, flagged, answered, draft, deleted, keywords,
         has_attachments, modseq, refs, sender_key, subject_key, importance)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
       ON CONFLICT (account_id, folder, uid) DO UPDATE SET seen = excluded.seen, flagged = excluded.flagged,
         answered = excluded.answered, draft = excluded.draft, deleted = excluded.deleted,
         keywords = excluded.keywords, modseq = excluded.modseq`,
    );
    for (const r of rows) {
      ins.run(
        accountId,
        path,
        r.uid,
        r.messageId,
        r.inReplyTo,
        r.subject,
        r.fromName,
        r.fromAddr,
        r.toJson,
        r.ccJson,
        r.date,
        r.internalDate,
        r.size,
        r.seen,
        r.flagged,
        r.answered,
        r.draft,
        r.deleted,
        r.keywords,
        r.hasAttachments,
        r.modseq,
        r.references,
        senderSortKey(r.fromName, r.fromAddr),
        subjectSortKey(r.subject),
        r.importance ?? 0,
      );
    }
    // The search index is written in the same transaction, so it can never disagree with the cache after a crash.
    if (index) indexHeaders(db, accountId, path, rows);
  });
}

/** Rows of the cache's view of a folder, for tests and the benchmark to compare with the server. */
export function cachedFlagRows(db: Db, accountId: string, path: string): { uid: number; flags: string }[] {
  const rows = db
    .prepare(
      `SELECT uid, seen, flagged, answered, draft, deleted, keywords FROM messages
       WHERE account_id = ? AND folder = ? ORDER BY uid`,
    )
    .all(accountId, path) as unknown as (FlagColumns & { uid: number })[];
  return rows.map((r) => ({ uid: r.uid, flags: flagKey(r) }));
}

export function serverFlagKey(m: Pick<FetchMessageObject, 'flags'>): string {
  return flagKey(flagColumns(m.flags));
}
