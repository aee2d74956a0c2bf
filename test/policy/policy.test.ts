// The machine-wide policy file: where it is, how it is read, what a broken one does, what the UI may see, the lock.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { errorMessage } from '../../src/api/errors.ts';
import { activePolicy, loadPolicy, parsePolicy, policyCovers } from '../../src/policy/load.ts';
import { defaultPolicyPath, policyPath } from '../../src/policy/paths.ts';
import { assertServersAllowed, policyView } from '../../src/policy/rules.ts';
import { policyJsonSchema } from '../../src/policy/schema.ts';

const dir = mkdtempSync(join(tmpdir(), 'tcv-policy-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const good = {
  version: 1,
  organisation: 'Sở Khoa học và Công nghệ thành phố Cần Thơ',
  domains: ['cantho.gov.vn'],
  imap: { host: 'mail.cantho.gov.vn', port: 993, security: 'tls' },
  smtp: { host: 'mail.cantho.gov.vn', port: 465, security: 'tls' },
  lockServers: true,
  caFile: '/etc/thu-cong-vu/ca.pem',
  passwordChangeUrl: 'https://mail.cantho.gov.vn/doi-mat-khau',
  helpdesk: 'hotro@cantho.gov.vn',
  directory: {
    url: 'https://danhba.cantho.gov.vn/danh-ba.json',
    ldap: { url: 'ldaps://ldap.cantho.gov.vn', baseDn: 'dc=cantho,dc=gov,dc=vn' },
  },
  lockedSettings: { remoteContent: 'never' },
};

function write(name: string, text: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('policy file location', () => {
  test('per platform, TCV_POLICY overrides', () => {
    assert.equal(
      defaultPolicyPath('win32', { ProgramData: 'D:\\ProgramData' }),
      'D:\\ProgramData\\ThuCongVu\\policy.json',
    );
    assert.equal(defaultPolicyPath('win32', {}), 'C:\\ProgramData\\ThuCongVu\\policy.json');
    assert.equal(defaultPolicyPath('linux', {}), '/etc/thu-cong-vu/policy.json');
    assert.equal(defaultPolicyPath('darwin', {}), '/Library/Application Support/ThuCongVu/policy.json');
    assert.equal(policyPath('linux', { TCV_POLICY: '/tmp/p.json' }), '/tmp/p.json');
    assert.equal(policyPath('linux', {}), '/etc/thu-cong-vu/policy.json');
  });
});

describe('reading the policy', () => {
  test('a valid file (with a BOM, as Notepad writes it)', () => {
    const s = loadPolicy(write('ok.json', '\uFEFF' + JSON.stringify(good)));
    assert.equal(s.status, 'ok');
    const p = activePolicy(s);
    assert.equal(p?.lockServers, true);
    assert.deepEqual(p?.domains, ['cantho.gov.vn']);
    assert.equal(policyCovers(p, 'Chuyen.Vien@CANTHO.gov.vn'), true);
    assert.equal(policyCovers(p, 'a@gmail.com'), false);
  });

  test('no file: no policy, not an error', () => {
    assert.deepEqual(loadPolicy(join(dir, 'missing.json')), { status: 'none', path: join(dir, 'missing.json') });
    assert.deepEqual(loadPolicy(null), { status: 'none', path: null });
  });

  test('broken files give a code with a Vietnamese message and every problem in the detail', () => {
    const notJson = loadPolicy(write('bad.json', '{ "version": 1, '));
    assert.equal(notJson.status, 'invalid');
    assert.equal(notJson.status === 'invalid' && notJson.error.code, 'POLICY_INVALID');
    assert.match(errorMessage('POLICY_INVALID'), /chính sách của đơn vị.*bộ phận CNTT/);

    const wrong = loadPolicy(
      write(
        'wrong.json',
        JSON.stringify({
          ...good,
          version: 2,
          imap: { host: 'mail', port: 143, security: 'plain' },
          passwordChangeUrl: 'javascript:alert(1)',
          extra: true,
        }),
      ),
    );
    assert.equal(wrong.status, 'invalid');
    const detail = wrong.status === 'invalid' ? wrong.error.detail : '';
    for (const part of ['version', 'imap.security', 'passwordChangeUrl', 'extra'])
      assert.match(detail, new RegExp(part));

    const sub = join(dir, 'a-directory.json');
    mkdirSync(sub);
    const unreadable = loadPolicy(sub);
    assert.equal(unreadable.status === 'invalid' && unreadable.error.code, 'POLICY_UNREADABLE');
    assert.equal(activePolicy(unreadable), null);
  });

  test('lockServers needs both servers; servers need domains; a directory-only policy is fine', () => {
    assert.throws(
      () => parsePolicy({ version: 1, domains: ['x.vn'], lockServers: true, imap: good.imap }),
      /lockServers needs both imap and smtp/,
    );
    assert.throws(() => parsePolicy({ version: 1, imap: good.imap, smtp: good.smtp }), /servers need the domains/);
    const dirOnly = parsePolicy({ version: 1, directory: { ldap: { url: 'ldap://127.0.0.1:389', baseDn: 'dc=x' } } });
    assert.deepEqual(dirOnly.domains, []);
    assert.equal(dirOnly.directory?.ldap?.pageSize, 500, "the directory's own defaults apply");
    assert.throws(() => parsePolicy({ version: 1, directory: { ldap: { url: 'http://x' } } }), /directory\.ldap/);
  });
});

describe('what the UI sees, and the lock', () => {
  test('the view has no paths or servers', () => {
    const v = policyView(loadPolicy(write('v.json', JSON.stringify(good))));
    assert.deepEqual(v, {
      status: 'ok',
      error: null,
      organisation: good.organisation,
      domains: ['cantho.gov.vn'],
      lockServers: true,
      passwordChangeUrl: good.passwordChangeUrl,
      helpdesk: good.helpdesk,
      lockedSettings: ['remoteContent'],
    });
    assert.ok(!JSON.stringify(v).includes('ca.pem'));
    const broken = policyView(loadPolicy(write('b.json', '[')));
    assert.equal(broken.status, 'invalid');
    assert.equal(broken.error, 'POLICY_INVALID');
  });

  test('a locked domain must use the policy servers (case-insensitive host)', () => {
    const p = parsePolicy(good);
    const imap = { host: 'MAIL.cantho.gov.vn', port: 993, security: 'tls' as const };
    const smtp = { host: 'mail.cantho.gov.vn', port: 465, security: 'tls' as const };
    assertServersAllowed(p, 'a@cantho.gov.vn', { imap, smtp });
    assert.throws(
      () => assertServersAllowed(p, 'a@cantho.gov.vn', { imap: { ...imap, port: 143, security: 'starttls' }, smtp }),
      (e: Error & { code?: string }) => e.code === 'POLICY_LOCKED',
    );
    // Other domains, or an unlocked policy, are free.
    assertServersAllowed(p, 'a@gmail.com', { imap: { ...imap, host: 'imap.gmail.com' }, smtp });
    assertServersAllowed({ ...p, lockServers: false }, 'a@cantho.gov.vn', { imap: { ...imap, port: 1 }, smtp });
  });
});

test('docs/policy.schema.json is the schema the program uses (regenerate: node scripts/policy-schema.ts)', () => {
  const committed = JSON.parse(readFileSync(new URL('../../docs/policy.schema.json', import.meta.url), 'utf8'));
  assert.deepEqual(committed, JSON.parse(JSON.stringify(policyJsonSchema())));
});
