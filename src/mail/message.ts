// Opening a message: the body is fetched once and parsed as it streams in (BODY.PEEK[] in chunks, so fetching alone
// does not mark it read, and a 25 MB scanned decree never sits whole in memory). mailparser's MailParser hands each
// attachment over as a stream, which goes straight to a file under the profile (src/sync/files.ts); the text, the
// HTML and the attachment list go to the cache, so a reopen — also after a restart — costs no network.
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { paced } from './gc-pacer.ts';
import type { ImapFlow } from 'imapflow';
import type { AddressObject, AttachmentStream, MessageText } from 'mailparser';
import type { Address, AttachmentInfo, MessageDetail } from '../api/types.ts';
import { TcvError } from '../api/errors.ts';
import { transaction, type Db } from '../cache/db.ts';
import { AttachmentStore, safeFileName } from '../sync/files.ts';
import { findMessage, toSummary } from './queries.ts';
import { indexBody } from '../search/index.ts';
import { makeSnippet } from './snippet.ts';
import { mailparser } from '../platform/lazy.ts';

interface BodyRow {
  text: string;
  html: string | null;
  attachments_json: string;
  cc_json: string;
  reply_to_json: string;
}

/** What the cache keeps per attachment: the API's AttachmentInfo plus where the file is, relative to the store. */
export interface StoredAttachment extends AttachmentInfo {
  file: string | null;
}

// Partial FETCH size for streaming. Measured on loopback with a 25 MB attachment: 64 KB and 512 KB take the same
// time (parsing, not round trips, is the cost), and 64 KB keeps the peak lower (about +35 MB RSS against +50 MB).
const DOWNLOAD_CHUNK = 64 * 1024;

function flatten(a: AddressObject | AddressObject[] | undefined): Address[] {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  const out: Address[] = [];
  const walk = (vals: { name?: string; address?: string; group?: unknown[] }[]) => {
    for (const v of vals) {
      if (v.group) walk(v.group as typeof vals);
      else out.push({ name: (v.name ?? '').normalize('NFC'), address: (v.address ?? '').toLowerCase() });
    }
  };
  for (const obj of list) walk(obj.value);
  return out;
}

export function cachedBody(db: Db, accountId: string, folder: string, uid: number): BodyRow | undefined {
  return db
    .prepare(
      'SELECT text, html, attachments_json, cc_json, reply_to_json FROM bodies WHERE account_id = ? AND folder = ? AND uid = ?',
    )
    .get(accountId, folder, uid) as BodyRow | undefined;
}

export function storedAttachments(row: Pick<BodyRow, 'attachments_json'>): StoredAttachment[] {
  return (JSON.parse(row.attachments_json) as StoredAttachment[]).map((a) => ({ ...a, file: a.file ?? null }));
}

export interface ParsedBody {
  text: string;
  html: string | null;
  cc: Address[];
  replyTo: Address[];
  attachments: StoredAttachment[];
}

/**
 * Parses a raw message stream. Attachments are written to files in `dir` (created on the first one) as
 * "<index>-<safe name>"; without a dir they are read and dropped, so the list and sizes are still right.
 */
export async function parseMessageStream(source: Readable, dir: string | null, root?: string): Promise<ParsedBody> {
  // mailparser copes with broken MIME; whatever it cannot decode still leaves the raw text readable.
  const { MailParser } = await mailparser();
  const parser = new MailParser({ skipImageLinks: true, checksumAlgo: false });
  let headers: Map<string, unknown> | undefined;
  let text: MessageText | undefined;
  const attachments: StoredAttachment[] = [];
  const writes: Promise<void>[] = [];
  let dirMade = false;

  parser.on('headers', (h: Map<string, unknown>) => {
    headers = h;
  });
  parser.on('data', (data: AttachmentStream | MessageText) => {
    if (data.type === 'text') {
      text = data;
      return;
    }
    const index = attachments.length;
    const filename = (data.filename ?? '').normalize('NFC');
    const info: StoredAttachment = {
      index,
      filename,
      contentType: data.contentType,
      size: 0,
      inline: data.contentDisposition === 'inline' && Boolean(data.cid),
      file: null,
    };
    attachments.push(info);
    let sink: NodeJS.WritableStream;
    if (dir) {
      if (!dirMade) {
        mkdirSync(dir, { recursive: true });
        dirMade = true;
      }
      const path = join(dir, `${index}-${safeFileName(filename, `tep-${index}`)}`);
      info.file = root ? relative(root, path) : path;
      sink = createWriteStream(path);
    } else {
      sink = devNull();
    }
    writes.push(
      pipeline(data.content, sink).then(
        () => {
          info.size = data.size ?? 0;
          data.release?.();
        },
        (err: unknown) => {
          data.release?.();
          throw err;
        },
      ),
    );
  });

  await Promise.all([pipeline(source, parser), ...writes]);
  // Attachments emitted near the end may still be draining after the parser finished.
  await Promise.all(writes);
  const h = headers ?? new Map<string, unknown>();
  return {
    text: (text?.text ?? '').normalize('NFC'),
    html: typeof text?.html === 'string' ? text.html : null,
    cc: flatten(h.get('cc') as AddressObject | undefined),
    replyTo: flatten(h.get('reply-to') as AddressObject | undefined),
    attachments,
  };
}

