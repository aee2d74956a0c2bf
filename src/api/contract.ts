// The API contract, declared once (design.md "The API contract is declared once"). Every method has a parameter schema
// (validated at the boundary: renderer input is untrusted) and a result type; every event has a payload type.
// main/ derives its ipcMain registration from `methods`, the preload exposes exactly these names, the renderer's client
// and the browser harness use the same table. Adding a method here is the only way to add one.
import type { z } from 'zod';
import type { ApiError } from './errors.ts';
import type {
  ExportProgressEvent,
  AccountConnectionEvent,
  FolderChangedEvent,
  NewMailEvent,
  OpsChangedEvent,
  OutboxChangedEvent,
  OutboxProgressEvent,
  SyncProgressEvent,
} from './types.ts';
import type { SettingsChangedEvent } from './types-settings.ts';
import type { ComposeIntent, OpenMessageRequest } from './types-desktop.ts';
import { accountMethods } from './methods/accounts.ts';
import { actionMethods } from './methods/actions.ts';
import { contactMethods } from './methods/contacts.ts';
import { desktopMethods } from './methods/desktop.ts';
import { directoryMethods } from './methods/directory.ts';
import { discoveryMethods } from './methods/discovery.ts';
import { mailMethods } from './methods/mail.ts';
import { readerMethods } from './methods/reader.ts';
import { searchMethods } from './methods/search.ts';
import { sendMethods } from './methods/send.ts';
import { settingsMethods } from './methods/settings.ts';
import { threadMethods } from './methods/threads.ts';

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

// Each feature declares its methods in src/api/methods/<feature>.ts; this table joins them.
export const methods = {
  ...accountMethods,
  ...actionMethods,
  ...contactMethods,
  ...desktopMethods,
  ...directoryMethods,
  ...discoveryMethods,
  ...mailMethods,
  ...readerMethods,
  ...searchMethods,
  ...sendMethods,
  ...settingsMethods,
  ...threadMethods,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type ParamsIn<M extends MethodName> = z.input<Methods[M]['params']>;
export type ParamsOut<M extends MethodName> = z.output<Methods[M]['params']>;
export type ResultOf<M extends MethodName> = NonNullable<Methods[M]['result']>;

export const methodNames = Object.keys(methods) as MethodName[];

export interface Events {
  'sync.progress': SyncProgressEvent;
  'mail.new': NewMailEvent;
  'folder.changed': FolderChangedEvent;
  'outbox.changed': OutboxChangedEvent;
  /** Bytes of an outbox entry sent so far, while SMTP DATA streams (docs/compose.md "Sending progress"). */
  'outbox.progress': OutboxProgressEvent;
  'ops.changed': OpsChangedEvent;
  'settings.changed': SettingsChangedEvent;
  /** A mailto: link or `--compose` asked for a new message (src/desktop/intents.ts); the UI opens compose. */
  'app.compose': ComposeIntent;
  /** A new-mail notification was clicked: show this message. */
  'app.openMessage': OpenMessageRequest;
  /** A folder export with an exportId is running (folders.export). */
  'export.progress': ExportProgressEvent;
  'account.connection': AccountConnectionEvent;
}
export type EventName = keyof Events;
export const eventNames: readonly EventName[] = [
  'sync.progress',
  'mail.new',
  'folder.changed',
  'outbox.changed',
  'outbox.progress',
  'ops.changed',
  'settings.changed',
  'app.compose',
  'app.openMessage',
  'export.progress',
  'account.connection',
];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name);
}

/** What an implementation of the contract provides (the engine's handlers). */
export type Handlers = { [M in MethodName]: (params: ParamsOut<M>) => Promise<ResultOf<M>> };

/** What a client of the contract sees (renderer, harness client, tests). */
export interface ApiClient {
  call<M extends MethodName>(method: M, params: ParamsIn<M>): Promise<Result<ResultOf<M>>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

/** Channel names used on IPC. One prefix so the preload can drop anything else. */
export const IPC_CALL_PREFIX = 'tcv:call:';
export const IPC_EVENT_CHANNEL = 'tcv:event';
