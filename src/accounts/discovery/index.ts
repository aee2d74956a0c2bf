// Account settings discovery: see discover.ts and docs/accounts.md.
export { discover, domainOf, DEFAULT_TIMEOUTS, STANDARD_GUESS_PORTS } from './discover.ts';
export type { DiscoverDeps, DiscoveryNetwork, DiscoveryTimeouts, GuessPorts } from './discover.ts';
export type { DnsResolver } from './net.ts';
