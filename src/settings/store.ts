// Where preferences are kept: a small interface so Electron's main can back it by electron-store (design.md) while the
// harness, the CLI and tests use the JSON file below. The engine owns one store per profile.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { TcvError } from '../api/errors.ts';
import type { Logger } from '../platform/types.ts';
import { applyPatch, preferencesPatchSchema, readPreferences, type Preferences } from './schema.ts';
import type { z } from 'zod';

export interface PreferencesStore {
  get(): Preferences;
  /** Validates the merged result, persists it, returns it. */
  set(patch: z.output<typeof preferencesPatchSchema>): Preferences;
}

/**
 * Preferences in one JSON file. Writes are atomic (a temp file in the same folder, then rename: a crash leaves the old
 * file or the new one, never half of one). A file that cannot be read or parsed gives the defaults, and is logged, not
 * thrown: a broken preferences file must not keep the mail client from starting.
 */
export class JsonFilePreferencesStore implements PreferencesStore {
  private prefs: Preferences;
  private readonly path: string;
  private readonly log?: Logger;

  constructor(path: string, log?: Logger) {
    this.path = path;
    this.log = log;
    this.prefs = this.load();
  }

  private load(): Preferences {
    let raw: unknown = {};
    try {
      raw = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.log?.warn('preferences file unreadable, using defaults', { path: this.path, error: String(err) });
      }
    }
    const { prefs, invalid } = readPreferences(raw);
    if (invalid.length > 0) this.log?.warn('preferences: invalid keys reset to defaults', { keys: invalid });
    return prefs;
  }

  get(): Preferences {
    return this.prefs;
  }

  set(patch: z.output<typeof preferencesPatchSchema>): Preferences {
    const next = applyPatch(this.prefs, patch);
    const tmp = `${this.path}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
      renameSync(tmp, this.path);
    } catch (err) {
      try {
        rmSync(tmp, { force: true });
      } catch {
        // Nothing was written there either.
      }
      throw new TcvError('SETTINGS_SAVE_FAILED', `${this.path}: ${String(err)}`, { cause: err });
    }
    this.prefs = next;
    return next;
  }
}
