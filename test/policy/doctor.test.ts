// `tcv doctor` shows the IT policy in effect (docs/policy.md "tcv doctor"): none, a valid one with its servers, lock,
// CA and locked settings, or a broken one with its POLICY_INVALID message; `--json` keeps the report's shape and adds
// a `policy` field. Real tcv processes against the real stack (the doctor's own steps run as always).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { StackInfo } from '../../scripts/mailstack/index.ts';
import { errorMessage } from '../../src/api/errors.ts';
import type { PolicyReport } from '../../src/policy/report.ts';
import { accountAddArgs, tcv } from '../support/cli.ts';
import { stack, tempDir } from '../support/stack.ts';

let info: StackInfo;
const dir = tempDir('tcv-doctor-policy-');
const profile = join(dir, 'profile');
// A made-up address outside the policy's domains: the account is added without checking the server, and the doctor's
// login fails; only the policy part is looked at here.
const email = `doctor-${randomUUID().slice(0, 8)}@cantho.gov.vn`;

before(async () => {
  info = await stack('full');
  const add = await tcv(accountAddArgs(info, profile, email, { extra: ['--no-verify'] }), 'x\n');
  assert.equal(add.code, 0, add.stderr);
});
after(async () => {
  await tcv(['--profile', profile, 'account', 'remove', email]);
  rmSync(dir, { recursive: true, force: true });
});

const doctor = (policyFile: string, json = false) =>
  tcv(['--profile', profile, '--policy', policyFile, 'doctor', ...(json ? ['--json'] : [])]);

test('no policy file: "không có chính sách", and policy.status none in the JSON', async () => {
  const missing = join(dir, 'khong-co.json');
  const human = await doctor(missing);
  assert.match(human.stdout, /^Chính sách của đơn vị: không có chính sách \(.*khong-co\.json\)\./);
  assert.match(human.stdout, /Kho mật khẩu/, 'the connection steps still follow');
  const json = JSON.parse((await doctor(missing, true)).stdout) as { policy: PolicyReport; steps: unknown[] };
  assert.equal(json.policy.status, 'none');
  assert.equal(json.policy.path, missing);
  assert.ok(Array.isArray(json.steps) && json.steps.length > 0, 'the report keeps its shape');
});

test('a valid policy: path, version, organisation, domains, locked servers, CA and locked settings', async () => {
  const file = join(dir, 'policy.json');
  const servers = {
    organisation: 'Sở Khoa học và Công nghệ thành phố Cần Thơ',
    domains: ['skhcn.example.vn'],
    imap: { host: 'mail.skhcn.example.vn', port: 993, security: 'tls' },
    smtp: { host: 'mail.skhcn.example.vn', port: 587, security: 'starttls' },
    lockServers: true,
    caFile: info.ca,
  };
  writeFileSync(
    file,
    JSON.stringify({ version: 1, ...servers, lockedSettings: { remoteContent: 'never', language: 'vi' } }),
  );
  const human = await doctor(file);
  const lines = human.stdout.split('\n');
  assert.equal(lines[0], `Chính sách của đơn vị: ${file} (phiên bản 1)`);
  assert.match(human.stdout, /Đơn vị: Sở Khoa học và Công nghệ thành phố Cần Thơ/);
  assert.match(human.stdout, /Tên miền: skhcn\.example\.vn/);
  assert.match(
    human.stdout,
    /Máy chủ nhận thư \(IMAP\): mail\.skhcn\.example\.vn:993 \(TLS trực tiếp\) — bị khóa, người dùng không đổi được/,
  );
  assert.match(human.stdout, /Máy chủ gửi thư \(SMTP\): mail\.skhcn\.example\.vn:587 \(STARTTLS\) — bị khóa/);
  assert.ok(human.stdout.includes(`Chứng chỉ CA của đơn vị: ${info.ca}`));
  assert.match(human.stdout, /Cài đặt do bộ phận CNTT quy định: language, remoteContent/);

  const json = JSON.parse((await doctor(file, true)).stdout) as { policy: PolicyReport; accountId: string };
  assert.equal(json.accountId, email);
  assert.deepEqual(json.policy, {
    status: 'ok',
    path: file,
    version: 1,
    ...servers,
    lockedSettings: ['language', 'remoteContent'],
    error: null,
  });
});

