// Undo send against the real Postfix (docs/compose.md "Undo send"): drafts.send holds the message in the outbox
// (queued, holdUntil set) and hands nothing to SMTP during the hold. Cancelled in the window → never delivered, the
// draft comes back; not cancelled → delivered exactly once when the hold ends. The hold is the engine's, so it also
// comes from the undoSendSeconds preference when the caller does not say.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { StackInfo } from '../../scripts/mailstack/index.ts';
import type { OutboxEntry } from '../../src/api/types.ts';
import { addAccount, stack, testEngine, user, type TestEngine } from '../support/stack.ts';
import { cleanUp, findBySubject, imapAs, settle, tag, waitFor } from './support.ts';

let info: StackInfo;
let t: TestEngine;
const needles: string[] = [];

before(async () => {
  info = await stack('full');
  t = await testEngine({ trustedCaFiles: [info.ca] });
  await settle(() => addAccount(t, info, 'personal'));
});
after(async () => {
  await t.engine.close();
  for (const n of needles) await cleanUp(info, 'custodian', ['INBOX'], n).catch(() => {});
});

async function inboxCount(needle: string): Promise<number> {
  const c = await imapAs(info, 'custodian');
  try {
    return (await findBySubject(c, 'INBOX', needle)).length;
  } finally {
    await c.logout().catch(() => c.close());
  }
}

async function draft(subject: string): Promise<string> {
  const saved = await t.must('drafts.save', {
    accountId: user(info, 'personal').email,
    to: [user(info, 'custodian').email],
    subject,
    text: 'Hoàn tác gửi thư.',
  });
  return saved.id;
}

test('cancelled within the hold: nothing reaches the server, the draft comes back', async () => {
  const needle = tag('undo-cancel');
  needles.push(needle);
  const id = await draft(`Thư sẽ được hoàn tác ${needle}`);
  const sentAt = Date.now();
  const e = await t.must('drafts.send', { id, holdSeconds: 3 });
  assert.equal(e.state, 'queued');
  assert.ok(e.holdUntil, 'holdUntil is set');
  const hold = Date.parse(e.holdUntil) - sentAt;
  assert.ok(hold >= 2_900 && hold <= 4_000, `hold ${hold} ms`);
  assert.deepEqual(await t.must('drafts.list', {}), [], 'not a draft while it waits');
  const cancelled = await t.must('outbox.cancel', { id: e.id });
  assert.equal(cancelled.draftId, id);
  const back = await t.must('drafts.get', { id });
  assert.equal(back.outboxId, null);
  assert.equal(back.subject, `Thư sẽ được hoàn tác ${needle}`);
  // Well past the hold (and a delivery's usual 1 s): the server never saw it.
  await new Promise((r) => setTimeout(r, 5_000));
  assert.equal(await inboxCount(needle), 0, 'a cancelled message is never delivered');
  assert.equal((await t.must('outbox.list', {})).filter((x) => x.id === e.id).length, 0);
  await t.must('drafts.delete', { id });
});

test('not cancelled: held, then delivered exactly once; the preference gives the hold', async () => {
  const needle = tag('undo-send');
  needles.push(needle);
  await t.must('settings.set', { patch: { undoSendSeconds: 2 } });
  const id = await draft(`Thư gửi sau thời gian hoàn tác ${needle}`);
  const sentAt = Date.now();
  const e = await t.must('drafts.send', { id });
  assert.equal(e.state, 'queued');
  assert.ok(e.holdUntil);
  const hold = Date.parse(e.holdUntil) - sentAt;
  assert.ok(hold >= 1_900 && hold <= 3_000, `hold ${hold} ms from the preference`);
  // During the hold, the server has nothing.
  await new Promise((r) => setTimeout(r, 1_000));
  assert.equal(await inboxCount(needle), 0, 'nothing handed to SMTP during the hold');
  const sent = await waitFor(
    async () => {
      const x = (await t.must('outbox.list', {})).find((o: OutboxEntry) => o.id === e.id);
      return x?.state === 'sent' ? x : null;
    },
    20_000,
    'the held message to be sent',
  );
  assert.ok(sent.sentAt && Date.parse(sent.sentAt) >= Date.parse(e.holdUntil), 'not sent before the hold ended');
  await waitFor(async () => (await inboxCount(needle)) === 1, 20_000, 'delivery to the custodian');
  // Delivered once, and it stays once.
  await new Promise((r) => setTimeout(r, 1_500));
  assert.equal(await inboxCount(needle), 1);
  const late = await t.call('outbox.cancel', { id: e.id });
  assert.equal(late.ok ? 'ok' : late.error.code, 'INVALID_STATE', 'too late to undo once sent');
  await assert.rejects(t.must('drafts.get', { id }), /DRAFT|NOT_FOUND|not found/i, 'the draft went once sent');
});
