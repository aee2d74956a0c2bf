// Watching one mailbox for changes made elsewhere (a new mail delivered, a flag set in webmail, a message expunged by
// a colleague on another PC), so the cache follows the server within seconds.
//  - IDLE (RFC 2177) where offered: the server pushes EXISTS / EXPUNGE (VANISHED with QRESYNC) / FETCH FLAGS.
//    imapflow re-issues IDLE every few minutes (maxIdleTime) because RFC 2177 §3 lets servers drop an IDLE after
//    30 minutes and NAT boxes in provincial networks forget quiet connections sooner.
//  - otherwise NOOP every pollIntervalMs: RFC 3501 §6.1.2 makes NOOP the way to collect untagged updates.
// The watcher never touches the cache itself: any notification asks the manager for an incremental sync of the
// folder, which is one QRESYNC round trip, so there is a single code path that writes, and it is the tested one.
// Each watcher owns one dedicated connection (the pool counts it), opened read-only (EXAMINE: watching must never
// change \Recent or anything else), and reconnects with backoff and jitter until stopped.
import type { ImapFlow } from 'imapflow';
import { TcvError } from '../api/errors.ts';
import type { Logger } from '../platform/types.ts';
import { classifyMailError } from '../mail/errors.ts';
import { DEFAULT_BACKOFF, backoffDelay, isTransient, sleep, type BackoffPolicy } from './backoff.ts';

export type WatchMode = 'idle' | 'poll' | 'off';

export interface WatcherDeps {
  accountId: string;
  folder: string;
  open(): Promise<ImapFlow>;
  release(client: ImapFlow): Promise<void>;
  /** Something changed in the folder, or the watcher (re)connected and may have missed changes. */
  onChange(folder: string): void;
  /** The watcher gave up for good (authentication failed, folder gone). */
  onStopped?(err: TcvError): void;
  log: Logger;
  useIdle: boolean;
  pollIntervalMs: number;
  backoff?: BackoffPolicy;
}

export class FolderWatcher {
  mode: WatchMode = 'off';
  private readonly deps: WatcherDeps;
  private readonly abort = new AbortController();
  private client: ImapFlow | null = null;
  private loop: Promise<void> | null = null;

  constructor(deps: WatcherDeps) {
    this.deps = deps;
  }

  get folder(): string {
    return this.deps.folder;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort(new TcvError('CONNECTION_LOST', 'watcher stopped'));
    const c = this.client;
    // LOGOUT breaks IDLE (imapflow sends DONE first); a connection that stopped answering is simply closed.
    if (c) await this.deps.release(c).catch(() => c.close());
    await this.loop;
    this.mode = 'off';
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private async run(): Promise<void> {
    const { folder, log, accountId } = this.deps;
    let attempt = 0;
    while (!this.stopped) {
      let client: ImapFlow | null = null;
      try {
        client = await this.deps.open();
        this.client = client;
        if (this.stopped) break;
        const notify = (e: { path?: string }) => {
          if (e.path === folder) this.deps.onChange(folder);
        };
        client.on('exists', notify);
        client.on('expunge', notify);
        client.on('flags', notify);
        await client.mailboxOpen(folder, { readOnly: true });
        attempt = 0;
        const idle = this.deps.useIdle && client.capabilities.has('IDLE');
        this.mode = idle ? 'idle' : 'poll';
        log.info('watching', { account: accountId, folder, mode: this.mode });
        // Whatever happened while we were not connected.
        this.deps.onChange(folder);
        while (!this.stopped && client.usable) {
          if (idle) {
            const t = performance.now();
            await client.idle();
            // IDLE returns early only when broken; a session that keeps returning at once is not idling at all.
            if (performance.now() - t < 20 && !this.stopped) await sleep(1000, this.abort.signal);
          } else {
            await sleep(this.deps.pollIntervalMs, this.abort.signal);
            await client.noop();
          }
          if (!this.stopped && client.usable && !client.mailbox) await client.mailboxOpen(folder, { readOnly: true });
        }
      } catch (err) {
        if (this.stopped) break;
        const e = classifyMailError(err, 'imap');
        if (!isTransient(e)) {
          log.error('watch stopped', { account: accountId, folder, code: e.code, detail: e.detail });
          this.mode = 'off';
          this.deps.onStopped?.(e);
          break;
        }
        log.warn('watch connection lost', { account: accountId, folder, code: e.code });
      } finally {
        this.client = null;
        if (client) await this.deps.release(client).catch(() => client?.close());
      }
      if (this.stopped) break;
      const delay = backoffDelay(attempt++, this.deps.backoff ?? DEFAULT_BACKOFF);
      await sleep(delay, this.abort.signal).catch(() => undefined);
    }
    this.mode = 'off';
  }
}
