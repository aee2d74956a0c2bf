// The LDAP source of the directory against a real OpenLDAP (slapd, started and stopped by this file: scripts/ldap),
// seeded from the shipped Cần Thơ directory plus people with Vietnamese names. The bind password goes through the
// real Secret Service of the mail stack's session. Checks: paging, mapping (DNs to ids, units from the tree,
// successors, groups), StartTLS and LDAPS with the test CA, the errors (wrong password, untrusted certificate,
// unreachable server, colliding ids) each leaving the directory as it was, file entries untouched by a sync, and the CLI.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MethodName, ParamsIn, Result, ResultOf } from '../../src/api/contract.ts';
import { createDispatch } from '../../src/api/dispatch.ts';
import { errorMessage } from '../../src/api/errors.ts';
import type { LdapConfigInput } from '../../src/directory/index.ts';
import { createEngine, type Engine } from '../../src/engine/index.ts';
import { createFileLogger } from '../../src/platform/log.ts';
import { createKeytarSecretStore } from '../../src/secrets/keytar.ts';
import { startLdap, type LdapServer } from '../../scripts/ldap/server.ts';
import { GROUPS_DN, SEED_PEOPLE, UNITS_DN, loadShippedDirectory } from '../../scripts/ldap/seed.ts';
import { tcv } from '../support/cli.ts';
import { stack } from '../support/stack.ts';

const shipped = loadShippedDirectory();
const UNITS = shipped.entries.length;
const GROUPS_WITH_MEMBERS = shipped.groups.filter((g) => shipped.entries.some((e) => e.groups.includes(g.id))).length;

let ldap: LdapServer;
let startMs = 0;
const engines: Engine[] = [];
/** Temp profiles and policy folders of this file, removed in after(). */
const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};

