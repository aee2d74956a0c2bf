// A private CA and a server certificate for 127.0.0.1/localhost, made with the openssl CLI. Clients are given the CA
// (JSON "ca") and verify the server for real: tests never turn certificate checks off (testing.md, imapflow notes).
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Layout } from './layout.ts';
import { runOk } from './proc.ts';

const DAY = 86_400_000;

// Checked with node:crypto rather than `openssl x509 -checkend`: this runs on every start, and spawning openssl
// three times cost about half a second on a loaded 2-core machine.
function load(file: string): X509Certificate | null {
  try {
    return new X509Certificate(fs.readFileSync(file));
  } catch {
    return null;
  }
}

/** The CA and server certificate exist, are valid for at least a day more, and the server's was signed by the CA. */
/** The files of a CA and its server certificate (the mail stack's Layout has them; so does the LDAP server's). */
export type TlsFiles = Pick<Layout, 'tlsDir' | 'caCert' | 'caKey' | 'serverCert' | 'serverKey'>;

export function certificatesValid(l: TlsFiles, minCaMs = DAY, minServerMs = DAY): boolean {
  const ca = load(l.caCert);
  const server = load(l.serverCert);
  if (!ca || !server || !fs.existsSync(l.caKey) || !fs.existsSync(l.serverKey)) return false;
  const now = Date.now();
  if (Date.parse(ca.validTo) - now < minCaMs || Date.parse(server.validTo) - now < minServerMs) return false;
  return server.checkIssued(ca) && server.verify(ca.publicKey) && server.checkIP('127.0.0.1') !== undefined;
}

/** Creates the CA and server certificate unless valid ones exist; returns whether anything was (re)made. */
export async function ensureCertificates(l: TlsFiles): Promise<boolean> {
  fs.mkdirSync(l.tlsDir, { recursive: true, mode: 0o755 });
  if (certificatesValid(l, 30 * DAY)) return false;
  const ca = load(l.caCert);
  const haveCa = ca !== null && fs.existsSync(l.caKey) && Date.parse(ca.validTo) - Date.now() > 30 * DAY;

  // P-256 keys: generated in milliseconds, and accepted by Dovecot, Postfix, Node and Chromium alike.
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  if (!haveCa) {
    await runOk('openssl', [
      'req',
      '-x509',
      ...ec,
      '-keyout',
      l.caKey,
      '-out',
      l.caCert,
      '-days',
      '3650',
      '-subj',
      '/O=Thu Cong Vu test/CN=Thu Cong Vu test CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
  }
  const csr = path.join(l.tlsDir, 'server.csr');
  const ext = path.join(l.tlsDir, 'server.ext');
  fs.writeFileSync(
    ext,
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      'subjectKeyIdentifier=hash',
      'authorityKeyIdentifier=keyid,issuer',
      '',
    ].join('\n'),
  );
  await runOk('openssl', [
    'req',
    ...ec,
    '-keyout',
    l.serverKey,
    '-out',
    csr,
    '-subj',
    '/O=Thu Cong Vu test/CN=localhost',
  ]);
  await runOk('openssl', [
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    l.caCert,
    '-CAkey',
    l.caKey,
    '-set_serial',
    `0x${Date.now().toString(16)}`,
    '-days',
    '825',
    '-extfile',
    ext,
    '-out',
    l.serverCert,
  ]);
  fs.rmSync(csr, { force: true });
  // Keys stay root-only: Dovecot's config process and Postfix's smtpd read them before dropping privileges.
  fs.chmodSync(l.caKey, 0o600);
  fs.chmodSync(l.serverKey, 0o600);
  fs.chmodSync(l.caCert, 0o644);
  fs.chmodSync(l.serverCert, 0o644);
  return true;
}
