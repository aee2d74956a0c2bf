// Real servers for discovery tests, all on 127.0.0.1: dnsmasq as the DNS server (answers only from its own records,
// never forwards: --no-resolv, and --local=/#/ makes every other name NXDOMAIN), an HTTPS server for autoconfig files
// with a certificate from a test CA made here, and TLS front ends that put that certificate in front of the real
// Dovecot and Postfix of the mail stack (so the guess step meets real IMAP and SMTP answers).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttps, type Server as HttpsServer } from 'node:https';
import { connect as netConnect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createServer as createTls, type Server as TlsServer } from 'node:tls';

export const DNSMASQ = '/usr/sbin/dnsmasq';

export interface TestCa {
  caFile: string;
  certPem: string;
  keyPem: string;
}

/** A CA and one server certificate for `names` (P-256, made with the openssl CLI as scripts/mailstack/tls.ts does). */
export function makeTestCa(dir: string, names: string[]): TestCa {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const f = (n: string) => join(dir, n);
  const run = (args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  run([
    'req',
    '-x509',
    ...ec,
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=TCV discovery test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  run(['req', ...ec, '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', `/CN=${names[0]}`]);
  writeFileSync(
    f('server.ext'),
    `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}\nextendedKeyUsage=serverAuth\n`,
  );
  run([
    'x509',
    '-req',
    '-in',
    f('server.csr'),
    '-CA',
    f('ca.pem'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-out',
    f('server.pem'),
    '-days',
    '2',
    '-extfile',
    f('server.ext'),
  ]);
  return {
    caFile: f('ca.pem'),
    certPem: readFileSync(f('server.pem'), 'utf8'),
    keyPem: readFileSync(f('server.key'), 'utf8'),
  };
}

async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export interface Dns {
  port: number;
  resolver: Resolver;
  /** Every query dnsmasq received (from its log). */
  queries(): string[];
  close(): Promise<void>;
}

/**
 * dnsmasq on 127.0.0.1: `addresses` domains (and their subdomains) answer 127.0.0.1, `srv` are --srv-host values
 * ("_imaps._tcp.x.test,imap.x.test,993,0,1"). Nothing is forwarded anywhere.
 */
export async function startDns(dir: string, addresses: string[], srv: string[]): Promise<Dns> {
  const log = join(dir, `dnsmasq-${process.pid}-${Date.now()}.log`);
  let lastErr = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freeUdpPort();
    const child: ChildProcess = spawn(
      DNSMASQ,
      [
        '--keep-in-foreground',
        '-C',
        '/dev/null',
        `--port=${port}`,
        '--listen-address=127.0.0.1',
        '--bind-interfaces',
        '--no-resolv',
        '--no-hosts',
        '--pid-file=',
        '--user=',
        '--local=/#/',
        '--log-queries',
        `--log-facility=${log}`,
        ...addresses.map((d) => `--address=/${d}/127.0.0.1`),
        ...srv.map((s) => `--srv-host=${s}`),
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const resolver = new Resolver({ timeout: 1000, tries: 2 });
    resolver.setServers([`127.0.0.1:${port}`]);
    // Ready when it answers a configured name.
    const probeName = addresses[0] ?? 'ready.invalid';
    const ok = await (async () => {
      for (let i = 0; i < 50; i++) {
        if (child.exitCode !== null) return false;
        try {
          await resolver.resolve4(probeName);
          return true;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOTFOUND') return true;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      return false;
    })();
    if (!ok) {
      lastErr = stderr;
      child.kill();
      continue;
    }
    return {
      port,
      resolver,
      queries: () =>
        readFileSync(log, 'utf8')
          .split('\n')
          .map((l) => /query\[(\w+)\] (\S+) from (\S+)/.exec(l))
          .filter((m) => m !== null)
          .map((m) => `${m[1]} ${m[2]} from ${m[3]}`),
      close: () =>
        new Promise<void>((r) => {
          if (child.exitCode !== null) return r();
          child.once('exit', () => r());
          child.kill('SIGTERM');
        }),
    };
  }
  throw new Error(`dnsmasq did not start: ${lastErr}`);
}

export type Route = { status: number; body: string } | 'hang';

export interface AutoconfigServer {
  port: number;
  /** Requests seen: "host path". */
  seen: string[];
  close(): Promise<void>;
}

/** HTTPS on 127.0.0.1 answering by Host header and path; anything unrouted is 404. */
export async function startAutoconfigServer(ca: TestCa, routes: Record<string, Route>): Promise<AutoconfigServer> {
  const seen: string[] = [];
  const server: HttpsServer = createHttps({ cert: ca.certPem, key: ca.keyPem }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const path = (req.url ?? '').split('?')[0] ?? '';
    seen.push(`${host} ${req.url}`);
    const route = routes[`${host}${path}`];
    if (route === 'hang') return; // never answers: the client's time limit must end it
    if (!route) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(route.status, { 'content-type': 'application/xml' }).end(route.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Implicit TLS with the test certificate in front of a plaintext port (a real Dovecot or Postfix listener). */
export async function startTlsFrontEnd(
  ca: TestCa,
  targetPort: number,
): Promise<{ port: number; close(): Promise<void> }> {
  const server: TlsServer = createTls({ cert: ca.certPem, key: ca.keyPem }, (tls) => {
    const up = netConnect({ host: '127.0.0.1', port: targetPort });
    tls.pipe(up).pipe(tls);
    const end = () => {
      tls.destroy();
      up.destroy();
    };
    tls.on('error', end);
    up.on('error', end);
    tls.on('close', end);
    up.on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Config-v1.1.xml as a provider would publish it. */
export function autoconfigXml(o: {
  domain: string;
  imap: { host: string; port: number; socketType: string; username?: string };
  smtp: { host: string; port: number; socketType: string };
  extraIncoming?: string;
}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- test provider -->
<clientConfig version="1.1">
  <emailProvider id="${o.domain}">
    <domain>${o.domain}</domain>
    <displayName>Thư ${o.domain} &amp; co</displayName>
    <displayShortName>${o.domain}</displayShortName>
    ${o.extraIncoming ?? ''}
    <incomingServer type="imap">
      <hostname>${o.imap.host}</hostname>
      <port>${o.imap.port}</port>
      <socketType>${o.imap.socketType}</socketType>
      <username>${o.imap.username ?? '%EMAILADDRESS%'}</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>${o.smtp.host}</hostname>
      <port>${o.smtp.port}</port>
      <socketType>${o.smtp.socketType}</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
  </emailProvider>
</clientConfig>
`;
}
