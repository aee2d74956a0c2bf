// Account settings discovery (issue 3 "Accounts and connection"; docs/accounts.md): from an e-mail address to the
// servers to propose, trying in order the IT policy, autoconfig over HTTPS, the bundled provider file, RFC 6186 SRV
// records and finally guesses checked with a real TLS handshake and the protocol's capability answer. The first step
// that yields both an IMAP and an SMTP server wins; the user confirms (or cannot change them when the policy locks).
// Every step is time-bounded, the whole is cancellable, TLS is always verified and plaintext is never proposed.
import { TcvError } from '../../api/errors.ts';
import type { ServerEndpoint } from '../../api/types.ts';
import type { DiscoveryCandidate, DiscoveryResult } from '../../api/types-accounts.ts';
import { serviceProbe } from '../../engine/probe.ts';
import { policyCovers } from '../../policy/load.ts';
import type { Policy } from '../../policy/schema.ts';
import { autoconfigUrls, parseAutoconfig } from './autoconfig.ts';
import { dnsError, fetchHttps, lookupVia, type DnsResolver } from './net.ts';
import { providerFor } from './providers.ts';
import { Attempts, bounded, outcomeOf, stepError } from './steps.ts';

export interface GuessPorts {
  imap: { port: number; security: 'tls' | 'starttls' }[];
  smtp: { port: number; security: 'tls' | 'starttls' }[];
}

/** RFC 8314 §3.3 / §5: implicit TLS first (993, 465), then STARTTLS (143, 587, RFC 6409). */
export const STANDARD_GUESS_PORTS: GuessPorts = {
  imap: [
    { port: 993, security: 'tls' },
    { port: 143, security: 'starttls' },
  ],
  smtp: [
    { port: 465, security: 'tls' },
    { port: 587, security: 'starttls' },
  ],
};

export interface DiscoveryNetwork {
  /** Every host name is resolved here (tests: a loopback DNS server; the app: the system's DNS servers). */
  resolver: DnsResolver;
  /** HTTPS port of the autoconfig servers: 443, or another where IT runs a proxy (and in tests). */
  autoconfigPort?: number;
  /** Ports the guess step tries; the standard ones unless a test says otherwise. */
  guessPorts?: GuessPorts;
}

export interface DiscoveryTimeouts {
  autoconfigMs: number;
  srvMs: number;
  guessMs: number;
  /** The whole discovery; each step gets at most what is left. */
  totalMs: number;
}

export const DEFAULT_TIMEOUTS: DiscoveryTimeouts = { autoconfigMs: 4000, srvMs: 2000, guessMs: 4000, totalMs: 8000 };

export interface DiscoverDeps {
  policy: Policy | null;
  /** null: no network steps (recorded as skipped), only the policy and the provider file. */
  network: DiscoveryNetwork | null;
  /** Trusted CAs (system roots plus the policy's CA). */
  cas: string[];
  signal?: AbortSignal;
  timeouts?: Partial<DiscoveryTimeouts>;
  /** Told every address a connection is made to (tests assert that only loopback is contacted). */
  onContact?: (host: string, address: string) => void;
}

export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

