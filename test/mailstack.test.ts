// The test mail stack itself (scripts/mailstack): every port answers, both IMAP flavours log in over verified TLS
// with UTF-8 passwords and advertise what they should, submission enforces TLS, SASL and sender ownership, mail
// flows submission -> Postfix -> LMTP -> Dovecot, the Secret Service round-trips a Vietnamese password, and the CLI's
// start/status are idempotent. startStack() is cheap when `npm test` has already started the stack.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import {
  doveadm,
  doveadmSave,
  injectMessage,
  resetMailboxes,
  stackStatus,
  startStack,
  type Role,
  type StackInfo,
} from '../scripts/mailstack/index.ts';

const run = promisify(execFile);
const CLI = new URL('../scripts/mailstack.ts', import.meta.url).pathname;

let full: StackInfo;
let reduced: StackInfo;
let ca: Buffer;

before(async () => {
  full = await startStack({ flavour: 'full' });
  reduced = await startStack({ flavour: 'reduced' });
  ca = fs.readFileSync(full.ca);
});

function user(info: StackInfo, role: Role) {
  const u = info.users.find((x) => x.role === role);
  assert.ok(u, `a ${role} user`);
  return u;
}

function greeting(port: number, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host, port });
    s.setTimeout(5000, () => s.destroy(new Error(`no greeting on ${port}`)));
    s.once('data', (b) => {
      resolve(b.toString('utf8'));
      s.destroy();
    });
    s.once('error', reject);
  });
}

function tlsGreeting(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // Verified against the stack's CA; 127.0.0.1 must be in the certificate's SAN.
    const s = tls.connect({ host: '127.0.0.1', port, ca });
    s.setTimeout(5000, () => s.destroy(new Error(`no TLS greeting on ${port}`)));
    s.once('data', (b) => {
      resolve(b.toString('utf8'));
      s.destroy();
    });
    s.once('error', reject);
  });
}

async function imap(info: StackInfo, role: Role, opts: { secure?: boolean; loginMethod?: string } = {}) {
  const u = user(info, role);
  const client = new ImapFlow({
    host: info.imap.host,
    port: opts.secure ? info.imap.tlsPort : info.imap.port,
    secure: opts.secure ?? false,
    auth: { user: u.email, pass: u.password, ...(opts.loginMethod ? { loginMethod: opts.loginMethod } : {}) },
    tls: { ca },
    logger: false,
  });
  await client.connect();
  return client;
}

function smtp(info: StackInfo, role: Role, password?: string) {
  const u = user(info, role);
  return nodemailer.createTransport({
    host: info.smtp.host,
    port: info.smtp.port,
    secure: false,
    requireTLS: true,
    auth: { user: u.email, pass: password ?? u.password },
    tls: { ca: [ca] },
  });
}

