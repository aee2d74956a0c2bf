// V8's gc() for the engine's two memory rules: the send pacer's minor GCs (src/mail/gc-pacer.ts) and the release of
// freed heap pages after big work (src/platform/memory-release.ts).
//
// gc() comes from the host when it runs Node with --expose-gc, otherwise from V8's own extension in a fresh context
// (the way Jest reaches it). Where neither works, callers go on without it (only with more memory held).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * V8's gc extension: `type` minor (a scavenge) or major; `flavor: 'last-resort'` is V8's CollectAllAvailableGarbage
 * (several full GCs with compaction, then the pooled pages handed back to the OS).
 */
export type Gc = (options?: {
  type?: 'minor' | 'major';
  execution?: 'sync' | 'async';
  flavor?: 'regular' | 'last-resort';
}) => void;

let cached: Gc | null | undefined;

export function gcFunction(): Gc | null {
  if (cached !== undefined) return cached;
  const exposed = (globalThis as { gc?: Gc }).gc;
  if (typeof exposed === 'function') return (cached = exposed);
  try {
    setFlagsFromString('--expose-gc');
    const fn = runInNewContext('gc') as unknown;
    cached = typeof fn === 'function' ? (fn as Gc) : null;
  } catch {
    cached = null;
  }
  return cached;
}
