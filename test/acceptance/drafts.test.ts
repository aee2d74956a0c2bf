// Issue 3 "Composing and sending": drafts go to the server's Drafts folder (APPEND, old draft removed), on the REDUCED
// flavour (test/compose/drafts.test.ts runs on the full one). A private reduced Dovecot (scripts/mailstack/private.ts),
// so the Drafts folder holds only this test's messages and can be counted whole.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { startPrivateStack, type PrivateStack } from '../../scripts/mailstack/index.ts';
import { accountParams, stack, testEngine, user, type TestEngine } from '../support/stack.ts';
import { imapClient } from '../sync/support/fixtures.ts';

let priv: PrivateStack | undefined;
let engine: TestEngine | undefined;

after(async () => {
  await engine?.engine.close();
  await priv?.dispose();
});

/** Every message in Drafts: UID, flags and text. */
async function drafts(c: ImapFlow): Promise<{ uid: number; draft: boolean; text: string }[]> {
  const lock = await c.getMailboxLock('Drafts', { readOnly: true });
  try {
    await c.noop(); // a session that already had Drafts open learns about APPENDs and expunges by others
    if (!c.mailbox || c.mailbox.exists === 0) return [];
    const out: { uid: number; draft: boolean; text: string }[] = [];
    for await (const m of c.fetch('1:*', { uid: true, flags: true, source: true })) {
      if (!m.uid || !m.source) continue;
      out.push({
        uid: m.uid,
        draft: m.flags?.has('\\Draft') ?? false,
        text: (await simpleParser(m.source)).text ?? '',
      });
    }
    return out;
  } finally {
    lock.release();
  }
}

test('reduced flavour: a draft is APPENDed to Drafts, a new revision replaces it, deleting it removes it', async () => {
  await stack('full'); // the shared Secret Service (keytar) only
  priv = await startPrivateStack({ flavour: 'reduced', postfix: false });
  const info = priv.info;
  const cv = user(info, 'personal');
  engine = await testEngine({ trustedCaFiles: [info.ca], keychainService: `Thư Công Vụ (acceptance ${randomUUID()})` });
  const e = engine;
  await e.must('accounts.add', { ...accountParams(info, 'personal'), verify: false });
  const c = imapClient(info, cv.email, cv.password);
  await c.connect();
  try {
    const saved = await e.must('drafts.save', {
      accountId: cv.email,
      to: [{ name: 'Văn thư', address: user(info, 'custodian').email }],
      subject: 'Dự thảo tờ trình về việc sử dụng thư điện tử công vụ',
      text: 'Bản 1',
    });
    assert.deepEqual(await e.must('drafts.sync', { accountId: cv.email }), { uploaded: 1, removed: 0, failed: 0 });
    const first = await drafts(c);
    assert.equal(first.length, 1);
    assert.ok(first[0]?.draft, '\\Draft flag');
    assert.match(first[0]?.text ?? '', /Bản 1/);

    await e.must('drafts.save', { id: saved.id, accountId: cv.email, text: 'Bản 2 — đã sửa' });
    assert.equal((await e.must('drafts.sync', {})).uploaded, 1);
    const second = await drafts(c);
    assert.equal(second.length, 1, 'the old copy was removed');
    assert.notEqual(second[0]?.uid, first[0]?.uid);
    assert.match(second[0]?.text ?? '', /Bản 2 — đã sửa/);

    await e.must('drafts.delete', { id: saved.id });
    const until = Date.now() + 10_000;
    while ((await drafts(c)).length > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(await drafts(c), [], 'removed from the server');
  } finally {
    await c.logout();
  }
});
