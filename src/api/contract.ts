// The API contract, declared once (design.md "The API contract is declared once"). Every method has a parameter schema
// (validated at the boundary: renderer input is untrusted) and a result type; every event has a payload type.
// main/ derives its ipcMain registration from `methods`, the preload exposes exactly these names, the renderer's client
// and the browser harness use the same table. Adding a method here is the only way to add one.
import { z } from 'zod';
import type { ApiError } from './errors.ts';
import type {
  AccountSummary,
  AppInfo,
  DoctorReport,
  FolderSummary,
  MessageDetail,
  MessagePage,
  NewMailEvent,
  OutboxChangedEvent,
  OutboxEntry,
  SyncProgressEvent,
  SyncResult,
} from './types.ts';

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

interface MethodSpec<P extends z.ZodType, R> {
  params: P;
  /** Phantom: carries the result type; never read at run time. */
  result?: R;
}

function method<R>() {
  return <P extends z.ZodType>(params: P): MethodSpec<P, R> => ({ params });
}

// Hostnames and ports are checked here so a typo is a VALIDATION error, not a DNS lookup.
const host = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.\-:[\]]+$/, 'host');
const port = z.number().int().min(1).max(65535);
const endpoint = z.object({ host, port, security: z.enum(['tls', 'starttls']) });
const email = z.string().trim().max(320).regex(/^[^\s@]+@[^\s@]+$/, 'email');
const accountId = z.string().min(1).max(320);
const folder = z.string().min(1).max(1000);
const uid = z.number().int().positive();

export const methods = {
  'app.info': method<AppInfo>()(z.object({})),
  'accounts.list': method<AccountSummary[]>()(z.object({})),
  'accounts.add': method<AccountSummary>()(
    z.object({
      email,
      displayName: z.string().max(200).optional(),
      kind: z.enum(['personal', 'unit']).default('personal'),
      username: z.string().max(320).optional(),
      imap: endpoint,
      smtp: endpoint,
      caFile: z.string().max(4096).optional(),
      password: z.string().min(1).max(1024),
      /** Connect and log in before saving, so a wrong password is caught at once. */
      verify: z.boolean().default(true),
    }),
  ),
  'accounts.remove': method<{ removed: boolean }>()(z.object({ accountId })),
  'accounts.diagnose': method<DoctorReport>()(z.object({ accountId })),
  'folders.list': method<FolderSummary[]>()(z.object({ accountId })),
  'sync.run': method<SyncResult>()(z.object({ accountId, folder: folder.optional() })),
  'messages.list': method<MessagePage>()(
    z.object({
      accountId,
      folder,
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
  ),
  'messages.get': method<MessageDetail>()(z.object({ accountId, folder, uid })),
  'messages.send': method<OutboxEntry>()(
    z.object({
      accountId,
      to: z.array(email).min(1).max(500),
      cc: z.array(email).max(500).default([]),
      bcc: z.array(email).max(500).default([]),
      subject: z.string().max(998),
      text: z.string().max(10_000_000),
    }),
  ),
  'outbox.list': method<OutboxEntry[]>()(z.object({ accountId: accountId.optional() })),
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
  'outbox.changed': OutboxChangedEvent;
}
export type EventName = keyof Events;
export const eventNames: readonly EventName[] = ['sync.progress', 'mail.new', 'outbox.changed'];

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
