// Contract types of account settings discovery (accounts.discover) and the IT policy view (policy.get).
// Pure data, JSON-serialisable (see types.ts).
import type { ErrorCode } from './errors.ts';
import type { ServerEndpoint } from './types.ts';

/** Where a set of server settings came from, in the order they are tried (docs/accounts.md "Discovery"). */
export type DiscoverySource = 'policy' | 'autoconfig' | 'provider' | 'srv' | 'guess';

export interface DiscoveryCandidate {
  source: DiscoverySource;
  /** The IT policy locks these servers: the user cannot change them. */
  locked: boolean;
  imap: ServerEndpoint;
  smtp: ServerEndpoint;
  /** Login name when the source says it differs from the address (autoconfig %EMAILLOCALPART%). */
  username: string | null;
  /** Who vouches for it: the organisation, the provider's name, the autoconfig URL, the SRV records. */
  origin: string;
}

export type DiscoveryOutcome = 'found' | 'none' | 'rejected' | 'failed' | 'timeout' | 'skipped';

/** One thing discovery tried, for a doctor-like explanation ("autoconfig.x: certificate not trusted"). */
export interface DiscoveryAttempt {
  source: DiscoverySource;
  /** What was asked: a URL, a DNS name, host:port. */
  target: string;
  outcome: DiscoveryOutcome;
  /** Error code when it failed (TLS_UNTRUSTED, HOST_NOT_FOUND, TIMEOUT, AUTOCONFIG_INVALID, …). */
  code: ErrorCode | null;
  /** Technical detail in English (for the log and `tcv account discover`); never a secret. */
  detail: string;
  ms: number;
}

export interface DiscoveryResult {
  email: string;
  domain: string;
  /** Best first. Empty: nothing found, the user types the servers. */
  candidates: DiscoveryCandidate[];
  tried: DiscoveryAttempt[];
}

/** What the renderer may know of the IT policy: no secrets, no file paths. */
export interface PolicyView {
  status: 'none' | 'ok' | 'invalid';
  /** When status is "invalid": POLICY_INVALID or POLICY_UNREADABLE (the app runs as if there were no policy). */
  error: ErrorCode | null;
  organisation: string | null;
  domains: string[];
  lockServers: boolean;
  passwordChangeUrl: string | null;
  helpdesk: string | null;
  /** Setting keys IT has fixed (read-only for the user). */
  lockedSettings: string[];
}
