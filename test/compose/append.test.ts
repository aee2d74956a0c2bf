// The streamed APPEND (src/mail/append.ts) against both Dovecot flavours, and its refusals: a server that will not do
// STARTTLS never sees the password; a wrong password is AUTH_FAILED; a missing folder is FOLDER_NOT_FOUND.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import type { StackInfo } from '../../scripts/mailstack/index.ts';
import { TcvError } from '../../src/api/errors.ts';
import type { AccountSummary } from '../../src/api/types.ts';
import { appendMessage } from '../../src/mail/append.ts';
import { stack, tempDir, user } from '../support/stack.ts';
import { imapAs, source, tag } from './support.ts';

let full: StackInfo;
let reduced: StackInfo;
let cas: string[];

before(async () => {
  full = await stack('full');
  reduced = await stack('reduced');
  cas = [...rootCertificates, readFileSync(full.ca, 'utf8')];
});

function account(info: StackInfo, port = info.imap.port, security: 'tls' | 'starttls' = 'starttls'): AccountSummary {
  const u = user(info, 'personal');
  return {
    id: u.email,
    email: u.email,
    displayName: 'Chuyên viên',
    kind: 'personal',
    username: u.email,
    imap: { host: '127.0.0.1', port, security },
    smtp: { host: '127.0.0.1', port: info.smtp.port, security: 'starttls' },
    caFile: null,
  };
}

for (const flavour of ['full', 'reduced'] as const) {
  test(`a 1.5 MB message streams into a folder with a Vietnamese name (${flavour} Dovecot)`, async () => {
    const info = flavour === 'full' ? full : reduced;
    const id = tag(`append-${flavour}`);
    const folder = `Thư đã gửi ${id}`;
    const c = await imapAs(full, 'personal');
    await c.mailboxCreate(folder);
    try {
      const body = Buffer.alloc(1536 * 1024, 'Ư'.charCodeAt(0) & 0x7f);
      const raw = Buffer.concat([
        Buffer.from(`Message-ID: <${id}@cantho.gov.vn>\r\nSubject: ${id}\r\nContent-Type: text/plain\r\n\r\n`),
        body,
        Buffer.from('\r\n'),
      ]);
      const file = join(tempDir('tcv-append-'), 'm.eml');
      writeFileSync(file, raw);
      const u = user(info, 'personal');
      const r = await appendMessage(
        { account: account(info), password: u.password, cas },
        folder,
        { path: file, size: raw.length },
        ['\\Seen'],
      );
      assert.ok(r.uid && r.uid > 0, 'APPENDUID (UIDPLUS) names the new message');
      assert.ok(r.uidValidity);
      const back = await source(c, folder, r.uid);
      assert.equal(back.length, raw.length);
      assert.ok(back.equals(raw));
      const lock = await c.getMailboxLock(folder);
      try {
        const m = await c.fetchOne(String(r.uid), { flags: true }, { uid: true });
        assert.ok(m && m.flags?.has('\\Seen'));
      } finally {
        lock.release();
      }
    } finally {
      await c.mailboxDelete(folder).catch(() => {});
      await c.logout();
    }
  });
}

test('implicit TLS (imaps) works too', async () => {
  const u = user(full, 'personal');
  const id = tag('append-imaps');
  const c = await imapAs(full, 'personal');
  await c.mailboxCreate(id);
  try {
    const raw = Buffer.from(`Subject: ${id}\r\n\r\nx\r\n`);
    const r = await appendMessage(
      { account: account(full, full.imap.tlsPort, 'tls'), password: u.password, cas },
      id,
      { bytes: raw, size: raw.length },
      [],
    );
    assert.ok(r.uid);
  } finally {
    await c.mailboxDelete(id).catch(() => {});
    await c.logout();
  }
});

test('wrong password: AUTH_FAILED; missing folder: FOLDER_NOT_FOUND', async () => {
  const raw = Buffer.from('Subject: x\r\n\r\nx\r\n');
  await assert.rejects(
    appendMessage(
      { account: account(full), password: 'sai-mật-khẩu', cas },
      'Sent',
      { bytes: raw, size: raw.length },
      [],
    ),
    (e: TcvError) => e.code === 'AUTH_FAILED',
  );
  const u = user(full, 'personal');
  await assert.rejects(
    appendMessage(
      { account: account(full), password: u.password, cas },
      `Không có ${tag('x')}`,
      { bytes: raw, size: raw.length },
      [],
    ),
    (e: TcvError) => e.code === 'FOLDER_NOT_FOUND',
  );
});

test('a server that refuses STARTTLS never receives the password', async () => {
  const received: string[] = [];
  const server = createServer((s) => {
    s.write('* OK fake IMAP ready\r\n');
    s.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\r\n').filter(Boolean)) {
        received.push(line);
        const t = line.split(' ')[0];
        s.write(`${t} BAD no TLS here\r\n`);
      }
    });
    s.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  try {
    const raw = Buffer.from('Subject: x\r\n\r\nx\r\n');
    await assert.rejects(
      appendMessage(
        { account: account(full, port), password: 'Mật-khẩu-bí-mật', cas },
        'Sent',
        { bytes: raw, size: raw.length },
        [],
      ),
      (e: TcvError) => e.code === 'TLS_FAILED',
    );
    assert.deepEqual(
      received.map((l) => l.split(' ').slice(1).join(' ')),
      ['STARTTLS'],
    );
  } finally {
    server.close();
  }
});