before(async () => {
  await stack();
  const t = Date.now();
  ldap = await startLdap();
  startMs = Date.now() - t;
});
after(async () => {
  for (const e of engines) await e.close();
  await ldap?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** What IT writes in the policy for this server: agencies, people and groups each under their container. */
function config(over: Partial<LdapConfigInput> = {}): LdapConfigInput {
  return {
    url: ldap.url,
    startTls: true,
    caFile: ldap.ca,
    bind: { type: 'simple', dn: ldap.readerDn, keychainAccount: 'ldap-danh-ba' },
    baseDn: ldap.baseDn,
    units: { baseDn: UNITS_DN, scope: 'one' },
    groups: { baseDn: GROUPS_DN, scope: 'one' },
    attributes: { unit: { aliases: 'cn', status: 'businessCategory', successor: 'seeAlso' } },
    // Below the server's size limit (40): the whole tree only arrives if paging works.
    pageSize: 25,
    timeoutMs: 5000,
    ...over,
  };
}

async function engine(cfg: () => unknown) {
  const profileDir = tempDir('tcv-ldap-profile-');
  const secrets = createKeytarSecretStore(`Thư Công Vụ (test ${randomUUID()})`);
  const log = createFileLogger(join(profileDir, 'logs', 'engine.log'), 'debug');
  const e = await createEngine({ profileDir, secrets, log, directoryLdap: cfg });
  engines.push(e);
  const dispatch = createDispatch(e.handlers, log);
  const call = <M extends MethodName>(m: M, p: ParamsIn<M>) => dispatch(m, p) as Promise<Result<ResultOf<M>>>;
  const must = async <M extends MethodName>(m: M, p: ParamsIn<M>) => {
    const r = await call(m, p);
    if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  return { call, must, secrets, profileDir };
}

/** A small directory IT imported from a file, with ids the LDAP does not use. */
const FILE_DIRECTORY = {
  entries: [
    { id: 'phong-hcth', kind: 'unit', name: 'Phòng Hành chính - Tổng hợp', address: 'hcth@cantho.gov.vn' },
    {
      id: 'nguyenthimai',
      kind: 'person',
      name: 'Nguyễn Thị Mai',
      address: 'ntmai@cantho.gov.vn',
      unit: 'phong-hcth',
      title: 'Văn thư',
    },
  ],
  groups: [{ id: 'noi-bo', name: 'Nội bộ', aliases: [] }],
};
function fileImport(t: { must: Awaited<ReturnType<typeof engine>>['must'] }, dir: unknown = FILE_DIRECTORY) {
  return t.must('directory.importData', {
    name: 'noi-bo.json',
    dataBase64: Buffer.from(JSON.stringify(dir)).toString('base64'),
  });
}

test('StartTLS + simple bind with the keychain password: every agency, person and group, paged, beside the file entries', async (ctx) => {
  ctx.diagnostic(`slapd seeded and started in ${startMs} ms`);
  const t = await engine(() => config());
  await t.must('directory.ldapPassword', { password: ldap.readerPassword });
  assert.equal(await t.secrets.get('ldap-danh-ba'), ldap.readerPassword, 'the password is in the keychain');
  await fileImport(t);

  const r = await t.must('directory.syncLdap', {});
  ctx.diagnostic(`sync: ${JSON.stringify(r.fetched)} in ${r.durationMs} ms`);
  assert.equal(r.synced, true, JSON.stringify(r.report.issues.filter((i) => i.severity === 'error')));
  assert.deepEqual(r.fetched, {
    units: UNITS,
    persons: SEED_PEOPLE.length,
    groups: GROUPS_WITH_MEMBERS,
    pages: r.fetched.pages,
  });
  assert.ok(r.fetched.pages >= Math.ceil(UNITS / 25) + 2, `paged: ${r.fetched.pages} pages`);
  assert.equal(r.before, 0);
  assert.equal(r.after, UNITS + SEED_PEOPLE.length);
  assert.equal(r.report.errors, 0);
  assert.equal(r.info.entries, UNITS + SEED_PEOPLE.length + 2, 'LDAP entries and the two file entries');
  assert.equal(r.info.ldap?.entries, UNITS + SEED_PEOPLE.length);

  // Search works over both sources, with the issue's examples.
  for (const q of ['stc', 'so tai chinh', 'Sở TC'])
    assert.equal((await t.must('directory.search', { query: q })).hits[0]?.entry.id, 'stc', q);
  assert.equal((await t.must('directory.search', { query: 'van thu' })).hits[0]?.entry.id, 'nguyenthimai');

  // A person belongs to the agency above it in the tree; UTF-8 names and titles arrive intact.
  const an = await t.must('directory.get', { id: 'nguyenvanan' });
  assert.equal(an.entry.name, 'Nguyễn Văn An');
  assert.equal(an.entry.title, 'Giám đốc');
  assert.equal(an.entry.kind, 'person');
  assert.equal(an.unit?.id, 'stc');
  assert.equal((await t.must('directory.search', { query: 'giam doc so tai chinh' })).hits[0]?.entry.id, 'nguyenvanan');

  // Every shipped agency arrives with its name, address, aliases, status and successor (seeAlso DN → id).
  for (const e of shipped.entries) {
    const got = (await t.must('directory.get', { id: e.id })).entry;
    assert.equal(got.name, e.name);
    assert.equal(got.address, e.address);
    assert.deepEqual([...got.aliases].sort(), [...e.aliases].sort(), e.id);
    assert.equal(got.status, e.status, e.id);
    assert.equal(got.successor, e.successor, e.id);
  }
  // Groups from groupOfNames, members from member DNs.
  for (const g of shipped.groups) {
    const want = shipped.entries.filter((e) => e.groups.includes(g.id)).map((e) => e.id);
    if (want.length === 0) continue;
    const got = await t.must('directory.members', { groupId: g.id });
    assert.equal(got.group.name, g.name);
    assert.deepEqual(got.members.map((m) => m.id).sort(), want.sort(), g.id);
  }

  // The file's entries were untouched; a new file import keeps the LDAP's.
  assert.equal((await t.must('directory.get', { id: 'nguyenthimai' })).unit?.id, 'phong-hcth');
  const again = await fileImport(t, { ...FILE_DIRECTORY, entries: FILE_DIRECTORY.entries.slice(0, 1) });
  assert.equal(again.info.entries, UNITS + SEED_PEOPLE.length + 1);
  assert.equal(
    (await t.must('directory.get', { id: 'stc' })).entry.name,
    shipped.entries.find((e) => e.id === 'stc')?.name,
  );
});

test('a second sync replaces the LDAP entries: removed people go, new ones come', async () => {
  const t = await engine(() => config());
  await t.must('directory.ldapPassword', { password: ldap.readerPassword });
  await t.must('directory.syncLdap', {});
  await ldap.modify(
    [
      `dn: uid=vodinhquoc,ou=stp,${UNITS_DN}`,
      'changetype: delete',
      '',
      `dn: uid=dangminhthu,ou=stc,${UNITS_DN}`,
      'changetype: add',
      'objectClass: inetOrgPerson',
      'uid: dangminhthu',
      `cn:: ${Buffer.from('Đặng Minh Thư').toString('base64')}`,
      `sn:: ${Buffer.from('Thư').toString('base64')}`,
      `title:: ${Buffer.from('Kế toán trưởng').toString('base64')}`,
      'mail: dangminhthu@cantho.gov.vn',
      '',
    ].join('\n'),
  );
  try {
    const r = await t.must('directory.syncLdap', {});
    assert.equal(r.synced, true);
    assert.equal(r.before, UNITS + SEED_PEOPLE.length);
    assert.equal(r.after, UNITS + SEED_PEOPLE.length);
    assert.equal((await t.call('directory.get', { id: 'vodinhquoc' })).ok, false);
    const thu = await t.must('directory.get', { id: 'dangminhthu' });
    assert.equal(thu.entry.title, 'Kế toán trưởng');
    assert.equal(thu.unit?.id, 'stc');
  } finally {
    // Put the tree back for the other tests.
    await ldap.modify(
      [
        `dn: uid=dangminhthu,ou=stc,${UNITS_DN}`,
        'changetype: delete',
        '',
        `dn: uid=vodinhquoc,ou=stp,${UNITS_DN}`,
        'changetype: add',
        'objectClass: inetOrgPerson',
        'uid: vodinhquoc',
        `cn:: ${Buffer.from('Võ Đình Quốc').toString('base64')}`,
        `sn:: ${Buffer.from('Quốc').toString('base64')}`,
        `title:: ${Buffer.from('Trưởng phòng').toString('base64')}`,
        'mail: vodinhquoc@cantho.gov.vn',
        '',
      ].join('\n'),
    );
  }
});

test('LDAPS with the test CA works; without it the certificate is refused and the directory is kept', async () => {
  let cfg: LdapConfigInput = config({ url: ldap.ldapsUrl, startTls: false, bind: { type: 'anonymous' } });
  const t = await engine(() => cfg);
  const ok = await t.must('directory.syncLdap', {});
  assert.equal(ok.synced, true);
  assert.equal(ok.after, UNITS + SEED_PEOPLE.length);

  cfg = { ...cfg, caFile: undefined };
  const r = await t.call('directory.syncLdap', {});
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.error.code, 'LDAP_TLS_UNTRUSTED');
  assert.match(r.error.message, /Chứng chỉ bảo mật của máy chủ danh bạ \(LDAP\) không được tin cậy/);
  assert.equal((await t.must('directory.info', {})).entries, UNITS + SEED_PEOPLE.length, 'directory kept');

  // StartTLS without the CA is refused the same way, before the password is sent.
  cfg = config({ caFile: undefined });
  const s = await t.call('directory.syncLdap', {});
  assert.equal(!s.ok && s.error.code, 'LDAP_TLS_UNTRUSTED');
});

test('a wrong bind password is a clear Vietnamese error and the directory is kept', async () => {
  const t = await engine(() => config());
  await t.must('directory.ldapPassword', { password: ldap.readerPassword });
  await t.must('directory.syncLdap', {});
  await t.must('directory.ldapPassword', { password: 'mật khẩu sai' });
  const r = await t.call('directory.syncLdap', {});
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.error.code, 'LDAP_AUTH_FAILED');
  assert.equal(r.error.message, errorMessage('LDAP_AUTH_FAILED'));
  assert.match(r.error.message, /từ chối tài khoản hoặc mật khẩu.*Danh bạ hiện có được giữ nguyên/);
  assert.doesNotMatch(JSON.stringify(r), /mật khẩu sai/, 'the password is not echoed');
  const info = await t.must('directory.info', {});
  assert.equal(info.entries, UNITS + SEED_PEOPLE.length);

  // No password in the keychain at all: its own error, nothing sent.
  const t2 = await engine(() => config());
  const m = await t2.call('directory.syncLdap', {});
  assert.equal(!m.ok && m.error.code, 'LDAP_SECRET_MISSING');
});

test('an unreachable server, a wrong base DN and no configuration are clear errors; the directory is kept', async () => {
  let cfg: LdapConfigInput | null = config({ bind: { type: 'anonymous' }, startTls: false });
  const t = await engine(() => cfg);
  await fileImport(t);
  await t.must('directory.syncLdap', {});
  const kept = (await t.must('directory.info', {})).entries;

  // A port nobody listens on (the server's own port after closing would race with other tests).
  const closed = await new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  cfg = config({ url: `ldap://127.0.0.1:${closed}`, bind: { type: 'anonymous' }, startTls: false });
  const r = await t.call('directory.syncLdap', {});
  assert.equal(!r.ok && r.error.code, 'LDAP_UNREACHABLE');
  assert.match(!r.ok ? r.error.message : '', /Không kết nối được tới máy chủ danh bạ \(LDAP\)/);
  assert.equal((await t.must('directory.info', {})).entries, kept);

  cfg = config({ bind: { type: 'anonymous' }, startTls: false, baseDn: 'dc=khong-co,dc=vn', units: {}, groups: {} });
  const b = await t.call('directory.syncLdap', {});
  assert.equal(!b.ok && b.error.code, 'LDAP_SEARCH_FAILED');
  assert.equal((await t.must('directory.info', {})).entries, kept);

  cfg = null;
  const n = await t.call('directory.syncLdap', {});
  assert.equal(!n.ok && n.error.code, 'LDAP_NOT_CONFIGURED');
  cfg = { url: 'http://127.0.0.1', baseDn: '' } as unknown as LdapConfigInput;
  const bad = await t.call('directory.syncLdap', {});
  assert.equal(!bad.ok && bad.error.code, 'LDAP_NOT_CONFIGURED');
});

test('LDAP records that collide with file entries are reported with their DN and change nothing', async () => {
  const t = await engine(() => config({ bind: { type: 'anonymous' }, startTls: false }));
  // The file already has an entry with the LDAP's id "stc".
  await fileImport(t, {
    entries: [{ id: 'stc', kind: 'unit', name: 'Sở Tài chính (tệp)', address: 'stc-tep@cantho.gov.vn' }],
    groups: [],
  });
  const r = await t.must('directory.syncLdap', {});
  assert.equal(r.synced, false);
  const dup = r.report.issues.filter((i) => i.code === 'duplicate-id');
  assert.equal(dup.length, 1, JSON.stringify(r.report.issues));
  assert.equal(dup[0]?.dn, `ou=stc,${UNITS_DN}`);
  assert.equal(dup[0]?.line, null);
  const info = await t.must('directory.info', {});
  assert.equal(info.entries, 1, 'nothing synced');
  assert.equal(info.ldap, null);
});

test('tcv directory sync-ldap reads directory.ldap from the policy file', async () => {
  const dir = tempDir('tcv-ldap-cli-');
  const policy = join(dir, 'policy.json');
  writeFileSync(policy, JSON.stringify({ version: 1, directory: { ldap: config({ bind: { type: 'anonymous' } }) } }));
  const run = (args: string[]) => tcv(args, '', { env: { TCV_POLICY: policy } });
  const json = await run(['--profile', join(dir, 'p'), 'directory', 'sync-ldap', '--json']);
  assert.equal(json.code, 0, json.stderr);
  const v = JSON.parse(json.stdout);
  assert.equal(v.synced, true);
  assert.equal(v.after, UNITS + SEED_PEOPLE.length);
  const human = await run(['--profile', join(dir, 'p'), 'directory', 'sync-ldap']);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, new RegExp(`${UNITS} đơn vị, ${SEED_PEOPLE.length} cá nhân`));
  assert.match(human.stdout, /Đã cập nhật danh bạ từ LDAP/);

  const gone = config({ url: 'ldap://127.0.0.1:1', startTls: false, bind: { type: 'anonymous' } });
  writeFileSync(policy, JSON.stringify({ version: 1, directory: { ldap: gone } }));
  const down = await run(['--profile', join(dir, 'p'), 'directory', 'sync-ldap']);
  assert.equal(down.code, 1);
  assert.match(down.stderr, /Lỗi \[LDAP_UNREACHABLE\]: Không kết nối được tới máy chủ danh bạ/);
  const kept = await run(['--profile', join(dir, 'p'), 'directory', 'info', '--json']);
  assert.equal(JSON.parse(kept.stdout).entries, UNITS + SEED_PEOPLE.length, 'the directory is kept');
});
