// The directory in the profile's cache (design.md "What is stored where": the directory lives in the SQLite cache).
// Rows say where they came from (`source`: a file import or the LDAP sync, docs/ldap.md). A file import replaces the
// file's rows and an LDAP sync the LDAP's, each in one transaction, so a reader sees the old set or the new one,
// never half.
// `revision` goes up with every import, so an engine that keeps an index in memory (search.ts) notices an import made
// by another process (`tcv directory import` while the app runs).
import type {
  Directory,
  DirectoryEntry,
  DirectoryFormat,
  DirectoryGroup,
  DirectoryInfo,
} from '../api/types-directory.ts';
import { transaction, type Db } from '../cache/db.ts';
import { fold } from '../text/index.ts';

interface EntryRow {
  id: string;
  kind: string;
  name: string;
  address: string | null;
  status: string;
  successor: string | null;
  unit: string | null;
  title: string | null;
  aliases_json: string;
  extra_json: string;
}

export function directoryRevision(db: Db): number {
  const row = db.prepare("SELECT value FROM directory_meta WHERE key = 'revision'").get() as
    { value: string } | undefined;
  return row ? Number(row.value) : 0;
}

function meta(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT key, value FROM directory_meta').all() as Array<{ key: string; value: string }>;
  return new Map(rows.map((r) => [r.key, r.value]));
}

/** The whole directory, or only the rows from one source. */
export function loadDirectory(db: Db, source: 'file' | 'ldap' | null = null): Directory {
  const only = source === null ? '' : ` WHERE source = '${source}'`;
  const groupsByEntry = new Map<string, string[]>();
  for (const r of db
    .prepare(
      `SELECT m.entry_id, m.group_id FROM directory_members m JOIN directory_groups g ON g.id = m.group_id
       ORDER BY m.entry_id, m.ord`,
    )
    .all() as Array<{ entry_id: string; group_id: string }>) {
    let list = groupsByEntry.get(r.entry_id);
    if (!list) groupsByEntry.set(r.entry_id, (list = []));
    list.push(r.group_id);
  }
  const entries = (
    db.prepare(`SELECT * FROM directory_entries${only} ORDER BY position`).all() as unknown as EntryRow[]
  ).map((r): DirectoryEntry => ({
    id: r.id,
    kind: r.kind as DirectoryEntry['kind'],
    name: r.name,
    address: r.address,
    aliases: JSON.parse(r.aliases_json) as string[],
    groups: groupsByEntry.get(r.id) ?? [],
    status: r.status as DirectoryEntry['status'],
    successor: r.successor,
    unit: r.unit,
    title: r.title,
    ...(JSON.parse(r.extra_json) as Partial<DirectoryEntry>),
  }));
  const groups = (
    db.prepare(`SELECT id, name, aliases_json, note FROM directory_groups${only} ORDER BY position`).all() as Array<{
      id: string;
      name: string;
      aliases_json: string;
      note: string | null;
    }>
  ).map((r): DirectoryGroup => {
    const g: DirectoryGroup = { id: r.id, name: r.name, aliases: JSON.parse(r.aliases_json) as string[] };
    if (r.note !== null) g.note = r.note;
    return g;
  });
  const m = meta(db);
  const dir: Directory = { entries, groups };
  const name = m.get('name');
  const note = m.get('note');
  if (name !== undefined) dir.name = name;
  if (note !== undefined) dir.note = note;
  return dir;
}

// Positions order the directory: file rows first, LDAP rows after them.
const LDAP_POSITION = 1_000_000_000;

