// Drafts and replies against the real stack: local saves are fast; the server's Drafts folder holds exactly one copy
// of each draft (the old one removed by UID after APPENDUID); compose.prepare builds reply, reply-all and forwards
// with the right recipients, threading headers and quote; sending a draft flags the original and removes the draft;
// cancelling a queued send returns the draft.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { injectMessage, type StackInfo } from '../../scripts/mailstack/index.ts';
import { accountParams, addAccount, stack, testEngine, user, type TestEngine } from '../support/stack.ts';
import { tinyPdf } from '../support/messages.ts';
import { cleanUp, fileHooks, findByHeader, findBySubject, imapAs, settle, source, tag, waitFor } from './support.ts';

let info: StackInfo;
const { engines, cleanups } = fileHooks((i) => (info = i));

async function open(role: 'personal' | 'custodian' = 'personal', profileDir?: string): Promise<TestEngine> {
  const t = await testEngine({ trustedCaFiles: [info.ca], profileDir });
  engines.push(t);
  if (!profileDir) await settle(() => addAccount(t, info, role));
  return t;
}

const DRAFT_HEADER = 'X-TCV-Draft-Id';

test('drafts.save is a local write: fast enough to call on every change, newest revision wins', async (tc) => {
  const t = await open();
  const cv = user(info, 'personal');
  const first = await t.must('drafts.save', { accountId: cv.email, subject: 'Nháp', text: '' });
  assert.equal(first.revision, 1);
  const times: number[] = [];
  let text = '';
  for (let i = 0; i < 200; i++) {
    text += i % 7 === 0 ? ' ' : 'ư';
    const s = performance.now();
    await t.must('drafts.save', { id: first.id, accountId: cv.email, text });
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const p95 = times[Math.floor(times.length * 0.95)] as number;
  assert.ok(p95 < 20, `p95 ${p95.toFixed(2)} ms`);
  tc.diagnostic(`drafts.save: p50 ${(times[100] as number).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms over 200 saves`);
  const d = await t.must('drafts.get', { id: first.id });
  assert.equal(d.revision, 201);
  assert.equal(d.text, text);
  assert.equal(d.subject, 'Nháp', 'fields left out keep their value');
  assert.equal((await t.must('drafts.list', { accountId: cv.email })).length, 1);
  await t.must('drafts.delete', { id: first.id });
  assert.deepEqual(await t.must('drafts.list', {}), []);
});

test('the Drafts folder keeps exactly one copy of a draft: a new revision replaces it by UID, delete removes it', async () => {
  const t = await open();
  const cv = user(info, 'personal');
  const id = tag('nhap-may-chu');
  cleanups.push(() => cleanUp(info, 'personal', ['Drafts'], id));
  const saved = await t.must('drafts.save', {
    accountId: cv.email,
    to: [{ name: 'Văn thư', address: user(info, 'custodian').email }],
    subject: `Dự thảo tờ trình ${id}`,
    text: 'Bản 1',
  });
  assert.deepEqual(await t.must('drafts.sync', { accountId: cv.email }), { uploaded: 1, removed: 0, failed: 0 });
  const c = await imapAs(info, 'personal');
  try {
    const [uid1, ...more] = await findByHeader(c, 'Drafts', DRAFT_HEADER, saved.id);
    assert.ok(uid1);
    assert.deepEqual(more, []);
    const [f1] = await findBySubject(c, 'Drafts', id);
    assert.ok(f1?.flags.has('\\Draft'));
    assert.equal((await t.must('drafts.list', {}))[0]?.onServer, true);
    assert.deepEqual(await t.must('drafts.sync', {}), { uploaded: 0, removed: 0, failed: 0 }, 'nothing new');

    await t.must('drafts.save', { id: saved.id, accountId: cv.email, text: 'Bản 2 — đã sửa' });
    assert.equal((await t.must('drafts.list', {}))[0]?.onServer, false);
    const second = await t.must('drafts.sync', {});
    assert.equal(second.uploaded, 1);
    const uids = await findByHeader(c, 'Drafts', DRAFT_HEADER, saved.id);
    assert.equal(uids.length, 1, 'the old copy was removed');
    assert.notEqual(uids[0], uid1);
    const parsed = await simpleParser(await source(c, 'Drafts', uids[0] as number));
    assert.match(parsed.text ?? '', /Bản 2 — đã sửa/);

    await t.must('drafts.delete', { id: saved.id });
    await waitFor(
      async () => (await findByHeader(c, 'Drafts', DRAFT_HEADER, saved.id)).length === 0,
      10_000,
      'removal',
    );
  } finally {
    await c.logout();
  }
});

async function injectOriginal(id: string) {
  const cv = user(info, 'personal');
  const vt = user(info, 'custodian');
  const head = user(info, 'head');
  const messageId = `<goc-${id}@cantho.gov.vn>`;
  const raw = await new MailComposer({
    from: { name: 'Văn phòng UBND thành phố', address: 'vanphong@cantho.gov.vn' },
    to: [{ name: 'Chuyên viên Hòa', address: cv.email }],
    cc: [
      { name: 'Văn thư', address: vt.email },
      { name: 'Lãnh đạo', address: head.email },
    ],
    subject: `TL: Re: Kế hoạch chuyển đổi số ${id}`,
    text: 'Kính gửi các đồng chí,\nĐề nghị góp ý dự thảo kế hoạch.\nTrân trọng.',
    date: new Date(Date.UTC(2026, 0, 5, 7, 30)),
    messageId,
    inReplyTo: `<cha-${id}@cantho.gov.vn>`,
    references: [`<goc-cu-${id}@cantho.gov.vn>`, `<cha-${id}@cantho.gov.vn>`],
    attachments: [{ filename: 'Dự thảo kế hoạch.pdf', content: tinyPdf('Dự thảo'), contentType: 'application/pdf' }],
  })
    .compile()
    .build();
  await injectMessage(info, raw, [cv.email]);
  return { messageId };
}

async function cachedUid(t: TestEngine, id: string): Promise<number> {
  const cv = user(info, 'personal');
  return waitFor(
    async () => {
      await settle(() => t.must('sync.run', { accountId: cv.email }));
      const page = await t.must('messages.list', { accountId: cv.email, folder: 'INBOX', limit: 500 });
      return page.items.find((m) => m.subject.includes(id))?.uid;
    },
    20_000,
    'the original in the cache',
  );
}

test('compose.prepare: reply, reply-all, forward inline and as attachment; sending flags the original', async () => {
  const t = await open();
  const cv = user(info, 'personal');
  const vt = user(info, 'custodian');
  const head = user(info, 'head');
  const id = tag('tra-loi');
  cleanups.push(() => cleanUp(info, 'personal', ['INBOX', 'Sent', 'Drafts'], id));
  cleanups.push(() => cleanUp(info, 'custodian', ['INBOX'], id));
  const { messageId } = await injectOriginal(id);
  const uid = await cachedUid(t, id);
  const base = `Kế hoạch chuyển đổi số ${id}`;

  const reply = await t.must('compose.prepare', { accountId: cv.email, mode: 'reply', folder: 'INBOX', uid });
  assert.equal(reply.mode, 'reply');
  assert.equal(reply.subject, `Re: ${base}`, 'TL: Re: collapsed into one Re:');
  assert.deepEqual(reply.to, [{ name: 'Văn phòng UBND thành phố', address: 'vanphong@cantho.gov.vn' }]);
  assert.deepEqual(reply.cc, []);
  assert.equal(reply.inReplyTo, messageId);
  assert.deepEqual(reply.references, [`<goc-cu-${id}@cantho.gov.vn>`, `<cha-${id}@cantho.gov.vn>`, messageId]);
  assert.match(
    reply.text,
    /\n\nVào 05\/01\/2026 lúc 14:30, Văn phòng UBND thành phố <vanphong@cantho\.gov\.vn> đã viết:\n> Kính gửi các đồng chí,\n> Đề nghị góp ý/,
  );
  assert.match(reply.html ?? '', /<blockquote type="cite"/);
  assert.deepEqual(reply.attachments, [], 'a reply does not carry the attachments');
  assert.deepEqual(reply.source, { folder: 'INBOX', uid });

  const all = await t.must('compose.prepare', { accountId: cv.email, mode: 'replyAll', folder: 'INBOX', uid });
  assert.deepEqual(
    all.to.map((a) => a.address),
    ['vanphong@cantho.gov.vn'],
  );
  assert.deepEqual(
    all.cc.map((a) => a.address),
    [vt.email, head.email],
    'everyone else, not the user',
  );

  const fwd = await t.must('compose.prepare', { accountId: cv.email, mode: 'forward', folder: 'INBOX', uid });
  assert.equal(fwd.subject, `Fwd: ${base}`);
  assert.equal(fwd.inReplyTo, null);
  assert.deepEqual(fwd.to, []);
  assert.match(
    fwd.text,
    /---------- Thư chuyển tiếp ----------\nTừ: Văn phòng UBND thành phố <vanphong@cantho\.gov\.vn>/,
  );
  assert.deepEqual(
    fwd.attachments.map((a) => [a.filename, a.contentType]),
    [['Dự thảo kế hoạch.pdf', 'application/pdf']],
  );

  const asAtt = await t.must('compose.prepare', {
    accountId: cv.email,
    mode: 'forwardAsAttachment',
    folder: 'INBOX',
    uid,
  });
  assert.equal(asAtt.attachments.length, 1);
  assert.equal(asAtt.attachments[0]?.contentType, 'message/rfc822');
  assert.match(asAtt.attachments[0]?.filename ?? '', /\.eml$/);

  // The reply goes to the custodian (not to a real office), from the draft.
  await t.must('drafts.save', { id: reply.id, accountId: cv.email, to: [vt.email], text: `Đồng ý.${reply.text}` });
  const sentReply = await t.must('drafts.send', { id: reply.id, holdSeconds: 0 });
  assert.equal(sentReply.state, 'sent', `${sentReply.state} ${sentReply.lastError}`);
  assert.equal(sentReply.draftId, reply.id);
  await t.must('drafts.save', { id: asAtt.id, accountId: cv.email, to: [vt.email] });
  const sentFwd = await t.must('drafts.send', { id: asAtt.id, holdSeconds: 0 });
  assert.equal(sentFwd.state, 'sent');
  const left = (await t.must('drafts.list', {})).map((d) => d.id).sort();
  assert.deepEqual(left, [all.id, fwd.id].sort(), 'sent drafts are gone');

  const c = await imapAs(info, 'custodian');
  try {
    const got = await waitFor(
      async () => {
        const f = await findBySubject(c, 'INBOX', id);
        return f.length >= 2 ? f : null;
      },
      15_000,
      'delivery',
    );
    const replyMsg = got.find((m) => m.messageId === sentReply.messageId);
    assert.ok(replyMsg);
    const parsedReply = await simpleParser(await source(c, 'INBOX', replyMsg.uid));
    assert.equal(parsedReply.inReplyTo, messageId);
    assert.equal(parsedReply.subject, `Re: ${base}`);
    assert.match(parsedReply.text ?? '', /^Đồng ý\./);
    const fwdMsg = got.find((m) => m.messageId === sentFwd.messageId);
    assert.ok(fwdMsg);
    const parsedFwd = await simpleParser(await source(c, 'INBOX', fwdMsg.uid));
    const inner = parsedFwd.attachments.find((a) => a.contentType === 'message/rfc822');
    assert.ok(inner, 'the original travels whole');
    assert.equal((await simpleParser(inner.content)).messageId, messageId);
  } finally {
    await c.logout();
  }
  const mine = await imapAs(info, 'personal');
  try {
    const [orig] = await findBySubject(mine, 'INBOX', id);
    assert.ok(orig?.flags.has('\\Answered'), 'the original is marked answered');
    assert.ok(orig?.flags.has('$Forwarded'), 'and forwarded');
  } finally {
    await mine.logout();
  }
  for (const d of [all.id, fwd.id]) await t.must('drafts.delete', { id: d });
});

// The same forward on the reduced server (no CONDSTORE/QRESYNC): the original is fetched whole for the attachment
// and flagged $Forwarded there too.
test('reduced flavour: forward as attachment carries the original whole and flags it forwarded', async () => {
  const reduced = await stack('reduced');
  const t = await testEngine({ trustedCaFiles: [reduced.ca] });
  engines.push(t);
  await settle(() => addAccount(t, reduced, 'personal'));
  const cv = user(reduced, 'personal');
  const vt = user(reduced, 'custodian');
  const id = tag('chuyen-tiep-rut-gon');
  cleanups.push(() => cleanUp(info, 'personal', ['INBOX', 'Sent'], id));
  cleanups.push(() => cleanUp(info, 'custodian', ['INBOX'], id));
  const { messageId } = await injectOriginal(id);
  const uid = await cachedUid(t, id);
  const asAtt = await t.must('compose.prepare', {
    accountId: cv.email,
    mode: 'forwardAsAttachment',
    folder: 'INBOX',
    uid,
  });
  assert.equal(asAtt.attachments[0]?.contentType, 'message/rfc822');
  await t.must('drafts.save', { id: asAtt.id, accountId: cv.email, to: [vt.email] });
  const sent = await t.must('drafts.send', { id: asAtt.id, holdSeconds: 0 });
  assert.equal(sent.state, 'sent', `${sent.state} ${sent.lastError}`);
  const c = await imapAs(reduced, 'custodian');
  try {
    const [got] = await waitFor(
      async () => {
        const f = await findBySubject(c, 'INBOX', id);
        return f.length ? f : null;
      },
      15_000,
      'delivery',
    );
    assert.equal(got?.messageId, sent.messageId);
    const inner = (await simpleParser(await source(c, 'INBOX', got.uid))).attachments.find(
      (a) => a.contentType === 'message/rfc822',
    );
    assert.ok(inner, 'the original travels whole');
    assert.equal((await simpleParser(inner.content)).messageId, messageId);
  } finally {
    await c.logout();
  }
  const mine = await imapAs(reduced, 'personal');
  try {
    const [orig] = await findBySubject(mine, 'INBOX', id);
    assert.ok(orig?.flags.has('$Forwarded'), 'the original is marked forwarded on the reduced server');
  } finally {
    await mine.logout();
  }
});

test('offline, a reply is built from the cache; a forward with attachments needs the server', async () => {
  const t = await open();
  const cv = user(info, 'personal');
  const id = tag('ngoai-tuyen');
  cleanups.push(() => cleanUp(info, 'personal', ['INBOX'], id));
  const { messageId } = await injectOriginal(id);
  const uid = await cachedUid(t, id);
  await t.must('messages.get', { accountId: cv.email, folder: 'INBOX', uid }); // body cached
  await t.engine.close();
  engines.splice(engines.indexOf(t), 1);
  // The IMAP server becomes unreachable: point the account at a closed port.
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const port = (closed.address() as { port: number }).port;
  await new Promise((r) => closed.close(r));
  const db = new DatabaseSync(join(t.profileDir, 'cache.sqlite'));
  db.prepare('UPDATE accounts SET imap_port = ? WHERE id = ?').run(port, cv.email);
  db.close();
  const offline = await testEngine({
    trustedCaFiles: [info.ca],
    profileDir: t.profileDir,
    keychainService: t.keychainService,
  });
  engines.push(offline);
  const reply = await offline.must('compose.prepare', { accountId: cv.email, mode: 'reply', folder: 'INBOX', uid });
  assert.equal(reply.inReplyTo, messageId);
  assert.equal(reply.references.at(-1), messageId);
  assert.match(reply.text, /> Đề nghị góp ý dự thảo kế hoạch\./);
  const fwd = await offline.call('compose.prepare', { accountId: cv.email, mode: 'forward', folder: 'INBOX', uid });
  assert.equal(fwd.ok ? 'ok' : fwd.error.code, 'CONNECTION_REFUSED');
});

test('a draft sent while the server is down waits in the outbox; cancelling returns it to the drafts', async () => {
  const t = await testEngine({ trustedCaFiles: [info.ca] });
  engines.push(t);
  const cv = user(info, 'personal');
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const port = (closed.address() as { port: number }).port;
  await new Promise((r) => closed.close(r));
  await t.must(
    'accounts.add',
    accountParams(info, 'personal', { smtp: { host: '127.0.0.1', port, security: 'starttls' }, verify: false }),
  );
  const d = await t.must('drafts.save', {
    accountId: cv.email,
    to: ['vanthu@cantho.gov.vn'],
    subject: 'Chờ',
    text: 'x',
  });
  const e = await t.must('drafts.send', { id: d.id, holdSeconds: 0 });
  assert.equal(e.state, 'queued');
  assert.equal(e.lastError, 'CONNECTION_REFUSED');
  assert.equal(e.draftId, d.id);
  assert.deepEqual(await t.must('drafts.list', {}), [], 'not listed while it waits in the outbox');
  const edit = await t.call('drafts.save', { id: d.id, accountId: cv.email, text: 'y' });
  assert.equal(edit.ok ? 'ok' : edit.error.code, 'INVALID_STATE');
  const cancelled = await t.must('outbox.cancel', { id: e.id });
  assert.equal(cancelled.draftId, d.id);
  assert.deepEqual(await t.must('outbox.list', {}), []);
  const back = await t.must('drafts.list', {});
  assert.deepEqual(
    back.map((x) => x.id),
    [d.id],
  );
  assert.equal((await t.must('drafts.get', { id: d.id })).outboxId, null);
});
