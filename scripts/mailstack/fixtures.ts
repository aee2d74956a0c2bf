// Putting mail into the stack and taking it out again, for tests, benchmarks and the demo.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SPECIAL_FOLDERS } from './layout.ts';
import { run, runOk } from './proc.ts';
import type { StackInfo } from './stack.ts';

// ---- SMTP injection ------------------------------------------------------------------------------------------------

export interface InjectOptions {
  /** Envelope sender; defaults to the address in the message's From header. */
  from?: string;
  /** How long to wait for delivery into every recipient's mailbox (default 20 s). */
  timeoutMs?: number;
}

export interface InjectResult {
  queueId: string;
  /** One Postfix log line per delivered recipient. */
  deliveries: string[];
}

function toCrlf(raw: Buffer): Buffer {
  // SMTP needs CRLF line ends and dot-stuffing; .eml files written on Linux usually have bare LF.
  const text = raw.toString('latin1').replace(/\r?\n/g, '\r\n');
  const stuffed = text.replace(/^\./gm, '..');
  return Buffer.from(stuffed.endsWith('\r\n') ? stuffed : `${stuffed}\r\n`, 'latin1');
}

function headerFrom(raw: Buffer): string | null {
  const head = raw.toString('utf8').split(/\r?\n\r?\n/, 1)[0] ?? '';
  const m = /^From:[ \t]*((?:.*)(?:\r?\n[ \t].*)*)/im.exec(head);
  if (!m?.[1]) return null;
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(m[1]);
  if (angle?.[1]) return angle[1];
  const bare = /([^\s"<>,;:]+@[^\s"<>,;:]+)/.exec(m[1]);
  return bare?.[1] ?? null;
}

class SmtpSession {
  private buf = '';
  private waiting: ((line: string) => void) | null = null;
  private failure: Error | null = null;
  private readonly sock: net.Socket;

  constructor(sock: net.Socket) {
    this.sock = sock;
    sock.setEncoding('utf8');
    sock.on('data', (d: string) => {
      this.buf += d;
      this.pump();
    });
    sock.on('error', (e) => this.fail(e));
    sock.on('close', () => this.fail(new Error('SMTP connection closed')));
  }

  private fail(e: Error) {
    this.failure ??= e;
    const w = this.waiting;
    this.waiting = null;
    w?.('');
  }

  private pump() {
    // A reply is complete at its last line: "250 text" (space after the code), continuation lines use "250-".
    const m = /(?:^|\r\n)(\d{3}) [^\r\n]*\r\n/.exec(this.buf);
    if (!m || !this.waiting) return;
    const end = m.index + m[0].length;
    const reply = this.buf.slice(0, end);
    this.buf = this.buf.slice(end);
    const w = this.waiting;
    this.waiting = null;
    w(reply.trimEnd());
  }

  /** Sends `command` (if any) and resolves with the full reply; throws unless its code starts with `expect`. */
  async send(command: string | Buffer | null, expect: string): Promise<string> {
    const reply = new Promise<string>((resolve) => {
      this.waiting = resolve;
    });
    if (command !== null) this.sock.write(typeof command === 'string' ? `${command}\r\n` : command);
    this.pump();
    const r = await reply;
    if (this.failure) throw this.failure;
    if (!r.startsWith(expect)) {
      const shown = typeof command === 'string' ? command : command ? '<message data>' : '<greeting>';
      throw new Error(`SMTP ${shown} -> ${r}`);
    }
    return r;
  }

  close() {
    this.sock.end();
  }
}

/**
 * Sends a raw message through the stack's inbound SMTP port (no auth, local mailboxes only) and resolves once Postfix
 * has delivered it over LMTP to every recipient, so a test can look for it right away.
 */