export async function discover(emailIn: string, deps: DiscoverDeps): Promise<DiscoveryResult> {
  const email = emailIn.normalize('NFC').trim();
  const domain = domainOf(email);
  const t = { ...DEFAULT_TIMEOUTS, ...deps.timeouts };
  const deadline = performance.now() + t.totalMs;
  const left = (stepMs: number) => Math.max(1, Math.min(stepMs, Math.round(deadline - performance.now())));
  const signal = deps.signal ?? new AbortController().signal;
  const tried = new Attempts();
  const done = (c: DiscoveryCandidate): DiscoveryResult => ({ email, domain, candidates: [c], tried: tried.list });
  const cancelled = () => {
    if (signal.aborted) throw new TcvError('DISCOVERY_CANCELLED', email);
  };

  // 1. IT policy: its servers for its domains; locked if it says so.
  let start = performance.now();
  const policy = deps.policy;
  if (policy && policyCovers(policy, email) && policy.imap && policy.smtp) {
    tried.add('policy', domain, 'found', start);
    return done({
      source: 'policy',
      locked: policy.lockServers,
      imap: policy.imap,
      smtp: policy.smtp,
      username: null,
      origin: policy.organisation ?? 'IT policy',
    });
  }
  tried.add('policy', domain, 'none', start, undefined, policy ? 'not a domain of the policy' : 'no policy');

  const net = deps.network;
  const lookup = net ? lookupVia(net.resolver, deps.onContact) : null;

  // 2. Autoconfig over HTTPS, both locations at once; the autoconfig host is preferred over .well-known.
  if (net && lookup) {
    const urls = autoconfigUrls(email, net.autoconfigPort ?? 443);
    start = performance.now();
    const results = await Promise.all(
      urls.map(async (url) => {
        try {
          const r = await bounded(left(t.autoconfigMs), signal, (s) => fetchHttps(url, lookup, deps.cas, s));
          if (r.status !== 200) {
            tried.add('autoconfig', url, 'none', start, undefined, `HTTP ${r.status}`);
            return null;
          }
          const servers = parseAutoconfig(r.body, email);
          tried.add('autoconfig', url, 'found', start, undefined, servers.skipped.join('; '));
          return { url, servers };
        } catch (err) {
          cancelled();
          tried.add('autoconfig', url, outcomeOf(err), start, stepError(err));
          return null;
        }
      }),
    );
    const hit = results.find((r) => r !== null);
    if (hit) {
      return done({
        source: 'autoconfig',
        locked: false,
        imap: hit.servers.imap,
        smtp: hit.servers.smtp,
        username: hit.servers.username,
        origin: hit.servers.displayName
          ? `${hit.servers.displayName} (${new URL(hit.url).host})`
          : new URL(hit.url).host,
      });
    }
  } else {
    tried.add('autoconfig', domain, 'skipped', performance.now(), undefined, 'network discovery off');
  }
  cancelled();

  // 3. The bundled provider file.
  start = performance.now();
  const provider = providerFor(domain);
  if (provider) {
    tried.add('provider', domain, 'found', start, undefined, provider.source);
    return done({
      source: 'provider',
      locked: false,
      imap: provider.imap,
      smtp: provider.smtp,
      username: null,
      origin: provider.name,
    });
  }
  tried.add('provider', domain, 'none', start);

  if (!net || !lookup) {
    tried.add('srv', domain, 'skipped', performance.now(), undefined, 'network discovery off');
    tried.add('guess', domain, 'skipped', performance.now(), undefined, 'network discovery off');
    return { email, domain, candidates: [], tried: tried.list };
  }

  // 4. RFC 6186 SRV records, with RFC 8314's implicit-TLS names preferred.
  const srv = await srvStep(domain, net.resolver, tried, signal, left(t.srvMs));
  if (srv) return done(srv);
  cancelled();

  // 5. Guesses, each confirmed by a verified TLS handshake and the protocol's capability answer.
  const guess = await guessStep(domain, net, lookup, deps.cas, tried, signal, left(t.guessMs));
  if (guess) return done(guess);
  return { email, domain, candidates: [], tried: tried.list };
}

const SRV_NAMES = [
  { name: '_imaps._tcp', protocol: 'imap', security: 'tls' },
  { name: '_imap._tcp', protocol: 'imap', security: 'starttls' },
  { name: '_submissions._tcp', protocol: 'smtp', security: 'tls' },
  { name: '_submission._tcp', protocol: 'smtp', security: 'starttls' },
] as const;

