// Files the page hands over by their bytes (dropped on compose, pasted, not chosen in a dialog): written under
// <profile>/staged/<uuid>/<name> and granted for reading, so a draft refers to them like a chosen file
// (docs/compose.md "Attachments"). Large files come in chunks (files.stageBegin / stageChunk / stageEnd): each chunk
// is written at its offset straight to the file, so the engine never holds a whole file, and the declared size is
// bounded by the account's size limit before the first byte is written.
//
// Lifetime: a staged file goes with the draft that refers to it (sent and accepted, or discarded: DraftStore.remove),
// an unfinished upload goes on stageAbort (or a failed chunk), and at start anything older than STALE_MS that no draft
// refers to is removed (a crash, an upload never finished, a compose closed without saving).
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { open, mkdir, readdir, rm, stat, type FileHandle } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { TcvError } from '../api/errors.ts';
import { STAGE_UPLOAD_MAX_BYTES } from '../api/staging.ts';
import type { Db } from '../cache/db.ts';

export const STALE_MS = 7 * 24 * 3600_000;
/** Without a known size limit, no staged file is larger than this (the contract's bound, src/api/staging.ts). */
export const STAGE_HARD_MAX_BYTES = STAGE_UPLOAD_MAX_BYTES;

export function stagedRoot(profileDir: string): string {
  return join(profileDir, 'staged');
}

/** The staged/<uuid> folder a path lies in, or null when it is not a staged file. */
export function stagedFolderOf(profileDir: string, path: string): string | null {
  const rel = relative(stagedRoot(profileDir), path);
  if (!rel || rel.startsWith('..') || rel.includes(`..${sep}`)) return null;
  const [id] = rel.split(sep);
  return id && /^[0-9a-f-]{36}$/.test(id) ? join(stagedRoot(profileDir), id) : null;
}

/** Removes the staged folders of these paths (others are the user's own files and are left alone). */
export function removeStaged(profileDir: string, paths: readonly string[]): void {
  for (const p of paths) {
    const dir = stagedFolderOf(profileDir, p);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** At start: staged folders older than STALE_MS that no draft refers to. Returns how many were removed. */
export async function pruneStaged(profileDir: string, db: Db, now = Date.now()): Promise<number> {
  const root = stagedRoot(profileDir);
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return 0;
  }
  const used = new Set<string>();
  for (const r of db.prepare("SELECT attachments_json FROM drafts WHERE attachments_json <> '[]'").all() as {
    attachments_json: string;
  }[]) {
    for (const a of JSON.parse(r.attachments_json) as { path: string }[]) {
      const dir = stagedFolderOf(profileDir, a.path);
      if (dir) used.add(dir);
    }
  }
  let removed = 0;
  for (const name of names) {
    const dir = join(root, name);
    if (used.has(dir)) continue;
    try {
      if (now - (await stat(dir)).mtimeMs < STALE_MS) continue;
      await rm(dir, { recursive: true, force: true });
      removed++;
    } catch {
      // Gone meanwhile.
    }
  }
  return removed;
}

interface Upload {
  dir: string;
  path: string;
  name: string;
  size: number;
  written: number;
  file: FileHandle;
}

/** Uploads in progress, by id. One engine, one table; each chunk is written before the next is accepted. */
export class StagedUploads {
  private readonly uploads = new Map<string, Upload>();
  private readonly profileDir: string;

  constructor(profileDir: string) {
    this.profileDir = profileDir;
  }

  /** `limit`: the account's size limit when known (a message is larger than its attachment, so this is a bound). */
  async begin(name: string, size: number, limit: number | null): Promise<{ uploadId: string }> {
    const max = limit && limit > 0 ? Math.min(limit, STAGE_HARD_MAX_BYTES) : STAGE_HARD_MAX_BYTES;
    if (size > max) throw new TcvError('MESSAGE_TOO_LARGE', `staging ${size} bytes, the limit is ${max} bytes`);
    const uploadId = randomUUID();
    const dir = join(stagedRoot(this.profileDir), uploadId);
    const path = join(dir, name.normalize('NFC'));
    let file: FileHandle;
    try {
      await mkdir(dir, { recursive: true });
      file = await open(path, 'wx');
    } catch (err) {
      throw new TcvError('STORAGE', `staging ${name}: ${(err as Error).message}`, { cause: err });
    }
    this.uploads.set(uploadId, { dir, path, name: name.normalize('NFC'), size, written: 0, file });
    return { uploadId };
  }

  async chunk(uploadId: string, offset: number, bytes: Buffer): Promise<{ written: number }> {
    const u = this.get(uploadId);
    if (offset !== u.written) throw new TcvError('VALIDATION', `chunk at ${offset}, expected ${u.written}`);
    if (u.written + bytes.length > u.size) {
      await this.abort(uploadId);
      throw new TcvError('VALIDATION', `more bytes than declared (${u.size})`);
    }
    try {
      await u.file.write(bytes, 0, bytes.length, offset);
    } catch (err) {
      await this.abort(uploadId);
      throw new TcvError('STORAGE', `staging ${u.name}: ${(err as Error).message}`, { cause: err });
    }
    u.written += bytes.length;
    return { written: u.written };
  }

  /** The finished file's path and size; the declared size must have arrived. */
  async end(uploadId: string): Promise<{ path: string; name: string; size: number }> {
    const u = this.get(uploadId);
    if (u.written !== u.size) {
      await this.abort(uploadId);
      throw new TcvError('VALIDATION', `${u.written} of ${u.size} bytes arrived`);
    }
    this.uploads.delete(uploadId);
    await u.file.sync();
    await u.file.close();
    return { path: u.path, name: u.name, size: u.size };
  }

  async abort(uploadId: string): Promise<void> {
    const u = this.uploads.get(uploadId);
    if (!u) return;
    this.uploads.delete(uploadId);
    await u.file.close().catch(() => {});
    await rm(u.dir, { recursive: true, force: true });
  }

  async close(): Promise<void> {
    for (const id of [...this.uploads.keys()]) await this.abort(id);
  }

  private get(uploadId: string): Upload {
    const u = this.uploads.get(uploadId);
    if (!u) throw new TcvError('INVALID_STATE', `no staged upload ${uploadId} (finished, aborted or never begun)`);
    return u;
  }
}
