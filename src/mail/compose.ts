// Building the raw message once, before anything is sent: the same bytes (and Message-ID) go to SMTP and to Sent, so a
// resend after a crash carries the same Message-ID (issue 3 "Outbox").
//
// - Text is NFC (QĐ 50/2009 Điều 7, TCVN 6909:2001): subject, bodies, display names and attachment names.
// - Headers: nodemailer encodes display names and the subject as RFC 2047 encoded-words and attachment names as
//   RFC 2231 parameters, so any server takes them. An address whose local part has Vietnamese letters cannot be
//   encoded at all: it goes out as raw UTF-8 (RFC 6532) and needs SMTPUTF8 (RFC 6531) from the server, which
//   `smtpUtf8` on the result tells the sender to check.
// - Bodies: text/plain, plus text/html as a multipart/alternative when given; inline images (cid:) make a
//   multipart/related; attachments are read from their files as the message is written (MailComposer's `path`),
//   never loaded whole.
// - The message is streamed to a file (composeToFile), so a 25 MB attachment costs a few buffers of memory, not 34 MB
//   of base64 (design.md "sending a 25 MB attachment: RSS grows ≤ 50 MB").
import { createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type MailComposer from 'nodemailer/lib/mail-composer';
import { TcvError } from '../api/errors.ts';
import type { AccountSummary, Address } from '../api/types.ts';
import { nfc } from '../text/index.ts';
import { GcPacer, PACE_FROM_BYTES } from './gc-pacer.ts';
import { mailComposer } from '../platform/lazy.ts';

export type RecipientInput = string | Address;

export interface ComposeAttachment {
  path: string;
  filename?: string | null;
  contentType?: string | null;
  /** Content-ID for an inline image (the HTML refers to it as cid:<cid>). */
  cid?: string | null;
}

export interface ComposeInput {
  to: RecipientInput[];
  cc: RecipientInput[];
  bcc: RecipientInput[];
  subject: string;
  text: string;
  html?: string | null;
  attachments?: ComposeAttachment[];
  inReplyTo?: string | null;
  references?: string[];
  /** Extra headers (X-… only), e.g. the draft id of a copy in the Drafts folder. */
  headers?: Record<string, string>;
}

export interface ComposedBase {
  messageId: string;
  envelope: { from: string; to: string[] };
  subject: string;
  /** To and Cc as shown to the user ("Name <addr>"); Bcc is left out on purpose. */
  displayTo: string[];
  /** An address has non-ASCII letters: the server must offer SMTPUTF8 (RFC 6531). */
  smtpUtf8: boolean;
}

export interface ComposedMessage extends ComposedBase {
  raw: Buffer;
}

export interface ComposedFile extends ComposedBase {
  path: string;
  size: number;
}

// Anything beyond ASCII in an address needs SMTPUTF8.
const NON_ASCII = /[\u0080-\u{10ffff}]/u;

function oneLine(s: string): string {
  return nfc(s).replace(/[\r\n\t]+/g, ' ');
}

export function toAddress(r: RecipientInput): Address {
  if (typeof r === 'string') {
    const m = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(r);
    if (m) return { name: oneLine((m[1] ?? '').replace(/^"(.*)"$/, '$1')), address: (m[2] as string).trim() };
    return { name: '', address: r.trim() };
  }
  return { name: oneLine(r.name ?? ''), address: r.address.trim() };
}

export function displayAddress(a: Address): string {
  return a.name ? `${a.name} <${a.address}>` : a.address;
}

/** A plain-text alternative for HTML typed in the editor: block ends become line breaks, tags go, entities decode. */
export function htmlToText(html: string): string {
  return (
    nfc(html)
      .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<br\s*\/?>/gi, '\n')
      // A cell's paragraph does not end the row: cells are separated by a tab, rows by a line break.
      .replace(/<\/p\s*>\s*(?=<\/t[dh]\s*>)/gi, '')
      .replace(/<\/(p|div|li|tr|h[1-6]|blockquote|table|ul|ol)\s*>/gi, '\n')
      .replace(/<\/(td|th)\s*>/gi, '\t')
      .replace(/<li\b[^>]*>/gi, '• ')
      .replace(/<[^>]*>/g, '')
      .replace(/&(nbsp|amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_m, e: string) => {
        const named: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
        const k = e.toLowerCase();
        if (k in named) return named[k] as string;
        const cp = k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
        return Number.isFinite(cp) && cp > 0 && cp < 0x110000 ? String.fromCodePoint(cp) : '';
      })
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

/** Checks every attachment is a readable file; returns their total size. */
async function checkAttachments(list: readonly ComposeAttachment[]): Promise<number> {
  let total = 0;
  for (const a of list) {
    try {
      const s = await stat(a.path);
      if (!s.isFile()) throw new Error('not a regular file');
      total += s.size;
    } catch (err) {
      throw new TcvError('ATTACHMENT_UNREADABLE', `${a.path}: ${(err as Error).message}`, { cause: err });
    }
  }
  return total;
}

function build(Composer: typeof MailComposer, account: AccountSummary, input: ComposeInput, now: Date) {
  const to = input.to.map(toAddress);
  const cc = input.cc.map(toAddress);
  const bcc = input.bcc.map(toAddress);
  const subject = oneLine(input.subject).trim();
  const html = input.html ? nfc(input.html) : null;
  // Never an empty body: MailComposer would then make a lone attachment the whole message (a forwarded .eml would
  // become the message itself instead of an attachment of it).
  const text = nfc(input.text || (html ? htmlToText(html) : '')) || '\n';
  const headers: Record<string, string> = { 'X-Mailer': 'Thu Cong Vu' };
  for (const [k, v] of Object.entries(input.headers ?? {})) {
    if (/^X-[A-Za-z0-9-]+$/.test(k)) headers[k] = oneLine(v);
  }
  const refs = input.references ?? [];
  const composer = new Composer({
    from: { name: oneLine(account.displayName), address: account.email },
    to: to.map((a) => ({ name: a.name, address: a.address })),
    cc: cc.map((a) => ({ name: a.name, address: a.address })),
    bcc: bcc.map((a) => ({ name: a.name, address: a.address })),
    subject,
    text,
    ...(html ? { html } : {}),
    ...(input.inReplyTo ? { inReplyTo: input.inReplyTo } : {}),
    ...(refs.length ? { references: refs } : {}),
    date: now,
    textEncoding: 'quoted-printable',
    headers,
    attachments: (input.attachments ?? []).map((a) => ({
      path: a.path,
      filename: nfc(a.filename || basename(a.path)),
      ...(a.contentType ? { contentType: a.contentType } : {}),
      contentDisposition: a.cid ? ('inline' as const) : ('attachment' as const),
      ...(a.cid ? { cid: a.cid } : {}),
    })),
  });
  // Bcc recipients are in the envelope only; MailComposer leaves the Bcc header out of the built message.
  const node = composer.compile();
  const envelope = node.getEnvelope();
  const base: ComposedBase = {
    messageId: node.messageId(),
    envelope: { from: envelope.from || account.email, to: envelope.to },
    subject,
    displayTo: [...to, ...cc].map(displayAddress),
    smtpUtf8: [account.email, ...envelope.to].some((a) => NON_ASCII.test(a)),
  };
  return { node, base };
}

/** Builds the message in memory. For small messages and tests; sending uses composeToFile. */
export async function composeMessage(
  account: AccountSummary,
  input: ComposeInput,
  now = new Date(),
): Promise<ComposedMessage> {
  await checkAttachments(input.attachments ?? []);
  const { node, base } = build((await mailComposer()).default, account, input, now);
  return { ...base, raw: await node.build() };
}

/**
 * Streams the message into `dest` (written to dest.part, flushed to disk, then renamed), so a crash leaves either the
 * whole file or none.
 */
export async function composeToFile(
  account: AccountSummary,
  input: ComposeInput,
  dest: string,
  now = new Date(),
): Promise<ComposedFile> {
  const attached = await checkAttachments(input.attachments ?? []);
  const { node, base } = build((await mailComposer()).default, account, input, now);
  const part = `${dest}.part`;
  try {
    // flush: fsync before close, so the rename below never points at a file whose data is still in the page cache.
    const out = createWriteStream(part, { flush: true });
    if (attached >= PACE_FROM_BYTES) await pipeline(node.createReadStream(), new GcPacer(), out);
    else await pipeline(node.createReadStream(), out);
    await rename(part, dest);
  } catch (err) {
    await rm(part, { force: true });
    if (err instanceof TcvError) throw err;
    const e = err as NodeJS.ErrnoException;
    // MailComposer reads attachments while writing: a file that vanished since the check surfaces here.
    if (e.path !== part && (e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'EISDIR')) {
      throw new TcvError('ATTACHMENT_UNREADABLE', e.message, { cause: err });
    }
    throw new TcvError('STORAGE', `compose ${dest}: ${e.message}`, { cause: err });
  }
  await syncDir(dirname(dest));
  const { size } = await stat(dest);
  return { ...base, path: dest, size };
}

/** fsync a directory so a rename in it survives a power cut (a no-op where directories cannot be opened: Windows). */
export async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Not supported on this platform; NTFS journals the rename itself.
  }
}
