// Helpers for the actions tests. The mail stack is shared with other test files and other engineers running at the
// same time: never reset it, never count a mailbox's messages, work in folders of our own (Actions-<pid>-...) and
// remove our messages from Trash and Junk by Message-ID afterwards.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { ImapFlow } from 'imapflow';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Flavour, StackInfo } from '../../scripts/mailstack/index.ts';
import { createKeytarSecretStore } from '../../src/secrets/keytar.ts';
import { testEngine, user, type TestEngine } from '../support/stack.ts';
import { suite, type Suite } from '../support/suite.ts';

export const ROLE = 'unit' as const;

// A keychain service of our own: other test files add and remove the same users' accounts (and so their keychain
// entries) on the shared Secret Service while these tests run.
export const SECRETS_SERVICE = `Thư Công Vụ (actions tests ${process.pid})`;
export const secrets = createKeytarSecretStore(SECRETS_SERVICE);

/** test/support/stack.ts testEngine, with this file's keychain service (kept across a reopen of the profile). */
export function actionsEngine(opts: { trustedCaFiles: string[]; profileDir?: string }): Promise<TestEngine> {
  return testEngine({ ...opts, keychainService: SECRETS_SERVICE });
}

export interface ActionsSuite extends Suite {
  /** The unit mailbox's own IMAP session: checks the server and plays "another client". */
  readonly imap: ImapFlow;
  readonly accountId: string;
  /** Every folder of this suite starts with it (Actions-<pid>-<name>-<flavour>); all are deleted in after(). */
  readonly prefix: string;
  /** A new folder name under the prefix (not created). */
  folder(tag: string): string;
  /** Message-IDs of ours that may end up in INBOX, Trash or Junk: removed from there in after(). */
  readonly ids: string[];
  /** An engine on this suite's keychain service; open ones are closed in after(). */
  engine(profileDir?: string): Promise<TestEngine>;
  /** Closes an engine before the end (to reopen its profile). */
  close(t: TestEngine): Promise<void>;
}

/**
 * The actions tests' suite (test/support/suite.ts) for one flavour: declare it in a describe(). In after(): open
 * engines closed, then what `setup` kept (newest first), the keychain entry removed, our messages taken out of the
 * shared folders, our folders deleted, the IMAP session logged out.
 */
export function actionsSuite(flavour: Flavour, name: string, setup?: (s: ActionsSuite) => Promise<void>): ActionsSuite {
  let imap: ImapFlow | null = null;
  let accountId = '';
  const prefix = `Actions-${process.pid}-${name}-${flavour}`;
  const ids: string[] = [];
  const open = new Set<TestEngine>();
  const base = suite(flavour, async () => {
    accountId = user(base.info, ROLE).email;
    const c = await connected(base.info);
    imap = base.keep(c, (x) => x.logout());
    base.cleanup(() => deleteFolders(c, prefix));
    base.cleanup(async () => {
      const shared = (await c.list()).filter((f) => f.specialUse === '\\Trash' || f.specialUse === '\\Junk');
      for (const f of ['INBOX', ...shared.map((x) => x.path)]) await removeByMessageId(c, f, ids);
    });
    base.cleanup(() => secrets.delete(accountId).catch(() => false));
    try {
      await setup?.(s);
    } finally {
      // Registered last, so it runs first: engines close before a relay the setup kept goes away.
      base.cleanup(async () => {
        for (const t of [...open]) await s.close(t);
      });
    }
  });
  const s: ActionsSuite = {
    get info() {
      return base.info;
    },
    cleanup: (fn) => base.cleanup(fn),
    keep: (value, close) => base.keep(value, close),
    get imap(): ImapFlow {
      if (!imap) throw new Error('actionsSuite(): the IMAP session is open from before() on');
      return imap;
    },
    get accountId() {
      return accountId;
    },
    prefix,
    folder: (tag) => `${prefix}-${uniqueFolder(tag)}`,
    ids,
    async engine(profileDir) {
      const t = await actionsEngine({ trustedCaFiles: [base.info.ca], ...(profileDir ? { profileDir } : {}) });
      open.add(t);
      return t;
    },
    async close(t) {
      if (!open.delete(t)) return;
      await t.engine.close();
    },
  };
  return s;
}

/** Flags and Message-IDs only: what the cache must agree with the server on. */
export const strip = (rows: Row[]) => rows.map((r) => ({ uid: r.uid, messageId: r.messageId, flags: r.flags }));

let seq = 0;
export function uniqueFolder(tag: string): string {
  return `Actions-${process.pid}-${Date.now().toString(36)}-${++seq}-${tag}`;
}

export function imapClient(info: StackInfo, port = info.imap.port): ImapFlow {
  const u = user(info, ROLE);
  const c = new ImapFlow({
    host: info.imap.host,
    port,
    secure: false,
    doSTARTTLS: true,
    auth: { user: u.email, pass: u.password },
    tls: { ca: [readFileSync(info.ca, 'utf8')] },
    logger: false,
  });
  c.on('error', () => undefined);
  return c;
}

export async function connected(info: StackInfo, port = info.imap.port): Promise<ImapFlow> {
  const c = imapClient(info, port);
  await c.connect();
  return c;
}

export function messageId(tag: string): string {
  return `<actions-${process.pid}-${Date.now().toString(36)}-${++seq}-${tag}@test.cantho.gov.vn>`;
}

export async function rawMessage(subject: string, id: string, attachment = false): Promise<Buffer> {
  return new MailComposer({
    from: '"Văn phòng UBND" <vanphong@cantho.gov.vn>',
    to: 'vanthu@cantho.gov.vn',
    subject,
    text: `Nội dung ${subject}`,
    messageId: id,
    date: new Date(),
    attachments: attachment ? [{ filename: 'Công văn.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') }] : [],
  })
    .compile()
    .build();
}

