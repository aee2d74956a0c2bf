// The grant store: which files and folders the renderer may name, and by which token (src/api/file-params.ts).
// A token is 256 random bits, handed out only by the app's own dialogs, the command line and the engine's results;
// it is valid for the use it was granted for (read / write / folder) until the app quits. Nothing is persisted: a
// token from an earlier run means nothing, so a compromised page cannot replay or guess its way to a file.
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { GRANT_TOKEN_PREFIX, type FileAccess, type FileGate } from '../api/file-params.ts';

/** Far more than a session uses; the oldest grants go first, so a runaway loop cannot grow memory without bound. */
const MAX_GRANTS = 10_000;

export class FileGrants implements FileGate {
  private readonly byToken = new Map<string, { path: string; access: FileAccess }>();
  private readonly byKey = new Map<string, string>();

  grant(path: string, access: FileAccess): string {
    const absolute = resolve(path);
    const key = `${access}\u0000${absolute}`;
    const existing = this.byKey.get(key);
    if (existing !== undefined) return existing;
    const token = GRANT_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    this.byToken.set(token, { path: absolute, access });
    this.byKey.set(key, token);
    if (this.byToken.size > MAX_GRANTS) {
      const [oldest, entry] = this.byToken.entries().next().value as [string, { path: string; access: FileAccess }];
      this.byToken.delete(oldest);
      this.byKey.delete(`${entry.access}\u0000${entry.path}`);
    }
    return token;
  }

  resolve(token: string, access: readonly FileAccess[]): string | null {
    const entry = this.byToken.get(token);
    return entry && access.includes(entry.access) ? entry.path : null;
  }

  get size(): number {
    return this.byToken.size;
  }
}
