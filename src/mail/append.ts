// IMAP APPEND (RFC 3501 6.3.11) streamed from a file, on a connection of its own.
//
// Why not imapflow's append(): it takes the message as one Buffer, and with LITERAL+ (Dovecot, most servers) its
// compiler then concatenates command and literal into a second Buffer. For the copy of a 25 MB attachment in Sent
// that is about 2 × 34 MB of base64 in memory, over the design budget (design.md: RSS grows ≤ 50 MB while sending
// 25 MB). This module sends a synchronising literal and pipes the file into the socket, so memory stays at a few
// socket buffers whatever the size. It does only what APPEND needs: greeting, STARTTLS (required, verified; never a
// silent downgrade), CAPABILITY, AUTHENTICATE PLAIN (RFC 4616, SASL-IR per RFC 4959 when offered; LOGIN as a
// fallback), APPEND with APPENDUID (UIDPLUS, RFC 4315), LOGOUT.
import { open as openFile } from 'node:fs/promises';
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { TcvError } from '../api/errors.ts';
import type { AccountSummary } from '../api/types.ts';
import { classifyMailError } from './errors.ts';

const CONNECT_TIMEOUT_MS = 15_000;
const GREETING_TIMEOUT_MS = 15_000;
// Silence allowed while waiting for an answer: a server storing a 34 MB literal on slow disks may take a while, a
// server that never answers must not hold the outbox (or engine shutdown) for long.
const SOCKET_TIMEOUT_MS = 2 * 60_000;
// Literal data goes out in chunks of this size, through two reused buffers.
const PUMP_CHUNK = 256 * 1024;
// A server line longer than this is a broken or hostile server, not an APPEND answer.
const MAX_LINE = 64 * 1024;

/** Mailbox name in modified UTF-7 (RFC 3501 5.1.3): "Thư đã gửi" → "Th&AbA- &AREA4w- g&Hu0-i". */
export function encodeMailboxName(name: string): string {
  let out = '';
  let pending: number[] = [];
  const flush = () => {
    if (!pending.length) return;
    const bytes = Buffer.alloc(pending.length * 2);
    pending.forEach((u, i) => bytes.writeUInt16BE(u, i * 2));
    out += `&${bytes.toString('base64').replace(/=+$/, '').replace(/\//g, ',')}-`;
    pending = [];
  };
  for (let i = 0; i < name.length; i++) {
    const u = name.charCodeAt(i);
    if (u >= 0x20 && u <= 0x7e) {
      flush();
      out += u === 0x26 ? '&-' : name[i];
    } else {
      pending.push(u);
    }
  }
  flush();
  return out;
}

