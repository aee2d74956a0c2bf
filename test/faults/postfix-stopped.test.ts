// Issue 3 "Acceptance", literally: Postfix stopped while 50 messages are in the outbox. The servers are a PRIVATE
// Postfix and Dovecot (scripts/mailstack/private.ts), so Postfix's master can really be stopped and started again
// without disturbing the shared stack. The outbox keeps every message queued with its reason, retries with growing
// backoff while Postfix is down, and once it is back delivers each message exactly once (counted by Message-ID in the
// recipient's mailbox, which only this test writes to) and files one copy of each in Sent.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ImapFlow } from 'imapflow';
import { startPrivateStack, type PrivateStack } from '../../scripts/mailstack/index.ts';
import type { OutboxEntry } from '../../src/api/types.ts';
import { accountParams, stack, testEngine, user, type TestEngine } from '../support/stack.ts';
import { imapClient } from '../sync/support/fixtures.ts';

const N = 50;
let priv: PrivateStack | undefined;
let engine: TestEngine | undefined;

after(async () => {
  await engine?.engine.close();
  await priv?.dispose();
});

async function waitUntil<T>(fn: () => Promise<T | null | false>, ms: number, what: string): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(200);
  }
}

/** Message-ID → how many messages in `folder` carry it. */
async function messageIds(client: ImapFlow, folder: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  try {
    if (!client.mailbox || client.mailbox.exists === 0) return counts;
    for await (const m of client.fetch('1:*', { uid: true, envelope: true })) {
      const id = m.envelope?.messageId;
      if (m.uid && id) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  } finally {
    lock.release();
  }
  return counts;
}

test(`Postfix stopped while ${N} messages are in the outbox: retried with backoff, each delivered exactly once and filed once in Sent`, async (t) => {
  await stack('full'); // the shared Secret Service (keytar) only
  priv = await startPrivateStack({ flavour: 'full' });
  const info = priv.info;
  const sender = user(info, 'personal');
  const recipient = user(info, 'head');
  const e = await testEngine({ trustedCaFiles: [info.ca] });
  engine = e;
  await e.must('accounts.add', accountParams(info, 'personal')); // verifies IMAP and SMTP while both run

  const history = new Map<number, (OutboxEntry & { seenAt: number })[]>();
  e.engine.onEvent((event, payload) => {
    if (event !== 'outbox.changed') return;
    const { entry } = payload as { entry: OutboxEntry };
    history.set(entry.id, [...(history.get(entry.id) ?? []), { ...entry, seenAt: Date.now() }]);
  });

  await priv.postfix.stop();
  assert.equal(priv.postfix.pid(), null, 'Postfix is down');
  assert.equal(await priv.postfix.running(), false);
  const downAt = Date.now();

  const queued: OutboxEntry[] = [];
  for (let i = 1; i <= N; i++) {
    queued.push(
      await e.must('messages.send', {
        accountId: sender.email,
        to: [recipient.email],
        subject: `Thư thử lỗi ${i}/${N}: Postfix dừng`,
        text: `Kính gửi anh/chị,\n\nĐây là thư số ${i}.\n\nTrân trọng./.`,
      }),
    );
  }
  assert.equal(new Set(queued.map((q) => q.messageId)).size, N, 'each message has its own Message-ID');
  const listed = await e.must('outbox.list', { accountId: sender.email });
  assert.equal(listed.length, N);
  assert.ok(
    listed.every((x) => x.state === 'queued' && x.nextAttemptAt !== null),
    `all ${N} wait in the outbox: ${JSON.stringify(listed.map((x) => x.state))}`,
  );
  assert.ok(
    listed.some((x) => x.lastError === 'CONNECTION_REFUSED'),
    'the reason is reported (CONNECTION_REFUSED)',
  );

  // While Postfix stays down the outbox tries again, later each time (backoff), and keeps every message queued.
  const retried = await waitUntil(
    async () =>
      (await e.must('outbox.list', { accountId: sender.email })).find((x) => x.attempts >= 2 && x.state === 'queued') ??
      null,
    30_000,
    'a retry while Postfix is down',
  );
  const trail = (history.get(retried.id) ?? []).filter((x) => x.state === 'queued' && x.lastError && x.nextAttemptAt);
  assert.ok(trail.length >= 2, `two failed attempts recorded: ${JSON.stringify(trail)}`);
  // The wait after each failed attempt: when the next is due, less when the failure was reported.
  const [d1, d2] = trail.slice(0, 2).map((x) => Date.parse(x.nextAttemptAt as string) - x.seenAt) as [number, number];
  assert.ok(d2 > d1, `the wait grows: ${d1} ms then ${d2} ms`);
  const whileDown = await e.must('outbox.list', { accountId: sender.email });
  assert.ok(
    whileDown.every((x) => x.state === 'queued'),
    'nothing failed or lost during a transient outage',
  );

  const backAt = Date.now();
  await priv.postfix.start();
  assert.ok(priv.postfix.pid(), 'Postfix is back');
  const drained = await waitUntil(
    async () => {
      const all = await e.must('outbox.list', { accountId: sender.email });
      return all.every((x) => x.state === 'sent' && x.sentCopy === 'done') ? all : null;
    },
    90_000,
    'the outbox to drain',
  );
  const drainMs = Date.now() - backAt;
  assert.deepEqual(
    drained.map((x) => x.messageId).sort(),
    queued.map((x) => x.messageId).sort(),
    'the same messages, with the Message-IDs they were queued with',
  );

  const inbox = imapClient(info, recipient.email, recipient.password);
  const mine = imapClient(info, sender.email, sender.password);
  await Promise.all([inbox.connect(), mine.connect()]);
  try {
    await waitUntil(
      async () => {
        const c = await messageIds(inbox, 'INBOX');
        return [...c.values()].reduce((a, b) => a + b, 0) >= N ? c : null;
      },
      60_000,
      `delivery of ${N} messages`,
    );
    await sleep(2000); // a late duplicate would arrive here
    const final = await messageIds(inbox, 'INBOX');
    assert.equal(final.size, N, `${N} distinct Message-IDs delivered`);
    for (const q of queued) assert.equal(final.get(q.messageId), 1, `${q.messageId} delivered exactly once`);
    const sent = await messageIds(mine, 'Sent');
    for (const q of queued) assert.equal(sent.get(q.messageId), 1, `${q.messageId} filed once in Sent`);
  } finally {
    await Promise.all([inbox.logout(), mine.logout()]);
  }

  const states = new Set([...history.values()].flat().map((x) => x.state));
  const attempts = drained.reduce((n, x) => n + x.attempts, 0);
  t.diagnostic(
    `Postfix down ${backAt - downAt} ms; states seen ${[...states].join(', ')}; message ${retried.id} waited ${d1} ms then ${d2} ms; ` +
      `drained ${drainMs} ms after Postfix came back; ${attempts} SMTP attempts for ${N} messages`,
  );
});
