// The server copy of each draft, so a draft begun on the office PC can be finished in webmail or on another PC
// (design.md: the server is the source of truth). Periodically, and when asked (drafts.sync, before sending), every
// draft whose newest revision is not on the server is composed and APPENDed to the Drafts folder with \Draft
// (streamed, src/mail/append.ts); the previous copy is then deleted by UID — APPENDUID (UIDPLUS, RFC 4315) names
// the new one, and UID EXPUNGE removes only the old one. Without UIDPLUS the copies are found by their
// X-TCV-Draft-Id header. Copies of deleted or sent drafts are removed the same way, later if the server is away.
import type { ImapFlow } from 'imapflow';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AccountSummary, Draft, DraftSyncResult } from '../api/types.ts';
import { TcvError } from '../api/errors.ts';
import type { AppendResult, AppendSource } from '../mail/append.ts';
import { composeToFile } from '../mail/compose.ts';
import type { DraftStore, ServerCopy } from './store.ts';
import { draftComposeInput } from './input.ts';

export const DRAFT_ID_HEADER = 'X-TCV-Draft-Id';
// Outlook autosaves every 3 minutes, Thunderbird every 5; a minute keeps the server close behind without an APPEND
// per keystroke (the local save is what protects against a crash).
export const DEFAULT_DRAFT_SYNC_MS = 60_000;

export interface DraftServerDeps {
  store: DraftStore;
  account(id: string): AccountSummary;
  draftsFolder(accountId: string): Promise<string | null>;
  append(accountId: string, folder: string, source: AppendSource, flags: string[]): Promise<AppendResult>;
  imap<T>(accountId: string, fn: (client: ImapFlow) => Promise<T>): Promise<T>;
  onError?(message: string, fields: Record<string, unknown>): void;
}

export class DraftServer {
  private readonly deps: DraftServerDeps;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<DraftSyncResult> | null = null;
  private closed = false;

  constructor(deps: DraftServerDeps) {
    this.deps = deps;
  }

  start(intervalMs = DEFAULT_DRAFT_SYNC_MS): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => void this.syncAll().catch(() => {}), intervalMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => {});
  }

  /** Uploads every dirty draft and removes tombstoned copies. Concurrent callers share one run. */
  syncAll(accountId?: string): Promise<DraftSyncResult> {
    this.running ??= this.run(accountId).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(accountId?: string): Promise<DraftSyncResult> {
    const result: DraftSyncResult = { uploaded: 0, removed: 0, failed: 0 };
    const unreachable = new Set<string>();
    for (const t of this.deps.store.tombstones(accountId)) {
      if (this.closed || unreachable.has(t.accountId)) continue;
      try {
        await this.removeCopy(t.accountId, t);
        this.deps.store.clearTombstone(t.accountId, t);
        result.removed++;
      } catch (err) {
        result.failed++;
        unreachable.add(t.accountId);
        this.deps.onError?.('removing a draft copy failed', { account: t.accountId, error: String(err) });
      }
    }
    for (const d of this.deps.store.dirty(accountId)) {
      if (this.closed || unreachable.has(d.accountId)) continue;
      try {
        if (await this.upload(d)) result.uploaded++;
      } catch (err) {
        result.failed++;
        unreachable.add(d.accountId);
        this.deps.onError?.('uploading a draft failed', {
          account: d.accountId,
          draft: d.id,
          error: err instanceof TcvError ? `${err.code} ${err.detail}` : String(err),
        });
      }
    }
    return result;
  }

  /** Stores the draft's current revision on the server and deletes the copy it replaces. */
  async upload(draft: Draft): Promise<boolean> {
    const { store } = this.deps;
    const folder = await this.deps.draftsFolder(draft.accountId);
    if (!folder) throw new TcvError('FOLDER_NOT_FOUND', 'the account has no Drafts folder');
    const account = this.deps.account(draft.accountId);
    const dir = store.dirFor(draft.id);
    await mkdir(dir, { recursive: true });
    const path = join(dir, `upload-${draft.revision}.eml`);
    const composed = await composeToFile(
      account,
      { ...draftComposeInput(draft), headers: { [DRAFT_ID_HEADER]: draft.id } },
      path,
    );
    let appended: AppendResult;
    try {
      appended = await this.deps.append(draft.accountId, folder, { path, size: composed.size }, ['\\Draft', '\\Seen']);
    } finally {
      await rm(path, { force: true });
    }
    const previous = store.find(draft.id) ? store.serverCopy(draft.id) : null;
    let copy: ServerCopy | null =
      appended.uid !== null ? { folder, uid: appended.uid, uidValidity: appended.uidValidity } : null;
    if (!copy) copy = await this.findByHeader(draft.accountId, folder, draft.id, previous);
    if (!copy) return false;
    if (!store.markUploaded(draft.id, draft.revision, copy)) {
      // Deleted or sent while uploading: this copy must not outlive it.
      store.tombstone(draft.accountId, copy);
      await this.removeCopy(draft.accountId, copy).then(
        () => store.clearTombstone(draft.accountId, copy),
        () => {},
      );
      return false;
    }
    if (previous && (previous.uid !== copy.uid || previous.folder !== copy.folder)) {
      store.tombstone(draft.accountId, previous);
      try {
        await this.removeCopy(draft.accountId, previous);
        store.clearTombstone(draft.accountId, previous);
      } catch (err) {
        this.deps.onError?.('removing the previous draft copy failed', { draft: draft.id, error: String(err) });
      }
    }
    return true;
  }

  /** Without APPENDUID: the newest message carrying this draft's id (other than the known previous copy). */
  private async findByHeader(
    accountId: string,
    folder: string,
    draftId: string,
    previous: ServerCopy | null,
  ): Promise<ServerCopy | null> {
    return this.deps.imap(accountId, async (c) => {
      const lock = await c.getMailboxLock(folder);
      try {
        const uids = (await c.search({ header: { [DRAFT_ID_HEADER]: draftId } }, { uid: true })) || [];
        const candidates = uids.filter((u) => !previous || u !== previous.uid);
        const uid = candidates.length ? Math.max(...candidates) : null;
        const uidValidity = c.mailbox ? String(c.mailbox.uidValidity) : null;
        return uid === null ? null : { folder, uid, uidValidity };
      } finally {
        lock.release();
      }
    });
  }

  /** Deletes one server copy by UID (UID EXPUNGE with UIDPLUS, so other \Deleted messages are left alone). */
  async removeCopy(accountId: string, copy: ServerCopy): Promise<void> {
    await this.deps.imap(accountId, async (c) => {
      let lock;
      try {
        lock = await c.getMailboxLock(copy.folder);
      } catch {
        return; // The folder is gone, and the copy with it.
      }
      try {
        // After a UIDVALIDITY change the UID names some other message, if any: leave it.
        if (copy.uidValidity && c.mailbox && String(c.mailbox.uidValidity) !== copy.uidValidity) return;
        await c.messageDelete(String(copy.uid), { uid: true });
      } finally {
        lock.release();
      }
    });
  }
}