async function waitForMessageId(client: ImapFlow, messageId: string, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const uids = await client.search({ header: { 'message-id': messageId } }, { uid: true });
    if (uids && uids.length > 0 && uids[0] !== undefined) return uids[0];
    if (Date.now() > deadline) throw new Error(`message ${messageId} did not arrive within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('start describes the stack with the agreed keys', () => {
  for (const info of [full, reduced]) {
    assert.deepEqual(Object.keys(info.imap).sort(), ['host', 'port', 'tlsPort']);
    assert.deepEqual(Object.keys(info.smtp).sort(), ['host', 'port']);
    assert.deepEqual(Object.keys(info.inbound).sort(), ['host', 'port']);
    assert.ok(fs.existsSync(info.ca), 'CA file exists');
    for (const u of info.users) assert.deepEqual(Object.keys(u).sort(), ['email', 'password', 'role']);
    assert.deepEqual(info.users.map((u) => u.role).sort(), ['custodian', 'head', 'personal', 'unit']);
    assert.ok(
      info.users.some((u) => Buffer.byteLength(u.password) !== u.password.length),
      'a UTF-8 password',
    );
    for (const host of [info.imap.host, info.smtp.host, info.inbound.host]) assert.equal(host, '127.0.0.1');
    assert.match(info.keyring.env.DBUS_SESSION_BUS_ADDRESS ?? '', /^unix:path=\//);
  }
  assert.deepEqual([full.imap.port, full.imap.tlsPort], [10143, 10993]);
  assert.deepEqual([reduced.imap.port, reduced.imap.tlsPort], [10144, 10994]);
  assert.equal(full.flavour, 'full');
  assert.equal(reduced.flavour, 'reduced');
});

test('every port answers on 127.0.0.1', async () => {
  for (const port of [full.imap.port, reduced.imap.port]) assert.match(await greeting(port), /^\* OK .*STARTTLS/);
  for (const port of [full.imap.tlsPort, reduced.imap.tlsPort]) assert.match(await tlsGreeting(port), /^\* OK /);
  assert.match(await greeting(full.smtp.port), /^220 /);
  assert.match(await greeting(full.inbound.port), /^220 /);
  assert.match(await greeting(full.lmtp.port), /^220 /);
});

test('full flavour: STARTTLS login with a Vietnamese password, QRESYNC and ACL advertised', async () => {
  const client = await imap(full, 'personal');
  try {
    assert.ok(client.secureConnection, 'upgraded with STARTTLS');
    for (const cap of ['QRESYNC', 'CONDSTORE', 'ACL', 'IDLE', 'NAMESPACE', 'SPECIAL-USE', 'MOVE', 'UIDPLUS']) {
      assert.ok(client.capabilities.has(cap), `full advertises ${cap}`);
    }
    assert.ok(client.enabled.has('CONDSTORE'), 'imapflow enabled CONDSTORE');
    const list = await client.list();
    const uses = new Set(list.map((m) => m.specialUse).filter(Boolean));
    for (const use of ['\\Drafts', '\\Sent', '\\Trash', '\\Junk', '\\Archive'])
      assert.ok(uses.has(use), `${use} folder`);
    assert.ok(
      list.filter((m) => m.specialUse).every((m) => m.subscribed),
      'special folders subscribed',
    );
  } finally {
    await client.logout();
  }
});

test('reduced flavour: same users and mail, no QRESYNC, CONDSTORE or ACL', async () => {
  const client = await imap(reduced, 'personal');
  try {
    assert.ok(client.secureConnection, 'upgraded with STARTTLS');
    for (const cap of ['QRESYNC', 'CONDSTORE', 'ACL']) assert.ok(!client.capabilities.has(cap), `reduced hides ${cap}`);
    assert.ok(![...client.capabilities.keys()].some((c) => c.startsWith('RIGHTS=')), 'no RIGHTS=');
    for (const cap of ['IMAP4rev1', 'IDLE', 'NAMESPACE', 'UIDPLUS', 'MOVE', 'SPECIAL-USE', 'LITERAL+', 'ENABLE']) {
      assert.ok(client.capabilities.has(cap), `reduced keeps ${cap}`);
    }
    assert.ok(!client.enabled.has('CONDSTORE'), 'nothing to enable');
  } finally {
    await client.logout();
  }
});

test('IMAPS and the plain LOGIN command accept the UTF-8 passwords too', async () => {
  for (const info of [full, reduced]) {
    for (const role of ['custodian', 'unit', 'head'] as const) {
      const client = await imap(info, role, { secure: true });
      assert.ok(client.authenticated, `${role} on ${info.flavour} IMAPS`);
      await client.logout();
    }
    const viaLogin = await imap(info, 'personal', { loginMethod: 'LOGIN' });
    assert.ok(viaLogin.authenticated, `LOGIN command on ${info.flavour}`);
    await viaLogin.logout();
  }
});

test('submission: UTF-8 subject from chuyenvien reaches vanthu over LMTP, seen on both flavours', async () => {
  const from = user(full, 'personal');
  const to = user(full, 'custodian');
  const messageId = `<${randomUUID()}@test.cantho.gov.vn>`;
  const subject = 'Công văn số 45/UBND-VP về việc triển khai thư điện tử công vụ';
  const t0 = performance.now();
  const sent = await smtp(full, 'personal').sendMail({
    from: `"Chuyên viên Nguyễn Văn Ân" <${from.email}>`,
    to: to.email,
    subject,
    text: 'Kính gửi: Văn thư. Đề nghị vào sổ công văn đến.',
    messageId,
  });
  assert.deepEqual(sent.accepted, [to.email]);
  for (const info of [full, reduced]) {
    const client = await imap(info, 'custodian');
    try {
      await client.mailboxOpen('INBOX');
      const uid = await waitForMessageId(client, messageId);
      const msg = await client.fetchOne(String(uid), { envelope: true }, { uid: true });
      assert.ok(msg);
      assert.equal(msg.envelope?.subject, subject);
    } finally {
      await client.logout();
    }
  }
  process.stderr.write(`# submission -> IMAP visible in ${Math.round(performance.now() - t0)} ms\n`);
});

