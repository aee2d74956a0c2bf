// Shared plumbing of the `tcv` commands: argument parsing, account selection and output of a Result.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { EventName, Events, MethodName, ParamsIn, ResultOf } from '../api/contract.ts';
import type { ApiError } from '../api/errors.ts';
import type { Security } from '../api/types.ts';
import type { PolicyState } from '../policy/load.ts';
import { EXIT_OK, UsageError, printError, printJson, type Out } from './output.ts';

export type Call = <M extends MethodName>(
  m: M,
  p: ParamsIn<M>,
) => Promise<{ ok: true; value: ResultOf<M> } | { ok: false; error: ApiError }>;

export interface Ctx {
  out: Out;
  call: Call;
  args: string[];
  readStdin(): Promise<string>;
  /** The engine's events, for commands that keep running (sync --watch). */
  on?<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /** Resolves when the engine's background search index pass has nothing left to do. */
  indexed?(): Promise<void>;
  /** Resolves when the user stops a long-running command (Ctrl+C, SIGTERM). */
  interrupted?(): Promise<void>;
  /** The IT policy file as read for this run (--policy, TCV_POLICY or the platform path), read once. */
  policy?(): Promise<PolicyState>;
}

export type Command = (ctx: Ctx) => Promise<number>;

const common = { json: { type: 'boolean' }, account: { type: 'string' } } as const;

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options: { ...common, ...options }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function hostPort(value: string | undefined, flag: string): { host: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(value ?? '');
  if (!m) throw new UsageError(`${flag} phải có dạng HOST:PORT / ${flag} must be HOST:PORT`);
  return { host: (m[1] as string).replace(/^\[|\]$/g, ''), port: Number(m[2]) };
}

export function security(value: string | undefined, port: number, implicitTlsPort: number): Security {
  if (value === 'tls' || value === 'starttls') return value;
  if (value !== undefined) throw new UsageError(`giá trị bảo mật không hợp lệ / invalid security: ${value}`);
  return port === implicitTlsPort ? 'tls' : 'starttls';
}

export async function pickAccount(ctx: Ctx, given: string | undefined): Promise<string | ApiError> {
  if (given) return given;
  const r = await ctx.call('accounts.list', {});
  if (!r.ok) return r.error;
  const first = r.value[0];
  if (!first) return { code: 'ACCOUNT_NOT_FOUND', message: 'Chưa có tài khoản nào. Dùng "tcv account add" trước.' };
  return first.id;
}

export function finish<T>(
  ctx: Ctx,
  r: { ok: true; value: T } | { ok: false; error: ApiError },
  human: (v: T) => string,
): number {
  if (!r.ok) return printError(ctx.out, r.error);
  if (ctx.out.json) printJson(ctx.out, r.value);
  else ctx.out.stdout(human(r.value));
  return EXIT_OK;
}
