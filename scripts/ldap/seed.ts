// The LDIF the test LDAP server starts with (RFC 2849), built from the shipped Cần Thơ directory
// (data/directory/can-tho.json) so that an LDAP sync and a file import can be compared entry by entry. A few people
// with Vietnamese names sit under their agencies, as HR directories have them. Values that are not plain ASCII are
// base64 ("attr:: …"), as RFC 2849 requires for UTF-8.
import fs from 'node:fs';
import path from 'node:path';
import type { Directory } from '../../src/api/types-directory.ts';

export const BASE_DN = 'dc=cantho,dc=gov,dc=vn';
export const UNITS_DN = `ou=DonVi,${BASE_DN}`;
export const GROUPS_DN = `ou=Nhom,${BASE_DN}`;
export const SYSTEM_DN = `ou=HeThong,${BASE_DN}`;
/** The account the client binds with (its password is kept in the keychain by the tests). */
export const READER_DN = `cn=danhba,${SYSTEM_DN}`;

/** People added under existing agencies (synthetic: names, titles and addresses are examples). */
export const SEED_PEOPLE = [
  { uid: 'nguyenvanan', cn: 'Nguyễn Văn An', title: 'Giám đốc', unit: 'stc' },
  { uid: 'tranthibich', cn: 'Trần Thị Bích', title: 'Phó Giám đốc', unit: 'stc' },
  { uid: 'lehoangduc', cn: 'Lê Hoàng Đức', title: 'Chánh Văn phòng', unit: 'vp-ubnd' },
  { uid: 'phamthuyhang', cn: 'Phạm Thúy Hằng', title: 'Chuyên viên', unit: 'skhcn' },
  { uid: 'vodinhquoc', cn: 'Võ Đình Quốc', title: 'Trưởng phòng', unit: 'stp' },
] as const;

export function loadShippedDirectory(root = path.resolve(import.meta.dirname, '../..')): Directory {
  return JSON.parse(fs.readFileSync(path.join(root, 'data/directory/can-tho.json'), 'utf8')) as Directory;
}

function line(attr: string, value: string): string {
  // SAFE-STRING (RFC 2849): printable ASCII, not starting with a space, ":" or "<", not ending with a space. Anything
  // else (UTF-8 names) is written base64.
  const safe = /^[!-9;=-~][ -~]*$/.test(value) && !value.endsWith(' ');
  return safe ? `${attr}: ${value}` : `${attr}:: ${Buffer.from(value, 'utf8').toString('base64')}`;
}

function record(dn: string, attrs: Array<[string, string | null | undefined]>): string {
  const out = [line('dn', dn)];
  for (const [a, v] of attrs) if (v !== null && v !== undefined && v !== '') out.push(line(a, v));
  return out.join('\n') + '\n';
}

export function unitDn(id: string): string {
  return `ou=${id},${UNITS_DN}`;
}

export interface SeedOptions {
  readerPassword: string;
}

/** The whole tree: base, containers, the agencies, the people, the groups and the reader account. */
export function seedLdif(dir: Directory, opts: SeedOptions): string {
  const units = dir.entries.filter((e) => e.kind === 'unit');
  const ids = new Set(units.map((u) => u.id));
  const people = SEED_PEOPLE.filter((p) => ids.has(p.unit));
  const recs: string[] = [
    record(BASE_DN, [
      ['objectClass', 'dcObject'],
      ['objectClass', 'organization'],
      ['dc', 'cantho'],
      ['o', 'Thành phố Cần Thơ'],
    ]),
    ...[
      [UNITS_DN, 'DonVi'],
      [GROUPS_DN, 'Nhom'],
      [SYSTEM_DN, 'HeThong'],
    ].map(([dn, ou]) =>
      record(dn as string, [
        ['objectClass', 'organizationalUnit'],
        ['ou', ou],
      ]),
    ),
    record(READER_DN, [
      ['objectClass', 'organizationalRole'],
      ['objectClass', 'simpleSecurityObject'],
      ['cn', 'danhba'],
      ['userPassword', opts.readerPassword],
    ]),
  ];
  for (const u of units) {
    // extensibleObject lets an organizationalUnit carry mail and cn (aliases), as directories that publish agency
    // mailboxes usually do; status goes in businessCategory and the successor's DN in seeAlso (standard attributes).
    recs.push(
      record(unitDn(u.id), [
        ['objectClass', 'organizationalUnit'],
        ['objectClass', 'extensibleObject'],
        ['ou', u.id],
        ['description', u.name],
        ['mail', u.address],
        ...u.aliases.map((a): [string, string] => ['cn', a]),
        ['businessCategory', u.status === 'active' ? null : u.status],
        ['seeAlso', u.successor ? unitDn(u.successor) : null],
      ]),
    );
  }
  for (const p of people) {
    recs.push(
      record(`uid=${p.uid},${unitDn(p.unit)}`, [
        ['objectClass', 'inetOrgPerson'],
        ['uid', p.uid],
        ['cn', p.cn],
        ['sn', p.cn.split(' ').at(-1)],
        ['title', p.title],
        ['mail', `${p.uid}@cantho.gov.vn`],
      ]),
    );
  }
  for (const g of dir.groups) {
    const members = units.filter((u) => u.groups.includes(g.id)).map((u) => unitDn(u.id));
    // groupOfNames must have a member (RFC 4519 §3.5); an empty group is left out.
    if (members.length === 0) continue;
    recs.push(
      record(`cn=${g.id},${GROUPS_DN}`, [
        ['objectClass', 'groupOfNames'],
        ['cn', g.id],
        ['description', g.name],
        ...members.map((m): [string, string] => ['member', m]),
      ]),
    );
  }
  return recs.join('\n');
}
