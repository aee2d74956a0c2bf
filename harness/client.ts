// A Node client of the harness's WebSocket, typed by the contract: tests and the demo call the engine exactly as the
// renderer does, through the same transport and validation.
import WebSocket from 'ws';
import type { ApiClient, EventName, Events, MethodName, ParamsIn, Result, ResultOf } from '../src/api/contract.ts';
import { isEventName } from '../src/api/contract.ts';

export interface HarnessClient extends ApiClient {
  close(): Promise<void>;
}

/** `url` is the harness page URL (http://127.0.0.1:PORT/?token=...). */
export async function connectHarness(url: string): Promise<HarnessClient> {
  const page = new URL(url);
  const wsUrl = `ws://${page.host}/api?token=${encodeURIComponent(page.searchParams.get('token') ?? '')}`;
  const ws = new WebSocket(wsUrl);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) =>
      reject(new Error(`harness refused the connection: ${res.statusCode}`)),
    );
  });
  let nextId = 1;
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as {
      id?: number;
      result?: Result<unknown>;
      event?: unknown;
      payload?: unknown;
    };
    if (typeof msg.id === 'number') {
      pending.get(msg.id)?.(msg.result as Result<unknown>);
      pending.delete(msg.id);
    } else if (isEventName(msg.event)) {
      for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
    }
  });
  ws.on('close', () => {
    for (const resolve of pending.values()) {
      resolve({ ok: false, error: { code: 'INTERNAL', message: 'harness connection closed' } });
    }
    pending.clear();
  });
  return {
    call<M extends MethodName>(method: M, params: ParamsIn<M>): Promise<Result<ResultOf<M>>> {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (r: Result<unknown>) => void);
        ws.send(JSON.stringify({ id, method, params }));
      });
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (p: unknown) => void);
      return () => set.delete(listener as (p: unknown) => void);
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
}
