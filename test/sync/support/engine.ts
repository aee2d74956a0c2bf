// An engine for sync tests: the real engine on a temp profile, with the sync settings a test needs (no body prefetch
// unless asked, fast polling), events recorded, and helpers to wait for them.
import { join } from 'node:path';
import type { EventName, Events, MethodName, ParamsIn, Result, ResultOf } from '../../../src/api/contract.ts';
import { createDispatch } from '../../../src/api/dispatch.ts';
import type { AccountSummary } from '../../../src/api/types.ts';
import { createEngine, type Engine } from '../../../src/engine/index.ts';
import { createFileLogger } from '../../../src/platform/log.ts';
import { createKeytarSecretStore } from '../../../src/secrets/keytar.ts';
import type { SyncSettings } from '../../../src/sync/manager.ts';
import type { StackInfo, Role } from '../../../scripts/mailstack/index.ts';
import { tempDir, user } from '../../support/stack.ts';

export interface RecordedEvent {
  event: EventName;
  payload: Events[EventName];
}

export interface SyncTestEngine {
  engine: Engine;
  profileDir: string;
  events: RecordedEvent[];
  call<M extends MethodName>(m: M, p: ParamsIn<M>): Promise<Result<ResultOf<M>>>;
  must<M extends MethodName>(m: M, p: ParamsIn<M>): Promise<ResultOf<M>>;
  /** Resolves with the first recorded (or future) event matching pred. */
  waitFor<E extends EventName>(event: E, pred: (p: Events[E]) => boolean, timeoutMs?: number): Promise<Events[E]>;
  close(): Promise<void>;
}

export async function syncEngine(
  info: StackInfo,
  opts: { profileDir?: string; sync?: Partial<SyncSettings>; keychainService?: string } = {},
): Promise<SyncTestEngine> {
  const profileDir = opts.profileDir ?? tempDir('tcv-sync-');
  const log = createFileLogger(join(profileDir, 'logs', 'engine.log'), 'debug');
  const engine = await createEngine({
    profileDir,
    secrets: createKeytarSecretStore(opts.keychainService),
    log,
    trustedCaFiles: [info.ca],
    sync: { prefetchDays: 0, pollIntervalMs: 300, debounceMs: 30, ...opts.sync },
  });
  const events: RecordedEvent[] = [];
  const waiters = new Set<() => void>();
  engine.onEvent((event, payload) => {
    events.push({ event, payload });
    for (const w of [...waiters]) w();
  });
  const dispatch = createDispatch(engine.handlers, log);
  const call = ((m: MethodName, p: unknown) => dispatch(m, p)) as SyncTestEngine['call'];
  const must = (async (m: MethodName, p: unknown) => {
    const r = await dispatch(m, p);
    if (!r.ok) throw new Error(`${m} failed: ${r.error.code} ${r.error.message}`);
    return r.value;
  }) as SyncTestEngine['must'];
  const waitFor = <E extends EventName>(event: E, pred: (p: Events[E]) => boolean, timeoutMs = 15_000) =>
    new Promise<Events[E]>((resolve, reject) => {
      const check = () => {
        const hit = events.find((e) => e.event === event && pred(e.payload as Events[E]));
        if (!hit) return false;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(hit.payload as Events[E]);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no ${event} event within ${timeoutMs} ms`));
      }, timeoutMs);
      if (!check()) waiters.add(check);
    });
  let closed = false;
  return {
    engine,
    profileDir,
    events,
    call,
    must,
    waitFor,
    close: async () => {
      if (closed) return;
      closed = true;
      await engine.close();
    },
  };
}

/** Adds a stack user's account; `port` points it at a proxy instead of the stack's IMAP port. */
export async function addUser(
  t: SyncTestEngine,
  info: StackInfo,
  role: Role,
  over: { port?: number } = {},
): Promise<AccountSummary> {
  const u = user(info, role);
  return t.must('accounts.add', {
    email: u.email,
    password: u.password,
    imap: { host: info.imap.host, port: over.port ?? info.imap.port, security: 'starttls' },
    smtp: { host: info.smtp.host, port: info.smtp.port, security: 'starttls' },
  });
}
