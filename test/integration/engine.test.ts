// The first real slice, end to end in plain Node against the real stack: add an account (password only in the Secret
// Service), sync INBOX, read a Vietnamese message with its attachment name exact, send to another user and see it
// arrive, and one clear error for each way a connection fails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import keytar from 'keytar';
import { injectMessage, type StackInfo } from '../../scripts/mailstack/index.ts';
import { accountParams, addAccount, stack, testEngine, user, type TestEngine } from '../support/stack.ts';
import { officialMail } from '../support/messages.ts';

// Unique per run: other tests may share these mailboxes, so messages are found by subject, never by count.
const SUBJECT = `Công văn số 45/UBND-VP về việc triển khai thư điện tử công vụ năm 2026 (${process.pid}-${Date.now()})`;
const PDF_NAME = 'Công văn số 45-UBND.pdf';

let info: StackInfo;
const engines: TestEngine[] = [];
const open = async (opts: Parameters<typeof testEngine>[0] = {}) => {
  const t = await testEngine({ trustedCaFiles: [info.ca], ...opts });
  engines.push(t);
  return t;
};

before(async () => {
  info = await stack('full');
});
after(async () => {
  for (const t of engines) await t.engine.close();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

test('adding an account verifies the login and keeps the password only in the Secret Service', async () => {
  const t = await open();
  const cv = user(info, 'personal');
  assert.equal(await keytar.getPassword(t.keychainService, cv.email), null);
  const account = await addAccount(t, info, 'personal');
  assert.equal(account.id, cv.email);
  assert.equal(await keytar.getPassword(t.keychainService, cv.email), cv.password);
  await t.engine.close();
  engines.splice(engines.indexOf(t), 1);
  for (const f of filesUnder(t.profileDir)) {
    const bytes = readFileSync(f);
    assert.ok(!bytes.includes(Buffer.from(cv.password, 'utf8')), `password found in ${f}`);
    assert.ok(!bytes.includes(Buffer.from(cv.password, 'utf16le')), `password (UTF-16) found in ${f}`);
  }
});

test('sync INBOX and open a Vietnamese official letter with its PDF attachment name exact', async () => {
  const t = await open();
  const cv = user(info, 'personal');
  await addAccount(t, info, 'personal');
  const raw = await officialMail({
    from: '"Văn phòng UBND thành phố" <vanphong@cantho.gov.vn>',
    to: cv.email,
    subject: SUBJECT,
    text: 'Kính gửi: Các sở, ban, ngành thành phố.\nỦy ban nhân dân thành phố đề nghị các cơ quan triển khai.',
    attachmentName: PDF_NAME,
  });
  await injectMessage(info, raw, [cv.email]);
  const sync = await t.must('sync.run', { accountId: cv.email });
  assert.ok(sync.added >= 1);
  assert.ok(sync.folders >= 5, `special folders listed (${sync.folders})`);
  const folders = await t.must('folders.list', { accountId: cv.email });
  const roles = folders.map((f) => f.specialUse);
  for (const r of ['inbox', 'sent', 'drafts', 'trash', 'junk'] as const) assert.ok(roles.includes(r), `folder ${r}`);
  assert.ok((folders.find((f) => f.specialUse === 'inbox')?.unread ?? 0) >= 1);

  const page = await t.must('messages.list', { accountId: cv.email, folder: 'INBOX', limit: 500 });
  const m = page.items.find((x) => x.subject === SUBJECT);
  assert.ok(m);
  assert.equal(m.subject, SUBJECT);
  assert.equal(m.from?.name, 'Văn phòng UBND thành phố');
  assert.equal(m.hasAttachments, true);
  assert.equal(m.seen, false);

  const detail = await t.must('messages.get', { accountId: cv.email, folder: 'INBOX', uid: m.uid });
  assert.equal(detail.subject, SUBJECT);
  assert.deepEqual(
    detail.attachments.map((a) => [a.filename, a.contentType]),
    [[PDF_NAME, 'application/pdf']],
  );
  assert.match(detail.text, /Ủy ban nhân dân thành phố đề nghị/);
  assert.equal(detail.seen, true, 'opening marks it read');

  // The server agrees: a second, fresh profile sees it read.
  const other = await open();
  await addAccount(other, info, 'personal');
  await other.must('sync.run', { accountId: cv.email });
  const again = await other.must('messages.list', { accountId: cv.email, folder: 'INBOX', limit: 500 });
  assert.equal(again.items.find((x) => x.uid === m.uid)?.seen, true);
});

test('send from one user to another: it arrives by IMAP and a copy is filed in Sent', async () => {
  const sender = await open();
  const receiver = await open();
  const cv = user(info, 'personal');
  const vt = user(info, 'custodian');
  await addAccount(sender, info, 'personal');
  await addAccount(receiver, info, 'custodian');
  const subject = `Trả lời: Đề nghị hỗ trợ thủ tục hành chính ${Date.now()}`;
  const entry = await sender.must('messages.send', {
    accountId: cv.email,
    to: [vt.email],
    subject,
    text: 'Kính gửi chị Thư,\nĐơn vị đã tiếp nhận hồ sơ.\nTrân trọng.',
  });
  assert.equal(entry.state, 'sent', `outbox state ${entry.state} ${entry.lastError}`);

  let found = null;
  for (let i = 0; i < 50 && !found; i++) {
    await receiver.must('sync.run', { accountId: vt.email });
    const page = await receiver.must('messages.list', { accountId: vt.email, folder: 'INBOX' });
    found = page.items.find((x) => x.subject === subject) ?? null;
    if (!found) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(found, 'message arrived in the receiver INBOX');
  assert.equal(found.from?.address, cv.email);
  assert.equal(found.messageId, entry.messageId);
  const body = await receiver.must('messages.get', { accountId: vt.email, folder: 'INBOX', uid: found.uid });
  assert.match(body.text, /Đơn vị đã tiếp nhận hồ sơ/);

  const sent = (await sender.must('folders.list', { accountId: cv.email })).find((f) => f.specialUse === 'sent');
  assert.ok(sent);
  await sender.must('sync.run', { accountId: cv.email, folder: sent.path });
  const sentPage = await sender.must('messages.list', { accountId: cv.email, folder: sent.path });
  assert.ok(sentPage.items.some((x) => x.messageId === entry.messageId && x.seen));
  const outbox = await sender.must('outbox.list', { accountId: cv.email });
  assert.equal(outbox.find((e) => e.id === entry.id)?.state, 'sent');
});

async function dropServer(): Promise<{ server: Server; port: number }> {
  // Accepts, then closes at once: what a crashing or overloaded server looks like from the client.
  const server = createServer((s) => s.destroy());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('no port');
  return { server, port: addr.port };
}

async function freePort(): Promise<number> {
  const { server, port } = await dropServer();
  await new Promise((r) => server.close(r));
  return port;
}

test('each connection failure has its own clear error', async () => {
  const t = await open();
  const noCa = await open({ trustedCaFiles: [] });
  const expectCode = async (te: TestEngine, p: ReturnType<typeof accountParams>, code: string) => {
    const r = await te.call('accounts.add', p);
    assert.equal(r.ok, false, `expected ${code}`);
    if (!r.ok) {
      assert.equal(r.error.code, code);
      assert.match(r.error.message, /[ăâđêôơưĂÂĐÊÔƠƯàáảãạ]/, 'Vietnamese message');
    }
  };
  await expectCode(t, accountParams(info, 'head', { password: 'sai-mật-khẩu' }), 'AUTH_FAILED');
  await expectCode(noCa, accountParams(info, 'head'), 'TLS_UNTRUSTED');
  await expectCode(
    noCa,
    accountParams(info, 'head', { imap: { host: '127.0.0.1', port: info.imap.tlsPort, security: 'tls' } }),
    'TLS_UNTRUSTED',
  );
  const closed = await freePort();
  await expectCode(
    t,
    accountParams(info, 'head', { imap: { host: '127.0.0.1', port: closed, security: 'tls' } }),
    'CONNECTION_REFUSED',
  );
  const { server, port } = await dropServer();
  try {
    await expectCode(
      t,
      accountParams(info, 'head', { imap: { host: '127.0.0.1', port, security: 'starttls' } }),
      'CONNECTION_LOST',
    );
    await expectCode(
      t,
      accountParams(info, 'head', { imap: { host: '127.0.0.1', port, security: 'tls' } }),
      'CONNECTION_LOST',
    );
  } finally {
    server.close();
  }
  // Nothing was saved for any failed attempt.
  assert.deepEqual(await t.must('accounts.list', {}), []);
  assert.equal(await keytar.getPassword(t.keychainService, user(info, 'head').email), null);
  assert.equal(await keytar.getPassword(noCa.keychainService, user(info, 'head').email), null);
});

test('sending with a wrong password or to a closed SMTP port keeps the message in the outbox', async () => {
  const t = await open();
  const cv = user(info, 'personal');
  // Saved without verification, then the SMTP password is wrong: the message must stay, marked failed.
  await t.must('accounts.add', accountParams(info, 'personal', { password: 'mật-khẩu-cũ', verify: false }));
  const failed = await t.must('messages.send', {
    accountId: cv.email,
    to: ['vanthu@cantho.gov.vn'],
    subject: 'Thử',
    text: 'x',
  });
  assert.equal(failed.state, 'failed');
  assert.equal(failed.lastError, 'AUTH_FAILED');
  const t2 = await open();
  const closed = await freePort();
  await t2.must(
    'accounts.add',
    accountParams(info, 'personal', { smtp: { host: '127.0.0.1', port: closed, security: 'starttls' } }),
  );
  const queued = await t2.must('messages.send', {
    accountId: cv.email,
    to: ['vanthu@cantho.gov.vn'],
    subject: 'Thử lại',
    text: 'x',
  });
  assert.equal(queued.state, 'queued', 'a network failure is retried later, not dropped');
  assert.equal(queued.lastError, 'CONNECTION_REFUSED');
  assert.equal((await t2.must('outbox.list', {})).length, 1);
});

test('doctor: every step passes on a good account, and names the failing step otherwise', async () => {
  const t = await open();
  const cv = user(info, 'personal');
  await addAccount(t, info, 'personal');
  const good = await t.must('accounts.diagnose', { accountId: cv.email });
  assert.equal(good.ok, true, JSON.stringify(good.steps, null, 1));
  assert.deepEqual(
    good.steps.map((s) => s.id),
    ['keychain', 'imap-tcp', 'imap-tls', 'imap-login', 'smtp-tcp', 'smtp-tls', 'smtp-login'],
  );
  assert.match(good.steps.find((s) => s.id === 'imap-login')?.detail ?? '', /QRESYNC/);
  await t.engine.close();
  engines.splice(engines.indexOf(t), 1);
  const untrusted = await open({ trustedCaFiles: [], profileDir: t.profileDir, keychainService: t.keychainService });
  const bad = await untrusted.must('accounts.diagnose', { accountId: cv.email });
  assert.equal(bad.ok, false);
  const byId = Object.fromEntries(bad.steps.map((s) => [s.id, s.verdict]));
  assert.deepEqual(byId, {
    keychain: 'ok',
    'imap-tcp': 'ok',
    'imap-tls': 'fail',
    'imap-login': 'skipped',
    'smtp-tcp': 'ok',
    'smtp-tls': 'fail',
    'smtp-login': 'skipped',
  });
  assert.match(bad.steps.find((s) => s.id === 'imap-tls')?.detail ?? '', /TLS_UNTRUSTED/);
});

test('a cached message opens offline; "read" reaches the server when the connection is back', async () => {
  const { TcpProxy } = await import('../sync/support/proxy.ts');
  const proxy = new TcpProxy(info.imap.host, info.imap.port);
  const port = await proxy.start();
  try {
    const t = await open();
    const cv = user(info, 'personal');
    await t.must(
      'accounts.add',
      accountParams(info, 'personal', { imap: { host: '127.0.0.1', port, security: 'starttls' } }),
    );
    const subject = `Thư đọc khi mất mạng (${process.pid}-${Date.now()})`;
    await injectMessage(
      info,
      await officialMail({ from: 'vanphong@cantho.gov.vn', to: cv.email, subject, text: 'Nội dung đã lưu.' }),
      [cv.email],
    );
    await t.must('sync.run', { accountId: cv.email, folder: 'INBOX' });
    const m = (await t.must('messages.list', { accountId: cv.email, folder: 'INBOX', limit: 500 })).items.find(
      (x) => x.subject === subject,
    );
    assert.ok(m);
    // Cache the body while online, then make it unread again.
    await t.must('messages.get', { accountId: cv.email, folder: 'INBOX', uid: m.uid });
    await t.must('messages.setFlags', { accountId: cv.email, folder: 'INBOX', uids: [m.uid], remove: ['\\Seen'] });

    await proxy.cut();
    const offline = await t.must('messages.get', { accountId: cv.email, folder: 'INBOX', uid: m.uid });
    assert.equal(offline.seen, true, 'read at once in the cache');
    assert.match(offline.text, /Nội dung đã lưu/);
    const pending = await t.must('ops.pending', { accountId: cv.email });
    assert.equal(pending.length, 1, 'the read mark waits for the server');

    await proxy.restore();
    assert.deepEqual(await t.must('ops.replay', { accountId: cv.email }), []);
    const other = await open();
    await addAccount(other, info, 'personal');
    await other.must('sync.run', { accountId: cv.email, folder: 'INBOX' });
    const fresh = (await other.must('messages.list', { accountId: cv.email, folder: 'INBOX', limit: 500 })).items;
    assert.equal(fresh.find((x) => x.subject === subject)?.seen, true, 'the server has it read');
  } finally {
    await proxy.stop();
  }
});
