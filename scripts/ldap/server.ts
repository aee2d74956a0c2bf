// A private OpenLDAP server (Debian's slapd, mdb backend) on 127.0.0.1 for tests and the demo, like the mail stack
// (docs/ldap.md): its own slapd.conf, state directory under the system temp folder, free ports, plain LDAP (with
// StartTLS) and LDAPS with the test CA. The caller starts it and stops it; nothing from /etc/ldap/slapd.d is used.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Directory } from '../../src/api/types-directory.ts';
import { alive, logTail, readPid, run, runOk, terminate, waitForPort } from '../mailstack/proc.ts';
import { ensureCertificates } from '../mailstack/tls.ts';
import { BASE_DN, READER_DN, loadShippedDirectory, seedLdif } from './seed.ts';

export const SLAPD = '/usr/sbin/slapd';
const SLAPADD = '/usr/sbin/slapadd';
const HOST = '127.0.0.1';

export interface LdapServer {
  dir: string;
  /** ldap://127.0.0.1:PORT (StartTLS offered). */
  url: string;
  /** ldaps://127.0.0.1:PORT (TLS from the first byte). */
  ldapsUrl: string;
  port: number;
  tlsPort: number;
  /** PEM file of the CA that signed the server's certificate. */
  ca: string;
  baseDn: string;
  readerDn: string;
  readerPassword: string;
  adminDn: string;
  adminPassword: string;
  pid: number;
  /** Runs ldapmodify as the administrator (for tests that change the tree between syncs). */
  modify(ldif: string): Promise<void>;
  stop(): Promise<void>;
}

export interface StartLdapOptions {
  /** The directory to seed from (default: the shipped Cần Thơ example). */
  directory?: Directory;
  readerPassword?: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function slapdConf(dir: string, adminDn: string, adminPassword: string): string {
  return [
    'include /etc/ldap/schema/core.schema',
    'include /etc/ldap/schema/cosine.schema',
    'include /etc/ldap/schema/inetorgperson.schema',
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    `pidfile ${dir}/slapd.pid`,
    `argsfile ${dir}/slapd.args`,
    `TLSCACertificateFile ${dir}/tls/ca.pem`,
    `TLSCertificateFile ${dir}/tls/server.pem`,
    `TLSCertificateKeyFile ${dir}/tls/server.key`,
    // Paged results (RFC 2696) are what the client uses; a small size limit proves the paging really happens.
    'sizelimit size.soft=40 size.hard=40 size.pr=noEstimate size.prtotal=unlimited',
    'database mdb',
    'maxsize 67108864',
    `suffix "${BASE_DN}"`,
    `rootdn "${adminDn}"`,
    `rootpw ${adminPassword}`,
    `directory ${dir}/data`,
    'access to attrs=userPassword by self write by anonymous auth by * none',
    'access to * by * read',
    '',
  ].join('\n');
}

export async function startLdap(opts: StartLdapOptions = {}): Promise<LdapServer> {
  if (!fs.existsSync(SLAPD)) throw new Error(`${SLAPD} is missing: apt-get install slapd ldap-utils`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcv-ldap-'));
  const tlsDir = path.join(dir, 'tls');
  await ensureCertificates({
    tlsDir,
    caCert: path.join(tlsDir, 'ca.pem'),
    caKey: path.join(tlsDir, 'ca.key'),
    serverCert: path.join(tlsDir, 'server.pem'),
    serverKey: path.join(tlsDir, 'server.key'),
  });
  fs.mkdirSync(path.join(dir, 'data'));
  const adminDn = `cn=admin,${BASE_DN}`;
  const adminPassword = 'tcv-ldap-admin';
  const readerPassword = opts.readerPassword ?? 'Mật khẩu đọc danh bạ 2025';
  const conf = path.join(dir, 'slapd.conf');
  fs.writeFileSync(conf, slapdConf(dir, adminDn, adminPassword));
  const ldif = path.join(dir, 'seed.ldif');
  fs.writeFileSync(ldif, seedLdif(opts.directory ?? loadShippedDirectory(), { readerPassword }));
  // Loaded offline before the server starts: faster than ldapadd and needs no bind.
  await runOk(SLAPADD, ['-q', '-f', conf, '-l', ldif]);

  const [port, tlsPort] = [await freePort(), await freePort()];
  const url = `ldap://${HOST}:${port}`;
  const ldapsUrl = `ldaps://${HOST}:${tlsPort}`;
  const log = path.join(dir, 'slapd.log');
  // slapd forks and writes its pid file; -s/-l are syslog settings, so its own messages are captured by run().
  const started = await run(SLAPD, ['-f', conf, '-h', `${url}/ ${ldapsUrl}/`], { daemonizes: true });
  if (started.code !== 0) throw new Error(`slapd did not start: ${started.stderr}${started.stdout}`);
  fs.writeFileSync(log, `${started.stdout}${started.stderr}`);
  const pidFile = path.join(dir, 'slapd.pid');
  await waitForPort({
    name: 'slapd',
    host: HOST,
    port,
    log,
    failed: () => {
      const pid = readPid(pidFile);
      return pid !== null && !alive(pid) ? 'slapd exited' : null;
    },
  });
  const pid = readPid(pidFile);
  if (pid === null) throw new Error(`slapd wrote no pid file${logTail(log)}`);
  let stopped = false;
  return {
    dir,
    url,
    ldapsUrl,
    port,
    tlsPort,
    ca: path.join(tlsDir, 'ca.pem'),
    baseDn: BASE_DN,
    readerDn: READER_DN,
    readerPassword,
    adminDn,
    adminPassword,
    pid,
    async modify(change: string) {
      await runOk('ldapmodify', ['-x', '-H', url, '-D', adminDn, '-w', adminPassword], { input: change });
    },
    async stop() {
      // Once only: a second kill could reach another process that got the pid meanwhile.
      if (stopped) return;
      stopped = true;
      await terminate(pid);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
