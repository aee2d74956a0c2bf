// TLS is always verified. An extra CA (from the IT policy or the account) is added to the system's roots, never
// instead of verification; there is no option to turn verification off.
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { TcvError } from '../api/errors.ts';

const cache = new Map<string, string>();

function readPem(path: string): string {
  const hit = cache.get(path);
  if (hit) return hit;
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (err) {
    throw new TcvError('TLS_FAILED', `cannot read CA file ${path}: ${(err as Error).message}`, { cause: err });
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new TcvError('TLS_FAILED', `not a PEM certificate: ${path}`);
  cache.set(path, pem);
  return pem;
}

export function trustedCas(extraFiles: readonly string[]): string[] {
  return [...rootCertificates, ...extraFiles.map(readPem)];
}
