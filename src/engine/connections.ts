// One long-lived IMAP "work" connection per account, reopened when it drops. Concurrent callers share it: imapflow
// queues commands and serialises mailbox access with getMailboxLock. (Issue 3 grows this into a bounded pool with an
// IDLE connection, backoff and jitter.)
import type { ImapFlow } from 'imapflow';
import type { AccountSummary } from '../api/types.ts';
import type { Logger } from '../platform/types.ts';
import { classifyMailError } from '../mail/errors.ts';
import { connectImap } from '../mail/imap.ts';

export interface ConnectionDeps {
  account(id: string): AccountSummary;
  password(id: string): Promise<string>;
  cas(account: AccountSummary): string[];
  log: Logger;
}

export class Connections {
  private readonly deps: ConnectionDeps;
  private readonly clients = new Map<string, Promise<ImapFlow>>();

  constructor(deps: ConnectionDeps) {
    this.deps = deps;
  }

  private async open(accountId: string): Promise<ImapFlow> {
    const account = this.deps.account(accountId);
    const password = await this.deps.password(accountId);
    return connectImap({ account, password, cas: this.deps.cas(account), log: this.deps.log });
  }

  private get(accountId: string): Promise<ImapFlow> {
    const existing = this.clients.get(accountId);
    if (existing) return existing;
    const p = this.open(accountId);
    this.clients.set(accountId, p);
    const forget = () => {
      if (this.clients.get(accountId) === p) this.clients.delete(accountId);
    };
    p.then((client) => client.on('close', forget), forget);
    return p;
  }

  async run<T>(accountId: string, fn: (client: ImapFlow) => Promise<T>): Promise<T> {
    let client = await this.get(accountId);
    if (!client.usable) {
      this.drop(accountId);
      client = await this.get(accountId);
    }
    try {
      return await fn(client);
    } catch (err) {
      const e = classifyMailError(err, 'imap');
      if (e.code === 'CONNECTION_LOST' || e.code === 'TIMEOUT' || !client.usable) this.drop(accountId);
      throw e;
    }
  }

  drop(accountId: string): void {
    const p = this.clients.get(accountId);
    this.clients.delete(accountId);
    p?.then((c) => c.close()).catch(() => {});
  }

  async closeAll(): Promise<void> {
    const all = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(
      all.map(async (p) => {
        try {
          const c = await p;
          if (c.usable) await c.logout();
          else c.close();
        } catch {
          // Already failed or closed: nothing to release.
        }
      }),
    );
  }
}
