// Which contract parameters and results name a file on this computer. In the app and the browser harness the
// renderer never handles paths: it passes grant tokens from the app's own dialogs (methods files.*), the dispatcher
// swaps each token for its path before validation, and a raw path is refused with FILE_NOT_GRANTED; paths in
// results go back as tokens. The CLI and tests dispatch without a gate and keep using paths (the user's own
// arguments). One table, so a new path parameter is one line here (test/desktop/grants.test.ts checks that every
// path-like parameter of the contract is listed). Pure module: no Node imports.
import type { MethodName } from './contract.ts';
import { TcvError } from './errors.ts';

/** read: an existing file to read; write: a file to create or replace; folder: a folder to write into. */
export type FileAccess = 'read' | 'write' | 'folder';

/** Where in the params a path sits ("attachments[].path": the path of every item), and what it may be used for. */
export interface FileField {
  at: string;
  access: readonly FileAccess[];
}

export const fileParams: Partial<Record<MethodName, readonly FileField[]>> = {
  // The CA certificate of an agency's own mail server (PEM), chosen when the account is added.
  'accounts.add': [{ at: 'caFile', access: ['read'] }],
  'attachments.save': [{ at: 'destination', access: ['write'] }],
  // mbox is one file, eml one file per message in a folder.
  'folders.export': [{ at: 'destination', access: ['write', 'folder'] }],
  'messages.send': [{ at: 'attachments[].path', access: ['read'] }],
  'drafts.save': [{ at: 'attachments[].path', access: ['read'] }],
  'directory.validate': [{ at: 'path', access: ['read'] }],
  'directory.import': [{ at: 'path', access: ['read'] }],
  'directory.export': [{ at: 'path', access: ['write'] }],
};

/** Results that name a file: given back as a token the renderer may use again (a draft's attachments, a saved file). */
export const fileResults: Partial<Record<MethodName, readonly FileField[]>> = {
  'attachments.save': [{ at: 'path', access: ['read'] }],
  'folders.export': [{ at: 'path', access: ['read'] }],
  'directory.export': [{ at: 'path', access: ['read'] }],
  'drafts.get': [{ at: 'attachments[].path', access: ['read'] }],
  'compose.prepare': [{ at: 'attachments[].path', access: ['read'] }],
};

/** What the dispatcher needs from the grant store (src/desktop/grants.ts). */
export interface FileGate {
  /** The path behind a token, if it was granted for one of these uses; null otherwise. */
  resolve(token: string, access: readonly FileAccess[]): string | null;
  /** A token for a path the engine itself names (a result). */
  grant(path: string, access: FileAccess): string;
}

export const GRANT_TOKEN_PREFIX = 'grant:';
export function isGrantToken(value: unknown): value is string {
  return typeof value === 'string' && /^grant:[A-Za-z0-9_-]{43}$/.test(value);
}

/** Copies `value` with the string(s) at `at` replaced by fn(string); anything else is left for the schema to judge. */
function rewrite(value: unknown, at: readonly string[], fn: (s: string) => string): unknown {
  if (at.length === 0) return typeof value === 'string' ? fn(value) : value;
  const [head = '', ...rest] = at;
  const list = head.endsWith('[]');
  const key = list ? head.slice(0, -2) : head;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) return value;
  const inner = (value as Record<string, unknown>)[key];
  const next = list
    ? Array.isArray(inner)
      ? inner.map((item) => rewrite(item, rest, fn))
      : inner
    : rewrite(inner, rest, fn);
  return { ...(value as Record<string, unknown>), [key]: next };
}

/** Params from the renderer: every token at a file field becomes its path; a raw path or a foreign token throws. */
export function resolveFileParams(method: MethodName, params: unknown, gate: FileGate): unknown {
  let out = params;
  for (const field of fileParams[method] ?? []) {
    out = rewrite(out, field.at.split('.'), (value) => {
      const path = isGrantToken(value) ? gate.resolve(value, field.access) : null;
      if (path === null) {
        // Never echo the value: it may be a path the renderer should not have known.
        throw new TcvError(
          'FILE_NOT_GRANTED',
          `${method} ${field.at}: ${isGrantToken(value) ? 'unknown or mismatched grant' : 'not a grant token'}`,
        );
      }
      return path;
    });
  }
  return out;
}

/** A result for the renderer: every path at a file field becomes a token. */
export function grantFileResults(method: MethodName, value: unknown, gate: FileGate): unknown {
  let out = value;
  for (const field of fileResults[method] ?? []) {
    out = rewrite(out, field.at.split('.'), (path) => gate.grant(path, field.access[0] ?? 'read'));
  }
  return out;
}
