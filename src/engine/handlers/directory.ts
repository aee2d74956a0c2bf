import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { TcvError } from '../../api/errors.ts';
import type { directoryMethods } from '../../api/methods/directory.ts';
import type { DirectoryFormat } from '../../api/types-directory.ts';
import {
  DirectoryIndex,
  directoryInfo,
  directoryRevision,
  formatFromName,
  loadDirectory,
  readDirectory,
  saveDirectory,
  writeDirectory,
} from '../../directory/index.ts';
import type { EngineContext, FeatureHandlers } from '../context.ts';

export function directoryHandlers(ctx: EngineContext): FeatureHandlers<keyof typeof directoryMethods> {
  const { db, log } = ctx;
  // The index lives in memory (a few thousand entries: a few MB) and is rebuilt when the stored revision changes,
  // which also catches an import made by another process on the same profile.
  let cached: { revision: number; index: DirectoryIndex } | null = null;
  const index = (): DirectoryIndex => {
    const revision = directoryRevision(db);
    if (!cached || cached.revision !== revision) cached = { revision, index: new DirectoryIndex(loadDirectory(db)) };
    return cached.index;
  };

  const readFile = (path: string): Uint8Array => {
    try {
      return readFileSync(path);
    } catch (err) {
      throw new TcvError(
        'FILE_UNREADABLE',
        `${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        {
          cause: err,
        },
      );
    }
  };
  const load = (path: string, format: DirectoryFormat | 'auto') => {
    const abs = resolve(path);
    return readDirectory(readFile(abs), { format, file: abs });
  };

  return {
    'directory.info': async () => directoryInfo(db, index().directory),
    'directory.search': async ({ query, limit, includeHistorical }) =>
      index().search(query, { limit, includeHistorical }),
    'directory.match': async ({ text }) => index().match(text),
    'directory.matchMany': async ({ items }) => {
      const idx = index();
      return items.map((t) => idx.match(t));
    },
    'directory.get': async ({ id }) => {
      const d = index().detail(id);
      if (!d) throw new TcvError('DIRECTORY_ENTRY_NOT_FOUND', id);
      return d;
    },
    'directory.groups': async () => index().allGroups(),
    'directory.members': async ({ groupId }) => {
      const idx = index();
      const group = idx.group(groupId);
      if (!group) throw new TcvError('DIRECTORY_GROUP_NOT_FOUND', groupId);
      return { group, members: idx.groupMembers(groupId) };
    },
    'directory.validate': async ({ path, format }) => load(path, format).report,
    'directory.import': async ({ path, format, dryRun }) => {
      const { directory, report } = load(path, format);
      const imported = report.ok && !dryRun;
      if (imported) {
        saveDirectory(db, directory, { file: report.file, format: report.format });
        cached = null;
        log.info('directory imported', {
          file: basename(path),
          entries: report.entries,
          groups: report.groups,
          warnings: report.warnings,
        });
      } else if (!report.ok) {
        log.warn('directory import refused', { file: basename(path), errors: report.errors });
      }
      // What the profile holds now (the new directory after an import, the unchanged one otherwise).
      const info = directoryInfo(db, index().directory);
      return { imported, dryRun, report, info };
    },
    'directory.export': async ({ path, format, vcardVersion }) => {
      const dir = index().directory;
      const abs = resolve(path);
      const fmt: DirectoryFormat = format ?? formatFromName(abs) ?? 'json';
      const bytes = writeDirectory(dir, fmt, { vcardVersion });
      // Write beside, then rename: an interrupted export never leaves a half file under the real name.
      const tmp = `${abs}.tmp-${process.pid}`;
      try {
        writeFileSync(tmp, bytes);
        renameSync(tmp, abs);
      } catch (err) {
        throw new TcvError('STORAGE', `${abs}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
          cause: err,
        });
      }
      return { path: abs, format: fmt, entries: dir.entries.length, groups: dir.groups.length };
    },
  };
}
