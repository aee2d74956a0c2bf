// SMTP submission (RFC 6409) with nodemailer's SMTPConnection: STARTTLS required on submission ports (requireTLS),
// certificates verified, one connection reused for a run of messages (the outbox sends 50 circulars over one login,
// not 50). The message is streamed from its file: nodemailer dot-stuffs it on the way, nothing holds it whole.
//
// Before any byte of a message goes out, the EHLO answer is checked:
// - SIZE (RFC 1870): a message over the server's limit (or a stricter local/policy limit) is MESSAGE_TOO_LARGE at
//   once, instead of a 552 after uploading 30 MB over a provincial WAN link. The size is also declared in MAIL FROM
//   (SIZE=), so a server that lowered its limit since EHLO still refuses before DATA.
// - SMTPUTF8 (RFC 6531): an address with Vietnamese letters needs it; without it, SMTPUTF8_UNSUPPORTED.
import { createReadStream } from 'node:fs';
import { Readable, pipeline } from 'node:stream';
import type SMTPConnection from 'nodemailer/lib/smtp-connection';
import { TcvError } from '../api/errors.ts';
import type { AccountSummary } from '../api/types.ts';
import { classifyMailError } from './errors.ts';
import { paced } from './gc-pacer.ts';
import { ProgressCounter, type ProgressListener } from './send-progress.ts';
import { nodemailer as nodemailerModule, smtpConnection } from '../platform/lazy.ts';

const CONNECT_TIMEOUT_MS = 15_000;
const GREETING_TIMEOUT_MS = 15_000;
// Large attachments over a slow WAN link: the socket may legitimately stay quiet for a while.
const SOCKET_TIMEOUT_MS = 5 * 60_000;
// Some servers cap messages per connection (Exchange: 20 by default in some setups); reconnecting now and then costs
// one login and avoids a 421 in the middle of a run.
export const MAX_MESSAGES_PER_SESSION = 20;

export interface SmtpCaps {
  /** EHLO SIZE: null when not advertised, 0 when advertised without a number (no fixed limit). */
  size: number | null;
  smtpUtf8: boolean;
  eightBitMime: boolean;
  pipelining: boolean;
  auth: string[];
}

/** Reads the extensions out of a (multi-line) EHLO reply. */
export function parseEhlo(reply: string): SmtpCaps {
  const lines = reply
    .split(/\r?\n/)
    .map((l) => l.replace(/^\d{3}[ -]/, '').trim())
    .filter(Boolean)
    .slice(1);
  const has = (name: string) => lines.some((l) => l.toUpperCase() === name || l.toUpperCase().startsWith(`${name} `));
  let size: number | null = null;
  const auth: string[] = [];
  for (const l of lines) {
    const m = /^SIZE(?:\s+(\d+))?$/i.exec(l);
    if (m) size = m[1] ? Number(m[1]) : 0;
    const a = /^AUTH[ =](.*)$/i.exec(l);
    if (a) for (const mech of (a[1] ?? '').split(/\s+/)) if (mech) auth.push(mech.toUpperCase());
  }
  return { size, smtpUtf8: has('SMTPUTF8'), eightBitMime: has('8BITMIME'), pipelining: has('PIPELINING'), auth };
}

/** The limit that applies: the smaller of the server's SIZE and a local/policy limit; null when neither is known. */
export function effectiveLimit(serverSize: number | null, local: number | null): number | null {
  const server = serverSize && serverSize > 0 ? serverSize : null;
  if (server === null) return local;
  if (local === null) return server;
  return Math.min(server, local);
}

export function checkSize(size: number, serverSize: number | null, local: number | null): void {
  const limit = effectiveLimit(serverSize, local);
  if (limit !== null && size > limit) {
    const which = local !== null && limit === local ? 'local limit' : 'server SIZE (RFC 1870)';
    throw new TcvError('MESSAGE_TOO_LARGE', `message is ${size} bytes, ${which} is ${limit} bytes`);
  }
}

export interface SmtpMessage {
  envelope: { from: string; to: string[] };
  /** Path of the .eml file (streamed) or the bytes themselves. */
  source: string | Buffer;
  size: number;
  smtpUtf8: boolean;
  /** Bytes handed to DATA so far, at most ~10 times a second, the last with sent = total (src/mail/send-progress.ts). */
  onProgress?: ProgressListener;
}

export interface SmtpSendResult {
  accepted: string[];
  rejected: string[];
  response: string;
}

function connectionOptions(account: AccountSummary, cas: string[]) {
  const secure = account.smtp.security === 'tls';
  return {
    host: account.smtp.host,
    port: account.smtp.port,
    secure,
    requireTLS: !secure,
    tls: { ca: cas, rejectUnauthorized: true, minVersion: 'TLSv1.2' as const },
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
    logger: false,
  };
}

/** The .eml file as a stream; a large one through a GcPacer so its chunks do not pile up in RSS. */
function fileStream(path: string, size: number): Readable {
  return paced(createReadStream(path), size);
}

