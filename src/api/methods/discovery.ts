import { z } from 'zod';
import type { DiscoveryResult, PolicyView } from '../types-accounts.ts';
import { email, method } from './define.ts';

// Account settings discovery and the IT policy (docs/accounts.md, docs/policy.md).
export const discoveryMethods = {
  /** Servers for an address: policy → autoconfig → provider file → SRV → guesses. A newer call cancels an older one. */
  'accounts.discover': method<DiscoveryResult>()(z.object({ email })),
  /** Cancels a discovery in flight (the form was closed); it then answers DISCOVERY_CANCELLED. */
  'accounts.discoverCancel': method<{ cancelled: boolean }>()(z.object({})),
  /** What the UI may show of the machine-wide policy: never secrets or file paths. */
  'policy.get': method<PolicyView>()(z.object({})),
} as const;
