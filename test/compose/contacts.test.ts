// contacts.suggest (src/contacts/suggest.ts) against a real cache filled by the engine's own write paths: the Sent
// folder and a reply synced from the real Dovecot, a sent reply's \Answered, a directory imported with
// directory.importData. Names are matched without diacritics; recent correspondents rank by frequency and recency.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import MailComposer from 'nodemailer/lib/mail-composer';
import { injectMessage, type StackInfo } from '../../scripts/mailstack/index.ts';
import { openDb } from '../../src/cache/db.ts';
import { migrations } from '../../src/cache/migrations.ts';
import { correspondentWeight, matchesContact } from '../../src/contacts/suggest.ts';
import { fold, foldTokens } from '../../src/shared/fold.ts';
import { addAccount, testEngine, user } from '../support/stack.ts';
import { cleanUp, fileHooks, imapAs, settle, tag, waitFor } from './support.ts';

let info: StackInfo;
const { engines, cleanups } = fileHooks((i) => (info = i));

const DAY = 86_400_000;
/** A word no other run's leftovers contain, so counts can be asserted on the shared mailbox. */
const word = () => `x${Math.random().toString(36).slice(2, 8)}`;

async function appendSent(id: string, to: { name: string; address: string }[], date: Date) {
  const raw = await new MailComposer({
    from: user(info, 'personal').email,
    to,
    subject: `Gửi đi ${id}`,
    text: 'Nội dung.',
    date,
  })
    .compile()
    .build();
  const c = await imapAs(info, 'personal');
  try {
    await c.append('Sent', raw, ['\\Seen'], date);
  } finally {
    await c.logout();
  }
}

test('recent correspondents: Sent and answered senders from the real server, found without diacritics, ranked by frequency and recency', async (tc) => {
  const t = await testEngine({ trustedCaFiles: [info.ca] });
  engines.push(t);
  const cv = user(info, 'personal');
  await settle(() => addAccount(t, info, 'personal'));
  const id = tag('goi-y');
  const w = word();
  cleanups.push(() => cleanUp(info, 'personal', ['INBOX', 'Sent'], id));
  cleanups.push(() => cleanUp(info, 'custodian', ['INBOX'], id));
  const tuyet = { name: `Phạm Thị Ánh Tuyết ${w}`, address: `tuyet.${w}@example.org` };
  const tuyetOld = { name: `Phạm Thị Ánh Tuyết ${w}`, address: `pt.tuyet.${w}@example.org` };
  const once = { name: `Phạm Thị Ánh Tuyết ${w}`, address: `anh.tuyet.${w}@example.org` };
  const now = Date.now();
  for (let i = 0; i < 3; i++) await appendSent(id, [tuyet], new Date(now - i * DAY));
  // Written to often, but half a year ago: below one message today.
  for (let i = 0; i < 2; i++) await appendSent(id, [tuyetOld], new Date(now - 200 * DAY));
  await appendSent(id, [once], new Date(now - 3600_000));

  // A message the user answers: its sender becomes a correspondent through the \Answered the send sets. The sender
  // must be a real mailbox (the reply is delivered), so other runs may have answered it too: the count must grow by 1.
  const cuong = { name: `Lê Văn Cường ${w}`, address: user(info, 'custodian').email };
  const raw = await new MailComposer({
    from: cuong,
    to: [{ name: 'Chuyên viên', address: cv.email }],
    subject: `Đề nghị phối hợp ${id}`,
    text: 'Đề nghị phối hợp.',
  })
    .compile()
    .build();
  await injectMessage(info, raw, [cv.email]);
  await settle(() => t.must('sync.run', { accountId: cv.email }));
  const uid = await waitFor(
    async () => {
      await t.must('sync.run', { accountId: cv.email, folder: 'INBOX' });
      const page = await t.must('messages.list', { accountId: cv.email, folder: 'INBOX', limit: 500 });
      return page.items.find((m) => m.subject.includes(id))?.uid;
    },
    20_000,
    'the message to answer in the cache',
  );
  const before = await t.must('contacts.suggest', { accountId: cv.email, query: cuong.address });
  const repliedBefore = before[0]?.kind === 'recent' ? before[0].replied : 0;
  const reply = await t.must('compose.prepare', { accountId: cv.email, mode: 'reply', folder: 'INBOX', uid });
  const sent = await t.must('drafts.send', { id: reply.id, holdSeconds: 0 });
  await waitFor(
    async () => {
      const list = await t.must('outbox.list', { accountId: cv.email });
      const e = list.find((x) => x.id === sent.id);
      if (e?.state === 'failed') throw new Error(`the reply failed: ${JSON.stringify(e.lastError)}`);
      return e?.state === 'sent' ? e : undefined;
    },
    20_000,
    'the reply sent',
  );

  const started = performance.now();
  const found = await t.must('contacts.suggest', { accountId: cv.email, query: `pham thi anh tuyet ${w}` });
  tc.diagnostic(
    `contacts.suggest over the Sent folder's correspondents: ${(performance.now() - started).toFixed(1)} ms`,
  );
  assert.deepEqual(
    found.map((s) => (s.kind === 'recent' ? [s.address, s.sent, s.name] : s.kind)),
    [
      [tuyet.address, 3, tuyet.name],
      [once.address, 1, once.name],
      [tuyetOld.address, 2, tuyetOld.name],
    ],
    'three messages this week, then one today, then two half a year ago',
  );
  // Initials and a part of the address find them too; the query's case and tones do not matter.
  const byInitials = await t.must('contacts.suggest', { accountId: cv.email, query: `PTAT` });
  assert.ok(byInitials.some((s) => s.kind === 'recent' && s.address === tuyet.address));
  const byAddress = await t.must('contacts.suggest', { accountId: cv.email, query: `tuyet.${w}@ex` });
  assert.equal(byAddress[0]?.kind === 'recent' && byAddress[0].address, tuyet.address);

  const answered = await t.must('contacts.suggest', { accountId: cv.email, query: `Lê Van cuong ${w}` });
  assert.equal(answered.length, 1, 'found by the name it came with, typed without tones');
  const c = answered[0];
  assert.ok(c && c.kind === 'recent');
  assert.equal(c.address, cuong.address);
  assert.equal(c.name, cuong.name);
  assert.equal(c.replied, repliedBefore + 1, 'counted once, when the reply set \\Answered');

  // Another account's correspondents are not offered for this one; without accountId all accounts are searched.
  assert.deepEqual(await t.must('contacts.suggest', { accountId: 'khac@cantho.gov.vn', query: `tuyet ${w}` }), []);
  assert.equal((await t.must('contacts.suggest', { query: `tuyet ${w}` })).length, 3);
  // A sync of the same folder again does not count the same messages twice.
  await t.must('sync.run', { accountId: cv.email, folder: 'Sent' });
  const again = await t.must('contacts.suggest', { accountId: cv.email, query: `tuyet.${w}` });
  assert.equal(again[0]?.kind === 'recent' && again[0].sent, 3);
});

