// One LDAP sync (docs/ldap.md): read every agency, person and group from the server, map them to directory records,
// validate them with the directory's one validator together with the entries imported from a file (so ids and
// addresses may not collide, and references may point at file entries), then replace the LDAP-sourced rows in one
// transaction. Any error leaves the directory as it was; a failure to connect or bind throws before anything changes.
import type { Directory, DirectoryEntry, ValidationIssue } from '../../api/types-directory.ts';
import type { Db } from '../../cache/db.ts';
import { loadDirectory, saveLdapDirectory } from '../store.ts';
import { validateRaw, type Validated } from '../validate.ts';
import { fetchLdap, type LdapFetch } from './client.ts';
import type { LdapConfig } from './config.ts';
import { mapLdap } from './map.ts';

export interface LdapSyncOptions {
  password: string | null;
  cas: string[];
}

export interface LdapSyncOutcome extends Validated {
  synced: boolean;
  fetched: LdapFetch;
  before: number;
  after: number;
}

function fileRecords(dir: Directory) {
  // Entries already validated by their import: line null marks them, so their findings are not the sync's.
  return {
    entries: dir.entries.map((e) => ({ value: e as unknown, line: null })),
    groups: dir.groups.map((g) => ({ value: g as unknown, line: null })),
  };
}

export async function syncLdap(db: Db, cfg: LdapConfig, opts: LdapSyncOptions): Promise<LdapSyncOutcome> {
  const fetched = await fetchLdap(cfg, opts);
  const { raw, dns } = mapLdap(cfg, fetched);
  const fromFile = loadDirectory(db, 'file');
  const file = fileRecords(fromFile);
  const all = validateRaw({
    ...raw,
    entries: [...file.entries, ...raw.entries],
    groups: [...file.groups, ...raw.groups],
  });

  // Only what concerns the LDAP's records: a finding with a line is about an LDAP record (the line leads to its DN);
  // one without line or id is about the whole set (generated ids).
  const issues: ValidationIssue[] = [];
  for (const i of all.report.issues) {
    if (i.line !== null) {
      const dn = dns[i.line - 1];
      issues.push({ ...i, line: null, ...(dn !== undefined ? { dn } : {}) });
    } else if (i.id === null) issues.push(i);
  }
  const errors = issues.filter((i) => i.severity === 'error').length;
  const fileEntryIds = new Set(fromFile.entries.map((e) => e.id));
  const fileGroupIds = new Set(fromFile.groups.map((g) => g.id));
  const directory: Directory = {
    entries: all.directory.entries.filter((e: DirectoryEntry) => !fileEntryIds.has(e.id)),
    groups: all.directory.groups.filter((g) => !fileGroupIds.has(g.id)),
  };
  const report = {
    ...all.report,
    ok: errors === 0,
    file: cfg.url,
    entries: directory.entries.length,
    groups: directory.groups.length,
    errors,
    warnings: issues.length - errors,
    issues,
  };
  const before = (
    db.prepare("SELECT count(*) AS n FROM directory_entries WHERE source = 'ldap'").get() as { n: number }
  ).n;
  if (report.ok) saveLdapDirectory(db, directory, cfg.url, new Set(all.directory.groups.map((g) => g.id)));
  return {
    directory,
    report,
    synced: report.ok,
    fetched,
    before,
    after: report.ok ? directory.entries.length : before,
  };
}
