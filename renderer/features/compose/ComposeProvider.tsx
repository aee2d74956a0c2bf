// The one way to open compose from anywhere in the UI: useCompose().open(initial). The directory ("write to"), the
// desktop integration (mailto:, --compose --attach FILE), reply/forward and Ctrl+N all call it; App renders the
// compose pane for the current request. Opening again replaces the request (a new key: a fresh editor).
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ComposeInitial } from './types.ts';

export interface ComposeRequest {
  /** Changes with every open(): use as the React key of the compose pane. */
  key: number;
  initial: ComposeInitial;
}

export interface ComposeApi {
  /** Opens compose with these fields (all optional). */
  open(initial?: ComposeInitial): void;
  /** Closes the compose pane (its draft stays saved). */
  close(): void;
  /** The open compose, or null. */
  current: ComposeRequest | null;
}

const ComposeContext = createContext<ComposeApi | null>(null);

export function ComposeProvider({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<ComposeRequest | null>(null);
  const open = useCallback((initial: ComposeInitial = {}) => {
    setCurrent((prev) => ({ key: (prev?.key ?? 0) + 1, initial }));
  }, []);
  const close = useCallback(() => setCurrent(null), []);
  const value = useMemo(() => ({ open, close, current }), [open, close, current]);
  return <ComposeContext.Provider value={value}>{children}</ComposeContext.Provider>;
}

export function useCompose(): ComposeApi {
  const api = useContext(ComposeContext);
  if (!api) throw new Error('useCompose outside ComposeProvider');
  return api;
}
