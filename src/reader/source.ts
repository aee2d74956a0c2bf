// The raw message from the server, bounded, for "Xem mã nguồn" and for the reader's interim paths that need MIME
// details the cache does not keep (Content-IDs of inline parts; attachment bytes whose file is missing).
import type { ImapFlow } from 'imapflow';
import { TcvError } from '../api/errors.ts';
import { normalizeContentId } from './remote.ts';
import { mailparser } from '../platform/lazy.ts';

export interface RawSource {
  bytes: Buffer;
  /** Size of the whole message on the server. */
  size: number;
  truncated: boolean;
}

/**
 * Downloads at most `maxBytes` of a message (BODY.PEEK[], so it is not marked read). `uidValidity` is the cache's:
 * if the server's differs, the UID may now name another message, which must not be shown in its place.
 */
export async function readSource(
  client: ImapFlow,
  folder: string,
  uid: number,
  uidValidity: string | null,
  maxBytes: number,
): Promise<RawSource> {
  const lock = await client.getMailboxLock(folder);
  try {
    const mailbox = client.mailbox;
    if (uidValidity !== null && mailbox && String(mailbox.uidValidity) !== uidValidity) {
      throw new TcvError('MESSAGE_NOT_FOUND', `${folder} ${uid}: UIDVALIDITY changed`);
    }
    const dl = await client.download(String(uid), undefined, { uid: true, maxBytes, chunkSize: 512 * 1024 });
    if (!dl.content) throw new TcvError('MESSAGE_NOT_FOUND', `${folder} ${uid}`);
    // imapflow stops fetching at maxBytes itself (partial FETCH plus a byte limiter).
    const chunks: Buffer[] = [];
    for await (const chunk of dl.content as AsyncIterable<Buffer>) chunks.push(chunk);
    const all = Buffer.concat(chunks);
    const bytes = all.length > maxBytes ? all.subarray(0, maxBytes) : all;
    const size = Math.max(dl.meta?.expectedSize ?? 0, bytes.length);
    return { bytes, size, truncated: size > bytes.length };
  } finally {
    lock.release();
  }
}

/** Raw bytes as text: UTF-8 when they are valid UTF-8 (RFC 6532 headers, 8bit bodies), else Windows-1252. */
export function sourceText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

export interface ParsedPart {
  index: number;
  cid: string | null;
  filename: string;
  contentType: string;
  content: Buffer;
}

/**
 * The attachments of a raw message in mailparser's order, which is the order src/mail/message.ts numbers them in
 * (both take mailparser's attachment events as they come), with their Content-IDs and bytes.
 */
export async function parseParts(bytes: Buffer): Promise<ParsedPart[]> {
  const { simpleParser } = await mailparser();
  const parsed = await simpleParser(bytes, {
    skipImageLinks: true,
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipTextLinks: true,
  });
  return parsed.attachments.map((a, index) => ({
    index,
    cid: a.cid ? normalizeContentId(a.cid) : null,
    filename: (a.filename ?? '').normalize('NFC'),
    contentType: a.contentType,
    content: a.content,
  }));
}
