import type { EventName, Events, Handlers } from '../api/contract.ts';
import type { Lang } from '../api/errors.ts';
import type { DesktopServices } from '../desktop/host.ts';
import type { DiscoveryNetwork } from '../accounts/discovery/index.ts';
import type { Logger, SecretStore } from '../platform/types.ts';
import type { PreferencesStore } from '../settings/store.ts';
import type { PolicyState } from '../policy/load.ts';
import type { SyncSettings } from '../sync/manager.ts';

export interface EngineOptions {
  /** Folder holding this profile's cache (SQLite) and logs. Created if missing. */
  profileDir: string;
  secrets: SecretStore;
  log: Logger;
  /** Extra trusted CA files (PEM) from the IT policy, trusted for every account besides the system store. */
  trustedCaFiles?: string[];
  lang?: () => Lang;
  /** Shown by app.info; the host knows its own version (package.json, Electron's app.getVersion()). */
  appVersion?: string;
  /**
   * The LDAP source of the directory as the IT policy gives it (policy `directory.ldap`, parsed with
   * src/directory/ldap/config.ts `ldapConfigSchema` when used); null or absent when there is none.
   */
  directoryLdap?: () => unknown;
  /** Body prefetch window, IDLE/polling and retry settings (src/sync/manager.ts DEFAULT_SYNC_SETTINGS). */
  sync?: Partial<SyncSettings>;
  /** The user's preferences; default: `preferences.json` in the profile folder (src/settings/store.ts). */
  preferences?: PreferencesStore;
  /** Dialogs, file grants and compose requests of a desktop host (src/desktop/host.ts); none for the CLI. */
  desktop?: DesktopServices;
  /** The machine-wide IT policy as read by the host (src/policy/load.ts loadPolicy); absent: none. */
  policy?: PolicyState;
  /**
   * Network of account discovery: undefined uses the system's DNS servers; null turns the network steps off (the
   * harness and tests unless they bring a loopback DNS server); an object points discovery at a given resolver/ports.
   */
  discovery?: DiscoveryNetwork | null;
}

export type EngineEventListener = <E extends EventName>(event: E, payload: Events[E]) => void;

export interface Engine {
  readonly handlers: Handlers;
  onEvent(listener: EngineEventListener): () => void;
  /** Resolves when the background search index pass has nothing left to do (or was stopped). */
  indexIdle?(): Promise<void>;
  /** Resolves when the engine is at rest: the index pass idle and the memory release after big work done. */
  restIdle?(): Promise<void>;
  close(): Promise<void>;
}