test('directory entries and groups: "stc" finds Sở Tài chính, "nguyen van an" finds Nguyễn Văn An, withdrawn mailboxes are not offered', async () => {
  const t = await testEngine();
  engines.push(t);
  const canTho = JSON.parse(readFileSync(new URL('../../data/directory/can-tho.json', import.meta.url), 'utf8')) as {
    entries: Record<string, unknown>[];
    groups: Record<string, unknown>[];
  };
  canTho.entries.push(
    {
      id: 'nva',
      kind: 'person',
      name: 'Nguyễn Văn An',
      address: 'an.nv@cantho.gov.vn',
      aliases: [],
      groups: ['to-soan-thao'],
      status: 'active',
      successor: null,
      unit: 'stc',
      title: 'Chuyên viên',
    },
    {
      id: 'nva-cu',
      kind: 'person',
      name: 'Nguyễn Văn Anh',
      address: 'anh.cu@cantho.gov.vn',
      aliases: [],
      groups: ['to-soan-thao'],
      status: 'historical',
      successor: 'nva',
      unit: 'stc',
      title: 'Chuyên viên',
    },
  );
  canTho.groups.push({ id: 'to-soan-thao', name: 'Tổ soạn thảo đề án', aliases: [] });
  const imported = await t.must('directory.importData', {
    name: 'danh-ba.json',
    dataBase64: Buffer.from(JSON.stringify(canTho)).toString('base64'),
  });
  assert.equal(imported.imported, true, JSON.stringify(imported.report.issues.slice(0, 3)));

  const stc = await t.must('contacts.suggest', { query: 'stc' });
  assert.equal(stc[0]?.kind, 'directory');
  assert.equal(stc[0]?.kind === 'directory' && stc[0].address, 'stc@cantho.gov.vn');
  assert.match(stc[0]?.name ?? '', /^Sở Tài chính/);

  const an = await t.must('contacts.suggest', { query: 'nguyen van an', limit: 10 });
  const people = an.filter((s) => s.kind === 'directory').map((s) => s.kind === 'directory' && s.address);
  assert.ok(people.includes('an.nv@cantho.gov.vn'));
  assert.ok(!people.includes('anh.cu@cantho.gov.vn'), 'a historical entry has no mailbox to write to');
  const person = an.find((s) => s.kind === 'directory' && s.id === 'nva');
  assert.equal(person?.kind === 'directory' && person.title, 'Chuyên viên');

  const groups = await t.must('contacts.suggest', { query: 'to soan thao' });
  const g = groups.find((s) => s.kind === 'group');
  assert.ok(g && g.kind === 'group');
  assert.equal(g.name, 'Tổ soạn thảo đề án');
  assert.equal(g.members, 2);
  const members = await t.must('directory.members', { groupId: g.id });
  assert.equal(members.members.length, 2);

  assert.deepEqual(await t.must('contacts.suggest', { query: '   ' }), []);
  const limited = await t.must('contacts.suggest', { query: 's', limit: 5 });
  assert.ok(limited.length <= 5);
});

