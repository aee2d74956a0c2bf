import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { TcvError } from '../../api/errors.ts';
import type { directoryMethods } from '../../api/methods/directory.ts';
import type { Directory, DirectoryFormat } from '../../api/types-directory.ts';
import {
  type DirectoryIndex,
  directoryInfo,
  formatFromName,
  ldapConfigSchema,
  readDirectory,
  saveDirectory,
  syncLdap,
  writeDirectory,
  type LdapConfig,
  type Validated,
} from '../../directory/index.ts';
import { directoryIndex } from '../../directory/cached.ts';
import { trustedCas } from '../../mail/tls.ts';
import type { EngineContext, FeatureHandlers } from '../context.ts';
import { activePolicy } from '../../policy/load.ts';

/** The validated directory without the entries and groups an error names. */
function withoutErrors(v: Validated): Directory {
  const bad = new Set(v.report.issues.filter((i) => i.severity === 'error' && i.id !== null).map((i) => i.id));
  return {
    ...v.directory,
    entries: v.directory.entries.filter((e) => !bad.has(e.id)),
    groups: v.directory.groups.filter((g) => !bad.has(g.id)),
  };
}

export function directoryHandlers(ctx: EngineContext): FeatureHandlers<keyof typeof directoryMethods> {
  const { db, log } = ctx;
  // In memory, rebuilt when the stored revision changes (src/directory/cached.ts; contacts.suggest shares it).
  const index = (): DirectoryIndex => directoryIndex(db);

  // The host's reader if it has one (tests), else the IT policy's directory.ldap (src/policy, docs/policy.md).
  const ldapSection = (): unknown =>
    ctx.opts.directoryLdap?.() ?? activePolicy(ctx.opts.policy)?.directory?.ldap ?? null;

  // What the profile holds, and whether the policy names an LDAP source (the UI then offers to sync).
  const currentInfo = () => {
    const ldap = ldapSection();
    return { ...directoryInfo(db, index().directory), ldapConfigured: ldap !== null && ldap !== undefined };
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

  const ldapConfig = (): LdapConfig => {
    const raw = ldapSection();
    if (raw === null || raw === undefined) throw new TcvError('LDAP_NOT_CONFIGURED', 'no directory.ldap in the policy');
    const r = ldapConfigSchema.safeParse(raw);
    if (!r.success)
      throw new TcvError(
        'LDAP_NOT_CONFIGURED',
        `directory.ldap: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    return r.data;
  };
  const importValidated = (v: Validated, path: string, dryRun: boolean, acceptErrors: boolean) => {
    const { report } = v;
    // With acceptErrors (the user chose it after seeing the report), the records an error names are left out and the
    // rest is imported; without it, a file with errors changes nothing.
    const directory = report.ok || !acceptErrors ? v.directory : withoutErrors(v);
    const imported = (report.ok || acceptErrors) && !dryRun;
    if (imported) {
      // A file's report names a file format ('ldap' is only the LDAP sync's).
      saveDirectory(db, directory, { file: report.file, format: report.format as DirectoryFormat });
      log.info('directory imported', {
        file: basename(path),
        entries: directory.entries.length,
        groups: directory.groups.length,
        warnings: report.warnings,
        errors: report.errors,
      });
    } else if (!report.ok) {
      log.warn('directory import refused', { file: basename(path), errors: report.errors });
    }
    // What the profile holds now (the new directory after an import, the unchanged one otherwise).
    const info = currentInfo();
    return { imported, dryRun, report, info };
  };

  // One sync at a time: a second request waits for the first and then runs (the server may have changed meanwhile).
  let ldapRunning: Promise<unknown> = Promise.resolve();

  return {
    'directory.info': async () => currentInfo(),
    'directory.search': async ({ query, limit, includeHistorical }) =>
      index().search(query, { limit, includeHistorical }),
    'directory.match': async ({ text }) => index().match(text),
    'directory.matchMany': async ({ items }) => {
      const idx = index();
      return items.map((t) => idx.match(t));
    },
    'directory.list': async ({ offset, limit, includeHistorical }) => {
      const all = index().directory.entries;
      const list = includeHistorical ? all : all.filter((e) => e.status === 'active');
      return { total: list.length, offset, entries: list.slice(offset, offset + limit) };
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
    'directory.import': async ({ path, format, dryRun }) => importValidated(load(path, format), path, dryRun, false),
    'directory.importData': async ({ name, dataBase64, format, dryRun, acceptErrors }) => {
      const bytes = Buffer.from(dataBase64, 'base64');
      return importValidated(readDirectory(bytes, { format, file: name }), name, dryRun, acceptErrors);
    },
    'directory.syncLdap': async () => {
      const cfg = ldapConfig();
      const run = async () => {
        const started = Date.now();
        const password = cfg.bind.type === 'simple' ? await ctx.secrets.get(cfg.bind.keychainAccount) : null;
        const cas = trustedCas([...(ctx.opts.trustedCaFiles ?? []), ...(cfg.caFile ? [cfg.caFile] : [])]);
        try {
          const out = await syncLdap(db, cfg, { password, cas });
          const f = out.fetched;
          const fetched = { units: f.units.length, persons: f.persons.length, groups: f.groups.length, pages: f.pages };
          const durationMs = Date.now() - started;
          if (out.synced)
            log.info('directory synced from LDAP', { url: cfg.url, ...fetched, after: out.after, durationMs });
          else log.warn('LDAP directory refused', { url: cfg.url, errors: out.report.errors });
          return {
            synced: out.synced,
            url: cfg.url,
            fetched,
            report: out.report,
            before: out.before,
            after: out.after,
            durationMs,
            info: currentInfo(),
          };
        } catch (err) {
          log.warn('LDAP sync failed', { url: cfg.url, error: err instanceof TcvError ? err.detail : String(err) });
          throw err;
        }
      };
      const p = ldapRunning.then(run, run);
      ldapRunning = p.catch(() => undefined);
      return p;
    },
    'directory.ldapPassword': async ({ password }) => {
      const cfg = ldapConfig();
      if (cfg.bind.type !== 'simple')
        throw new TcvError('LDAP_NOT_CONFIGURED', 'directory.ldap.bind is anonymous: no password to store');
      await ctx.secrets.set(cfg.bind.keychainAccount, password);
      return { keychainAccount: cfg.bind.keychainAccount };
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
