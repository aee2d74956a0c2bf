// The background search index pass (docs/search.md "Who writes it"). An initial sync stores headers only; their rows
// wait in search_pending (migration 9: the persistent "not yet indexed" marker) and this pass indexes them newest
// first, one batch per transaction, giving the event loop back between batches so the engine keeps answering. A
// restart or a kill loses nothing: the queue is in the database, and every batch commits its index rows together
// with the removal of their queue entries. Search meanwhile covers what is indexed and says so (IndexProgress).
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { IndexProgress } from '../api/types.ts';
import type { Db } from '../cache/db.ts';
import { cached } from '../cache/statements.ts';
import type { Logger } from '../platform/types.ts';
import { indexPending, pendingCount } from './indexer.ts';

/** Messages indexed per transaction by the pass: ~25–50 ms of work on a 2-core PC, short enough to stay responsive. */
export const PASS_BATCH = 500;
/** At most this many queued messages are indexed inline by a search (another writer's few rows); more is the pass's. */
export const INLINE_MAX = 1000;

export class BackgroundIndex {
  private readonly db: Db;
  private readonly log: Logger;
  private running: Promise<void> | null = null;
  private stopped = false;
  private again = false;
  private readonly onIndexed: (count: number) => void;

  /** `onIndexed` hears how many messages each pass indexed (the engine's memory release, src/platform). */
  constructor(db: Db, log: Logger, onIndexed: (count: number) => void = () => {}) {
    this.db = db;
    this.log = log;
    this.onIndexed = onIndexed;
  }

  /** A pass is running. */
  get busy(): boolean {
    return this.running !== null;
  }

  /** Starts the pass if anything waits (a cheap probe otherwise); a pass already running picks new rows up. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (pendingCount(this.db, 1) === 0) return;
    this.running = this.run().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async run(): Promise<void> {
    const started = performance.now();
    let done = 0;
    try {
      // Yield first: the caller (a sync's last event, the engine's start) finishes before the first batch.
      await nextTurn();
      while (!this.stopped) {
        const n = indexPending(this.db, PASS_BATCH, PASS_BATCH);
        if (n === 0) break;
        done += n;
        await nextTurn();
      }
      if (done > 0) {
        this.log.info('search: background index pass', {
          indexed: done,
          ms: Math.round(performance.now() - started),
          stopped: this.stopped,
        });
        this.onIndexed(done);
      }
    } catch (err) {
      // A closed database (engine shutting down) or a disk error: what was committed stays, the rest stays queued.
      this.log.warn('search: background index pass failed', { indexed: done, error: String(err) });
    }
  }

  /**
   * Before a search: a few queued rows (another writer's) are indexed at once; a longer queue is the pass's, and
   * the search then covers the indexed part. Returns the progress to report, or null when the index is complete.
   */
  prepareSearch(): IndexProgress | null {
    const waiting = pendingCount(this.db, INLINE_MAX + 1);
    if (waiting === 0) return null;
    if (waiting <= INLINE_MAX) {
      const n = indexPending(this.db);
      if (n > 0) this.log.info('search: indexed pending messages', { count: n });
      if (pendingCount(this.db, 1) === 0) return null;
    }
    this.kick();
    return this.progress();
  }

  /** How far the index is: messages indexed, of all cached ones. */
  progress(): IndexProgress {
    const pending = pendingCount(this.db);
    const indexed = (cached(this.db, 'SELECT count(*) AS n FROM message_docs').get() as { n: number }).n;
    return { indexed, total: indexed + pending };
  }

  /** Resolves when no pass is running (every queued message indexed, or the pass stopped). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops at the next batch boundary; what was committed stays. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }
}