function devNull(): NodeJS.WritableStream {
  return new Writable({
    write(_chunk, _enc, cb) {
      cb();
    },
  });
}

export interface FetchBodyOptions {
  /** Where attachment files go; without one they are counted but not kept. */
  store?: AttachmentStore;
}

export async function fetchBody(
  client: ImapFlow,
  db: Db,
  accountId: string,
  folder: string,
  uid: number,
  opts: FetchBodyOptions = {},
): Promise<void> {
  const state = db
    .prepare('SELECT uidvalidity FROM folders WHERE account_id = ? AND path = ?')
    .get(accountId, folder) as { uidvalidity: string | null } | undefined;
  if (!state) throw new TcvError('FOLDER_NOT_FOUND', `${accountId} ${folder}`);
  const dir = opts.store ? opts.store.messageDir(accountId, folder, state.uidvalidity ?? '0', uid) : null;
  if (dir) rmSync(dir, { recursive: true, force: true });

  let parsed: ParsedBody;
  // The lock is held while the stream is read: download() asks for the next chunk as the parser takes the last.
  const lock = await client.getMailboxLock(folder);
  try {
    if (state.uidvalidity !== null && String(client.mailbox && client.mailbox.uidValidity) !== state.uidvalidity) {
      // The folder was rebuilt on the server since the last sync: this UID may now name another message.
      throw new TcvError('MESSAGE_NOT_FOUND', `${folder} ${uid}: UIDVALIDITY changed`);
    }
    const dl = await client.download(String(uid), undefined, { uid: true, chunkSize: DOWNLOAD_CHUNK });
    if (!dl.content) throw new TcvError('MESSAGE_NOT_FOUND', `${folder} ${uid}`);
    // A large message through a GcPacer: its 64 KB chunks die young and are freed as it streams (src/mail/gc-pacer.ts).
    parsed = await parseMessageStream(paced(dl.content, dl.meta?.expectedSize), dir, opts.store?.root);
  } finally {
    lock.release();
  }

  const text = parsed.text;
  // Body, preview line and search index in one transaction: the list never shows a snippet of a body not cached.
  transaction(db, () => {
    db.prepare(
      `INSERT OR REPLACE INTO bodies (account_id, folder, uid, text, html, attachments_json, cc_json, reply_to_json, fetched_at)
       VALUES (?,?,?,?,?,?,?,?,?)`,
    ).run(
      accountId,
      folder,
      uid,
      text,
      parsed.html,
      JSON.stringify(parsed.attachments),
      JSON.stringify(parsed.cc),
      JSON.stringify(parsed.replyTo),
      new Date().toISOString(),
    );
    db.prepare('UPDATE messages SET snippet = ? WHERE account_id = ? AND folder = ? AND uid = ?').run(
      makeSnippet(text),
      accountId,
      folder,
      uid,
    );
    indexBody(
      db,
      accountId,
      folder,
      uid,
      text,
      parsed.attachments.map((a) => a.filename),
    );
  });
}

export function messageDetail(db: Db, accountId: string, folder: string, uid: number): MessageDetail {
  const row = findMessage(db, accountId, folder, uid);
  const body = cachedBody(db, accountId, folder, uid);
  if (!row || !body) throw new TcvError('MESSAGE_NOT_FOUND', `${folder} ${uid}`);
  return {
    ...toSummary(row),
    cc: JSON.parse(body.cc_json) as Address[],
    replyTo: JSON.parse(body.reply_to_json) as Address[],
    text: body.text,
    hasHtml: body.html !== null,
    // The file location is the engine's business (attachments.save hands out paths); the API lists the attachments.
    attachments: storedAttachments(body).map(({ file: _file, ...a }) => a),
  };
}
