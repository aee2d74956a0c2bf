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