test('a cache from schema 11 gets its correspondents from the Sent folder and answered messages it already holds', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'tcv-contacts-upgrade-')), 'cache.sqlite');
  const old = new DatabaseSync(path, { enableForeignKeyConstraints: true });
  for (const [i, sql] of migrations.slice(0, 11).entries()) {
    old.exec(sql);
    old.exec(`PRAGMA user_version = ${i + 1}`);
  }
  const A = 'cv@cantho.gov.vn';
  old
    .prepare(
      `INSERT INTO accounts VALUES (?, ?, 'x', 'unit', ?, 'h', 143, 'starttls', 'h', 587, 'starttls', NULL, 'now')`,
    )
    .run(A, A, A);
  for (const [p, use] of [
    ['INBOX', 'inbox'],
    ['Sent', 'sent'],
  ] as const)
    old
      .prepare(`INSERT INTO folders (account_id, path, name, delimiter, special_use) VALUES (?, ?, ?, '/', ?)`)
      .run(A, p, p, use);
  const ins = old.prepare(
    `INSERT INTO messages (account_id, folder, uid, from_name, from_addr, to_json, cc_json, date, answered)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const to = JSON.stringify([{ name: 'Sở Tài chính', address: 'stc@cantho.gov.vn' }]);
  const cc = JSON.stringify([{ name: 'Văn thư', address: 'vanthu@cantho.gov.vn' }]);
  ins.run(A, 'Sent', 1, '', A, to, cc, 1000, 0);
  ins.run(A, 'Sent', 2, '', A, to, '[]', 2000, 0);
  ins.run(A, 'INBOX', 1, 'Văn thư', 'vanthu@cantho.gov.vn', '[]', '[]', 3000, 1);
  ins.run(A, 'INBOX', 2, 'Không trả lời', 'khong@cantho.gov.vn', '[]', '[]', 4000, 0);
  old.close();

  const db = openDb(path);
  const insert = db.prepare(
    `INSERT INTO messages (account_id, folder, uid, from_name, from_addr, to_json, cc_json, date, answered)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const rows = db
    .prepare('SELECT address, name, sent, replied, last_at FROM correspondents ORDER BY address')
    .all()
    .map((r) => ({ ...r }));
  assert.deepEqual(rows, [
    { address: 'stc@cantho.gov.vn', name: 'Sở Tài chính', sent: 2, replied: 0, last_at: 2000 },
    { address: 'vanthu@cantho.gov.vn', name: 'Văn thư', sent: 1, replied: 1, last_at: 3000 },
  ]);
  // After the upgrade the triggers keep counting: a new message in Sent, a flag change to \Answered.
  insert.run(A, 'Sent', 3, '', A, cc, '[]', 5000, 0);
  db.prepare("UPDATE messages SET answered = 1 WHERE folder = 'INBOX' AND uid = 2").run();
  db.prepare("UPDATE messages SET answered = 1 WHERE folder = 'INBOX' AND uid = 1").run();
  const after = db
    .prepare('SELECT address, sent, replied FROM correspondents ORDER BY address')
    .all()
    .map((r) => ({ ...r }));
  assert.deepEqual(after, [
    { address: 'khong@cantho.gov.vn', sent: 0, replied: 1 },
    { address: 'stc@cantho.gov.vn', sent: 2, replied: 0 },
    { address: 'vanthu@cantho.gov.vn', sent: 2, replied: 1 },
  ]);
  db.close();
});

test('matching and weight rules', () => {
  const m = (q: string, name: string, address: string) => matchesContact(fold(q).trim(), foldTokens(q), name, address);
  assert.equal(m('nguyen van a', 'Nguyễn Văn An', 'an@x.vn'), true);
  assert.equal(m('van nguyen', 'Nguyễn Văn An', 'an@x.vn'), true, 'any word order');
  assert.equal(m('nguyen nguyen', 'Nguyễn Văn An', 'an@x.vn'), false, 'each query word needs its own name word');
  assert.equal(m('nva', 'Nguyễn Văn An', 'an@x.vn'), true, 'initials');
  assert.equal(m('đoàn', 'Đoàn Thị Hà', 'ha@x.vn'), true);
  assert.equal(m('doan', 'Đoàn Thị Hà', 'ha@x.vn'), true);
  assert.equal(m('an@x', 'Nguyễn Văn An', 'an@x.vn'), true);
  assert.equal(m('binh', 'Nguyễn Văn An', 'an@x.vn'), false);
  const now = 1_000 * DAY;
  assert.ok(
    correspondentWeight({ sent: 1, replied: 0, lastAt: now }, now) >
      correspondentWeight({ sent: 4, replied: 0, lastAt: now - 90 * DAY }, now),
  );
  assert.equal(correspondentWeight({ sent: 1, replied: 1, lastAt: now }, now), 3, 'an answer counts double');
});
