// The reader over public odd and broken MIME (test/fixtures/mime, copied from shared/corpora with SOURCE.md): every
// message goes to the real Dovecot by APPEND, is synced, opened through the engine, and reopened from the cache. Nothing
// may crash; the attachment list must match what mailparser finds in the original bytes; a reopen gives the same result.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import type { StackInfo } from '../../scripts/mailstack/index.ts';
import { addAccount, stack, testEngine, user, type TestEngine } from '../support/stack.ts';
import { imapAs } from '../support/imap.ts';

const DIR = new URL('../fixtures/mime/', import.meta.url);
const fixtures = (
  JSON.parse(readFileSync(new URL('manifest.json', DIR), 'utf8')) as { copied_as: string; tags: string[] }[]
).map((e) => ({ name: e.copied_as, tags: e.tags, bytes: readFileSync(new URL(e.copied_as, DIR)) }));
const FOLDER = `Corpus-${process.pid}`;

let info: StackInfo;
let t: TestEngine;
let imap: ImapFlow;

before(async () => {
  info = await stack('full');
  imap = await imapAs(info, 'unit');
  await imap.mailboxCreate(FOLDER);
  for (const f of fixtures) await imap.append(FOLDER, f.bytes);
  t = await testEngine({ trustedCaFiles: [info.ca] });
  await addAccount(t, info, 'unit');
});

after(async () => {
  await t?.engine.close();
  await imap?.mailboxDelete(FOLDER).catch(() => {});
  await imap?.logout();
});

test(`${fixtures.length} odd and broken messages sync, open and reopen without loss`, async () => {
  const accountId = user(info, 'unit').email;
  const sync = await t.must('sync.run', { accountId, folder: FOLDER });
  assert.equal(sync.total, fixtures.length);
  const page = await t.must('messages.list', { accountId, folder: FOLDER, limit: 500 });
  assert.equal(page.items.length, fixtures.length);
  // UIDs follow APPEND order, so uid i+1 is fixture i.
  const byUid = [...page.items].sort((a, b) => a.uid - b.uid);
  const failures: string[] = [];
  for (const [i, f] of fixtures.entries()) {
    const item = byUid[i];
    assert.ok(item);
    const r = await t.call('messages.get', { accountId, folder: FOLDER, uid: item.uid });
    if (!r.ok) {
      failures.push(`${f.name}: ${r.error.code}`);
      continue;
    }
    const expected = await simpleParser(f.bytes);
    const names = (expected.attachments ?? []).map((a) => (a.filename ?? '').normalize('NFC'));
    assert.deepEqual(
      r.value.attachments.map((a) => a.filename),
      names,
      `${f.name}: attachments`,
    );
    assert.equal(r.value.text, (expected.text ?? '').normalize('NFC'), `${f.name}: text`);
    const again = await t.must('messages.get', { accountId, folder: FOLDER, uid: item.uid });
    assert.deepEqual(again, { ...r.value }, `${f.name}: reopen from cache`);
  }
  assert.deepEqual(failures, []);
});
