// Who "Viết thư" writes to (src/shared/directory.ts, used by the directory UI) and how LDAP DNs compare
// (src/directory/ldap/map.ts): small pure rules, checked here without a browser or a server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DirectoryEntry } from '../../src/api/types-directory.ts';
import { normalizeDn } from '../../src/directory/ldap/map.ts';
import { canWriteTo, writeRecipients } from '../../src/shared/directory.ts';

const entry = (over: Partial<DirectoryEntry>): DirectoryEntry => ({
  id: 'x',
  kind: 'unit',
  name: 'X',
  address: 'x@cantho.gov.vn',
  aliases: [],
  groups: [],
  status: 'active',
  successor: null,
  unit: null,
  title: null,
  ...over,
});

test('only active entries with an address are written to, each address once', () => {
  const stc = entry({ id: 'stc', name: 'Sở Tài chính', address: 'stc@cantho.gov.vn' });
  const sttt = entry({ id: 'sttt', name: 'Sở TT&TT', address: 'sttt@cantho.gov.vn', status: 'historical' });
  const recalled = entry({ id: 'r', address: 'r@cantho.gov.vn', status: 'recalled' });
  const none = entry({ id: 'n', address: null });
  const twice = entry({ id: 'stc2', name: 'Sở Tài chính (văn thư)', address: 'STC@cantho.gov.vn' });
  assert.equal(canWriteTo(stc), true);
  assert.equal(canWriteTo(sttt), false);
  assert.equal(canWriteTo(recalled), false);
  assert.equal(canWriteTo(none), false);
  assert.deepEqual(writeRecipients([stc, sttt, recalled, none, twice]), [
    { name: 'Sở Tài chính', address: 'stc@cantho.gov.vn' },
  ]);
  assert.deepEqual(writeRecipients([]), []);
});

test('DNs compare without case and without spaces around "," and "="; escaped commas stay in their RDN', () => {
  assert.equal(normalizeDn('OU=stc, ou=DonVi ,DC=cantho,dc=gov,dc=vn'), 'ou=stc,ou=donvi,dc=cantho,dc=gov,dc=vn');
  assert.equal(normalizeDn('cn=Nguyễn\\, Văn An,ou=stc'), 'cn=nguyễn\\, văn an,ou=stc');
  assert.notEqual(normalizeDn('ou=stc,dc=vn'), normalizeDn('ou=stp,dc=vn'));
});
