// The user's own backup of a folder (QĐ 50/2009 Article 9.2: the user keeps a copy of the mail they need): every
// message streamed from the server — never from the cache, which may hold only headers — into
//  - mbox: one file, "mboxrd" flavour (Hall, "The mbox family", and RFC 4155): each message starts with a
//    "From sender asctime-date" line, lines that already begin with ">*From " get one more ">" so that reading the
//    file back restores them exactly, CRLF becomes LF, and a blank line ends each message. Thunderbird, mutt and
//    Apple Mail open it.
//  - eml: one RFC 5322 file per message, bytes as on the server, named "<uid>-<subject>.eml" with a safe name.
// Files are created exclusively (an existing file is never overwritten) and the mbox is written under a ".part" name
// and renamed at the end, so an interrupted export never looks like a complete one.
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { ImapFlow } from 'imapflow';
import { TcvError } from '../api/errors.ts';
import type { ExportResult } from '../api/types.ts';
import { safeFileName } from './files.ts';

export type ExportFormat = 'mbox' | 'eml';

export interface ExportOptions {
  /** Runs fn on a connection (the engine's pool); called once per batch so other work can interleave. */
  run<T>(fn: (client: ImapFlow) => Promise<T>): Promise<T>;
  folder: string;
  format: ExportFormat;
  /** Directory that receives the mbox file or the folder of .eml files; created if missing. */
  destination: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Messages per mailbox lock: the lock is given back between batches so the lane's other users are not starved. */
const EXPORT_BATCH = 100;
const DOWNLOAD_CHUNK = 64 * 1024;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** asctime(3) in UTC, as the From_ line wants it: "Thu Jan  1 00:00:00 2026". */
export function asctime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(
    d.getUTCHours(),
  )}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** The From_ line's address: one token without spaces (RFC 4155 §2), MAILER-DAEMON when the message has none. */