async function srvStep(
  domain: string,
  resolver: DnsResolver,
  tried: Attempts,
  signal: AbortSignal,
  ms: number,
): Promise<DiscoveryCandidate | null> {
  const found: Partial<Record<'imap' | 'smtp', ServerEndpoint>> = {};
  const start = performance.now();
  const answers = await Promise.all(
    SRV_NAMES.map(async (n) => {
      const qname = `${n.name}.${domain}`;
      try {
        const records = await bounded(ms, signal, () => resolver.resolveSrv(qname));
        // RFC 2782: lowest priority first, then highest weight; a target of "." says the service is not offered
        // (RFC 6186 §3.4). Hosts must pass the same check as typed ones.
        const usable = records
          .filter((r) => r.name !== '' && r.name !== '.' && /^[A-Za-z0-9.-]{1,253}$/.test(r.name) && r.port > 0)
          .sort((a, b) => a.priority - b.priority || b.weight - a.weight);
        const best = usable[0];
        if (!best) {
          tried.add('srv', qname, 'none', start, undefined, records.length ? 'service not offered (".")' : 'no record');
          return null;
        }
        tried.add('srv', qname, 'found', start, undefined, `${best.name}:${best.port}`);
        return {
          n,
          endpoint: { host: best.name.replace(/\.$/, '').toLowerCase(), port: best.port, security: n.security },
        };
      } catch (err) {
        cancelled(signal);
        const dns = dnsError(err);
        const outcome = dns.none ? 'none' : outcomeOf(err);
        tried.add('srv', qname, outcome, start, dns.none ? undefined : stepError(err), dns.none ? 'no record' : '');
        return null;
      }
    }),
  );
  // SRV_NAMES is in preference order: implicit TLS before STARTTLS.
  for (const a of answers) if (a && !found[a.n.protocol]) found[a.n.protocol] = a.endpoint;
  if (!found.imap || !found.smtp) return null;
  return {
    source: 'srv',
    locked: false,
    imap: found.imap,
    smtp: found.smtp,
    username: null,
    origin: `SRV ${domain}`,
  };
}

function cancelled(signal: AbortSignal) {
  if (signal.aborted) throw new TcvError('DISCOVERY_CANCELLED');
}

async function guessStep(
  domain: string,
  net: DiscoveryNetwork,
  lookup: ReturnType<typeof lookupVia>,
  cas: string[],
  tried: Attempts,
  signal: AbortSignal,
  ms: number,
): Promise<DiscoveryCandidate | null> {
  const ports = net.guessPorts ?? STANDARD_GUESS_PORTS;
  const hosts = {
    imap: [`imap.${domain}`, `mail.${domain}`, domain],
    smtp: [`smtp.${domain}`, `mail.${domain}`, domain],
  };
  // Names that do not resolve are said once, not once per port.
  const names = [...new Set([...hosts.imap, ...hosts.smtp])];
  const start = performance.now();
  const resolvable = new Set<string>();
  await Promise.all(
    names.map(async (name) => {
      try {
        const [a, b] = await bounded(ms, signal, () =>
          Promise.all([
            net.resolver.resolve4(name).catch(() => [] as string[]),
            net.resolver.resolve6(name).catch(() => [] as string[]),
          ]),
        );
        if (a.length + b.length > 0) resolvable.add(name);
        else tried.add('guess', name, 'none', start, undefined, 'name does not resolve');
      } catch (err) {
        cancelled(signal);
        tried.add('guess', name, outcomeOf(err), start, stepError(err));
      }
    }),
  );
  const remaining = Math.max(1, ms - Math.round(performance.now() - start));
  const probe = (protocol: 'imap' | 'smtp') =>
    Promise.all(
      hosts[protocol]
        .filter((h) => resolvable.has(h))
        .flatMap((host) =>
          ports[protocol].map(async (p) => {
            const target = `${protocol} ${host}:${p.port} ${p.security}`;
            const s = performance.now();
            try {
              await bounded(remaining, signal, () =>
                serviceProbe(host, p.port, p.security, protocol, cas, { lookup, timeoutMs: remaining }),
              );
              tried.add('guess', target, 'found', s);
              return { host, port: p.port, security: p.security } satisfies ServerEndpoint;
            } catch (err) {
              cancelled(signal);
              tried.add('guess', target, outcomeOf(err), s, stepError(err, protocol));
              return null;
            }
          }),
        ),
    );
  const [imap, smtp] = await Promise.all([probe('imap'), probe('smtp')]);
  // Results are in preference order (host list × port list): the first that answered wins.
  const bestImap = imap.find((x) => x !== null);
  const bestSmtp = smtp.find((x) => x !== null);
  if (!bestImap || !bestSmtp) return null;
  return { source: 'guess', locked: false, imap: bestImap, smtp: bestSmtp, username: null, origin: `guess ${domain}` };
}
