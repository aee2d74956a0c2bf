// Discovery as the address is typed: debounced, only for a complete-looking address, and only the newest answer
// counts (the engine also cancels the older request: accounts.discover). The rules themselves live in the engine
// (src/accounts/discovery, docs/accounts.md); this only presents them.
import { useEffect, useState } from 'react';
import type { ApiError } from '../../../src/api/errors.ts';
import type { DiscoveryCandidate } from '../../../src/api/types-accounts.ts';
import { useApi } from '../../api/context.tsx';

export type DiscoveryState =
  | { status: 'idle' }
  | { status: 'searching'; email: string }
  | { status: 'found'; email: string; candidate: DiscoveryCandidate }
  | { status: 'none'; email: string }
  | { status: 'error'; email: string; error: ApiError };

const DEBOUNCE_MS = 500;
const completeAddress = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export function useDiscovery(email: string): DiscoveryState {
  const api = useApi();
  const [state, setState] = useState<DiscoveryState>({ status: 'idle' });
  const address = email.trim();
  useEffect(() => {
    if (!completeAddress.test(address)) {
      setState({ status: 'idle' });
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      setState({ status: 'searching', email: address });
      void api.call('accounts.discover', { email: address }).then((r) => {
        if (!live) return;
        if (!r.ok) {
          // A newer request cancelled this one: its own answer will come.
          if (r.error.code !== 'DISCOVERY_CANCELLED') setState({ status: 'error', email: address, error: r.error });
          return;
        }
        const candidate = r.value.candidates[0];
        setState(candidate ? { status: 'found', email: address, candidate } : { status: 'none', email: address });
      });
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, address]);
  // When the form goes away, a discovery still running is stopped.
  useEffect(
    () => () => {
      void api.call('accounts.discoverCancel', {});
    },
    [api],
  );
  return state;
}