function writeRows(db: Db, dir: Directory, source: 'file' | 'ldap', groupIds: Set<string>): void {
  const base = source === 'ldap' ? LDAP_POSITION : 0;
  // OR REPLACE: an id both sources use belongs to the last writer (the LDAP sync refuses such a collision itself).
  const insGroup = db.prepare(
    'INSERT OR REPLACE INTO directory_groups (id, position, name, aliases_json, note, source) VALUES (?, ?, ?, ?, ?, ?)',
  );
  dir.groups.forEach((g, i) => insGroup.run(g.id, base + i, g.name, JSON.stringify(g.aliases), g.note ?? null, source));
  const insEntry = db.prepare(
    `INSERT OR REPLACE INTO directory_entries (id, position, kind, name, name_folded, address, status, successor, unit,
       title, aliases_json, extra_json, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insMember = db.prepare('INSERT OR IGNORE INTO directory_members (group_id, entry_id, ord) VALUES (?, ?, ?)');
  dir.entries.forEach((e, i) => {
    const extra: Partial<DirectoryEntry> = {};
    if (e.example) extra.example = true;
    if (e.note !== undefined) extra.note = e.note;
    if (e.since !== undefined) extra.since = e.since;
    if (e.until !== undefined) extra.until = e.until;
    insEntry.run(
      e.id,
      base + i,
      e.kind,
      e.name,
      fold(e.name),
      e.address,
      e.status,
      e.successor,
      e.unit,
      e.title,
      JSON.stringify(e.aliases),
      JSON.stringify(extra),
      source,
    );
  });
  dir.entries.forEach((e) =>
    e.groups.forEach((g, k) => {
      if (groupIds.has(g)) insMember.run(g, e.id, k);
    }),
  );
}

/** Removes one source's rows and their memberships (the other source's rows stay). */
function deleteSource(db: Db, source: 'file' | 'ldap'): void {
  db.prepare(
    `DELETE FROM directory_members WHERE entry_id IN (SELECT id FROM directory_entries WHERE source = ?)
       OR group_id IN (SELECT id FROM directory_groups WHERE source = ?)`,
  ).run(source, source);
  db.prepare('DELETE FROM directory_entries WHERE source = ?').run(source);
  db.prepare('DELETE FROM directory_groups WHERE source = ?').run(source);
}

function bumpRevision(db: Db): void {
  db.prepare(
    "INSERT INTO directory_meta (key, value) VALUES ('revision', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  ).run(String(directoryRevision(db) + 1));
}

/** A file import: replaces the file's entries and groups; entries synced from LDAP stay. */
export function saveDirectory(db: Db, dir: Directory, source: { file: string | null; format: DirectoryFormat }): void {
  transaction(db, () => {
    bumpRevision(db);
    deleteSource(db, 'file');
    db.exec("DELETE FROM directory_meta WHERE key NOT LIKE 'ldap_%' AND key <> 'revision'");
    const ldapGroups = db.prepare("SELECT id FROM directory_groups WHERE source = 'ldap'").all() as Array<{
      id: string;
    }>;
    writeRows(db, dir, 'file', new Set([...dir.groups.map((g) => g.id), ...ldapGroups.map((g) => g.id)]));
    const setMeta = db.prepare('INSERT INTO directory_meta (key, value) VALUES (?, ?)');
    setMeta.run('imported_at', new Date().toISOString());
    setMeta.run('format', source.format);
    if (source.file !== null) setMeta.run('source', source.file);
    if (dir.name !== undefined) setMeta.run('name', dir.name);
    if (dir.note !== undefined) setMeta.run('note', dir.note);
  });
}

/**
 * An LDAP sync: replaces the LDAP's entries and groups in one transaction; the file's stay. `groupIds` are every
 * group an entry may belong to (the file's and the LDAP's), already validated.
 */
export function saveLdapDirectory(db: Db, dir: Directory, url: string, groupIds: Set<string>): void {
  transaction(db, () => {
    bumpRevision(db);
    deleteSource(db, 'ldap');
    writeRows(db, dir, 'ldap', groupIds);
    const setMeta = db.prepare(
      'INSERT INTO directory_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    setMeta.run('ldap_url', url);
    setMeta.run('ldap_synced_at', new Date().toISOString());
    setMeta.run('ldap_entries', String(dir.entries.length));
    setMeta.run('ldap_groups', String(dir.groups.length));
  });
}

/** What the stored directory holds (the handler adds `ldapConfigured`, which the policy decides). */
export function directoryInfo(db: Db, dir: Directory): Omit<DirectoryInfo, 'ldapConfigured'> {
  const m = meta(db);
  const count = (s: DirectoryEntry['status']) => dir.entries.filter((e) => e.status === s).length;
  return {
    entries: dir.entries.length,
    groups: dir.groups.length,
    active: count('active'),
    historical: count('historical'),
    recalled: count('recalled'),
    examples: dir.entries.filter((e) => e.example).length,
    name: dir.name ?? null,
    note: dir.note ?? null,
    source: m.get('source') ?? null,
    format: (m.get('format') as DirectoryFormat | undefined) ?? null,
    importedAt: m.get('imported_at') ?? null,
    ldap: m.has('ldap_synced_at')
      ? {
          url: m.get('ldap_url') ?? '',
          syncedAt: m.get('ldap_synced_at') ?? '',
          entries: Number(m.get('ldap_entries') ?? 0),
          groups: Number(m.get('ldap_groups') ?? 0),
        }
      : null,
  };
}
