// compose.prepare: a reply, reply-all or forward of a cached message becomes a local draft the UI then edits
// (drafts.save) and sends (drafts.send). One path for every way of starting a message, so autosave, the server copy
// and the outbox work the same for all of them.
//
// The original is downloaded from the server as a stream into the draft's folder (BODY.PEEK: preparing a reply does
// not mark anything read) and parsed as a stream (mailparser's MailParser): headers, text, and for a forward each
// attachment written to its own file. Its References header is what threading needs (RFC 5322 3.6.4). Offline, a
// reply is built from the cache (the body must have been opened once); a forward with attachments needs the server.
import type { ImapFlow } from 'imapflow';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AddressObject, AttachmentStream, Headers, MessageText } from 'mailparser';
import { TcvError } from '../api/errors.ts';
import type { Address, ComposeMode, Draft } from '../api/types.ts';
import type { Db } from '../cache/db.ts';
import { findMessage } from '../mail/queries.ts';
import {
  forwardBody,
  forwardSubject,
  parseMessageIds,
  referencesFor,
  replyBody,
  replyRecipients,
  replySubject,
} from '../mail/reply.ts';
import { nfc } from '../text/index.ts';
import { mailparser } from '../platform/lazy.ts';
import type { AttachmentInput, DraftStore } from './store.ts';

// The quoted text of a reply is for reading, not an archive: a 5 MB text body quoted whole would make the editor crawl.
const MAX_QUOTED_CHARS = 200_000;
const OFFLINE: ReadonlySet<string> = new Set(['CONNECTION_LOST', 'CONNECTION_REFUSED', 'TIMEOUT', 'HOST_NOT_FOUND']);

export interface Original {
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  from: Address | null;
  replyTo: Address[];
  to: Address[];
  cc: Address[];
  date: Date | null;
  subject: string;
  text: string;
  attachments: AttachmentInput[];
  /** The whole message as a file (for forward as attachment). */
  sourcePath: string | null;
}

export interface PrepareDeps {
  db: Db;
  store: DraftStore;
  /** The user's own addresses for this account (left out of reply-all). */
  ownAddresses(accountId: string): string[];
  imap<T>(accountId: string, fn: (client: ImapFlow) => Promise<T>): Promise<T>;
  timeZone?: string;
}

function addresses(v: AddressObject | AddressObject[] | undefined): Address[] {
  const out: Address[] = [];
  const walk = (list: { name?: string; address?: string; group?: unknown }[]) => {
    for (const a of list) {
      if (Array.isArray(a.group)) walk(a.group as typeof list);
      else if (a.address) out.push({ name: nfc(a.name ?? ''), address: a.address });
    }
  };
  for (const o of Array.isArray(v) ? v : v ? [v] : []) walk(o.value);
  return out;
}

function safeName(name: string, index: number): string {
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0] ?? '';
  return `att-${index}${ext}`;
}

/** Streams the message into `dir/original.eml` and parses it; attachments are written beside it when wanted. */
async function loadFromServer(
  deps: PrepareDeps,
  accountId: string,
  folder: string,
  uid: number,
  dir: string,
  withAttachments: boolean,
): Promise<Original> {
  const sourcePath = join(dir, 'original.eml');
  await deps.imap(accountId, async (c) => {
    const lock = await c.getMailboxLock(folder);
    try {
      const dl = await c.download(String(uid), undefined, { uid: true });
      if (!dl || !('content' in dl) || !dl.content) throw new TcvError('MESSAGE_NOT_FOUND', `${folder} ${uid}`);
      await pipeline(dl.content, createWriteStream(sourcePath));
    } finally {
      lock.release();
    }
  });
  const { MailParser } = await mailparser();
  const parser = new MailParser({ skipImageLinks: true, skipTextToHtml: true });
  let headers: Headers = new Map();
  let text = '';
  let html = '';
  const attachments: AttachmentInput[] = [];
  const pending: Promise<void>[] = [];
  parser.on('headers', (h: Headers) => (headers = h));
  parser.on('data', (data: AttachmentStream | MessageText) => {
    if (data.type === 'text') {
      text = data.text ?? '';
      if (typeof data.html === 'string') html = data.html;
      return;
    }
    const att = data as AttachmentStream;
    // mailparser waits for release() before it parses on.
    const release = () => {
      if (typeof att.release === 'function') att.release();
    };
    if (!withAttachments) {
      att.content.on('end', release);
      (att.content as NodeJS.ReadableStream).resume();
      return;
    }
    const index = attachments.length;
    const filename = nfc(att.filename || `tep-dinh-kem-${index + 1}`);
    const path = join(dir, safeName(filename, index));
    attachments.push({
      path,
      filename,
      contentType: att.contentType,
      cid: att.related && att.cid ? att.cid : null,
    });
    pending.push(pipeline(att.content as NodeJS.ReadableStream, createWriteStream(path)).finally(release));
  });
  await pipeline(createReadStream(sourcePath), parser);
  await Promise.all(pending);
  const str = (k: string) => {
    const v = headers.get(k);
    return typeof v === 'string' ? v : Array.isArray(v) ? v.join(' ') : '';
  };
  const date = headers.get('date');
  return {
    messageId: parseMessageIds(str('message-id'))[0] ?? null,
    inReplyTo: parseMessageIds(str('in-reply-to')),
    references: parseMessageIds(str('references')),
    from: addresses(headers.get('from') as AddressObject | undefined)[0] ?? null,
    replyTo: addresses(headers.get('reply-to') as AddressObject | undefined),
    to: addresses(headers.get('to') as AddressObject | AddressObject[] | undefined),
    cc: addresses(headers.get('cc') as AddressObject | AddressObject[] | undefined),
    date: date instanceof Date ? date : null,
    subject: nfc(str('subject')),
    text: text || (html ? html.replace(/<[^>]*>/g, ' ') : ''),
    attachments,
    sourcePath,
  };
}

