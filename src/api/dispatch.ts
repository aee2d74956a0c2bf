// Generic server side of the contract: validates params, calls the handler, turns every outcome into a Result.
// Used by Electron main (ipcMain), the browser harness (WebSocket) and tests: one place, no per-method glue.
import { isMethodName, methods, type Handlers, type MethodName, type Result } from './contract.ts';
import { TcvError, errorMessage, type Lang } from './errors.ts';
import { grantFileResults, resolveFileParams, type FileGate } from './file-params.ts';

export interface DispatchLog {
  error(msg: string, fields?: Record<string, unknown>): void;
}

export type Dispatch = (method: string, params: unknown) => Promise<Result<unknown>>;

export interface DispatchOptions {
  /**
   * Set where the caller is the renderer (Electron IPC, the browser harness): file parameters must be grant tokens and
   * file results become tokens (src/api/file-params.ts). Unset for the CLI and tests, which name files by path.
   */
  files?: FileGate;
}

export function createDispatch(
  handlers: Handlers,
  log: DispatchLog,
  lang: () => Lang = () => 'vi',
  options: DispatchOptions = {},
): Dispatch {
  const { files } = options;
  return async (name, input) => {
    if (!isMethodName(name)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: errorMessage('UNKNOWN_METHOD', lang()) } };
    }
    let raw = input;
    if (files) {
      try {
        raw = resolveFileParams(name, input ?? {}, files);
      } catch (err) {
        return { ok: false, error: toApiError(name, err, log, lang()) };
      }
    }
    const parsed = methods[name].params.safeParse(raw ?? {});
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => i.path.join('.') || '(params)').join(', ');
      return {
        ok: false,
        error: { code: 'VALIDATION', message: `${errorMessage('VALIDATION', lang())} (${where})` },
      };
    }
    try {
      const handler = handlers[name] as (p: unknown) => Promise<unknown>;
      const value = await handler(parsed.data);
      return { ok: true, value: files ? grantFileResults(name, value, files) : value };
    } catch (err) {
      return { ok: false, error: toApiError(name, err, log, lang()) };
    }
  };
}

function toApiError(name: MethodName, err: unknown, log: DispatchLog, lang: Lang) {
  if (err instanceof TcvError) {
    log.error('api call failed', { method: name, code: err.code, detail: err.detail });
    return { code: err.code, message: errorMessage(err.code, lang) };
  }
  log.error('api call crashed', { method: name, error: err instanceof Error ? err.stack : String(err) });
  return { code: 'INTERNAL' as const, message: errorMessage('INTERNAL', lang) };
}