/** Appends n messages; returns their Message-IDs in UID order. */
export async function fill(imap: ImapFlow, folder: string, n: number, tag = 'm'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = messageId(`${tag}${i}`);
    await imap.append(folder, await rawMessage(`Thư ${tag} số ${i + 1}`, id, i === 0));
    ids.push(id);
  }
  return ids;
}

export async function createFolder(imap: ImapFlow, folder: string): Promise<void> {
  await imap.mailboxCreate(folder);
}

/** Deletes our folders (deepest first), ignoring the ones already gone. */
export async function deleteFolders(imap: ImapFlow, prefix: string): Promise<void> {
  const list = (await imap.list()).map((f) => f.path).filter((p) => p.startsWith(prefix));
  for (const p of list.sort((a, b) => b.length - a.length)) await imap.mailboxDelete(p).catch(() => undefined);
}

/** Removes our messages from a shared folder (Trash, Junk, INBOX) by Message-ID. */
export async function removeByMessageId(imap: ImapFlow, folder: string, ids: readonly string[]): Promise<void> {
  const lock = await imap.getMailboxLock(folder);
  try {
    for (const id of ids) {
      const uids = (await imap.search({ header: { 'message-id': id } }, { uid: true })) || [];
      if (uids.length) await imap.messageDelete(uids.join(','), { uid: true });
    }
  } finally {
    lock.release();
  }
}

export function flagKey(flags: Iterable<string>): string {
  return [...flags]
    .filter((f) => f !== '\\Recent')
    .map((f) => (f.startsWith('\\') ? f.toLowerCase() : f))
    .sort()
    .join(' ');
}

export interface Row {
  uid: number;
  messageId: string | null;
  flags: string;
}

/** The server's view of a folder: every UID with its flags and keywords. */
export async function serverRows(imap: ImapFlow, folder: string): Promise<Row[]> {
  const lock = await imap.getMailboxLock(folder);
  try {
    // A mailbox this session already had selected learns of other sessions' expunges on the next NOOP (RFC 3501
    // §7.4.1: never during a FETCH), so ask first.
    await imap.noop();
    if (!imap.mailbox || imap.mailbox.exists === 0) return [];
    const out: Row[] = [];
    for await (const m of imap.fetch('1:*', { uid: true, flags: true, envelope: true }, { uid: true })) {
      out.push({ uid: m.uid, messageId: m.envelope?.messageId ?? null, flags: flagKey(m.flags ?? []) });
    }
    return out.sort((a, b) => a.uid - b.uid);
  } finally {
    lock.release();
  }
}

/** The cache's view of a folder, read from the profile's SQLite file (WAL: a reader beside the engine). */
export function cacheRows(profileDir: string, accountId: string, folder: string): Row[] {
  const db = new DatabaseSync(join(profileDir, 'cache.sqlite'), { readOnly: true });
  try {
    const rows = db
      .prepare(
        `SELECT uid, message_id, seen, flagged, answered, draft, deleted, keywords FROM messages
         WHERE account_id = ? AND folder = ? ORDER BY uid`,
      )
      .all(accountId, folder) as {
      uid: number;
      message_id: string | null;
      seen: number;
      flagged: number;
      answered: number;
      draft: number;
      deleted: number;
      keywords: string;
    }[];
    return rows.map((r) => {
      const flags = [
        ...(r.seen ? ['\\Seen'] : []),
        ...(r.flagged ? ['\\Flagged'] : []),
        ...(r.answered ? ['\\Answered'] : []),
        ...(r.draft ? ['\\Draft'] : []),
        ...(r.deleted ? ['\\Deleted'] : []),
        ...(JSON.parse(r.keywords) as string[]),
      ];
      return { uid: r.uid, messageId: r.message_id, flags: flagKey(flags) };
    });
  } finally {
    db.close();
  }
}

export function cacheQuery<T>(profileDir: string, sql: string, ...params: (string | number)[]): T[] {
  const db = new DatabaseSync(join(profileDir, 'cache.sqlite'), { readOnly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** A TCP relay between the engine and Dovecot that can be cut (the network goes away) and restored. */
export class Relay {
  port = 0;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly target: number;
  private mode: 'up' | 'refuse' | 'reset' = 'up';

  constructor(targetPort: number) {
    this.target = targetPort;
  }

  async start(): Promise<number> {
    await this.listen(0);
    return this.port;
  }

  private async listen(port: number): Promise<void> {
    const server = createServer((client) => {
      if (this.mode !== 'up') {
        client.destroy();
        return;
      }
      const upstream = createConnection({ host: '127.0.0.1', port: this.target });
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    const addr = server.address();
    if (!addr || typeof addr === 'string') throw new Error('relay: no port');
    this.port = addr.port;
    this.server = server;
  }

  /**
   * The network goes away: every open connection is dropped. 'refuse': the port closes (ECONNREFUSED, the server
   * is down); 'reset': it accepts and hangs up at once (a middlebox, a crashing server).
   */
  async cut(how: 'refuse' | 'reset' = 'refuse'): Promise<void> {
    this.mode = how;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (how === 'refuse' && this.server) {
      const s = this.server;
      this.server = null;
      await new Promise((r) => s.close(r));
    }
  }

  async restore(): Promise<void> {
    this.mode = 'up';
    if (!this.server) await this.listen(this.port);
  }

  async close(): Promise<void> {
    await this.cut('refuse');
  }
}