test('a broken policy: its POLICY_INVALID message and the field at fault; not applied', async () => {
  const file = join(dir, 'broken.json');
  writeFileSync(file, JSON.stringify({ version: 1, domains: 'cantho.gov.vn' }));
  const human = await doctor(file);
  assert.ok(human.stdout.startsWith(`⚠ Chính sách của đơn vị: ${file}\n   ${errorMessage('POLICY_INVALID')}\n`));
  assert.match(human.stdout, /\(POLICY_INVALID: .*domains/);
  const json = JSON.parse((await doctor(file, true)).stdout) as { policy: PolicyReport };
  assert.equal(json.policy.status, 'invalid');
  assert.equal(json.policy.error?.code, 'POLICY_INVALID');
  assert.equal(json.policy.error?.message, errorMessage('POLICY_INVALID'));
  assert.deepEqual([json.policy.version, json.policy.domains, json.policy.lockServers], [null, [], false]);
});

test('no account yet: the policy, the keychain and the policy servers are still checked, the error is a field', async () => {
  const file = join(dir, 'servers.json');
  const servers = {
    imap: { host: info.imap.host, port: info.imap.port, security: 'starttls' },
    smtp: { host: info.smtp.host, port: info.smtp.port, security: 'starttls' },
  };
  writeFileSync(file, JSON.stringify({ version: 1, domains: ['cantho.gov.vn'], ...servers, caFile: info.ca }));
  const empty = join(dir, 'no-account');
  const args = ['--profile', empty, '--policy', file, 'doctor'];
  const json = await tcv([...args, '--json']);
  assert.equal(json.code, 1, json.stderr);
  const report = JSON.parse(json.stdout) as {
    accountId: string | null;
    ok: boolean;
    steps: { id: string; verdict: string }[];
    policy: PolicyReport;
    error: { code: string; message: string };
  };
  assert.deepEqual(Object.keys(report).sort(), ['accountId', 'error', 'ok', 'policy', 'steps']);
  assert.equal(report.accountId, null);
  assert.equal(report.ok, false);
  assert.equal(report.error.code, 'ACCOUNT_NOT_FOUND');
  assert.match(report.error.message, /Chưa có tài khoản nào/);
  assert.equal(report.policy.status, 'ok');
  assert.equal(report.policy.version, 1);
  assert.deepEqual(
    report.steps.map((s) => `${s.id} ${s.verdict}`),
    ['keychain ok', 'imap-tcp ok', 'imap-tls ok', 'smtp-tcp ok', 'smtp-tls ok'],
  );
  assert.match(json.stderr, /Lỗi \[ACCOUNT_NOT_FOUND\]/);

  const human = await tcv(args);
  assert.equal(human.code, 1);
  assert.equal(human.stdout.split('\n')[0], `Chính sách của đơn vị: ${file} (phiên bản 1)`);
  assert.match(human.stdout, /✔ ĐẠT\s+Kho mật khẩu/);
  assert.match(human.stdout, /✔ ĐẠT\s+Bảo mật TLS của máy chủ IMAP \(STARTTLS\)/);
  assert.match(human.stderr, /Lỗi \[ACCOUNT_NOT_FOUND\]: /);

  // The policy's servers really are probed: a closed port fails its step, and TLS after it is skipped.
  writeFileSync(file, JSON.stringify({ version: 1, domains: ['cantho.gov.vn'], imap: { ...servers.imap, port: 1 } }));
  const closed = JSON.parse((await tcv([...args, '--json'])).stdout) as typeof report;
  assert.deepEqual(
    closed.steps.map((s) => `${s.id} ${s.verdict}`),
    ['keychain ok', 'imap-tcp fail', 'imap-tls skipped'],
  );
  assert.equal(closed.error.code, 'ACCOUNT_NOT_FOUND');
});
