// Network access of discovery, all through the injected DNS resolver: every host name is resolved by `deps.resolver`
// (never the system's getaddrinfo), so tests point it at a loopback DNS server and nothing else is contacted, and the
// app uses the system's DNS servers through the same path. TLS is always verified against `cas`.
import type { Resolver } from 'node:dns/promises';
import { request } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { TcvError } from '../../api/errors.ts';
import { classifyMailError } from '../../mail/errors.ts';

export type DnsResolver = Pick<Resolver, 'resolve4' | 'resolve6' | 'resolveSrv'>;

/** A `lookup` for net/tls/https that asks `resolver` (A, then AAAA) and reports each address it hands out. */
export function lookupVia(resolver: DnsResolver, onAddress?: (host: string, address: string) => void): LookupFunction {
  return (hostname, options, callback) => {
    const family = typeof options === 'object' ? options.family : undefined;
    const done = (err: NodeJS.ErrnoException | null, addrs: { address: string; family: number }[]) => {
      if (err || addrs.length === 0) {
        const e = err ?? Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' });
        if (options.all) (callback as (e: Error, a: never[]) => void)(e, []);
        else callback(e, '', 4);
        return;
      }
      for (const a of addrs) onAddress?.(hostname, a.address);
      if (options.all) (callback as (e: null, a: typeof addrs) => void)(null, addrs);
      else callback(null, addrs[0]?.address ?? '', addrs[0]?.family ?? 4);
    };
    const v4 = family === 6 ? Promise.resolve([]) : resolver.resolve4(hostname).catch(() => [] as string[]);
    const v6 = family === 4 ? Promise.resolve([]) : resolver.resolve6(hostname).catch(() => [] as string[]);
    Promise.all([v4, v6]).then(
      ([a, b]) =>
        done(null, [...a.map((address) => ({ address, family: 4 })), ...b.map((address) => ({ address, family: 6 }))]),
      (err: NodeJS.ErrnoException) => done(err, []),
    );
  };
}

/** DNS error codes (node:dns) that mean "no such name or record", as opposed to a failing DNS server. */
const DNS_NONE = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN', 'ENONAME']);

export function dnsError(err: unknown): { none: boolean; error: TcvError } {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (DNS_NONE.has(code)) return { none: true, error: new TcvError('HOST_NOT_FOUND', `${code}`) };
  if (code === 'ETIMEOUT' || code === 'ECANCELLED')
    return { none: false, error: new TcvError('TIMEOUT', `dns ${code}`) };
  return { none: false, error: new TcvError('SERVER_ERROR', `dns ${code || String(err)}`) };
}

/** Largest autoconfig document read: real ones are a few kilobytes. */
const MAX_BODY = 256 * 1024;

export interface FetchResult {
  status: number;
  body: string;
}

/**
 * GET over HTTPS, verified against `cas`, through `lookup`. No redirects are followed (a redirect could lead the
 * settings anywhere; Thunderbird's fetch follows same-origin ones only) and bodies over MAX_BODY are refused.
 */
export function fetchHttps(
  url: string,
  lookup: LookupFunction,
  cas: string[],
  signal: AbortSignal,
): Promise<FetchResult> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    if (u.protocol !== 'https:') {
      reject(new TcvError('PLAINTEXT_REFUSED', url));
      return;
    }
    const req = request(
      u,
      {
        method: 'GET',
        ca: cas,
        rejectUnauthorized: true,
        minVersion: 'TLSv1.2',
        servername: isIP(u.hostname) ? undefined : u.hostname,
        lookup,
        signal,
        headers: { accept: 'application/xml, text/xml', 'user-agent': 'ThuCongVu-discovery' },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY) {
            req.destroy(new TcvError('AUTOCONFIG_INVALID', `${url}: larger than ${MAX_BODY} bytes`));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', (err) => {
      if (err instanceof TcvError) return reject(err);
      const c = classifyMailError(err, 'imap');
      reject(new TcvError(c.code, `https ${u.host}: ${err.message}`, { cause: err }));
    });
    req.end();
  });
}