test('submission: the custodian may send as the unit mailbox; a forged sender gets 553', async () => {
  const unit = user(full, 'unit');
  const head = user(full, 'head');
  const ok = await smtp(full, 'custodian').sendMail({
    from: unit.email,
    to: head.email,
    subject: 'Văn thư gửi thay Văn phòng',
    text: 'Được phép.',
  });
  assert.deepEqual(ok.accepted, [head.email]);
  await assert.rejects(
    smtp(full, 'personal').sendMail({ from: unit.email, to: head.email, subject: 'Giả mạo', text: 'Không được.' }),
    (e: { responseCode?: number }) => e.responseCode === 553,
  );
});

function smtpDialogue(port: number, lines: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port });
    const replies: string[] = [];
    let buf = '';
    const queue = [...lines];
    s.setTimeout(5000, () => s.destroy(new Error('SMTP dialogue timed out')));
    s.on('data', (d) => {
      buf += d.toString('utf8');
      // A reply ends with a line "NNN text" (space after the code).
      const m = /(?:^|\r\n)\d{3} [^\r\n]*\r\n$/.exec(buf);
      if (!m) return;
      replies.push(buf.trimEnd());
      buf = '';
      const next = queue.shift();
      if (next === undefined) {
        s.end();
        resolve(replies);
      } else s.write(`${next}\r\n`);
    });
    s.on('error', reject);
  });
}

test('submission: SASL LOGIN works with a UTF-8 password too', async () => {
  const u = user(full, 'custodian');
  const t = nodemailer.createTransport({
    host: full.smtp.host,
    port: full.smtp.port,
    secure: false,
    requireTLS: true,
    authMethod: 'LOGIN',
    auth: { user: u.email, pass: u.password },
    tls: { ca: [ca] },
  });
  assert.equal(await t.verify(), true);
});

test('submission: mail for another domain is refused at RCPT, never relayed', async () => {
  // Postfix sees that the recipient would go to the error transport and refuses it in the SMTP dialogue.
  await assert.rejects(
    smtp(full, 'personal').sendMail({
      from: user(full, 'personal').email,
      to: 'nguoinhan@example.com',
      subject: 'Không được rời máy',
      text: 'x',
    }),
    (e: { responseCode?: number; response?: string }) =>
      e.responseCode === 550 && /never delivers outside/.test(e.response ?? ''),
  );
});

test('submission: a wrong password gets 535; nothing is accepted before STARTTLS', async () => {
  await assert.rejects(
    smtp(full, 'personal', 'Mật-khẩu-sai').verify(),
    (e: { responseCode?: number }) => e.responseCode === 535,
  );
  const [banner, ehlo, mail] = await smtpDialogue(full.smtp.port, [
    'EHLO test.localhost',
    'MAIL FROM:<chuyenvien@cantho.gov.vn>',
  ]);
  assert.match(banner ?? '', /^220 /);
  assert.match(ehlo ?? '', /STARTTLS/);
  assert.doesNotMatch(ehlo ?? '', /AUTH/, 'no AUTH offered in clear text');
  assert.match(mail ?? '', /^530 /);
});

test('keytar stores, reads and deletes a Vietnamese password in the private Secret Service', async () => {
  // libsecret reads the bus address when keytar first talks to D-Bus, so set it before any keytar call.
  Object.assign(process.env, full.keyring.env);
  const { default: keytar } = await import('keytar');
  const service = 'tcv-mailstack-test';
  const account = `chuyenvien-${randomUUID()}@cantho.gov.vn`;
  const secret = 'Mật-khẩu-Đặc-biệt-ưởng-😀';
  await keytar.setPassword(service, account, secret);
  assert.equal(await keytar.getPassword(service, account), secret);
  assert.equal(await keytar.deletePassword(service, account), true);
  assert.equal(await keytar.getPassword(service, account), null);
});