export async function injectMessage(
  info: StackInfo,
  rawEml: string | Buffer,
  rcptTo: string[],
  opts: InjectOptions = {},
): Promise<InjectResult> {
  if (rcptTo.length === 0) throw new Error('injectMessage: no recipients');
  const raw = typeof rawEml === 'string' ? Buffer.from(rawEml, 'utf8') : rawEml;
  const from = opts.from ?? headerFrom(raw) ?? `postmaster@${info.domain}`;
  const utf8 = [from, ...rcptTo].some((a) => Buffer.byteLength(a) !== a.length);
  const eightBit = raw.some((b) => b > 0x7f);
  const logStart = fileSize(info.logs.postfix);

  const sock = net.connect({ host: info.inbound.host, port: info.inbound.port });
  await new Promise<void>((resolve, reject) => {
    sock.once('connect', resolve);
    sock.once('error', reject);
  });
  const smtp = new SmtpSession(sock);
  let queueId: string;
  try {
    await smtp.send(null, '220');
    await smtp.send('EHLO injector.localhost', '250');
    const params = `${eightBit ? ' BODY=8BITMIME' : ''}${utf8 ? ' SMTPUTF8' : ''}`;
    await smtp.send(`MAIL FROM:<${from}>${params}`, '250');
    for (const rcpt of rcptTo) await smtp.send(`RCPT TO:<${rcpt}>`, '250');
    await smtp.send('DATA', '354');
    const queued = await smtp.send(Buffer.concat([toCrlf(raw), Buffer.from('.\r\n')]), '250');
    queueId = /queued as ([0-9A-Za-z]+)/.exec(queued)?.[1] ?? '';
    await smtp.send('QUIT', '221').catch(() => '');
  } finally {
    smtp.close();
  }
  if (!queueId) throw new Error('injectMessage: Postfix did not report a queue id');
  const deliveries = await waitForDelivery(info.logs.postfix, logStart, queueId, opts.timeoutMs ?? 20_000);
  return { queueId, deliveries };
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** Follows Postfix's log until the queue file is removed; fails fast on a bounce or a deferral. */
async function waitForDelivery(log: string, from: number, queueId: string, timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let text: string;
    try {
      const fd = fs.openSync(log, 'r');
      try {
        const size = fs.fstatSync(fd).size;
        const buf = Buffer.alloc(Math.max(0, size - from));
        fs.readSync(fd, buf, 0, buf.length, from);
        text = buf.toString('utf8');
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      text = '';
    }
    const lines = text.split('\n').filter((l) => l.includes(`${queueId}:`));
    const statuses = lines.filter((l) => / status=/.test(l));
    const bad = statuses.filter((l) => !/ status=sent /.test(l));
    if (bad.length > 0) throw new Error(`delivery of ${queueId} failed:\n${bad.join('\n')}`);
    if (lines.some((l) => l.endsWith(`${queueId}: removed`))) return statuses;
    if (Date.now() > deadline) {
      throw new Error(`message ${queueId} not delivered within ${timeoutMs} ms; log so far:\n${lines.join('\n')}`);
    }
    await sleep(20);
  }
}

// ---- doveadm -------------------------------------------------------------------------------------------------------

/** Stores a message straight into a folder (no SMTP, no LMTP): the quickest fixture, about 15 ms. */
export async function doveadmSave(
  info: StackInfo,
  user: string,
  folder: string,
  rawEml: string | Buffer,
): Promise<void> {
  await runOk('doveadm', ['-c', info.doveadm.config, 'save', '-u', user, '-m', folder], { input: rawEml });
}

/** Runs any doveadm command against the stack's full Dovecot, e.g. `doveadm(info, ['acl', 'get', '-u', u, 'INBOX'])`. */
export async function doveadm(info: StackInfo, args: string[]): Promise<string> {
  return (await runOk('doveadm', ['-c', info.doveadm.config, ...args])).stdout;
}

const SPECIAL = new Set<string>(['INBOX', ...SPECIAL_FOLDERS.map((f) => f.name)]);

function removeAclFiles(dir: string): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) removeAclFiles(p);
    else if (e.name === 'dovecot-acl' || e.name === 'dovecot-acl-list') fs.rmSync(p, { force: true });
  }
}

/**
 * Empties every user's mailboxes: deletes all folders except INBOX and the special-use ones, expunges every message,
 * and removes every delegation (ACL files and the shared-mailbox dictionary), so a test starts from a known state.
 */
export async function resetMailboxes(info: StackInfo): Promise<void> {
  await Promise.all(
    info.users.map(async (u) => {
      const extraFolders = async () =>
        (await doveadm(info, ['mailbox', 'list', '-u', u.email]))
          .split('\n')
          .map((s) => s.trim())
          // doveadm's '*' never reaches into the shared namespace (checked), so each user only clears its own folders.
          .filter((name) => name && !SPECIAL.has(name) && name !== 'shared' && !name.startsWith('shared/'))
          // Children before parents: a parent with children cannot be deleted.
          .sort((a, b) => b.split('/').length - a.split('/').length);
      const extra = await extraFolders();
      if (extra.length > 0) {
        // A parent that only exists as part of its children's names ("Dự án" in "Dự án/Con") is listed but cannot be
        // deleted ("Mailbox doesn't exist", exit 68): ignore the exit status and check what is left instead.
        const r = await run('doveadm', ['-c', info.doveadm.config, 'mailbox', 'delete', '-u', u.email, '-s', ...extra]);
        const left = await extraFolders();
        if (left.length > 0)
          throw new Error(`resetMailboxes: cannot delete ${left.join(', ')} of ${u.email}:\n${r.stderr}`);
      }
      await doveadm(info, ['expunge', '-u', u.email, 'mailbox', '*', 'all']);
    }),
  );
  removeAclFiles(path.join(info.dir, 'mail'));
  fs.rmSync(path.join(info.dir, 'shared', 'shared-mailboxes.db'), { force: true });
}