/** The message's stream, through a byte counter when someone listens; a source error still reaches nodemailer. */
function messageStream(msg: SmtpMessage): Readable | Buffer {
  const source = typeof msg.source === 'string' ? fileStream(msg.source, msg.size) : msg.source;
  if (!msg.onProgress) return source;
  const counter = new ProgressCounter(msg.size, msg.onProgress);
  return pipeline(Buffer.isBuffer(source) ? Readable.from([source]) : source, counter, () => {});
}

/** One authenticated submission connection. Errors arrive as TcvError (classifyMailError). */
export class SmtpSession {
  readonly caps: SmtpCaps;
  private readonly conn: SMTPConnection;
  private broken: Error | null = null;
  private sent = 0;

  private constructor(conn: SMTPConnection, caps: SmtpCaps) {
    this.conn = conn;
    this.caps = caps;
  }

  /** Connects, upgrades with STARTTLS (required) and reads EHLO; logs in when a password is given. */
  static async open(account: AccountSummary, password: string | null, cas: string[]): Promise<SmtpSession> {
    const { default: Connection } = await smtpConnection();
    const conn = new Connection(connectionOptions(account, cas));
    let session: SmtpSession | null = null;
    let early: Error | null = null;
    // An 'error' event without a listener would crash the process; record it for whoever waits.
    conn.on('error', (err: Error) => {
      if (session) session.broken ??= err;
      else early ??= err;
    });
    conn.on('end', () => {
      if (session) session.broken ??= Object.assign(new Error('connection closed'), { code: 'EConnectionClosed' });
    });
    try {
      await new Promise<void>((resolve, reject) => {
        conn.once('error', reject);
        conn.connect((err) => (err ? reject(err) : resolve()));
      });
      if (early) throw early;
      // After connect, the last reply is the EHLO that followed STARTTLS (the one that counts, RFC 3207 4.2).
      const caps = parseEhlo(String(conn.lastServerResponse || ''));
      if (password !== null) {
        await new Promise<void>((resolve, reject) => {
          conn.login({ user: account.username, pass: password }, (err) => (err ? reject(err) : resolve()));
        });
      }
      session = new SmtpSession(conn, caps);
      return session;
    } catch (err) {
      conn.close();
      throw classifyMailError(err, 'smtp');
    }
  }

  get usable(): boolean {
    return this.broken === null && this.sent < MAX_MESSAGES_PER_SESSION;
  }

  /**
   * Submits one message. Size and SMTPUTF8 are checked first (nothing is sent when they fail, and the session stays
   * usable); any other failure leaves the session unusable.
   */
  async send(msg: SmtpMessage, localLimit: number | null = null): Promise<SmtpSendResult> {
    checkSize(msg.size, this.caps.size, localLimit);
    if (msg.smtpUtf8 && !this.caps.smtpUtf8) {
      throw new TcvError('SMTPUTF8_UNSUPPORTED', 'an address has non-ASCII characters; the server lacks SMTPUTF8');
    }
    if (this.broken) throw classifyMailError(this.broken, 'smtp');
    const stream = messageStream(msg);
    this.sent++;
    try {
      const info = await new Promise<SMTPConnection.SentMessageInfo>((resolve, reject) => {
        // BODY=8BITMIME where offered (RFC 6152): a forwarded original (message/rfc822) may carry 8-bit text.
        const envelope = { from: msg.envelope.from, to: msg.envelope.to, size: msg.size, use8BitMime: true };
        this.conn.send(envelope, stream, (err, result) =>
          err ? reject(err) : resolve(result as SMTPConnection.SentMessageInfo),
        );
      });
      return {
        accepted: info.accepted.map(String),
        rejected: info.rejected.map(String),
        response: String(info.response ?? ''),
      };
    } catch (err) {
      this.broken ??= err as Error;
      if (typeof stream !== 'string' && !Buffer.isBuffer(stream)) stream.destroy();
      const code = (err as { code?: string }).code;
      if (code === 'ESTREAM') {
        throw new TcvError('STORAGE', `reading the outbox file: ${(err as Error).message}`, { cause: err });
      }
      throw classifyMailError(err, 'smtp');
    }
  }

  close(): void {
    if (this.broken) {
      this.conn.close();
      return;
    }
    this.broken = new Error('closed');
    try {
      this.conn.quit();
    } catch {
      this.conn.close();
    }
  }
}

/** EHLO of the submission server without logging in: what the SIZE limit and SMTPUTF8 are. */
export async function probeSmtp(account: AccountSummary, cas: string[]): Promise<SmtpCaps> {
  const s = await SmtpSession.open(account, null, cas);
  s.close();
  return s.caps;
}

export async function createSmtpTransport(account: AccountSummary, password: string, cas: string[]) {
  const { default: nodemailer } = await nodemailerModule();
  return nodemailer.createTransport({
    ...connectionOptions(account, cas),
    auth: { user: account.username, pass: password },
  });
}

export async function verifySmtp(account: AccountSummary, password: string, cas: string[]): Promise<void> {
  const transport = await createSmtpTransport(account, password, cas);
  try {
    await transport.verify();
  } catch (err) {
    throw classifyMailError(err, 'smtp');
  } finally {
    transport.close();
  }
}