export function fromLineAddress(address: string | undefined): string {
  const a = (address ?? '').replace(/[\s<>"]/g, '');
  return a || 'MAILER-DAEMON';
}

/**
 * Copies one message into an mbox stream with mboxrd quoting. Works line by line across chunk boundaries; only the
 * carried partial line is held in memory.
 */
export async function writeMboxMessage(
  out: WriteStream,
  source: Readable,
  sender: string,
  date: Date,
): Promise<number> {
  let bytes = 0;
  const write = async (chunk: Buffer | string) => {
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  };
  await write(`From ${fromLineAddress(sender)} ${asctime(date)}\n`);
  let carry = Buffer.alloc(0);
  let endsWithNewline = true;
  const emitLine = async (line: Buffer) => {
    // line excludes its terminator; a trailing CR of CRLF is dropped.
    const body = line.length && line[line.length - 1] === 0x0d ? line.subarray(0, line.length - 1) : line;
    const quote = /^>*From /.test(body.subarray(0, 64).toString('latin1'));
    await write(
      quote ? Buffer.concat([Buffer.from('>'), body, Buffer.from('\n')]) : Buffer.concat([body, Buffer.from('\n')]),
    );
  };
  for await (const chunk of source as AsyncIterable<Buffer>) {
    let buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    let nl: number;
    while ((nl = buf.indexOf(0x0a)) >= 0) {
      await emitLine(buf.subarray(0, nl));
      buf = buf.subarray(nl + 1);
    }
    carry = Buffer.from(buf);
    endsWithNewline = carry.length === 0;
  }
  if (carry.length) await emitLine(carry);
  else if (!endsWithNewline) await write('\n');
  // The blank line that separates messages (RFC 4155 §2: the From_ line follows an empty line).
  await write('\n');
  return bytes;
}

interface Meta {
  uid: number;
  date: Date;
  sender: string;
  subject: string;
}

export async function exportFolder(opts: ExportOptions): Promise<ExportResult> {
  const { run, folder, format, destination, signal, onProgress } = opts;
  mkdirSync(destination, { recursive: true });

  // The UID list and what names the files, in one go; UIDVALIDITY is checked before every batch.
  const { uidValidity, metas } = await run(async (c) => {
    const lock = await c.getMailboxLock(folder, { readOnly: true });
    try {
      const mb = c.mailbox;
      if (!mb) throw new TcvError('FOLDER_NOT_FOUND', folder);
      const list: Meta[] = [];
      if (mb.exists > 0) {
        for await (const m of c.fetch('1:*', { uid: true, envelope: true, internalDate: true }, { uid: false })) {
          const env = m.envelope;
          list.push({
            uid: m.uid,
            date: m.internalDate ? new Date(m.internalDate) : new Date(0),
            sender: env?.sender?.[0]?.address ?? env?.from?.[0]?.address ?? '',
            subject: (env?.subject ?? '').normalize('NFC'),
          });
        }
      }
      return { uidValidity: String(mb.uidValidity), metas: list.sort((a, b) => a.uid - b.uid) };
    } finally {
      lock.release();
    }
  });

  let path: string;
  let mbox: WriteStream | null = null;
  let partPath = '';
  if (format === 'mbox') {
    path = uniquePath(destination, safeFileName(folder.replace(/[/.]/g, ' - '), 'thu-muc'), '.mbox');
    partPath = `${path}.part`;
    mbox = createWriteStream(partPath, { flags: 'wx' });
    await once(mbox, 'open');
  } else {
    path = uniquePath(destination, safeFileName(folder.replace(/[/.]/g, ' - '), 'thu-muc'), '');
    mkdirSync(path);
  }

  let bytes = 0;
  let done = 0;
  const width = String(metas.at(-1)?.uid ?? 0).length;
  try {
    onProgress?.(0, metas.length);
    for (let i = 0; i < metas.length; i += EXPORT_BATCH) {
      signal?.throwIfAborted();
      const batch = metas.slice(i, i + EXPORT_BATCH);
      await run(async (c) => {
        const lock = await c.getMailboxLock(folder, { readOnly: true });
        try {
          if (!c.mailbox || String(c.mailbox.uidValidity) !== uidValidity) {
            throw new TcvError('SERVER_ERROR', `${folder}: UIDVALIDITY changed during export`);
          }
          for (const m of batch) {
            const dl = await c.download(String(m.uid), undefined, { uid: true, chunkSize: DOWNLOAD_CHUNK });
            if (!dl.content) continue; // expunged since the list was taken
            if (mbox) {
              bytes += await writeMboxMessage(mbox, dl.content, m.sender, m.date);
            } else {
              const name = `${String(m.uid).padStart(width, '0')}-${safeFileName(m.subject, 'khong-tieu-de').replace(/\.eml$/i, '')}`;
              const file = join(path, `${safeFileName(name)}.eml`);
              const out = createWriteStream(file, { flags: 'wx' });
              try {
                for await (const chunk of dl.content as AsyncIterable<Buffer>) {
                  bytes += chunk.length;
                  if (!out.write(chunk)) await once(out, 'drain');
                }
              } finally {
                out.end();
                await once(out, 'close');
              }
            }
            done++;
          }
        } finally {
          lock.release();
        }
      });
      onProgress?.(done, metas.length);
    }
    if (mbox) {
      mbox.end();
      await once(mbox, 'close');
      renameSync(partPath, path);
    }
  } catch (err) {
    if (mbox) {
      mbox.destroy();
      rmSync(partPath, { force: true });
    }
    throw err;
  }
  return { folder, format, path, messages: done, bytes };
}

/** dir/name+ext, or dir/name (2)+ext... if taken: an export never overwrites an earlier backup. */
function uniquePath(dir: string, name: string, ext: string): string {
  for (let n = 1; ; n++) {
    const p = join(dir, `${name}${n > 1 ? ` (${n})` : ''}${ext}`);
    if (!existsSync(p) && !existsSync(`${p}.part`)) return p;
  }
}
