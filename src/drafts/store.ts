// Local drafts: one SQLite row per draft, written on every drafts.save (the UI calls it within a second of typing;
// one small UPDATE in WAL mode takes well under a millisecond, so saving never makes typing lag). Files a draft owns
// (attachments taken from a forwarded original, the original itself for "forward as attachment") live in
// <profile>/drafts/<id>/ and go with the draft. Attachments the user picked stay where they are and are read when the
// message is composed. The server copy is handled by src/drafts/server.ts.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { detectMimeType } from 'nodemailer/lib/mime-funcs';
import { TcvError } from '../api/errors.ts';
import type { Address, ComposeMode, Draft, DraftAttachment, DraftSaved, DraftSummary } from '../api/types.ts';
import type { Db } from '../cache/db.ts';
import { removeStaged } from './staged.ts';
import { toAddress, type RecipientInput } from '../mail/compose.ts';
import { nfc } from '../text/index.ts';

export interface AttachmentInput {
  path: string;
  filename?: string | null;
  contentType?: string | null;
  cid?: string | null;
}

export interface DraftInput {
  /** Update this draft. */
  id?: string;
  /** Create the draft under this id (compose.prepare, which writes files into its folder first). */
  createWithId?: string;
  accountId: string;
  mode?: ComposeMode;
  to?: RecipientInput[];
  cc?: RecipientInput[];
  bcc?: RecipientInput[];
  subject?: string;
  text?: string;
  html?: string | null;
  attachments?: AttachmentInput[];
  inReplyTo?: string | null;
  references?: string[];
  source?: { folder: string; uid: number } | null;
}

interface DraftRow {
  id: string;
  account_id: string;
  mode: ComposeMode;
  to_json: string;
  cc_json: string;
  bcc_json: string;
  subject: string;
  text: string;
  html: string | null;
  attachments_json: string;
  in_reply_to: string | null;
  references_json: string;
  source_folder: string | null;
  source_uid: number | null;
  revision: number;
  server_revision: number;
  server_folder: string | null;
  server_uid: number | null;
  server_uidvalidity: string | null;
  outbox_id: number | null;
  created_at: string;
  updated_at: string;
}