test('fixtures: injectMessage waits for delivery, doveadmSave stores directly, resetMailboxes clears mail and ACLs', async () => {
  const cv = user(full, 'personal');
  const vt = user(full, 'custodian');
  const raw = [
    'From: =?UTF-8?B?VsSDbiBwaMOybmc=?= <vanphong@cantho.gov.vn>',
    `To: ${cv.email}`,
    'Subject: =?UTF-8?B?R2nhuqV5IG3hu51p?=',
    `Message-ID: <${randomUUID()}@test>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    'Kính mời dự họp.',
    '.dòng bắt đầu bằng dấu chấm',
    '',
  ].join('\n');
  const injected = await injectMessage(full, raw, [cv.email, vt.email]);
  assert.equal(injected.deliveries.length, 2);
  await doveadmSave(full, cv.email, 'Archive', raw);
  await doveadm(full, ['mailbox', 'create', '-u', cv.email, 'Dự án/Năm 2026']);
  await doveadm(full, ['acl', 'set', '-u', cv.email, 'INBOX', `user=${vt.email}`, 'lookup', 'read']);
  const count = async (email: string, box: string) =>
    (await doveadm(full, ['search', '-u', email, 'mailbox', box, 'all'])).trim().split('\n').filter(Boolean).length;
  assert.ok((await count(cv.email, 'INBOX')) >= 1);
  assert.ok((await count(cv.email, 'Archive')) >= 1);
  // The dot-stuffed line came through intact.
  const body = await doveadm(full, ['fetch', '-u', cv.email, 'body', 'mailbox', 'INBOX', 'all']);
  assert.match(body, /^\.dòng bắt đầu/m);
  assert.match(await doveadm(full, ['mailbox', 'list', '-u', vt.email]), /shared\/chuyenvien@cantho\.gov\.vn\/INBOX/);

  // Delegation over IMAP on the full flavour, and a revocation seen by an already open session (acl cache_secs=0).
  const shared = `shared/${cv.email}/INBOX`;
  const custodian = await imap(full, 'custodian');
  try {
    assert.ok(
      (await custodian.list()).some((m) => m.path === shared),
      'custodian lists the delegated INBOX',
    );
    const st = await custodian.status(shared, { messages: true });
    assert.ok(st && (st.messages ?? 0) >= 1, 'the delegated INBOX has the message');
    await doveadm(full, ['acl', 'delete', '-u', cv.email, 'INBOX', `user=${vt.email}`]);
    assert.ok(!(await custodian.list()).some((m) => m.path === shared), 'revocation visible at once');
  } finally {
    await custodian.logout();
  }
  await doveadm(full, ['acl', 'set', '-u', cv.email, 'INBOX', `user=${vt.email}`, 'lookup', 'read']);

  await resetMailboxes(full);
  for (const u of full.users) assert.equal(await count(u.email, '*'), 0, `${u.email} empty`);
  const boxes = (await doveadm(full, ['mailbox', 'list', '-u', cv.email])).trim().split('\n').sort();
  assert.deepEqual(boxes, ['Archive', 'Drafts', 'INBOX', 'Junk', 'Sent', 'Trash']);
  assert.doesNotMatch(await doveadm(full, ['mailbox', 'list', '-u', vt.email]), /shared\//);
});

test('CLI: status prints the same description; start is idempotent and keeps the same processes', async () => {
  const env = { ...process.env };
  const status = await run(process.execPath, [CLI, 'status', '--json'], { env });
  assert.deepEqual(JSON.parse(status.stdout), full);
  const reducedStatus = await run(process.execPath, [CLI, 'status', '--flavour', 'reduced', '--json'], { env });
  assert.deepEqual(JSON.parse(reducedStatus.stdout), reduced);

  const pidFiles = [
    `${full.dir}/dovecot/run/master.pid`,
    `${full.dir}/dovecot-reduced/run/master.pid`,
    `${full.dir}/postfix/spool/pid/master.pid`,
    `${full.dir}/keyring/dbus.pid`,
    `${full.dir}/keyring/keyring.pid`,
  ];
  const pids = pidFiles.map((f) => fs.readFileSync(f, 'utf8').trim());
  const t0 = performance.now();
  const again = await run(process.execPath, [CLI, 'start', '--json'], { env });
  const elapsed = performance.now() - t0;
  assert.deepEqual(JSON.parse(again.stdout), full);
  assert.equal(again.stdout.trim().split('\n').length, 1, 'exactly one JSON line on stdout');
  assert.deepEqual(
    pidFiles.map((f) => fs.readFileSync(f, 'utf8').trim()),
    pids,
    'nothing restarted',
  );
  process.stderr.write(`# idempotent CLI start: ${Math.round(elapsed)} ms (including Node start-up)\n`);
  assert.deepEqual(await stackStatus(), full);

  await assert.rejects(run(process.execPath, [CLI, 'bogus']), (e: { code?: number }) => e.code === 2);
  await assert.rejects(
    run(process.execPath, [CLI, 'start', '--flavour', 'tiny']),
    (e: { code?: number }) => e.code === 2,
  );
});
