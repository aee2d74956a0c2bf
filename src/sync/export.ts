// The user's own backup of a folder (QĐ 50/2009 Article 9.2: the user keeps a copy of the mail they need): every
// message streamed from the server — never from the cache, which may hold only headers — into
//  - mbox: one file, "mboxrd" flavour (Hall, "The mbox family", and RFC 4155): each message starts with a
//    "From sender asctime-date" line, lines that already begin with ">*From " get one more ">" so that reading the
//    file back restores them exactly, CRLF becomes LF, and a blank line ends each message. Thunderbird, mutt and
//    Apple Mail open it.
//  - eml: one RFC 5322 file per message, bytes as on the server, named "<uid>-<subject>.eml" with a safe name.
// Files are created exclusively (an existing file is never overwritten); the mbox file and the folder of .eml files
// are written under a ".part" name and renamed at the end, and removed if the export fails or is cancelled, so an
// interrupted export never looks like a complete one and nothing half-written is left behind.
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { basename, join } from 'node:path';
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
  /** Called at the start, at least every PROGRESS_MS while messages are written, and at the end of each batch. */
  onProgress?: (done: number, total: number, bytes: number) => void;
}

/** Messages per mailbox lock: the lock is given back between batches so the lane's other users are not starved. */
const EXPORT_BATCH = 100;
const DOWNLOAD_CHUNK = 64 * 1024;
/** Progress at most this often within a batch: a bar that moves, without an event per message. */
const PROGRESS_MS = 200;
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
    if (out.errored) throw out.errored;
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
  try {
    mkdirSync(destination, { recursive: true });
  } catch (err) {
    throw storageError(err, `export to ${destination}`);
  }

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
  signal?.throwIfAborted();

  const base = safeFileName(folder.replace(/[/.]/g, ' - '), 'thu-muc');
  const path = uniquePath(destination, base, format === 'mbox' ? '.mbox' : '');
  const partPath = `${path}.part`;
  let mbox: WriteStream | null = null;
  let bytes = 0;
  let done = 0;
  let lastProgress = 0;
  const progress = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastProgress < PROGRESS_MS) return;
    lastProgress = now;
    onProgress?.(done, metas.length, bytes);
  };
  const width = String(metas.at(-1)?.uid ?? 0).length;
  try {
    if (format === 'mbox') {
      mbox = quiet(createWriteStream(partPath, { flags: 'wx' }));
      await once(mbox, 'open');
    } else {
      mkdirSync(partPath);
    }
    progress(true);
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
            // Cancel between messages, not only between batches: a batch of large messages can take a while.
            signal?.throwIfAborted();
            const dl = await c.download(String(m.uid), undefined, { uid: true, chunkSize: DOWNLOAD_CHUNK });
            if (!dl.content) continue; // expunged since the list was taken
            if (mbox) {
              bytes += await writeMboxMessage(mbox, dl.content, m.sender, m.date);
            } else {
              const name = `${String(m.uid).padStart(width, '0')}-${safeFileName(m.subject, 'khong-tieu-de').replace(/\.eml$/i, '')}`;
              bytes += await writeFile(join(partPath, `${safeFileName(name)}.eml`), dl.content);
            }
            done++;
            progress(false);
          }
        } finally {
          lock.release();
        }
      });
      progress(true);
    }
    if (mbox) await close(mbox);
    renameSync(partPath, path);
  } catch (err) {
    if (mbox && !mbox.closed) {
      // Not once(): a write still in flight reports ERR_STREAM_DESTROYED as an 'error', which would reject it.
      const closed = new Promise<void>((resolve) => mbox?.once('close', () => resolve()));
      mbox.destroy();
      await closed;
    }
    rmSync(partPath, { recursive: true, force: true });
    throw storageError(err, `export to ${destination}`);
  }
  return { folder, format, path, name: basename(path), messages: done, bytes };
}

async function writeFile(file: string, content: Readable): Promise<number> {
  let bytes = 0;
  const out = quiet(createWriteStream(file, { flags: 'wx' }));
  try {
    for await (const chunk of content as AsyncIterable<Buffer>) {
      if (out.errored) throw out.errored;
      bytes += chunk.length;
      if (!out.write(chunk)) await once(out, 'drain');
    }
  } finally {
    await close(out);
  }
  return bytes;
}

/**
 * A write stream whose errors (ENOSPC from a buffered write) are read from `errored` by the writer instead of being
 * an unhandled 'error' event, which would end the whole process.
 */
function quiet(out: WriteStream): WriteStream {
  out.on('error', () => {});
  return out;
}

/** Flushes and closes; throws the stream's error, if a write failed (the disk filled up during the last chunks). */
async function close(out: WriteStream): Promise<void> {
  if (!out.closed) {
    out.end();
    await once(out, 'close');
  }
  if (out.errored) throw out.errored;
}

const FS_CODES = new Set([
  'ENOSPC',
  'EDQUOT',
  'EACCES',
  'EPERM',
  'EROFS',
  'EEXIST',
  'ENOTDIR',
  'EISDIR',
  'ENOENT',
  'ENAMETOOLONG',
  'EMFILE',
  'ENFILE',
  'EIO',
  'EFBIG',
  'EBUSY',
]);

/**
 * A file-system error as the user's words: disk full (ENOSPC, EDQUOT), no permission (EACCES, EPERM, EROFS: a
 * read-only drive), anything else STORAGE; the errno and path go to the detail (the log). Other errors pass as they are.
 */
export function storageError(err: unknown, what: string): unknown {
  if (err instanceof TcvError) return err;
  const code = (err as NodeJS.ErrnoException | null)?.code;
  // File-system codes only: a socket's ECONNRESET or ETIMEDOUT is the server's, handled as a connection error.
  if (typeof code !== 'string' || !FS_CODES.has(code)) return err;
  const detail = `${what}: ${(err as Error).message}`;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new TcvError('STORAGE_FULL', detail, { cause: err });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new TcvError('STORAGE_DENIED', detail, { cause: err });
  }
  return new TcvError('STORAGE', detail, { cause: err });
}

/** dir/name+ext, or dir/name (2)+ext... if taken: an export never overwrites an earlier backup. */
function uniquePath(dir: string, name: string, ext: string): string {
  for (let n = 1; ; n++) {
    const p = join(dir, `${name}${n > 1 ? ` (${n})` : ''}${ext}`);
    if (!existsSync(p) && !existsSync(`${p}.part`)) return p;
  }
}
