// The renderer's one typed client of the API contract (src/api/contract.ts). Two transports behind it:
//  - Electron: the preload's `window.tcv` bridge (contextBridge; IPC to main);
//  - browser harness: a WebSocket to the loopback harness (harness/server.ts), for tests and the demo.
// Every call resolves to a Result and never throws: a broken transport is an error Result like any other, so a
// component has exactly one failure path to render. Results from the other side are checked for shape, not trusted.
import type { ApiClient, EventName, Events, MethodName, ParamsIn, Result, ResultOf } from '../../src/api/contract.ts';
import { errorMessage, isErrorCode, type ApiError } from '../../src/api/errors.ts';
import { eventNames, isEventName } from './events.ts';

export type ConnectionState = 'connecting' | 'open' | 'closed';
export type TransportKind = 'electron' | 'websocket' | 'none';

export interface TcvClient extends ApiClient {
  readonly transport: TransportKind;
  connection(): ConnectionState;
  /** Called on every connection change; after 'open' following a drop, events may have been missed: refetch. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}

/** What the Electron preload exposes on `window.tcv` (main/preload): exactly the contract, nothing else. */
export interface TcvBridge {
  call(method: string, params: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    tcv?: TcvBridge;
  }
}

// The harness is on loopback, but sync.run on a large folder can legitimately run for minutes, so calls have no
// timeout of their own; only the wait for a connection is bounded.
const CONNECT_WAIT_MS = 15_000;
const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5_000;

/** Transport failures (harness or bridge unreachable) are ENGINE_UNAVAILABLE; the UI also shows the connection state. */
function transportError(detail: string): { ok: false; error: ApiError } {
  return {
    ok: false,
    error: { code: 'ENGINE_UNAVAILABLE', message: `${errorMessage('ENGINE_UNAVAILABLE')} [${detail}]` },
  };
}

export function toResult(raw: unknown): Result<unknown> {
  if (typeof raw === 'object' && raw !== null && 'ok' in raw) {
    const r = raw as { ok: unknown; value?: unknown; error?: unknown };
    if (r.ok === true) return { ok: true, value: r.value };
    if (r.ok === false && typeof r.error === 'object' && r.error !== null) {
      const e = r.error as { code?: unknown; message?: unknown };
      if (isErrorCode(e.code)) {
        return { ok: false, error: { code: e.code, message: typeof e.message === 'string' ? e.message : '' } };
      }
    }
  }
  return transportError('malformed result');
}

type AnyListener = (payload: unknown) => void;

class Listeners {
  private readonly byEvent = new Map<EventName, Set<AnyListener>>();
  add(event: EventName, listener: AnyListener): () => void {
    let set = this.byEvent.get(event);
    if (!set) this.byEvent.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }
  emit(event: EventName, payload: unknown): void {
    for (const listener of this.byEvent.get(event) ?? []) {
      try {
        listener(payload);
      } catch (err) {
        // One faulty listener must not starve the others.
        console.error('event listener failed', event, err);
      }
    }
  }
}

abstract class BaseClient implements TcvClient {
  abstract readonly transport: TransportKind;
  protected readonly listeners = new Listeners();
  private readonly connectionListeners = new Set<(s: ConnectionState) => void>();
  protected state: ConnectionState = 'connecting';

  protected abstract send(method: MethodName, params: unknown): Promise<Result<unknown>>;
  abstract close(): void;

  call<M extends MethodName>(method: M, params: ParamsIn<M>): Promise<Result<ResultOf<M>>> {
    return this.send(method, params).then(
      (r) => r as Result<ResultOf<M>>,
      (err: unknown) => transportError(String(err)),
    );
  }

  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    return this.listeners.add(event, listener as AnyListener);
  }

  connection(): ConnectionState {
    return this.state;
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  protected setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    for (const l of this.connectionListeners) l(state);
  }
}

class BridgeClient extends BaseClient {
  readonly transport = 'electron' as const;
  private readonly bridge: TcvBridge;
  private readonly unsubscribe: Array<() => void>;
  constructor(bridge: TcvBridge) {
    super();
    this.bridge = bridge;
    this.state = 'open';
    this.unsubscribe = eventNames.map((name) => bridge.on(name, (payload) => this.listeners.emit(name, payload)));
  }
  protected async send(method: MethodName, params: unknown): Promise<Result<unknown>> {
    try {
      return toResult(await this.bridge.call(method, params));
    } catch (err) {
      return transportError(err instanceof Error ? err.message : String(err));
    }
  }
  close(): void {
    for (const u of this.unsubscribe) u();
  }
}

