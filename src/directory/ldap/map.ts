// LDAP entries → the records every directory reader produces (formats/raw.ts), so the one validator checks them and
// the one store saves them. DNs become ids: a successor, parent unit or group member given as a DN is looked up among
// the synced entries; a person or unit with no unit attribute belongs to the nearest synced agency above its DN.
import type { LdapConfig } from './config.ts';
import type { LdapEntry, LdapFetch } from './client.ts';
import type { RawDirectory, RawRecord } from '../formats/raw.ts';
import { statusValue } from '../formats/tabular.ts';

/** RFC 4514 DNs compare case-insensitively in the usual attributes; spaces around "," and "=" are not significant. */
export function normalizeDn(dn: string): string {
  return dn
    .split(/(?<!\\),/)
    .map((rdn) =>
      rdn
        .split(/(?<!\\)=/)
        .map((s) => s.trim())
        .join('='),
    )
    .join(',')
    .toLowerCase();
}

function parentDn(dn: string): string | null {
  const i = dn.search(/(?<!\\),/);
  return i < 0 ? null : dn.slice(i + 1);
}

const first = (e: LdapEntry, attr: string | null): string | null => {
  if (attr === null) return null;
  const v = e.attrs.get(attr.toLowerCase())?.find((x) => x.trim() !== '');
  return v === undefined ? null : v.trim();
};
const all = (e: LdapEntry, attr: string | null): string[] =>
  attr === null ? [] : (e.attrs.get(attr.toLowerCase()) ?? []).map((x) => x.trim()).filter((x) => x !== '');

export interface MappedLdap {
  raw: RawDirectory;
  /** The DN of each record: record `line` n is dns[n - 1] (entries first, then groups). */
  dns: string[];
}

export function mapLdap(cfg: LdapConfig, fetched: LdapFetch): MappedLdap {
  const a = cfg.attributes;
  // DN → id, for references given as DNs (seeAlso, member, a unit attribute holding a DN).
  const idOf = new Map<string, string>();
  const unitDns = new Set<string>();
  for (const e of fetched.units) {
    const id = first(e, a.unit.id);
    if (id !== null) idOf.set(normalizeDn(e.dn), id);
    unitDns.add(normalizeDn(e.dn));
  }
  for (const e of fetched.persons) {
    const id = first(e, a.person.id);
    if (id !== null) idOf.set(normalizeDn(e.dn), id);
  }
  const ref = (v: string | null): string | null => {
    if (v === null) return null;
    // A value with "=" is a DN; one that names no synced entry is kept, so the validator reports it as dangling.
    return v.includes('=') ? (idOf.get(normalizeDn(v)) ?? v) : v;
  };
  const nearestUnit = (dn: string): string | null => {
    for (let p = parentDn(normalizeDn(dn)); p !== null; p = parentDn(p)) if (unitDns.has(p)) return idOf.get(p) ?? null;
    return null;
  };

  // Membership comes from the groups' member lists (groupOfNames), stored on the entries as the formats do.
  const groupsOf = new Map<string, string[]>();
  for (const g of fetched.groups) {
    const id = first(g, a.group.id);
    if (id === null) continue;
    for (const m of all(g, a.group.member)) {
      const key = normalizeDn(m);
      let list = groupsOf.get(key);
      if (!list) groupsOf.set(key, (list = []));
      list.push(id);
    }
  }

  const entries: RawRecord[] = [];
  const entryDns: string[] = [];
  const add = (e: LdapEntry, kind: 'unit' | 'person') => {
    const m = kind === 'unit' ? a.unit : a.person;
    const id = first(e, m.id);
    const name = first(e, m.name) ?? id;
    const aliases = all(e, m.aliases).filter((x) => x !== name && x !== id);
    const status = first(e, m.status);
    const value: Record<string, unknown> = {
      id,
      kind,
      name,
      address: first(e, m.address),
      aliases,
      groups: groupsOf.get(normalizeDn(e.dn)) ?? [],
      status: status === null ? 'active' : statusValue(status),
      successor: ref(first(e, m.successor)),
      unit: m.unit !== null ? ref(first(e, m.unit)) : nearestUnit(e.dn),
      title: kind === 'person' ? first(e, a.person.title) : null,
    };
    entryDns.push(e.dn);
    // The line is the record's position; the sync turns it into the DN in the report.
    entries.push({ value, line: entries.length + 1 });
  };
  for (const e of fetched.units) add(e, 'unit');
  for (const e of fetched.persons) add(e, 'person');
  // Groups are numbered after the entries, so one number leads back to one DN.
  const groups: RawRecord[] = fetched.groups.map((g, k) => {
    const id = first(g, a.group.id);
    return {
      value: { id, name: first(g, a.group.name) ?? id, aliases: all(g, a.group.aliases) },
      line: entries.length + k + 1,
    };
  });
  const dns = [...entryDns, ...fetched.groups.map((g) => g.dn)];
  return { raw: { format: 'ldap', entries, groups, top: {}, issues: [], lenient: true }, dns };
}
