// Helpers for the composing/sending tests against the shared stack. Other engineers use the same mailboxes at the same
// time: messages are found by a unique tag in the subject (or their Message-ID), never by count, and every test
// deletes what it created.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { after, before } from 'node:test';
import { ImapFlow } from 'imapflow';
import type { Role, StackInfo } from '../../scripts/mailstack/index.ts';
import { imapAs } from '../support/imap.ts';
import { stack, type TestEngine } from '../support/stack.ts';

export interface FileHooks {
  /** Engines the file opened: closed in after(); a test that closes one itself takes it out. */
  engines: TestEngine[];
  /** Run in after(), once the engines are closed; a failing clean-up does not hide the tests' results. */
  cleanups: (() => Promise<void>)[];
}

/** The before/after pair of a compose test file: the full stack once (given to `onStack`), then what it opened closed. */
export function fileHooks(onStack: (info: StackInfo) => void): FileHooks {
  const hooks: FileHooks = { engines: [], cleanups: [] };
  before(async () => {
    onStack(await stack('full'));
  });
  after(async () => {
    for (const t of hooks.engines) await t.engine.close();
    for (const c of hooks.cleanups) await c().catch(() => {});
  });
  return hooks;
}

export function tag(label: string): string {
  return `${label}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

export { imapAs };

export interface Found {
  uid: number;
  messageId: string;
  subject: string;
  flags: Set<string>;
  size: number;
}

/** Messages in `folder` whose subject contains `needle`. */
export async function findBySubject(client: ImapFlow, folder: string, needle: string): Promise<Found[]> {
  const lock = await client.getMailboxLock(folder);
  try {
    // NOOP first: a session that already had the folder selected learns about new and expunged messages.
    await client.noop();
    const uids = (await client.search({ subject: needle }, { uid: true })) || [];
    if (!uids.length) return [];
    const out: Found[] = [];
    for await (const m of client.fetch(uids, { uid: true, envelope: true, flags: true, size: true }, { uid: true })) {
      out.push({
        uid: m.uid,
        messageId: m.envelope?.messageId ?? '',
        subject: m.envelope?.subject ?? '',
        flags: m.flags ?? new Set(),
        size: m.size ?? 0,
      });
    }
    return out;
  } finally {
    lock.release();
  }
}

export async function findByHeader(client: ImapFlow, folder: string, header: string, value: string): Promise<number[]> {
  const lock = await client.getMailboxLock(folder);
  try {
    await client.noop();
    return (await client.search({ header: { [header]: value } }, { uid: true })) || [];
  } finally {
    lock.release();
  }
}

export async function source(client: ImapFlow, folder: string, uid: number): Promise<Buffer> {
  const lock = await client.getMailboxLock(folder);
  try {
    const m = await client.fetchOne(String(uid), { source: true }, { uid: true });
    if (!m || !m.source) throw new Error(`no source for ${folder} ${uid}`);
    return m.source;
  } finally {
    lock.release();
  }
}

export async function removeUids(client: ImapFlow, folder: string, uids: number[]): Promise<void> {
  if (!uids.length) return;
  const lock = await client.getMailboxLock(folder);
  try {
    await client.messageDelete(uids.join(','), { uid: true });
  } finally {
    lock.release();
  }
}

/** Deletes every message whose subject contains `needle` from the given folders (clean-up). */
export async function cleanUp(info: StackInfo, role: Role, folders: string[], needle: string): Promise<void> {
  const c = await imapAs(info, role);
  try {
    for (const f of folders) {
      const found = await findBySubject(c, f, needle);
      await removeUids(
        c,
        f,
        found.map((m) => m.uid),
      );
    }
  } finally {
    await c.logout().catch(() => c.close());
  }
}

export async function waitFor<T>(
  fn: () => Promise<T | null | undefined | false>,
  ms: number,
  what: string,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Runs a setup step again while the shared stack is briefly away: other engineers' fault tests restart Dovecot.
 */
export async function settle<T>(fn: () => Promise<T>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > until || !/CONNECTION_REFUSED|CONNECTION_LOST|TIMEOUT/.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/**
 * A TCP proxy in front of the shared Postfix: refuse() closes the listener (new connections get ECONNREFUSED, as if
 * Postfix were stopped) without touching Postfix, which other engineers are using; restore() listens again.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;
  connections = 0;
  private readonly target: { host: string; port: number };
  /** Client → server bytes per second per connection (a slow provincial WAN link); unlimited when not given. */
  private readonly upBytesPerSecond: number | null;

  constructor(target: { host: string; port: number }, opts: { upBytesPerSecond?: number } = {}) {
    this.target = target;
    this.upBytesPerSecond = opts.upBytesPerSecond ?? null;
  }

  async start(port = 0): Promise<number> {
    const server = createServer((client) => {
      this.connections++;
      const upstream = connect(this.target);
      this.sockets.add(client);
      this.sockets.add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', drop);
      upstream.on('error', drop);
      client.on('close', drop);
      upstream.on('close', drop);
      if (this.upBytesPerSecond) throttle(client, upstream, this.upBytesPerSecond);
      else client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    const addr = server.address();
    if (!addr || typeof addr === 'string') throw new Error('proxy has no port');
    this.port = addr.port;
    return this.port;
  }

  /** Closes the listener and cuts open connections. */
  async refuse(): Promise<void> {
    const s = this.server;
    this.server = null;
    for (const sock of this.sockets) sock.destroy();
    this.sockets.clear();
    if (s) await new Promise((r) => s.close(r));
  }

  async restore(): Promise<void> {
    await this.start(this.port);
  }

  async stop(): Promise<void> {
    await this.refuse();
  }
}

/** Copies from → to at no more than `rate` bytes a second (measured from the connection's start). */
function throttle(from: Socket, to: Socket, rate: number): void {
  const started = Date.now();
  let bytes = 0;
  from.on('data', (d: Buffer) => {
    bytes += d.length;
    to.write(d);
    const ahead = started + (bytes / rate) * 1000 - Date.now();
    if (ahead > 0) {
      from.pause();
      setTimeout(() => from.resume(), ahead);
    }
  });
  from.on('end', () => to.end());
}
