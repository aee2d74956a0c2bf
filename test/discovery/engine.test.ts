// Discovery and the policy through the contract (dispatch, as the UI calls it) and through `tcv`: the policy's
// locked servers are found and enforced, its CA is trusted for the real Dovecot, a newer discovery cancels an older
// one, and `tcv account discover` / `account add` without servers use the same code.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { StackInfo } from '../../scripts/mailstack/index.ts';
import type { MethodName, ParamsIn, Result, ResultOf } from '../../src/api/contract.ts';
import { createDispatch } from '../../src/api/dispatch.ts';
import { createEngine, type Engine } from '../../src/engine/index.ts';
import { createFileLogger } from '../../src/platform/log.ts';
import { loadPolicy } from '../../src/policy/load.ts';
import { createKeytarSecretStore } from '../../src/secrets/keytar.ts';
import { tcv } from '../support/cli.ts';
import { stack, user } from '../support/stack.ts';
import { makeTestCa, startAutoconfigServer, startDns, type AutoconfigServer, type Dns } from './support.ts';

describe('discovery and policy through the API and tcv', { timeout: 120_000 }, () => {
  let info: StackInfo;
  let dir: string;
  let policyFile: string;
  let engine: Engine;
  let dns: Dns;
  let web: AutoconfigServer;
  let call: <M extends MethodName>(m: M, p: ParamsIn<M>) => Promise<Result<ResultOf<M>>>;

  before(async () => {
    info = await stack();
    dir = mkdtempSync(join(tmpdir(), 'tcv-discovery-engine-'));
    policyFile = join(dir, 'policy.json');
    writeFileSync(
      policyFile,
      JSON.stringify({
        version: 1,
        organisation: 'Sở Khoa học và Công nghệ thành phố Cần Thơ',
        domains: [info.domain],
        imap: { host: info.imap.host, port: info.imap.tlsPort, security: 'tls' },
        smtp: { host: info.smtp.host, port: info.smtp.port, security: 'starttls' },
        lockServers: true,
        caFile: info.ca,
        passwordChangeUrl: 'https://mail.cantho.gov.vn/doi-mat-khau',
      }),
    );
    const ca = makeTestCa(dir, ['autoconfig.slow.test', 'slow.test']);
    dns = await startDns(dir, ['test'], []);
    web = await startAutoconfigServer(ca, {
      'autoconfig.slow.test/mail/config-v1.1.xml': 'hang',
      'slow.test/.well-known/autoconfig/mail/config-v1.1.xml': 'hang',
    });
    const log = createFileLogger(join(dir, 'engine.log'), 'debug');
    // Only the autoconfig server's CA (so its hanging answer is reached): the stack's CA is trusted only because the
    // policy names it.
    engine = await createEngine({
      profileDir: join(dir, 'profile'),
      trustedCaFiles: [ca.caFile],
      secrets: createKeytarSecretStore(`Thư Công Vụ (test ${randomUUID()})`),
      log,
      policy: loadPolicy(policyFile),
      discovery: { resolver: dns.resolver, autoconfigPort: web.port },
    });
    const dispatch = createDispatch(engine.handlers, log);
    call = ((m: MethodName, p: unknown) => dispatch(m, p)) as typeof call;
  });

  after(async () => {
    await engine?.close();
    await web?.close();
    await dns?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('policy.get shows what the UI may know, no paths', async () => {
    const r = await call('policy.get', {});
    assert.ok(r.ok);
    assert.equal(r.value.status, 'ok');
    assert.equal(r.value.lockServers, true);
    assert.equal(r.value.passwordChangeUrl, 'https://mail.cantho.gov.vn/doi-mat-khau');
    assert.ok(!JSON.stringify(r.value).includes(info.ca));
  });

  test('the policy servers are found locked, enforced, and its CA makes the real login work', async () => {
    const u = user(info, 'personal');
    const d = await call('accounts.discover', { email: u.email });
    assert.ok(d.ok);
    const c = d.value.candidates[0];
    assert.equal(c?.source, 'policy');
    assert.equal(c?.locked, true);
    const other = await call('accounts.add', {
      email: u.email,
      password: u.password,
      imap: { host: info.imap.host, port: info.imap.port, security: 'starttls' },
      smtp: c?.smtp ?? { host: '', port: 1, security: 'tls' },
      verify: false,
    });
    assert.equal(!other.ok && other.error.code, 'POLICY_LOCKED');
    const added = await call('accounts.add', {
      email: u.email,
      password: u.password,
      imap: c?.imap ?? { host: '', port: 1, security: 'tls' },
      smtp: c?.smtp ?? { host: '', port: 1, security: 'tls' },
      verify: true,
    });
    assert.ok(added.ok, JSON.stringify(added));
    assert.deepEqual(added.value.imap, { host: info.imap.host, port: info.imap.tlsPort, security: 'tls' });
    await call('accounts.remove', { accountId: u.email });
  });

  test('a newer discovery cancels the older one; discoverCancel stops one in flight', async () => {
    const first = call('accounts.discover', { email: 'a@slow.test' });
    await new Promise((r) => setTimeout(r, 100));
    const second = call('accounts.discover', { email: 'b@slow.test' });
    const r1 = await first;
    assert.equal(!r1.ok && r1.error.code, 'DISCOVERY_CANCELLED');
    await new Promise((r) => setTimeout(r, 100));
    const c = await call('accounts.discoverCancel', {});
    assert.ok(c.ok && c.value.cancelled);
    const r2 = await second;
    assert.equal(!r2.ok && r2.error.code, 'DISCOVERY_CANCELLED');
  });

  test('tcv account discover and account add without servers', async () => {
    const profile = join(dir, 'cli-profile');
    const env = { TCV_DNS_SERVERS: `127.0.0.1:${dns.port}`, TCV_AUTOCONFIG_PORT: String(web.port) };
    const email = `discovery-${randomUUID().slice(0, 8)}@${info.domain}`;
    const json = await tcv(['--profile', profile, '--policy', policyFile, 'account', 'discover', email, '--json'], '', {
      env,
    });
    assert.equal(json.code, 0, json.stderr);
    assert.equal(JSON.parse(json.stdout).candidates[0].source, 'policy');
    const human = await tcv(['--profile', profile, '--policy', policyFile, 'account', 'discover', email], '', { env });
    assert.match(
      human.stdout,
      /Nguồn: theo chính sách của đơn vị \(Sở Khoa học và Công nghệ thành phố Cần Thơ\) — bị khóa/,
    );
    // Nothing to find (names do not exist in the test DNS): exit 1 and say what to do.
    const none = await tcv(['--profile', profile, 'account', 'discover', 'a@nothing.invalid'], '', {
      env: { ...env, TCV_POLICY: join(dir, 'no-such-policy.json') },
    });
    assert.equal(none.code, 1);
    assert.match(none.stdout, /Không tìm được cấu hình máy chủ/);
    assert.match(none.stdout, /autoconfig.*HOST_NOT_FOUND/);
    // account add with neither --imap nor --smtp takes the policy's servers (no verify: a made-up address).
    const add = await tcv(
      [
        '--profile',
        profile,
        '--policy',
        policyFile,
        'account',
        'add',
        '--email',
        email,
        '--password-stdin',
        '--no-verify',
      ],
      'x\n',
      { env },
    );
    assert.equal(add.code, 0, add.stderr);
    assert.match(add.stderr, /Nhận thư \(IMAP\): 127\.0\.0\.1:\d+ TLS/);
    const list = await tcv(['--profile', profile, 'account', 'list', '--json']);
    const acct = JSON.parse(list.stdout).find((a: { email: string }) => a.email === email);
    assert.deepEqual(acct.imap, { host: info.imap.host, port: info.imap.tlsPort, security: 'tls' });
    await tcv(['--profile', profile, 'account', 'remove', email]);
    // A broken policy file: a Vietnamese warning, and the command still works.
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"version": 1, "domains": "cantho.gov.vn"}');
    const still = await tcv(['--profile', profile, '--policy', broken, 'account', 'list']);
    assert.equal(still.code, 0);
    assert.match(still.stderr, /Cảnh báo \[POLICY_INVALID\]: Tệp chính sách của đơn vị/);
  });
});
