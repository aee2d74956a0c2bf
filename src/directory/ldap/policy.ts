// Until the policy module (src/policy) hands its parsed `directory.ldap` to the engine, the command line reads that
// one section from the policy file named by TCV_POLICY. The section is parsed by ldapConfigSchema where it is used.
import { readFileSync } from 'node:fs';
import { TcvError } from '../../api/errors.ts';

export function ldapSectionFromPolicyFile(path: string | undefined): unknown {
  if (!path) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new TcvError('LDAP_NOT_CONFIGURED', `${path}: ${(err as Error).message}`, { cause: err });
  }
  const dir = (raw as { directory?: { ldap?: unknown } } | null)?.directory;
  return dir?.ldap ?? null;
}
