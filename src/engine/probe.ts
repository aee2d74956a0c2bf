// Low-level probes for the doctor: a bare TCP connect, and a TLS handshake (direct or after STARTTLS, RFC 3501 §6.2.1
// for IMAP, RFC 3207 for SMTP) verified against the trusted CAs. They tell "port closed" apart from "certificate not
// trusted" apart from "password wrong", which a full login alone cannot.
import { isIP, connect as netConnect, type LookupFunction, type Socket } from 'node:net';
import { connect as tlsConnect, type PeerCertificate, type TLSSocket } from 'node:tls';
import type { Security } from '../api/types.ts';

const PROBE_TIMEOUT_MS = 10_000;

export function tcpProbe(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = netConnect({ host, port });
    s.setTimeout(PROBE_TIMEOUT_MS, () => s.destroy(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' })));
    s.once('connect', () => {
      s.destroy();
      resolve();
    });
    s.once('error', reject);
  });
}

/** Reads CRLF lines until `done(line)` is true; returns all lines read. */
function readUntil(s: Socket | TLSSocket, done: (line: string) => boolean): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const lines: string[] = [];
    const onData = (chunk: Buffer) => {
      buf += chunk.toString('latin1');
      let i: number;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        lines.push(line);
        if (done(line)) {
          cleanup();
          resolve(lines);
          return;
        }
      }
    };
    const onEnd = () => {
      cleanup();
      reject(
        Object.assign(new Error(`connection closed by server after: ${lines.join(' / ').slice(0, 200)}`), {
          code: 'ECONNRESET',
        }),
      );
    };
    const onError = (e: Error) => {
      cleanup();
      reject(e);
    };
    const cleanup = () => {
      s.off('data', onData);
      s.off('end', onEnd);
      s.off('error', onError);
    };
    s.on('data', onData);
    s.once('end', onEnd);
    s.once('error', onError);
  });
}

async function startTls(s: Socket, protocol: 'imap' | 'smtp'): Promise<void> {
  if (protocol === 'imap') {
    const greet = await readUntil(s, (l) => l.startsWith('* '));
    if (!/^\* (OK|PREAUTH)/i.test(greet.at(-1) ?? '')) throw new Error(`unexpected IMAP greeting: ${greet.at(-1)}`);
    s.write('T1 STARTTLS\r\n');
    const resp = await readUntil(s, (l) => l.startsWith('T1 '));
    if (!/^T1 OK/i.test(resp.at(-1) ?? '')) throw new Error(`STARTTLS refused: ${resp.at(-1)}`);
  } else {
    const greet = await readUntil(s, (l) => /^\d{3} /.test(l));
    if (!(greet.at(-1) ?? '').startsWith('220')) throw new Error(`unexpected SMTP greeting: ${greet.at(-1)}`);
    s.write('EHLO thu-cong-vu.doctor\r\n');
    const ehlo = await readUntil(s, (l) => /^\d{3} /.test(l));
    if (!ehlo.some((l) => /^250[- ]STARTTLS/i.test(l))) throw new Error('server does not offer STARTTLS');
    s.write('STARTTLS\r\n');
    const resp = await readUntil(s, (l) => /^\d{3} /.test(l));
    if (!(resp.at(-1) ?? '').startsWith('220')) throw new Error(`STARTTLS refused: ${resp.at(-1)}`);
  }
}

export interface TlsProbeResult {
  protocol: string;
  subject: string;
  issuer: string;
  validTo: string;
}

export interface ProbeOptions {
  /** Name resolution to use instead of the system's (account discovery passes its own DNS resolver). */
  lookup?: LookupFunction;
  timeoutMs?: number;
}

export async function tlsProbe(
  host: string,
  port: number,
  security: Security,
  protocol: 'imap' | 'smtp',
  cas: string[],
  opts: ProbeOptions = {},
): Promise<TlsProbeResult> {
  const t = await verifiedTls(host, port, security, protocol, cas, opts);
  const cert: PeerCertificate = t.getPeerCertificate();
  const result = {
    protocol: t.getProtocol() ?? '',
    subject: String(cert.subject?.CN ?? ''),
    issuer: String(cert.issuer?.CN ?? ''),
    validTo: cert.valid_to ?? '',
  };
  t.destroy();
  return result;
}

/**
 * A verified TLS handshake and then the protocol's own capability answer: IMAP CAPABILITY must list IMAP4rev1
 * (RFC 3501 §6.1.1), SMTP EHLO must be accepted (RFC 5321 §4.1.1.1). Used by account discovery to tell a real mail
 * service from any TLS port. Returns the capability lines.
 */
export async function serviceProbe(
  host: string,
  port: number,
  security: Security,
  protocol: 'imap' | 'smtp',
  cas: string[],
  opts: ProbeOptions = {},
): Promise<string[]> {
  const t = await verifiedTls(host, port, security, protocol, cas, opts);
  try {
    if (protocol === 'imap') {
      // After implicit TLS the greeting comes first; after STARTTLS it was read before the handshake.
      if (security === 'tls') await readUntil(t, (l) => l.startsWith('* '));
      t.write('C1 CAPABILITY\r\n');
      const lines = await readUntil(t, (l) => l.startsWith('C1 '));
      const caps = lines.filter((l) => /^\* CAPABILITY /i.test(l));
      if (!/^C1 OK/i.test(lines.at(-1) ?? '') || !caps.some((l) => /\bIMAP4rev1\b/i.test(l))) {
        throw new Error(`not an IMAP4rev1 server: ${lines.join(' / ').slice(0, 200)}`);
      }
      t.write('C2 LOGOUT\r\n');
      return caps;
    }
    if (security === 'tls') {
      const greet = await readUntil(t, (l) => /^\d{3} /.test(l));
      if (!(greet.at(-1) ?? '').startsWith('220')) throw new Error(`unexpected SMTP greeting: ${greet.at(-1)}`);
    }
    t.write('EHLO thu-cong-vu.discovery\r\n');
    const ehlo = await readUntil(t, (l) => /^\d{3} /.test(l));
    if (!(ehlo.at(-1) ?? '').startsWith('250')) throw new Error(`EHLO refused: ${ehlo.at(-1)}`);
    t.write('QUIT\r\n');
    return ehlo;
  } finally {
    t.destroy();
  }
}

async function verifiedTls(
  host: string,
  port: number,
  security: Security,
  protocol: 'imap' | 'smtp',
  cas: string[],
  opts: ProbeOptions,
): Promise<TLSSocket> {
  const timeout = opts.timeoutMs ?? PROBE_TIMEOUT_MS;
  const lookup = opts.lookup ? { lookup: opts.lookup } : {};
  let plain: Socket | undefined;
  if (security === 'starttls') {
    plain = netConnect({ host, port, ...lookup });
    plain.setTimeout(timeout, () => plain?.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    await new Promise<void>((res, rej) => {
      plain?.once('connect', () => res());
      plain?.once('error', rej);
    });
    try {
      await startTls(plain, protocol);
    } catch (err) {
      plain.destroy();
      throw err;
    }
  }
  return new Promise((resolve, reject) => {
    const t = tlsConnect({
      ...(plain ? { socket: plain } : { host, port, ...lookup }),
      servername: isIP(host) ? undefined : host,
      ca: cas,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    });
    t.setTimeout(timeout, () => t.destroy(Object.assign(new Error('TLS timeout'), { code: 'ETIMEDOUT' })));
    t.once('secureConnect', () => resolve(t));
    t.once('error', (e) => {
      t.destroy();
      reject(e);
    });
  });
}