function toDraft(r: DraftRow): Draft {
  return {
    id: r.id,
    accountId: r.account_id,
    mode: r.mode,
    to: JSON.parse(r.to_json) as Address[],
    cc: JSON.parse(r.cc_json) as Address[],
    bcc: JSON.parse(r.bcc_json) as Address[],
    subject: r.subject,
    text: r.text,
    html: r.html,
    attachments: JSON.parse(r.attachments_json) as DraftAttachment[],
    inReplyTo: r.in_reply_to,
    references: JSON.parse(r.references_json) as string[],
    source: r.source_folder !== null && r.source_uid !== null ? { folder: r.source_folder, uid: r.source_uid } : null,
    revision: r.revision,
    serverRevision: r.server_revision,
    serverUid: r.server_uid,
    outboxId: r.outbox_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface ServerCopy {
  folder: string;
  uid: number;
  uidValidity: string | null;
}

export class DraftStore {
  private readonly db: Db;
  readonly root: string;
  private readonly profileDir: string;
  private readonly now: () => number;

  constructor(db: Db, profileDir: string, now: () => number = Date.now) {
    this.db = db;
    this.profileDir = profileDir;
    this.root = join(profileDir, 'drafts');
    this.now = now;
    mkdirSync(this.root, { recursive: true });
  }

  /** The folder for files this draft owns. */
  dirFor(id: string): string {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new TcvError('VALIDATION', `draft id ${id}`);
    return join(this.root, id);
  }

  owns(id: string, path: string): boolean {
    return resolve(path).startsWith(this.dirFor(id) + sep);
  }

  newId(): string {
    return randomUUID();
  }

  private row(id: string): DraftRow {
    const r = this.db.prepare('SELECT * FROM drafts WHERE id = ?').get(id) as DraftRow | undefined;
    if (!r) throw new TcvError('MESSAGE_NOT_FOUND', `draft ${id}`);
    return r;
  }

  get(id: string): Draft {
    return toDraft(this.row(id));
  }

  find(id: string): Draft | null {
    const r = this.db.prepare('SELECT * FROM drafts WHERE id = ?').get(id) as DraftRow | undefined;
    return r ? toDraft(r) : null;
  }

  /** Drafts being edited (not those waiting in the outbox), newest first. */
  list(accountId?: string): DraftSummary[] {
    const rows = (accountId
      ? this.db
          .prepare('SELECT * FROM drafts WHERE account_id = ? AND outbox_id IS NULL ORDER BY updated_at DESC')
          .all(accountId)
      : this.db
          .prepare('SELECT * FROM drafts WHERE outbox_id IS NULL ORDER BY updated_at DESC')
          .all()) as unknown as DraftRow[];
    return rows.map((r) => ({
      id: r.id,
      accountId: r.account_id,
      mode: r.mode,
      subject: r.subject,
      to: JSON.parse(r.to_json) as Address[],
      hasAttachments: r.attachments_json !== '[]',
      updatedAt: r.updated_at,
      onServer: r.server_revision === r.revision && r.server_uid !== null,
    }));
  }

  private attachments(list: AttachmentInput[]): DraftAttachment[] {
    return list.map((a) => {
      let size: number;
      try {
        const s = statSync(a.path);
        if (!s.isFile()) throw new Error('not a regular file');
        size = s.size;
      } catch (err) {
        throw new TcvError('ATTACHMENT_UNREADABLE', `${a.path}: ${(err as Error).message}`, { cause: err });
      }
      const filename = nfc(a.filename || basename(a.path)).replace(/[\r\n\t]+/g, ' ');
      return {
        path: resolve(a.path),
        filename,
        contentType: a.contentType || detectMimeType(filename) || 'application/octet-stream',
        size,
        cid: a.cid ?? null,
      };
    });
  }

  /** Creates or updates a draft. Fields left out keep their value; every save is a new revision. */
  save(input: DraftInput): DraftSaved {
    const at = new Date(this.now()).toISOString();
    const addresses = (l: RecipientInput[] | undefined) =>
      l === undefined ? undefined : JSON.stringify(l.map(toAddress).filter((a) => a.address));
    const fields: Record<string, string | number | null | undefined> = {
      to_json: addresses(input.to),
      cc_json: addresses(input.cc),
      bcc_json: addresses(input.bcc),
      subject: input.subject === undefined ? undefined : nfc(input.subject).replace(/[\r\n\t]+/g, ' '),
      text: input.text === undefined ? undefined : nfc(input.text),
      html: input.html === undefined ? undefined : input.html === null ? null : nfc(input.html),
      attachments_json:
        input.attachments === undefined ? undefined : JSON.stringify(this.attachments(input.attachments)),
      in_reply_to: input.inReplyTo,
      references_json: input.references === undefined ? undefined : JSON.stringify(input.references),
    };
    const set = Object.entries(fields).filter(([, v]) => v !== undefined) as [string, string | number | null][];
    if (input.id) {
      const cur = this.row(input.id);
      if (cur.account_id !== input.accountId) throw new TcvError('VALIDATION', 'draft belongs to another account');
      if (cur.outbox_id !== null) throw new TcvError('INVALID_STATE', `draft ${input.id} is in the outbox`);
      this.db
        .prepare(
          `UPDATE drafts SET ${set.map(([k]) => `${k} = ?`).join(', ')}${set.length ? ', ' : ''}
           revision = revision + 1, updated_at = ? WHERE id = ?`,
        )
        .run(...set.map(([, v]) => v), at, input.id);
      const r = this.row(input.id);
      return { id: r.id, revision: r.revision, updatedAt: r.updated_at };
    }
    const id = input.createWithId ?? this.newId();
    this.dirFor(id);
    const cols = [
      'id',
      'account_id',
      'mode',
      'source_folder',
      'source_uid',
      'created_at',
      'updated_at',
      ...set.map(([k]) => k),
    ];
    this.db
      .prepare(`INSERT INTO drafts (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
      .run(
        id,
        input.accountId,
        input.mode ?? 'new',
        input.source?.folder ?? null,
        input.source?.uid ?? null,
        at,
        at,
        ...set.map(([, v]) => v),
      );
    return { id, revision: 1, updatedAt: at };
  }

  setOutbox(id: string, outboxId: number | null): void {
    this.db.prepare('UPDATE drafts SET outbox_id = ? WHERE id = ?').run(outboxId, id);
  }

  /** Drafts whose newest revision is not on the server yet (and are not waiting in the outbox). */
  dirty(accountId?: string): Draft[] {
    const rows = (accountId
      ? this.db
          .prepare('SELECT * FROM drafts WHERE account_id = ? AND outbox_id IS NULL AND revision > server_revision')
          .all(accountId)
      : this.db
          .prepare('SELECT * FROM drafts WHERE outbox_id IS NULL AND revision > server_revision')
          .all()) as unknown as DraftRow[];
    return rows.map(toDraft);
  }

  serverCopy(id: string): ServerCopy | null {
    const r = this.row(id);
    return r.server_folder !== null && r.server_uid !== null
      ? { folder: r.server_folder, uid: r.server_uid, uidValidity: r.server_uidvalidity }
      : null;
  }

  /**
   * Records that `revision` is now on the server as `copy`. Returns false when the draft is gone or was sent
   * meanwhile: the caller must then remove the copy it just stored.
   */
  markUploaded(id: string, revision: number, copy: ServerCopy): boolean {
    const r = this.db
      .prepare(
        `UPDATE drafts SET server_revision = ?, server_folder = ?, server_uid = ?, server_uidvalidity = ?
         WHERE id = ? AND outbox_id IS NULL`,
      )
      .run(revision, copy.folder, copy.uid, copy.uidValidity, id);
    return r.changes > 0;
  }

  /** Remembers a server copy to delete when the server is reachable. */
  tombstone(accountId: string, copy: ServerCopy): void {
    this.db
      .prepare('INSERT OR IGNORE INTO draft_tombstones (account_id, folder, uid, uidvalidity) VALUES (?,?,?,?)')
      .run(accountId, copy.folder, copy.uid, copy.uidValidity);
  }

  tombstones(accountId?: string): (ServerCopy & { accountId: string })[] {
    const rows = (
      accountId
        ? this.db.prepare('SELECT * FROM draft_tombstones WHERE account_id = ?').all(accountId)
        : this.db.prepare('SELECT * FROM draft_tombstones').all()
    ) as { account_id: string; folder: string; uid: number; uidvalidity: string | null }[];
    return rows.map((r) => ({ accountId: r.account_id, folder: r.folder, uid: r.uid, uidValidity: r.uidvalidity }));
  }

  clearTombstone(accountId: string, copy: ServerCopy): void {
    this.db
      .prepare('DELETE FROM draft_tombstones WHERE account_id = ? AND folder = ? AND uid = ?')
      .run(accountId, copy.folder, copy.uid);
  }

  /** Deletes the draft and the files it owns; its server copy (if any) becomes a tombstone. */
  remove(id: string): Draft | null {
    const d = this.find(id);
    if (!d) return null;
    const copy = this.serverCopy(id);
    this.db.exec('BEGIN IMMEDIATE');
    try {
      if (copy) this.tombstone(d.accountId, copy);
      this.db.prepare('DELETE FROM drafts WHERE id = ?').run(id);
      this.db.exec('COMMIT');
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
    rmSync(this.dirFor(id), { recursive: true, force: true });
    // Files dropped or pasted into this draft (src/drafts/staged.ts) go with it; files the user chose stay.
    removeStaged(
      this.profileDir,
      d.attachments.map((a) => a.path),
    );
    return d;
  }

  /** Removes draft folders no row refers to (a crash between creating the folder and the row, or a removed account). */
  pruneFolders(): void {
    const ids = new Set((this.db.prepare('SELECT id FROM drafts').all() as { id: string }[]).map((r) => r.id));
    for (const name of readdirSync(this.root)) {
      if (ids.has(name)) continue;
      try {
        if (this.now() - statSync(join(this.root, name)).mtimeMs > 10 * 60_000) {
          rmSync(join(this.root, name), { recursive: true, force: true });
        }
      } catch {
        // Gone meanwhile.
      }
    }
  }
}