function quote(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export interface AppendSource {
  /** A file streamed as the literal, or bytes (small drafts, tests). */
  path?: string;
  bytes?: Buffer;
  size: number;
}

export interface AppendResult {
  uid: number | null;
  uidValidity: string | null;
}

interface Reply {
  tag: string;
  status: string;
  text: string;
  code: string;
}

/** A minimal line-oriented IMAP session: enough for APPEND. */
class Session {
  private socket: Socket | TLSSocket;
  private buf: Buffer = Buffer.alloc(0);
  private lines: string[] = [];
  private waiter: (() => void) | null = null;
  private failure: Error | null = null;
  private tagN = 0;
  capabilities = new Set<string>();

  constructor(socket: Socket | TLSSocket) {
    this.socket = socket;
    this.attach(socket);
  }

  private attach(socket: Socket | TLSSocket) {
    socket.setTimeout(SOCKET_TIMEOUT_MS);
    socket.on('data', this.onData);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
    socket.on('timeout', this.onTimeout);
  }

  private detach(socket: Socket | TLSSocket) {
    socket.off('data', this.onData);
    socket.off('error', this.onError);
    socket.off('close', this.onClose);
    socket.off('timeout', this.onTimeout);
  }

  private wake() {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  private onData = (chunk: Buffer) => {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    for (;;) {
      const i = this.buf.indexOf('\r\n');
      if (i < 0) break;
      let line = this.buf.subarray(0, i).toString('utf8');
      let rest = this.buf.subarray(i + 2);
      // An untagged reply may carry a literal ({n}); fold it into the line (APPEND never needs its content).
      const lit = /\{(\d+)\+?\}$/.exec(line);
      if (lit) {
        const n = Number(lit[1]);
        if (rest.length < n) break;
        line += `«${n} bytes»`;
        rest = rest.subarray(n);
        const j = rest.indexOf('\r\n');
        if (j < 0) break;
        line += rest.subarray(0, j).toString('utf8');
        rest = rest.subarray(j + 2);
      }
      this.lines.push(line);
      this.buf = rest;
    }
    if (this.buf.length > MAX_LINE) this.fail(new TcvError('SERVER_ERROR', 'imap append: server line too long'));
    this.wake();
  };

  private onError = (err: Error) => this.fail(err);
  private onClose = () => this.fail(Object.assign(new Error('connection closed'), { code: 'EConnectionClosed' }));
  private onTimeout = () => this.fail(Object.assign(new Error('socket timeout'), { code: 'ETIMEDOUT' }));

  private fail(err: Error) {
    this.failure ??= err;
    this.wake();
  }

  async readLine(): Promise<string> {
    for (;;) {
      const line = this.lines.shift();
      if (line !== undefined) return line;
      if (this.failure) throw classifyMailError(this.failure, 'imap');
      await new Promise<void>((r) => (this.waiter = r));
    }
  }

  write(data: string | Buffer) {
    this.socket.write(data);
  }

  nextTag(): string {
    return `T${++this.tagN}`;
  }

  /** Reads until the tagged reply of `tag`, handing untagged and continuation lines to `onLine`. */
  async until(tag: string, onLine?: (line: string) => void): Promise<Reply> {
    for (;;) {
      const line = await this.readLine();
      if (line.startsWith(`${tag} `)) {
        const m = /^(\S+) (OK|NO|BAD)\s*(?:\[([^\]]*)\])?\s*(.*)$/i.exec(line);
        return {
          tag,
          status: (m?.[2] ?? 'BAD').toUpperCase(),
          code: m?.[3] ?? '',
          text: m?.[4] ?? line,
        };
      }
      if (/^\* CAPABILITY /i.test(line)) this.setCaps(line.slice('* CAPABILITY '.length));
      onLine?.(line);
    }
  }

  setCaps(list: string) {
    this.capabilities = new Set(list.trim().toUpperCase().split(/\s+/));
  }

  async command(cmd: string): Promise<Reply> {
    const tag = this.nextTag();
    this.write(`${tag} ${cmd}\r\n`);
    return this.until(tag);
  }

  async upgrade(host: string, cas: string[]): Promise<void> {
    const plain = this.socket;
    this.detach(plain);
    const secure = await new Promise<TLSSocket>((resolve, reject) => {
      const s = tlsConnect(
        {
          socket: plain,
          servername: isIP(host) ? undefined : host,
          ca: cas,
          rejectUnauthorized: true,
          minVersion: 'TLSv1.2',
        },
        () => resolve(s),
      );
      s.once('error', reject);
    });
    this.socket = secure;
    this.buf = Buffer.alloc(0);
    this.lines = [];
    this.attach(secure);
  }

  /**
   * Writes `size` bytes of a file as literal data through two buffers used in turn: a buffer is refilled only after
   * the socket reported its previous write done, so no chunk is ever allocated per read. (A read stream would leave
   * the whole message behind as garbage ArrayBuffers until V8 collects them: +30 MB of RSS for a 25 MB attachment.)
   */
  async pumpFile(path: string, size: number): Promise<void> {
    const fh = await openFile(path, 'r');
    const bufs = [Buffer.allocUnsafe(PUMP_CHUNK), Buffer.allocUnsafe(PUMP_CHUNK)];
    const written: Promise<void>[] = [Promise.resolve(), Promise.resolve()];
    try {
      for (let pos = 0, k = 0; pos < size; k ^= 1) {
        await written[k];
        if (this.failure) throw classifyMailError(this.failure, 'imap');
        const buf = bufs[k] as Buffer;
        const { bytesRead } = await fh.read(buf, 0, Math.min(PUMP_CHUNK, size - pos), pos);
        if (bytesRead === 0) throw new TcvError('STORAGE', `${path} is shorter than ${size} bytes`);
        pos += bytesRead;
        const chunk = buf.subarray(0, bytesRead);
        written[k] = new Promise<void>((resolve, reject) =>
          this.socket.write(chunk, (err) => (err ? reject(classifyMailError(err, 'imap')) : resolve())),
        );
        // A failed write rejects only when awaited; keep Node from reporting it as unhandled meanwhile.
        written[k]?.catch(() => {});
      }
      await Promise.all(written);
    } finally {
      await fh.close();
    }
  }

  destroy() {
    this.socket.destroy();
  }
}

async function open(account: AccountSummary, cas: string[]): Promise<Session> {
  const { host, port, security } = account.imap;
  const socket = await new Promise<Socket | TLSSocket>((resolve, reject) => {
    const opts = { host, port, timeout: CONNECT_TIMEOUT_MS };
    const s =
      security === 'tls'
        ? tlsConnect(
            {
              ...opts,
              servername: isIP(host) ? undefined : host,
              ca: cas,
              rejectUnauthorized: true,
              minVersion: 'TLSv1.2',
            },
            () => done(),
          )
        : netConnect(opts, () => done());
    const timer = setTimeout(() => {
      s.destroy();
      reject(Object.assign(new Error(`connect timeout ${host}:${port}`), { code: 'CONNECT_TIMEOUT' }));
    }, CONNECT_TIMEOUT_MS);
    function done() {
      clearTimeout(timer);
      s.off('error', onErr);
      resolve(s);
    }
    function onErr(err: Error) {
      clearTimeout(timer);
      reject(err);
    }
    s.once('error', onErr);
  }).catch((err) => {
    throw classifyMailError(err, 'imap');
  });
  const session = new Session(socket);
  try {
    socket.setTimeout(GREETING_TIMEOUT_MS);
    const greeting = await session.readLine();
    socket.setTimeout(SOCKET_TIMEOUT_MS);
    if (/^\* BYE/i.test(greeting)) throw new TcvError('SERVER_ERROR', `imap greeting: ${greeting}`);
    if (security === 'starttls') {
      const r = await session.command('STARTTLS');
      // RFC 3501 6.2.1: no STARTTLS, no login. Never continue in plaintext.
      if (r.status !== 'OK') throw new TcvError('TLS_FAILED', `STARTTLS refused: ${r.status} ${r.text}`);
      try {
        await session.upgrade(host, cas);
      } catch (err) {
        throw classifyMailError(err, 'imap');
      }
    }
    const caps = await session.command('CAPABILITY');
    if (caps.status !== 'OK') throw new TcvError('SERVER_ERROR', `CAPABILITY: ${caps.text}`);
    return session;
  } catch (err) {
    session.destroy();
    throw err;
  }
}

async function login(session: Session, user: string, password: string): Promise<void> {
  let r: Reply;
  const plain = Buffer.from(`\0${user}\0${password}`, 'utf8').toString('base64');
  if (session.capabilities.has('AUTH=PLAIN')) {
    const tag = session.nextTag();
    if (session.capabilities.has('SASL-IR')) {
      session.write(`${tag} AUTHENTICATE PLAIN ${plain}\r\n`);
      r = await session.until(tag);
    } else {
      session.write(`${tag} AUTHENTICATE PLAIN\r\n`);
      r = await session.until(tag, (line) => {
        if (line.startsWith('+')) session.write(`${plain}\r\n`);
      });
    }
  } else {
    if (session.capabilities.has('LOGINDISABLED')) throw new TcvError('TLS_FAILED', 'LOGINDISABLED after TLS');
    // Literals carry UTF-8 passwords that a quoted string cannot (RFC 3501 4.3).
    const tag = session.nextTag();
    const u = Buffer.from(user, 'utf8');
    const p = Buffer.from(password, 'utf8');
    const parts = [u, p];
    session.write(`${tag} LOGIN {${u.length}}\r\n`);
    r = await session.until(tag, (line) => {
      if (!line.startsWith('+')) return;
      const next = parts.shift();
      if (!next) return;
      session.write(next);
      session.write(parts.length ? ` {${(parts[0] as Buffer).length}}\r\n` : '\r\n');
    });
  }
  if (r.status !== 'OK') {
    throw Object.assign(new Error(`login failed: ${r.code} ${r.text}`), { authenticationFailed: true });
  }
  // Capabilities may change after login (RFC 3501 6.2.3): the OK may carry them, else ask again.
  if (/^CAPABILITY /i.test(r.code)) session.setCaps(r.code.slice('CAPABILITY '.length));
  else await session.command('CAPABILITY');
}

function appendError(r: Reply): TcvError {
  const code = r.code.split(/\s+/)[0]?.toUpperCase() ?? '';
  const detail = `imap APPEND ${r.status} [${r.code}] ${r.text}`;
  switch (code) {
    case 'TRYCREATE':
    case 'NONEXISTENT':
      return new TcvError('FOLDER_NOT_FOUND', detail);
    case 'OVERQUOTA':
      return new TcvError('QUOTA', detail);
    case 'TOOBIG':
    case 'LIMIT':
      return new TcvError('MESSAGE_TOO_LARGE', detail);
    default:
      return /quota/i.test(r.text) ? new TcvError('QUOTA', detail) : new TcvError('SERVER_ERROR', detail);
  }
}

export interface AppendOptions {
  account: AccountSummary;
  password: string;
  cas: string[];
}

/** Appends one message to `mailbox` (UTF-8 name as LIST returned it) with `flags`, streaming the file. */
export async function appendMessage(
  opts: AppendOptions,
  mailbox: string,
  source: AppendSource,
  flags: readonly string[],
): Promise<AppendResult> {
  const session = await open(opts.account, opts.cas);
  try {
    await login(session, opts.account.username, opts.password);
    const limit = [...session.capabilities].find((c) => c.startsWith('APPENDLIMIT='));
    if (limit && source.size > Number(limit.slice('APPENDLIMIT='.length))) {
      throw new TcvError('MESSAGE_TOO_LARGE', `imap ${limit}, message ${source.size} bytes`);
    }
    const tag = session.nextTag();
    const flagList = flags.length ? ` (${flags.join(' ')})` : '';
    // A synchronising literal: the server may refuse (quota, size, no such folder) before we send any byte.
    session.write(`${tag} APPEND ${quote(encodeMailboxName(mailbox))}${flagList} {${source.size}}\r\n`);
    let sending: Promise<void> | null = null;
    let sendError: unknown = null;
    const r = await session.until(tag, (line) => {
      if (!line.startsWith('+') || sending) return;
      sending = (async () => {
        if (source.path) await session.pumpFile(source.path, source.size);
        else if (source.bytes) session.write(source.bytes);
        session.write('\r\n');
      })().catch((err: unknown) => {
        sendError = err;
      });
    });
    if (sending) await sending;
    if (sendError) throw sendError;
    if (r.status !== 'OK') throw appendError(r);
    const uid = /^APPENDUID\s+(\d+)\s+(\d+)$/i.exec(r.code);
    return { uid: uid ? Number(uid[2]) : null, uidValidity: uid ? (uid[1] as string) : null };
  } catch (err) {
    throw classifyMailError(err, 'imap');
  } finally {
    try {
      session.write('Z LOGOUT\r\n');
    } catch {
      // Already closed.
    }
    setTimeout(() => session.destroy(), 1000).unref();
  }
}
