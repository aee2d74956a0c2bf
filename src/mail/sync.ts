// Header sync of one folder: the cache must equal the server (UID set, flags, keywords) after every run.
// Strategy (issue 3 deepens it): UIDVALIDITY change → rebuild; UID SEARCH ALL gives the server's UID set, from which
// expunges and new UIDs follow; flags of known messages come from CHANGEDSINCE (RFC 7162 §3.1.4) when the server has
// CONDSTORE, else from a full FLAGS fetch. New headers are fetched newest first in batches, one transaction per batch.
import type { FetchMessageObject, ImapFlow, ListResponse } from 'imapflow';
import type { SpecialUse, SyncResult } from '../api/types.ts';
import { TcvError } from '../api/errors.ts';
import { transaction, type Db } from '../cache/db.ts';
import { flagColumns, headerRow, type HeaderRow } from './headers.ts';
import { toSequenceSet } from './uidset.ts';
import { beforeSync, folderIntent, localIntent } from '../actions/intent.ts';
import { indexHeaders } from '../search/index.ts';

export const HEADER_BATCH = 1000;

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

export async function syncFolderList(client: ImapFlow, db: Db, accountId: string): Promise<number> {
  // Queued folder actions go to the server first; those still queued keep their local effect (src/actions/intent.ts).
  await beforeSync(db, accountId);
  const intent = folderIntent(db, accountId);
  const list: ListResponse[] = await client.list({ statusQuery: { messages: true, unseen: true } });
  const seen = new Set<string>();
  transaction(db, () => {
    const upsert = db.prepare(
      `INSERT INTO folders (account_id, path, name, delimiter, special_use, subscribed, server_total, server_unread)
       VALUES (?,?,?,?,?,?,?,?)
       ON CONFLICT (account_id, path) DO UPDATE SET name = excluded.name, delimiter = excluded.delimiter,
         special_use = excluded.special_use, subscribed = excluded.subscribed,
         server_total = excluded.server_total, server_unread = excluded.server_unread`,
    );
    for (const f of list) {
      if (f.flags?.has('\\Noselect') || f.flags?.has('\\NonExistent') || intent.hidden.has(f.path)) continue;
      seen.add(f.path);
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
    }
    const known = db.prepare('SELECT path FROM folders WHERE account_id = ?').all(accountId) as { path: string }[];
    const del = db.prepare('DELETE FROM folders WHERE account_id = ? AND path = ?');
    for (const { path } of known) if (!seen.has(path) && !intent.keep.has(path)) del.run(accountId, path);
  });
  return seen.size;
}

interface FolderRow {
  uidvalidity: string | null;
  highest_modseq: string | null;
}

export interface SyncFolderOptions {
  onProgress?: (done: number, total: number) => void;
}