interface CachedRow {
  message_id: string | null;
  in_reply_to: string | null;
  refs?: string | null;
  subject: string;
  from_name: string;
  from_addr: string;
  to_json: string;
  date: number | null;
  has_attachments: number;
}

/** The same from the cache, for a reply made offline. */
function loadFromCache(db: Db, accountId: string, folder: string, uid: number): Original | null {
  const row = db
    .prepare('SELECT * FROM messages WHERE account_id = ? AND folder = ? AND uid = ?')
    .get(accountId, folder, uid) as CachedRow | undefined;
  const body = db
    .prepare('SELECT text, cc_json, reply_to_json FROM bodies WHERE account_id = ? AND folder = ? AND uid = ?')
    .get(accountId, folder, uid) as { text: string; cc_json: string; reply_to_json: string } | undefined;
  if (!row || !body) return null;
  return {
    messageId: row.message_id,
    inReplyTo: parseMessageIds(row.in_reply_to),
    references: parseMessageIds(row.refs ?? ''),
    from: row.from_addr ? { name: row.from_name, address: row.from_addr } : null,
    replyTo: JSON.parse(body.reply_to_json) as Address[],
    to: JSON.parse(row.to_json) as Address[],
    cc: JSON.parse(body.cc_json) as Address[],
    date: row.date !== null ? new Date(row.date) : null,
    subject: row.subject,
    text: body.text,
    attachments: [],
    sourcePath: null,
  };
}

export type PrepareMode = Exclude<ComposeMode, 'new'>;

export async function prepareDraft(
  deps: PrepareDeps,
  p: { accountId: string; mode: PrepareMode; folder: string; uid: number },
): Promise<Draft> {
  const { db, store } = deps;
  const cached = findMessage(db, p.accountId, p.folder, p.uid);
  if (!cached) throw new TcvError('MESSAGE_NOT_FOUND', `${p.folder} ${p.uid}`);
  const id = store.newId();
  const dir = store.dirFor(id);
  await mkdir(dir, { recursive: true });
  const forward = p.mode === 'forward' || p.mode === 'forwardAsAttachment';
  let orig: Original;
  try {
    try {
      orig = await loadFromServer(deps, p.accountId, p.folder, p.uid, dir, p.mode === 'forward');
    } catch (err) {
      const offline = err instanceof TcvError && OFFLINE.has(err.code);
      const local = offline ? loadFromCache(db, p.accountId, p.folder, p.uid) : null;
      const needsServer = p.mode === 'forwardAsAttachment' || (p.mode === 'forward' && cached.has_attachments === 1);
      if (!local || needsServer) throw err;
      orig = local;
    }
    const text = orig.text.length > MAX_QUOTED_CHARS ? `${orig.text.slice(0, MAX_QUOTED_CHARS)}\n[…]` : orig.text;
    const refs = referencesFor({ messageId: orig.messageId, references: orig.references, inReplyTo: orig.inReplyTo });
    let attachments: AttachmentInput[] = [];
    let body: { text: string; html: string };
    let to: Address[] = [];
    let cc: Address[] = [];
    if (forward) {
      body = p.mode === 'forward' ? forwardBody({ ...orig, text }, deps.timeZone) : { text: '', html: '' };
      if (p.mode === 'forward') attachments = orig.attachments;
      else if (orig.sourcePath) {
        const base =
          orig.subject
            .replace(/[\\/:*?"<>|\r\n\t]+/g, ' ')
            .trim()
            .slice(0, 120) || 'thu';
        attachments = [{ path: orig.sourcePath, filename: `${base}.eml`, contentType: 'message/rfc822' }];
      }
    } else {
      ({ to, cc } = replyRecipients(orig, deps.ownAddresses(p.accountId), p.mode === 'replyAll'));
      body = replyBody({ ...orig, text }, deps.timeZone);
    }
    if (orig.sourcePath && p.mode !== 'forwardAsAttachment') await rm(orig.sourcePath, { force: true });
    // Inline images of a forwarded HTML message are not referenced by the text we quote: send them as attachments.
    attachments = attachments.map((a) => ({ ...a, cid: null }));
    for (const a of attachments) await stat(a.path);
    const saved = store.save({
      createWithId: id,
      accountId: p.accountId,
      mode: p.mode,
      source: { folder: p.folder, uid: p.uid },
      to,
      cc,
      bcc: [],
      subject: forward ? forwardSubject(orig.subject) : replySubject(orig.subject),
      text: body.text,
      html: body.html || null,
      attachments,
      // A forward starts a new conversation for its recipients, but keeps References so the sender's own client
      // threads it with the original; In-Reply-To is for replies only (RFC 5322 3.6.4).
      inReplyTo: forward ? null : orig.messageId,
      references: refs,
    });
    return store.get(saved.id);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