interface Pending {
  resolve(result: Result<unknown>): void;
}

class WebSocketClient extends BaseClient {
  readonly transport = 'websocket' as const;
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Calls made while (re)connecting; sent on open, or failed after CONNECT_WAIT_MS. */
  private queue: Array<{ frame: string; id: number; timer: ReturnType<typeof setTimeout> }> = [];
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private readonly url: string;

  constructor(url: string) {
    super();
    this.url = url;
    this.connect();
  }

  private connect(): void {
    this.setState('connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.setState('open');
      const queued = this.queue;
      this.queue = [];
      for (const q of queued) {
        clearTimeout(q.timer);
        socket.send(q.frame);
      }
    };
    socket.onmessage = (ev: MessageEvent) => this.receive(ev.data);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      // A call in flight may or may not have run on the other side; the caller gets an error and decides.
      for (const [id, p] of this.pending) {
        if (!this.queue.some((q) => q.id === id)) {
          this.pending.delete(id);
          p.resolve(transportError('connection closed'));
        }
      }
      if (this.closed) {
        this.setState('closed');
        return;
      }
      this.setState('closed');
      const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** this.attempt);
      this.attempt += 1;
      this.reconnectTimer = setTimeout(() => this.connect(), delay);
    };
    // onerror is always followed by onclose, which does the work.
    socket.onerror = () => undefined;
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let msg: unknown;
    try {
      msg = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof msg !== 'object' || msg === null) return;
    const m = msg as { id?: unknown; result?: unknown; event?: unknown; payload?: unknown };
    if (typeof m.id === 'number') {
      const p = this.pending.get(m.id);
      if (p) {
        this.pending.delete(m.id);
        p.resolve(toResult(m.result));
      }
    } else if (isEventName(m.event)) {
      this.listeners.emit(m.event, m.payload);
    }
  }

  protected send(method: MethodName, params: unknown): Promise<Result<unknown>> {
    if (this.closed) return Promise.resolve(transportError('client closed'));
    const id = this.nextId++;
    const frame = JSON.stringify({ id, method, params });
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      const socket = this.socket;
      if (socket && socket.readyState === WebSocket.OPEN) {
        socket.send(frame);
        return;
      }
      const timer = setTimeout(() => {
        this.queue = this.queue.filter((q) => q.id !== id);
        this.pending.delete(id);
        resolve(transportError('not connected'));
      }, CONNECT_WAIT_MS);
      this.queue.push({ frame, id, timer });
    });
  }

  close(): void {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    for (const q of this.queue) clearTimeout(q.timer);
    this.queue = [];
    for (const p of this.pending.values()) p.resolve(transportError('client closed'));
    this.pending.clear();
    this.socket?.close();
    this.setState('closed');
  }
}

/** No transport at all (opened as a plain file, or the harness URL lost its token): every call fails clearly. */
class NoTransportClient extends BaseClient {
  readonly transport = 'none' as const;
  constructor() {
    super();
    this.state = 'closed';
  }
  protected send(): Promise<Result<unknown>> {
    return Promise.resolve(transportError('no transport'));
  }
  close(): void {}
}

/** The harness's WebSocket URL for a page served at http://127.0.0.1:PORT/?token=... */
export function harnessSocketUrl(location: Pick<Location, 'protocol' | 'host' | 'search'>): string | null {
  const token = new URLSearchParams(location.search).get('token');
  if (!token || (location.protocol !== 'http:' && location.protocol !== 'https:')) return null;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api?token=${encodeURIComponent(token)}`;
}

export function createApiClient(win: Window = window): TcvClient {
  if (win.tcv && typeof win.tcv.call === 'function' && typeof win.tcv.on === 'function') {
    return new BridgeClient(win.tcv);
  }
  const url = harnessSocketUrl(win.location);
  return url ? new WebSocketClient(url) : new NoTransportClient();
}
