// Retrying against a mail server that went away: exponential backoff with jitter, so that hundreds of office PCs
// whose connections all dropped when the agency's server restarted do not all knock again in the same second
// (the "thundering herd"; AWS Architecture Blog, "Exponential Backoff And Jitter", 2015: "equal jitter").
import { TcvError, type ErrorCode } from '../api/errors.ts';

export interface BackoffPolicy {
  /** First delay before jitter (ms). */
  baseMs: number;
  /** No delay grows beyond this (ms). */
  capMs: number;
  /** Source of randomness in [0, 1); injectable so tests are deterministic. */
  random?: () => number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 250, capMs: 60_000 };

/**
 * Delay before retry number `attempt` (0 for the first retry): half of the exponential step is kept, the other half
 * is random, so a retry never comes immediately yet clients spread out.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const random = policy.random ?? Math.random;
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(step / 2 + random() * (step / 2));
}

// Errors worth another try: the network or the server may come back. Authentication, TLS trust, a missing folder or
// a full mailbox will not fix themselves; retrying them would only lock the account or hide the real problem.
const TRANSIENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'CONNECTION_LOST',
  'CONNECTION_REFUSED',
  'TIMEOUT',
  'HOST_NOT_FOUND',
]);

export function isTransient(err: unknown): boolean {
  return err instanceof TcvError && TRANSIENT.has(err.code);
}

/** Resolves after ms, or rejects at once with the signal's reason when it is aborted. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
