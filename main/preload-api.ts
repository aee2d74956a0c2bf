// The bridge the preload exposes as `window.tcv`: exactly the API contract (call + on), derived from its tables.
// No raw ipcRenderer, no Node, no channel the renderer can choose (Electron security checklist item 20, "Do not
// expose Electron APIs to untrusted web content"; style.md: "the preload drops unknown channels").
// Pure: ipcRenderer is passed in, so test/electron-security.test.ts runs it with a fake.
import {
  IPC_CALL_PREFIX,
  IPC_EVENT_CHANNEL,
  eventNames,
  isEventName,
  isMethodName,
  methodNames,
  type EventName,
  type Result,
} from '../src/api/contract.ts';
import { errorMessage } from '../src/api/errors.ts';

/** The part of ipcRenderer the bridge uses. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** What `window.tcv` is. */
export interface TcvBridge {
  call(method: string, params?: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** The only channels the preload ever invokes: one per contract method. */
export function allowedCallChannels(): string[] {
  return methodNames.map((name) => IPC_CALL_PREFIX + name);
}

/** The only events the preload ever delivers. */
export function allowedEvents(): string[] {
  return [...eventNames];
}

export function createBridge(ipc: BridgeIpc): TcvBridge {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let subscribed = false;

  // One IPC listener for all events. The IpcRendererEvent (which carries `sender`) never reaches the page: only the
  // payload does, and only for contract events.
  const onMessage = (_event: unknown, message: unknown): void => {
    if (typeof message !== 'object' || message === null) return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (!isEventName(event)) return;
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(payload);
      } catch (err) {
        console.error('tcv: event listener failed', event, err);
      }
    }
  };

  const call = async (method: string, params?: unknown): Promise<Result<unknown>> => {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: errorMessage('UNKNOWN_METHOD') } };
    }
    try {
      return (await ipc.invoke(IPC_CALL_PREFIX + method, params ?? {})) as Result<unknown>;
    } catch {
      // Unclonable params or a dead main process: still a Result, as the contract promises.
      return { ok: false, error: { code: 'INTERNAL', message: errorMessage('INTERNAL') } };
    }
  };

  const on = (event: string, listener: (payload: unknown) => void): (() => void) => {
    if (!isEventName(event)) throw new TypeError(`tcv.on: unknown event "${String(event)}"`);
    if (typeof listener !== 'function') throw new TypeError('tcv.on: listener must be a function');
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    if (!subscribed) {
      ipc.on(IPC_EVENT_CHANNEL, onMessage);
      subscribed = true;
    }
    return () => {
      set.delete(listener);
      if (set.size === 0) listeners.delete(event);
      if (listeners.size === 0 && subscribed) {
        ipc.removeListener(IPC_EVENT_CHANNEL, onMessage);
        subscribed = false;
      }
    };
  };

  return Object.freeze({ call, on });
}
