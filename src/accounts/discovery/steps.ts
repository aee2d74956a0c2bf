// Shared plumbing of the discovery steps: the attempt log, time limits and error → attempt mapping.
import { TcvError, isErrorCode } from '../../api/errors.ts';
import { classifyMailError } from '../../mail/errors.ts';
import type { DiscoveryAttempt, DiscoveryOutcome, DiscoverySource } from '../../api/types-accounts.ts';

export class Attempts {
  readonly list: DiscoveryAttempt[] = [];
  add(source: DiscoverySource, target: string, outcome: DiscoveryOutcome, started: number, err?: unknown, detail = '') {
    const e = err instanceof TcvError ? err : null;
    const code = e ? e.code : (err as { code?: unknown } | undefined)?.code;
    this.list.push({
      source,
      target,
      outcome,
      code: isErrorCode(code) ? code : null,
      detail: detail || (e ? e.detail : err ? String((err as Error).message ?? err) : ''),
      ms: Math.round(performance.now() - started),
    });
  }
}

export class StepTimeout extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/**
 * Runs `fn` with a signal that fires after `ms` or when `parent` fires; rejects with StepTimeout on the time limit,
 * with DISCOVERY_CANCELLED when the caller cancelled. `fn` must stop its own sockets on the signal (or time out).
 */
export async function bounded<T>(ms: number, parent: AbortSignal, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  if (parent.aborted) throw new TcvError('DISCOVERY_CANCELLED');
  const ctl = new AbortController();
  const onParent = () => ctl.abort();
  parent.addEventListener('abort', onParent, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      ctl.abort();
      reject(new StepTimeout(ms));
    }, ms);
    ctl.signal.addEventListener('abort', () => {
      if (parent.aborted) reject(new TcvError('DISCOVERY_CANCELLED'));
    });
  });
  try {
    return await Promise.race([fn(ctl.signal), limit]);
  } finally {
    clearTimeout(timer);
    parent.removeEventListener('abort', onParent);
    ctl.abort();
  }
}

/** Maps a step failure to its outcome; a cancellation is re-thrown (the whole discovery stops). */
export function outcomeOf(err: unknown): DiscoveryOutcome {
  if (err instanceof TcvError && err.code === 'DISCOVERY_CANCELLED') throw err;
  if (err instanceof StepTimeout) return 'timeout';
  if (err instanceof TcvError && (err.code === 'PLAINTEXT_REFUSED' || err.code === 'AUTOCONFIG_INVALID'))
    return 'rejected';
  return 'failed';
}

/** The error as the table's code: a step time limit is TIMEOUT, socket and TLS errors are classified as for mail. */
export function stepError(err: unknown, where: 'imap' | 'smtp' = 'imap'): TcvError {
  if (err instanceof StepTimeout) return new TcvError('TIMEOUT', err.message);
  return classifyMailError(err, where);
}
