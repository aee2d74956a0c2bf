// Reading the policy file. A missing file is normal (no IT policy on this PC). A broken one must not stop the app:
// the state says what is wrong (POLICY_UNREADABLE / POLICY_INVALID, shown in Vietnamese by the UI and the CLI), the
// detail goes to the log, and the app runs as if there were no policy.
import { readFileSync } from 'node:fs';
import { TcvError } from '../api/errors.ts';
import { policySchema, type Policy } from './schema.ts';

export type PolicyState =
  | { status: 'none'; path: string | null }
  | { status: 'ok'; path: string | null; policy: Policy }
  | { status: 'invalid'; path: string; error: TcvError };

/** Largest policy file read: it holds a few servers and settings; anything bigger is not a policy file. */
const MAX_POLICY_BYTES = 1024 * 1024;

/** Validates a parsed policy (tests, the harness). Throws POLICY_INVALID with every problem listed in the detail. */
export function parsePolicy(raw: unknown, where = 'policy'): Policy {
  const r = policySchema.safeParse(raw);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new TcvError('POLICY_INVALID', `${where}: ${problems}`);
}

export function loadPolicy(path: string | null): PolicyState {
  if (!path) return { status: 'none', path: null };
  let text: string;
  try {
    const buf = readFileSync(path);
    if (buf.length > MAX_POLICY_BYTES) throw new Error(`file larger than ${MAX_POLICY_BYTES} bytes`);
    text = buf.toString('utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'none', path };
    return {
      status: 'invalid',
      path,
      error: new TcvError('POLICY_UNREADABLE', `${path}: ${(err as Error).message}`, { cause: err }),
    };
  }
  let raw: unknown;
  try {
    // A byte-order mark is what Windows Notepad writes at the start of a UTF-8 file: not an error.
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return {
      status: 'invalid',
      path,
      error: new TcvError('POLICY_INVALID', `${path}: not JSON: ${(err as Error).message}`, { cause: err }),
    };
  }
  try {
    return { status: 'ok', path, policy: parsePolicy(raw, path) };
  } catch (err) {
    return { status: 'invalid', path, error: err as TcvError };
  }
}

/** The policy in force, or null when there is none or it is broken. */
export function activePolicy(state: PolicyState | undefined): Policy | null {
  return state?.status === 'ok' ? state.policy : null;
}

/** The policy's domain for this address, if the address is in one of its domains. */
export function policyCovers(policy: Policy | null, email: string): boolean {
  if (!policy) return false;
  const domain = email.normalize('NFC').trim().toLowerCase().split('@').pop() ?? '';
  return policy.domains.includes(domain);
}
