// Everything behind "send": the outbox, local drafts and their server copies, per-account send settings, and the
// glue to SMTP (src/mail/smtp.ts) and to the Sent/Drafts folders (src/mail/append.ts, imapflow). The engine builds
// one of these per profile (src/engine/index.ts); the handlers in src/engine/handlers/send.ts use it.
import type { ImapFlow } from 'imapflow';
import { readFile } from 'node:fs/promises';
import type { EventName, Events } from '../api/contract.ts';
import { TcvError } from '../api/errors.ts';
import type { AccountSummary, OutboxEntry, SpecialUse } from '../api/types.ts';
import type { AccountStore } from '../accounts/store.ts';
import type { Db } from '../cache/db.ts';
import { appendMessage, type AppendSource } from '../mail/append.ts';
import { Outbox, type SentCopyRequest, type Submitter } from '../mail/outbox.ts';
import { folderBySpecialUse } from '../mail/queries.ts';
import { SendSettingsStore } from '../mail/send-settings.ts';
import { SmtpSession, probeSmtp, type SmtpCaps } from '../mail/smtp.ts';
import { syncFolderList } from '../mail/sync.ts';
import type { Logger } from '../platform/types.ts';
import { DraftServer } from './server.ts';
import { DraftStore } from './store.ts';
import { pruneStaged } from './staged.ts';

// Up to this size a copy for Sent or Drafts is appended with imapflow over the open session (it holds the message in
// memory, twice with LITERAL+: 2 MB at most); larger ones are streamed from the file on a connection of their own
// (src/mail/append.ts), so a 25 MB attachment never sits in memory.
const SMALL_APPEND_BYTES = 1024 * 1024;
// Outlook's "start of the run" delay: after a start, let the UI and the first sync go first. A `tcv` command that
// lasts less than this does not start sending the queue behind the user's back.
const OUTBOX_START_DELAY_MS = 2_000;

export interface SendingDeps {
  db: Db;
  profileDir: string;
  accounts: AccountStore;
  imap<T>(accountId: string, fn: (client: ImapFlow) => Promise<T>): Promise<T>;
  password(accountId: string): Promise<string>;
  casFor(account: AccountSummary): string[];
  log: Logger;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
}

export interface Sending {
  outbox: Outbox;
  drafts: DraftStore;
  draftServer: DraftServer;
  settings: SendSettingsStore;
  /** Path of a special-use folder, listing the folders first if the cache has none yet. */
  specialFolder(accountId: string, use: SpecialUse): Promise<string | null>;
  /** EHLO of the account's submission server, recorded in the settings. */
  probe(accountId: string): Promise<SmtpCaps>;
  start(): void;
  close(): Promise<void>;
}

