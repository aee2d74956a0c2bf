// Discovery against real servers on 127.0.0.1 only: dnsmasq (DNS, SRV), an HTTPS server with autoconfig files, and
// TLS front ends on the real Dovecot/Postfix for guesses. Each step, the order, the fall-through on each failure, bad
// XML, plaintext refused, TLS untrusted without the policy CA, time limits and cancellation.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { after, before, describe, test } from 'node:test';
import { discover, type DiscoverDeps, type GuessPorts } from '../../src/accounts/discovery/index.ts';
import { TcvError } from '../../src/api/errors.ts';
import { parsePolicy } from '../../src/policy/load.ts';
import { stack } from '../support/stack.ts';
import {
  autoconfigXml,
  makeTestCa,
  startAutoconfigServer,
  startDns,
  startTlsFrontEnd,
  type AutoconfigServer,
  type Dns,
  type TestCa,
} from './support.ts';

const AC = '/mail/config-v1.1.xml';
const WK = '/.well-known/autoconfig/mail/config-v1.1.xml';

describe('account discovery (real DNS and HTTPS on loopback)', { timeout: 120_000 }, () => {
  let dir: string;
  let ca: TestCa;
  let dns: Dns;
  let web: AutoconfigServer;
  let fronts: { port: number; close(): Promise<void> }[] = [];
  let guessPorts: GuessPorts;
  let closedPort: number;
  const contacted: string[] = [];

  before(async () => {
    const info = await stack();
    dir = mkdtempSync(join(tmpdir(), 'tcv-discovery-'));
    ca = makeTestCa(dir, [
      'autoconfig.hcm.test',
      'hcm.test',
      'wk.test',
      'autoconfig.wk.test',
      'autoconfig.plain.test',
      'autoconfig.badxml.test',
      'autoconfig.slow.test',
      'slow.test',
      'autoconfig.srv.test',
      'srv.test',
      'autoconfig.guess.test',
      'guess.test',
      'imap.guess.test',
      'smtp.guess.test',
    ]);
    dns = await startDns(
      dir,
      ['test'],
      [
        '_imaps._tcp.srv.test,imap.srv.test,993,0,1',
        '_imap._tcp.srv.test,imap.srv.test,143,0,1',
        '_submissions._tcp.srv.test', // "." target: not offered (RFC 6186 §3.4)
        '_submission._tcp.srv.test,smtp.srv.test,587,0,1',
        '_imap._tcp.plain.test,mx.plain.test,143,10,1',
        '_imap._tcp.plain.test,mx2.plain.test,1143,5,1', // lower priority value wins
        '_submission._tcp.plain.test,mx.plain.test,587,0,1',
      ],
    );
    const xml = (domain: string, socketType = 'SSL', host = 'mail.%EMAILDOMAIN%') =>
      autoconfigXml({
        domain,
        imap: { host, port: 993, socketType, username: '%EMAILLOCALPART%' },
        smtp: { host, port: 587, socketType: socketType === 'SSL' ? 'STARTTLS' : socketType },
      });
    web = await startAutoconfigServer(ca, {
      [`autoconfig.hcm.test${AC}`]: { status: 200, body: xml('hcm.test') },
      [`hcm.test${WK}`]: { status: 200, body: xml('hcm.test', 'SSL', 'wellknown.hcm.test') },
      [`wk.test${WK}`]: { status: 200, body: xml('wk.test') },
      [`autoconfig.plain.test${AC}`]: { status: 200, body: xml('plain.test', 'plain') },
      [`autoconfig.badxml.test${AC}`]: { status: 200, body: '<clientConfig><emailProvider></clientConfig>' },
      [`autoconfig.slow.test${AC}`]: 'hang',
      [`slow.test${WK}`]: 'hang',
    });
    // Real IMAP and SMTP answers behind the test certificate; the STARTTLS ports are the stack's own, whose
    // certificate (for 127.0.0.1) does not match the guessed names and so must be refused.
    const imapFront = await startTlsFrontEnd(ca, info.imap.port);
    const smtpFront = await startTlsFrontEnd(ca, info.smtp.port);
    fronts = [imapFront, smtpFront];
    const closed = await startTlsFrontEnd(ca, 1);
    closedPort = closed.port;
    await closed.close();
    guessPorts = {
      imap: [
        { port: imapFront.port, security: 'tls' },
        { port: info.imap.port, security: 'starttls' },
      ],
      smtp: [
        { port: smtpFront.port, security: 'tls' },
        { port: info.smtp.port, security: 'starttls' },
      ],
    };
  });

  after(async () => {
    await web?.close();
    for (const f of fronts) await f.close();
    await dns?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const closedPorts = (): GuessPorts => ({
    imap: [{ port: closedPort, security: 'tls' }],
    smtp: [{ port: closedPort, security: 'tls' }],
  });

  function deps(over: Partial<DiscoverDeps> = {}, ports: GuessPorts = closedPorts()): DiscoverDeps {
    return {
      policy: null,
      network: { resolver: dns.resolver, autoconfigPort: web.port, guessPorts: ports },
      cas: [...rootCertificates, readFileSync(ca.caFile, 'utf8')],
      onContact: (host, address) => contacted.push(`${host} ${address}`),
      ...over,
    };
  }

  test('autoconfig: the autoconfig host, placeholders filled, preferred over .well-known', async () => {
    const r = await discover('Nguyen.Van.A@hcm.test', deps());
    assert.equal(r.candidates.length, 1);
    const c = r.candidates[0];
    assert.equal(c?.source, 'autoconfig');
    assert.equal(c?.locked, false);
    assert.deepEqual(c?.imap, { host: 'mail.hcm.test', port: 993, security: 'tls' });
    assert.deepEqual(c?.smtp, { host: 'mail.hcm.test', port: 587, security: 'starttls' });
    assert.equal(c?.username, 'Nguyen.Van.A');
    assert.match(c?.origin ?? '', /Thư hcm\.test & co/);
    // Both locations are asked at once; the autoconfig host's answer is taken even though .well-known also has one.
    assert.deepEqual(
      r.tried.map((a) => `${a.source} ${a.outcome}`),
      ['policy none', 'autoconfig found', 'autoconfig found'],
    );
    assert.ok(web.seen.some((s) => s.startsWith('autoconfig.hcm.test /mail/config-v1.1.xml?emailaddress=')));
  });

  test("autoconfig: the domain's .well-known location when there is no autoconfig host file", async () => {
    const r = await discover('a@wk.test', deps());
    assert.equal(r.candidates[0]?.source, 'autoconfig');
    assert.equal(r.candidates[0]?.imap.host, 'mail.wk.test');
    const ac = r.tried.filter((a) => a.source === 'autoconfig');
    assert.deepEqual(ac.map((a) => a.outcome).sort(), ['found', 'none']);
    assert.ok(ac.some((a) => a.outcome === 'none' && a.detail === 'HTTP 404'));
  });

  test('plaintext autoconfig is refused and discovery falls through to SRV (priority order)', async () => {
    const r = await discover('a@plain.test', deps());
    const ac = r.tried.find((a) => a.source === 'autoconfig' && a.target.includes('autoconfig.plain.test'));
    assert.equal(ac?.outcome, 'rejected');
    assert.equal(ac?.code, 'PLAINTEXT_REFUSED');
    const c = r.candidates[0];
    assert.equal(c?.source, 'srv');
    assert.deepEqual(c?.imap, { host: 'mx2.plain.test', port: 1143, security: 'starttls' });
    assert.deepEqual(c?.smtp, { host: 'mx.plain.test', port: 587, security: 'starttls' });
  });

  test('SRV: implicit TLS preferred (RFC 8314), "." means not offered', async () => {
    const r = await discover('a@srv.test', deps());
    const c = r.candidates[0];
    assert.equal(c?.source, 'srv');
    assert.deepEqual(c?.imap, { host: 'imap.srv.test', port: 993, security: 'tls' });
    assert.deepEqual(c?.smtp, { host: 'smtp.srv.test', port: 587, security: 'starttls' });
    const subs = r.tried.find((a) => a.target === '_submissions._tcp.srv.test');
    assert.equal(subs?.outcome, 'none');
  });

  test('bad XML is rejected; with nothing else found the result is empty (manual entry)', async () => {
    const r = await discover('a@badxml.test', deps());
    const ac = r.tried.find((a) => a.target.includes('autoconfig.badxml.test'));
    assert.equal(ac?.outcome, 'rejected');
    assert.equal(ac?.code, 'AUTOCONFIG_INVALID');
    assert.deepEqual(r.candidates, []);
    assert.ok(r.tried.some((a) => a.source === 'srv' && a.outcome === 'none'));
    assert.ok(r.tried.some((a) => a.source === 'guess' && a.outcome === 'failed' && a.code === 'CONNECTION_REFUSED'));
  });

  test('guesses: a verified TLS handshake and a real IMAP/SMTP answer; a certificate for another name is refused', async () => {
    const r = await discover('a@guess.test', deps({}, guessPorts));
    const c = r.candidates[0];
    assert.equal(c?.source, 'guess', JSON.stringify(r.tried, null, 1));
    assert.deepEqual(c?.imap, { host: 'imap.guess.test', port: guessPorts.imap[0]?.port, security: 'tls' });
    assert.deepEqual(c?.smtp, { host: 'smtp.guess.test', port: guessPorts.smtp[0]?.port, security: 'tls' });
    // The stack's STARTTLS ports answer, but their certificate is for 127.0.0.1: refused, never used.
    const starttls = r.tried.filter((a) => a.source === 'guess' && a.target.endsWith('starttls'));
    assert.ok(starttls.length >= 2);
    for (const a of starttls) assert.equal(a.code, 'TLS_UNTRUSTED', JSON.stringify(a));
  });

  test('TLS is verified: without the CA, the autoconfig server is not trusted', async () => {
    const r = await discover('a@hcm.test', deps({ cas: [...rootCertificates] }));
    const ac = r.tried.filter((a) => a.source === 'autoconfig');
    assert.equal(ac.length, 2);
    for (const a of ac) {
      assert.equal(a.outcome, 'failed');
      assert.equal(a.code, 'TLS_UNTRUSTED');
    }
    assert.notEqual(r.candidates[0]?.source, 'autoconfig');
  });

  test('the bundled provider file, after autoconfig found nothing (names do not resolve)', async () => {
    const r = await discover('ai@gmail.com', deps());
    const c = r.candidates[0];
    assert.equal(c?.source, 'provider');
    assert.deepEqual(c?.imap, { host: 'imap.gmail.com', port: 993, security: 'tls' });
    assert.equal(c?.origin, 'Gmail');
    for (const a of r.tried.filter((x) => x.source === 'autoconfig')) assert.equal(a.code, 'HOST_NOT_FOUND');
  });

  test('policy wins, locked, before any network step', async () => {
    const policy = parsePolicy({
      version: 1,
      organisation: 'Sở Thử nghiệm',
      domains: ['hcm.test'],
      imap: { host: 'imap.policy.test', port: 993, security: 'tls' },
      smtp: { host: 'smtp.policy.test', port: 465, security: 'tls' },
      lockServers: true,
    });
    const seen = web.seen.length;
    const r = await discover('b@HCM.test', deps({ policy }));
    assert.deepEqual(r.candidates, [
      {
        source: 'policy',
        locked: true,
        imap: { host: 'imap.policy.test', port: 993, security: 'tls' },
        smtp: { host: 'smtp.policy.test', port: 465, security: 'tls' },
        username: null,
        origin: 'Sở Thử nghiệm',
      },
    ]);
    assert.deepEqual(
      r.tried.map((a) => a.source),
      ['policy'],
    );
    assert.equal(web.seen.length, seen, 'no autoconfig request');
    // Unlocked, it still wins; for another domain it is passed over.
    const open = await discover('b@hcm.test', deps({ policy: { ...policy, lockServers: false } }));
    assert.equal(open.candidates[0]?.source, 'policy');
    assert.equal(open.candidates[0]?.locked, false);
    const other = await discover('b@wk.test', deps({ policy }));
    assert.equal(other.candidates[0]?.source, 'autoconfig');
  });

  test('time limits: a server that never answers costs one step limit, then discovery moves on', async (t) => {
    const t0 = performance.now();
    const r = await discover(
      'a@slow.test',
      deps({ timeouts: { autoconfigMs: 400, srvMs: 400, guessMs: 400, totalMs: 3000 } }),
    );
    const ms = performance.now() - t0;
    const ac = r.tried.filter((a) => a.source === 'autoconfig');
    assert.deepEqual(
      ac.map((a) => [a.outcome, a.code]),
      [
        ['timeout', 'TIMEOUT'],
        ['timeout', 'TIMEOUT'],
      ],
    );
    assert.ok(
      r.tried.some((a) => a.source === 'srv'),
      'went on to SRV',
    );
    assert.ok(ms < 2500, `took ${ms} ms`);
    t.diagnostic(`slow.test discovery took ${Math.round(ms)} ms`);
  });

  test('cancellable: aborting stops at once with DISCOVERY_CANCELLED', async () => {
    const ctl = new AbortController();
    const t0 = performance.now();
    const p = discover('a@slow.test', deps({ signal: ctl.signal, timeouts: { autoconfigMs: 5000, totalMs: 10_000 } }));
    setTimeout(() => ctl.abort(), 150);
    await assert.rejects(p, (e: unknown) => e instanceof TcvError && e.code === 'DISCOVERY_CANCELLED');
    assert.ok(performance.now() - t0 < 1500);
  });

  test('network off: only the policy and the provider file; the rest is said to be skipped', async () => {
    const r = await discover('a@hcm.test', deps({ network: null }));
    assert.deepEqual(r.candidates, []);
    assert.deepEqual(
      r.tried.map((a) => [a.source, a.outcome]),
      [
        ['policy', 'none'],
        ['autoconfig', 'skipped'],
        ['provider', 'none'],
        ['srv', 'skipped'],
        ['guess', 'skipped'],
      ],
    );
    const g = await discover('a@outlook.com', deps({ network: null }));
    assert.equal(g.candidates[0]?.source, 'provider');
  });

  test('nothing but 127.0.0.1 was contacted, and every DNS query went to the test dnsmasq', () => {
    assert.ok(contacted.length > 5);
    for (const c of contacted) assert.match(c, / 127\.0\.0\.1$/);
    const q = dns.queries();
    assert.ok(q.length > 10);
    for (const line of q) assert.match(line, / from 127\.0\.0\.1$/);
  });
});