export async function syncFolder(
  client: ImapFlow,
  db: Db,
  accountId: string,
  path: string,
  opts: SyncFolderOptions = {},
): Promise<SyncResult> {
  const started = performance.now();
  // Queued actions go to the server first, so this sync reads a server that has them (src/actions/intent.ts).
  await beforeSync(db, accountId);
  const folderRow = db
    .prepare('SELECT uidvalidity, highest_modseq FROM folders WHERE account_id = ? AND path = ?')
    .get(accountId, path) as FolderRow | undefined;
  if (!folderRow) throw new TcvError('FOLDER_NOT_FOUND', `${accountId} ${path}`);

  const lock = await client.getMailboxLock(path);
  try {
    const mb = client.mailbox;
    if (!mb) throw new TcvError('FOLDER_NOT_FOUND', path);
    const uidValidity = String(mb.uidValidity);
    const uidValidityReset = folderRow.uidvalidity !== null && folderRow.uidvalidity !== uidValidity;
    if (uidValidityReset) {
      // RFC 3501 §2.3.1.1: a new UIDVALIDITY means every cached UID is meaningless.
      db.prepare('DELETE FROM messages WHERE account_id = ? AND folder = ?').run(accountId, path);
    }

    const serverUids = mb.exists > 0 ? (await client.search({ all: true }, { uid: true })) || [] : [];
    const serverSet = new Set(serverUids);
    const cachedUids = (
      db.prepare('SELECT uid FROM messages WHERE account_id = ? AND folder = ?').all(accountId, path) as {
        uid: number;
      }[]
    ).map((r) => r.uid);
    const cachedSet = new Set(cachedUids);

    const removedUids = cachedUids.filter((u) => !serverSet.has(u));
    if (removedUids.length) {
      transaction(db, () => {
        const del = db.prepare('DELETE FROM messages WHERE account_id = ? AND folder = ? AND uid = ?');
        for (const u of removedUids) del.run(accountId, path, u);
      });
    }

    let flagsChanged = 0;
    const keptUids = cachedUids.filter((u) => serverSet.has(u));
    if (keptUids.length) {
      const condstore = mb.highestModseq !== undefined && !mb.noModseq && folderRow.highest_modseq !== null;
      const fetchOpts = condstore
        ? { uid: true, changedSince: BigInt(folderRow.highest_modseq as string) }
        : { uid: true };
      const changed: FetchMessageObject[] = [];
      for await (const m of client.fetch(toSequenceSet(keptUids), { uid: true, flags: true }, fetchOpts))
        changed.push(m);
      flagsChanged = applyFlags(db, accountId, path, changed);
    }

    // Messages still queued to leave this folder are not brought back (src/actions/intent.ts).
    const hidden = localIntent(db, accountId, path).hidden;
    const newUids = serverUids.filter((u) => !cachedSet.has(u) && !hidden.has(u)).sort((a, b) => b - a);
    let done = 0;
    opts.onProgress?.(0, newUids.length);
    for (let i = 0; i < newUids.length; i += HEADER_BATCH) {
      const batch = newUids.slice(i, i + HEADER_BATCH);
      const rows: HeaderRow[] = [];
      const query = {
        uid: true,
        flags: true,
        envelope: true,
        size: true,
        internalDate: true,
        bodyStructure: true,
        // References (RFC 5322 §3.6.4) is not in the envelope; the thread index needs it (src/mail/threads.ts).
        headers: ['references'],
      };
      for await (const m of client.fetch(toSequenceSet(batch), query, { uid: true })) rows.push(headerRow(m));
      insertHeaders(db, accountId, path, rows);
      done += batch.length;
      opts.onProgress?.(done, newUids.length);
    }

    db.prepare(
      `UPDATE folders SET uidvalidity = ?, uidnext = ?, highest_modseq = ?, synced_at = ?,
         server_total = ?, server_unread = (SELECT count(*) FROM messages WHERE account_id = ? AND folder = ? AND seen = 0)
       WHERE account_id = ? AND path = ?`,
    ).run(
      uidValidity,
      mb.uidNext,
      mb.highestModseq !== undefined ? String(mb.highestModseq) : null,
      new Date().toISOString(),
      serverUids.length,
      accountId,
      path,
      accountId,
      path,
    );
    return {
      folders: 1,
      folder: path,
      total: serverUids.length,
      added: newUids.length,
      removed: removedUids.length,
      flagsChanged,
      uidValidityReset,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    lock.release();
  }
}

function applyFlags(db: Db, accountId: string, path: string, all: FetchMessageObject[]): number {
  // A queued flag change stays as the user set it until the server has it (src/actions/intent.ts).
  const keep = all.length ? localIntent(db, accountId, path).keep : new Set<number>();
  const msgs = keep.size ? all.filter((m) => !keep.has(m.uid)) : all;
  let changed = 0;
  transaction(db, () => {
    const upd = db.prepare(
      `UPDATE messages SET seen = ?, flagged = ?, answered = ?, draft = ?, deleted = ?, keywords = ?, modseq = ?
       WHERE account_id = ? AND folder = ? AND uid = ?
         AND (seen, flagged, answered, draft, deleted, keywords) IS NOT (?, ?, ?, ?, ?, ?)`,
    );
    for (const m of msgs) {
      const f = flagColumns(m.flags);
      const vals = [f.seen, f.flagged, f.answered, f.draft, f.deleted, f.keywords] as const;
      const mod = m.modseq !== undefined ? String(m.modseq) : null;
      changed += Number(upd.run(...vals, mod, accountId, path, m.uid, ...vals).changes);
    }
  });
  return changed;
}

function insertHeaders(db: Db, accountId: string, path: string, rows: HeaderRow[]): void {
  transaction(db, () => {
    const ins = db.prepare(
      `INSERT OR REPLACE INTO messages (account_id, folder, uid, message_id, in_reply_to, subject, from_name, from_addr,
         to_json, cc_json, date, internal_date, size, seen, flagged, answered, draft, deleted, keywords,
         has_attachments, modseq, refs)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
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
      );
    }
    // The search index is written in the same transaction, so it can never disagree with the cache after a crash.
    indexHeaders(db, accountId, path, rows);
  });
}
