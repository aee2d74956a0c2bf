// Handing V8's freed heap pages back to the OS after big work (docs/sync.md "Memory"). A 100,000-message sync and the
// index pass after it go through ~150 MB of short-lived V8 heap pages; V8 keeps the freed ones in its page pool, still
// resident, and a regular GC does not return them (measured: 592 pooled 256 KB pages, 148 MB, five seconds after the
// sync, with V8 itself counting 31 MB of heap). Only a memory-reducing GC does, and V8's own memory reducer did not
// run within the measured idle time. So once the engine has done big work and then been quiet for a moment, it runs one
// last-resort GC (V8's CollectAllAvailableGarbage: full GCs with compaction, then the pool released): RSS 271 → 137 MB
// in that run. It costs tens of milliseconds of the engine's thread, once per burst of work, never during it.
import { gcFunction, type Gc } from './gc.ts';
import type { Logger } from './types.ts';

/** Work below this many messages (synced, indexed) leaves too few pages to be worth a full GC. */
export const RELEASE_FROM_ITEMS = 2000;
/** Quiet time after the last big work before the release. */
export const RELEASE_IDLE_MS = 1000;

export interface MemoryReleaseOptions {
  log: Logger;
  /** True while work that makes garbage still runs (the index pass): the release waits for it. */
  busy?: () => boolean;
  idleMs?: number;
  /** Defaults to V8's gc (src/platform/gc.ts); null turns the release off. */
  gc?: Gc | null;
}

export class MemoryRelease {
  private readonly log: Logger;
  private readonly busy: () => boolean;
  private readonly idleMs: number;
  private readonly gc: Gc | null;
  private timer: NodeJS.Timeout | null = null;
  private items = 0;
  private waiters: (() => void)[] = [];
  /** Releases done so far (for the log and the tests). */
  released = 0;

  constructor(opts: MemoryReleaseOptions) {
    this.log = opts.log;
    this.busy = opts.busy ?? (() => false);
    this.idleMs = opts.idleMs ?? RELEASE_IDLE_MS;
    this.gc = opts.gc === undefined ? gcFunction() : opts.gc;
  }

  /** `items` messages of work just finished; big work schedules a release for when the engine is quiet. */
  note(items: number): void {
    if (!this.gc) return;
    this.items += items;
    if (this.items < RELEASE_FROM_ITEMS) return;
    this.arm();
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fire(), this.idleMs);
    // A pending release never keeps the process alive (tcv exits when its work is done).
    this.timer.unref();
  }

  private fire(): void {
    this.timer = null;
    if (this.busy()) {
      this.arm();
      return;
    }
    try {
      this.release();
    } finally {
      for (const w of this.waiters.splice(0)) w();
    }
  }

  private release(): void {
    const items = this.items;
    this.items = 0;
    const before = process.memoryUsage.rss();
    const started = performance.now();
    this.gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    this.released++;
    this.log.info('memory: freed heap pages released after big work', {
      items,
      ms: Math.round(performance.now() - started),
      rssBeforeMb: Math.round(before / 1048576),
      rssAfterMb: Math.round(process.memoryUsage.rss() / 1048576),
    });
  }

  /** Resolves when no release is pending (at once if none is; else after it ran, or was dropped by close). */
  settled(): Promise<void> {
    if (!this.timer) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Drops a pending release (the engine is closing). */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.items = 0;
    for (const w of this.waiters.splice(0)) w();
  }
}
