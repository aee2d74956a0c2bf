import { createContext, useContext, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { EventName, Events } from '../../src/api/contract.ts';
import type { ConnectionState, TcvClient } from './client.ts';

const ApiContext = createContext<TcvClient | null>(null);

export function ApiProvider({ client, children }: { client: TcvClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

export function useApi(): TcvClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi outside ApiProvider');
  return client;
}

/** Subscribes to a contract event for the component's lifetime; the latest listener is always the one called. */
export function useApiEvent<E extends EventName>(event: E, listener: (payload: Events[E]) => void): void {
  const api = useApi();
  const ref = useRef(listener);
  useLayoutEffect(() => {
    ref.current = listener;
  });
  useEffect(() => api.on(event, (payload) => ref.current(payload)), [api, event]);
}

export function useConnectionState(): ConnectionState {
  const api = useApi();
  const [state, setState] = useState<ConnectionState>(() => api.connection());
  useEffect(() => {
    setState(api.connection());
    return api.onConnection(setState);
  }, [api]);
  return state;
}
