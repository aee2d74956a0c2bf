// What every feature's handlers share: the profile's cache, accounts, connections, outbox and the event emitter.
// Each feature adds its handlers in src/engine/handlers/<feature>.ts from this context.
import type { EventName, Events, Handlers, MethodName } from '../api/contract.ts';
import type { Actions } from '../actions/service.ts';
import type { AccountSummary } from '../api/types.ts';
import type { AccountStore } from '../accounts/store.ts';
import type { Db } from '../cache/db.ts';
import type { Sending } from '../drafts/sending.ts';
import type { Outbox } from '../mail/outbox.ts';
import type { Logger, SecretStore } from '../platform/types.ts';
import type { PreferencesStore } from '../settings/store.ts';
import type { BackgroundIndex } from '../search/background.ts';
import type { Connections } from './connections.ts';
import type { AttachmentStore } from '../sync/files.ts';
import type { SyncManager } from '../sync/manager.ts';
import type { EngineOptions } from './types.ts';

export interface EngineContext {
  opts: EngineOptions;
  db: Db;
  accounts: AccountStore;
  connections: Connections;
  /** Header sync, watching (IDLE), bodies and export: src/sync/manager.ts. */
  sync: SyncManager;
  /** Attachment files of cached bodies under the profile. */
  store: AttachmentStore;
  outbox: Outbox;
  /** Actions on messages and folders, local-first with an offline queue (src/actions, docs/actions.md). */
  actions: Actions;
  /** Outbox, drafts and send settings together (src/drafts/sending.ts). */
  sending: Sending;
  /** The user's preferences (src/settings): settings.get / settings.set. */
  preferences: PreferencesStore;
  /** The background search index pass (src/search/background.ts). */
  searchIndex: BackgroundIndex;
  secrets: SecretStore;
  log: Logger;
  casFor(account: AccountSummary): string[];
  password(accountId: string): Promise<string>;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
}

/** A feature's share of the contract: the handlers for the methods it declares in src/api/methods/. */
export type FeatureHandlers<M extends MethodName> = Pick<Handlers, M>;
