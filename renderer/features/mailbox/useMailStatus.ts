// What the status bar shows besides sync: whether each account's server is reachable (event account.connection),
// how many messages wait in the outbox (outbox.list, then outbox.changed) and how many actions wait for the server
// (ops.pending, then ops.changed). All three are read at start (accounts.connection, outbox.list, ops.pending) and
// again when the engine connection comes back, since events may have been missed (the engine may have failed to reach
// a server before the page subscribed).
import { useEffect, useState } from 'react';
import type { ErrorCode } from '../../../src/api/errors.ts';
import type { OutboxState } from '../../../src/api/types.ts';
import { useApi, useApiEvent, useConnectionState } from '../../api/context.tsx';

export interface MailStatus {
  /** Accounts whose server could not be reached, with why. */
  offline: ReadonlyMap<string, ErrorCode | undefined>;
  /** Messages queued, sending or failed in the outbox. */
  outbox: number;
  /** Actions waiting for the server, all accounts. */
  pendingOps: number;
}

const WAITING: ReadonlySet<OutboxState> = new Set<OutboxState>(['queued', 'sending', 'failed']);

export function useMailStatus(): MailStatus {
  const api = useApi();
  const connection = useConnectionState();
  const [offline, setOffline] = useState<ReadonlyMap<string, ErrorCode | undefined>>(new Map());
  const [outbox, setOutbox] = useState<ReadonlyMap<number, OutboxState>>(new Map());
  const [ops, setOps] = useState<ReadonlyMap<string, number>>(new Map());

  useEffect(() => {
    if (connection !== 'open') return;
    let live = true;
    void api.call('accounts.connection', {}).then((r) => {
      if (live && r.ok) setOffline(new Map(r.value.filter((c) => !c.online).map((c) => [c.accountId, c.reason])));
    });
    void api.call('outbox.list', {}).then((r) => {
      if (live && r.ok) setOutbox(new Map(r.value.map((e) => [e.id, e.state])));
    });
    void api.call('ops.pending', {}).then((r) => {
      if (!live || !r.ok) return;
      const counts = new Map<string, number>();
      for (const op of r.value) counts.set(op.accountId, (counts.get(op.accountId) ?? 0) + 1);
      setOps(counts);
    });
    return () => {
      live = false;
    };
  }, [api, connection]);

  useApiEvent('account.connection', (e) => {
    setOffline((prev) => {
      const next = new Map(prev);
      if (e.online) next.delete(e.accountId);
      else next.set(e.accountId, e.reason);
      return next;
    });
  });
  useApiEvent('outbox.changed', (e) => {
    setOutbox((prev) => {
      const next = new Map(prev);
      if (e.removed) next.delete(e.entry.id);
      else next.set(e.entry.id, e.entry.state);
      return next;
    });
  });
  useApiEvent('ops.changed', (e) => setOps((prev) => new Map(prev).set(e.accountId, e.pending)));

  let waiting = 0;
  for (const state of outbox.values()) if (WAITING.has(state)) waiting++;
  let pendingOps = 0;
  for (const n of ops.values()) pendingOps += n;
  return { offline, outbox: waiting, pendingOps };
}