export function createSending(deps: SendingDeps): Sending {
  const { db, accounts, log } = deps;
  const settings = new SendSettingsStore(db);
  const drafts = new DraftStore(db, deps.profileDir);
  drafts.pruneFolders();
  void pruneStaged(deps.profileDir, db)
    .then((n) => n && log.info('stale staged files removed', { folders: n }))
    .catch((err: unknown) => log.warn('pruning staged files failed', { error: String(err) }));

  const specialFolder = async (accountId: string, use: SpecialUse): Promise<string | null> => {
    const known = folderBySpecialUse(db, accountId, use);
    if (known) return known;
    await deps.imap(accountId, (c) => syncFolderList(c, db, accountId));
    return folderBySpecialUse(db, accountId, use);
  };

  const append = async (accountId: string, folder: string, source: AppendSource, flags: string[]) => {
    if (source.size <= SMALL_APPEND_BYTES) {
      // Small messages (nearly all) go over the account's open IMAP session: no new login, about 10 ms.
      const bytes = source.bytes ?? (await readFile(source.path as string));
      const r = await deps.imap(accountId, (c) => c.append(folder, bytes, flags));
      if (!r) throw new TcvError('SERVER_ERROR', `APPEND to ${folder} returned nothing`);
      return { uid: r.uid ?? null, uidValidity: r.uidValidity !== undefined ? String(r.uidValidity) : null };
    }
    const account = accounts.get(accountId);
    return appendMessage(
      { account, password: await deps.password(accountId), cas: deps.casFor(account) },
      folder,
      source,
      flags,
    );
  };

  const openSubmitter = async (accountId: string): Promise<Submitter> => {
    const account = accounts.get(accountId);
    const session = await SmtpSession.open(account, await deps.password(accountId), deps.casFor(account));
    settings.recordCaps(accountId, session.caps);
    const local = settings.get(accountId).maxMessageBytes;
    return {
      get usable() {
        return session.usable;
      },
      send: (msg) => session.send(msg, local),
      close: () => session.close(),
    };
  };

  const fileSentCopy = async (accountId: string, req: SentCopyRequest): Promise<'done' | 'not-needed'> => {
    if (settings.get(accountId).serverSavesSent) return 'not-needed';
    const folder = await specialFolder(accountId, 'sent');
    if (!folder) throw new TcvError('FOLDER_NOT_FOUND', 'the account has no Sent folder');
    if (req.checkFirst) {
      // A previous attempt may have stored it before the process died: never file it twice.
      const found = await deps.imap(accountId, async (c) => {
        const lock = await c.getMailboxLock(folder);
        try {
          const uids = await c.search({ header: { 'message-id': req.messageId } }, { uid: true });
          return Array.isArray(uids) && uids.length > 0;
        } finally {
          lock.release();
        }
      });
      if (found) return 'done';
    }
    await append(accountId, folder, req.source, ['\\Seen']);
    return 'done';
  };

  const draftServer = new DraftServer({
    store: drafts,
    account: (id) => accounts.get(id),
    draftsFolder: (id) => specialFolder(id, 'drafts'),
    append,
    imap: deps.imap,
    onError: (msg, fields) => log.warn(msg, fields),
  });

  const afterSent = async (entry: OutboxEntry) => {
    if (!entry.draftId) return;
    const d = drafts.find(entry.draftId);
    if (!d) return;
    drafts.remove(d.id);
    if (d.source && d.mode !== 'new') {
      // RFC 3501 \Answered for a reply; $Forwarded (RFC 5788 registry) for a forward, as Thunderbird does.
      const flag = d.mode === 'reply' || d.mode === 'replyAll' ? '\\Answered' : '$Forwarded';
      const { folder, uid } = d.source;
      try {
        await deps.imap(d.accountId, async (c) => {
          const lock = await c.getMailboxLock(folder);
          try {
            await c.messageFlagsAdd(String(uid), [flag], { uid: true });
          } finally {
            lock.release();
          }
        });
        if (flag === '\\Answered') {
          db.prepare('UPDATE messages SET answered = 1 WHERE account_id = ? AND folder = ? AND uid = ?').run(
            d.accountId,
            folder,
            uid,
          );
        }
      } catch (err) {
        log.warn('flagging the original failed', { draft: d.id, error: String(err) });
      }
    }
    // The server copy of the draft goes now if the server is there, else on the next draft sync.
    void draftServer.syncAll(d.accountId).catch(() => {});
  };

  const outbox = new Outbox({
    db,
    profileDir: deps.profileDir,
    openSubmitter,
    fileSentCopy,
    onChange: (entry, removed) => deps.emit('outbox.changed', removed ? { entry, removed } : { entry }),
    onProgress: (progress) => deps.emit('outbox.progress', progress),
    afterSent,
    onError: (msg, fields) => log.warn(msg, fields),
  });

  let startTimer: NodeJS.Timeout | null = null;
  return {
    outbox,
    drafts,
    draftServer,
    settings,
    specialFolder,
    async probe(accountId) {
      const account = accounts.get(accountId);
      const caps = await probeSmtp(account, deps.casFor(account));
      settings.recordCaps(accountId, caps);
      return caps;
    },
    start() {
      startTimer = setTimeout(() => {
        outbox.schedule();
        draftServer.start();
      }, OUTBOX_START_DELAY_MS);
      startTimer.unref();
    },
    async close() {
      if (startTimer) clearTimeout(startTimer);
      await Promise.all([outbox.close(), draftServer.close()]);
    },
  };
}
