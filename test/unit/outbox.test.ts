// The outbox state machine with fake submitters: backoff, transient vs permanent failures, a server that is down for
// the whole queue, crash recovery through leases, retry/cancel, the Sent copy and its file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TcvError } from '../../src/api/errors.ts';
import type { OutboxEntry } from '../../src/api/types.ts';
import { openDb } from '../../src/cache/db.ts';
import type { ComposedFile } from '../../src/mail/compose.ts';
import { Outbox, backoffMs, type OutboxDeps, type SentCopyRequest, type Submitter } from '../../src/mail/outbox.ts';
import type { SmtpMessage } from '../../src/mail/smtp.ts';

function freshProfile() {
  const dir = mkdtempSync(join(tmpdir(), 'tcv-ob-'));
  const db = openDb(join(dir, 'c.sqlite'));
  db.prepare("INSERT INTO accounts VALUES ('a@x','a@x','A','personal','a@x','h',1,'tls','h',1,'tls',NULL,'now')").run();
  return { dir, db };
}

function file(ob: Outbox, n: number): ComposedFile {
  const path = ob.newMessagePath();
  const raw = `Message-ID: <${n}@x>\r\nSubject: ${n}\r\n\r\nbody ${n}\r\n`;
  writeFileSync(path, raw);
  return {
    path,
    size: Buffer.byteLength(raw),
    messageId: `<${n}@x>`,
    envelope: { from: 'a@x', to: ['b@x'] },
    subject: `S${n}`,
    displayTo: ['b@x'],
    smtpUtf8: false,
  };
}

interface Fake {
  sent: string[];
  opened: number;
  failures: (TcvError | null)[];
  copies: SentCopyRequest[];
  copyFailures: (TcvError | null)[];
  hang?: boolean;
}

function fakeDeps(dir: string, db: OutboxDeps['db'], fake: Fake, over: Partial<OutboxDeps> = {}): OutboxDeps {
  return {
    db,
    profileDir: dir,
    openSubmitter: async (): Promise<Submitter> => {
      fake.opened++;
      let usable = true;
      return {
        get usable() {
          return usable;
        },
        send: async (msg: SmtpMessage) => {
          if (fake.hang) return new Promise(() => {});
          const f = fake.failures.shift();
          if (f) {
            usable = false;
            throw f;
          }
          const raw = typeof msg.source === 'string' ? (await import('node:fs')).readFileSync(msg.source) : msg.source;
          fake.sent.push(/Subject: (\d+)/.exec(raw.toString())?.[1] ?? '?');
          return { accepted: msg.envelope.to, rejected: [], response: '250 ok' };
        },
        close: () => {},
      };
    },
    fileSentCopy: async (_a, req) => {
      const f = fake.copyFailures.shift();
      if (f) throw f;
      fake.copies.push(req);
      return 'done';
    },
    onChange: () => {},
    ...over,
  };
}

const newFake = (): Fake => ({ sent: [], opened: 0, failures: [], copies: [], copyFailures: [] });

test('backoff grows exponentially with jitter and is capped', () => {
  assert.equal(
    backoffMs(1, () => 0.5),
    5_000,
  );
  assert.equal(
    backoffMs(3, () => 0.5),
    20_000,
  );
  assert.equal(
    backoffMs(50, () => 0.5),
    15 * 60_000,
  );
  assert.ok(backoffMs(2, () => 0) >= 7_500 && backoffMs(2, () => 0.999) <= 12_500);
});

test('transient failures requeue with backoff, permanent ones fail, success is sent once and filed in Sent', async () => {
  const { dir, db } = freshProfile();
  let now = 1_000_000;
  const fake = newFake();
  fake.failures.push(new TcvError('CONNECTION_REFUSED', 'down'), new TcvError('AUTH_FAILED', '535'));
  const changes: OutboxEntry[] = [];
  const ob = new Outbox(fakeDeps(dir, db, fake, { now: () => now, onChange: (e) => changes.push(e) }));
  const e1 = ob.enqueue('a@x', file(ob, 1));
  const r1 = await ob.sendNow(e1.id);
  assert.equal(r1.state, 'queued');
  assert.equal(r1.lastError, 'CONNECTION_REFUSED');
  assert.ok(r1.nextAttemptAt && Date.parse(r1.nextAttemptAt) > now);
  await ob.processDue(); // not due yet
  assert.equal(ob.get(e1.id).attempts, 1);
  now += 60_000;
  await ob.processDue();
  assert.equal(ob.get(e1.id).state, 'failed');
  assert.equal(ob.get(e1.id).lastError, 'AUTH_FAILED');
  const f2 = file(ob, 2);
  const e2 = ob.enqueue('a@x', f2);
  const sent = await ob.sendNow(e2.id);
  assert.equal(sent.state, 'sent');
  assert.equal(sent.sentCopy, 'done');
  assert.equal((await ob.sendNow(e2.id)).state, 'sent');
  assert.deepEqual(fake.sent, ['2'], 'a sent entry is never sent again');
  assert.equal(fake.copies.length, 1);
  assert.equal(fake.copies[0]?.messageId, '<2@x>');
  assert.equal(existsSync(f2.path), false, 'the .eml goes once the Sent copy is filed');
  assert.deepEqual(
    changes.filter((c) => c.id === e2.id).map((c) => c.state),
    ['queued', 'sending', 'sent', 'sent'],
  );
  await ob.close();
});

test('a server that is down makes the whole queue of that account wait, without counting attempts', async () => {
  const { dir, db } = freshProfile();
  let now = 5_000_000;
  const fake = newFake();
  fake.failures.push(new TcvError('CONNECTION_REFUSED', 'down'));
  const ob = new Outbox(fakeDeps(dir, db, fake, { now: () => now, random: () => 0.5 }));
  const ids = [1, 2, 3].map((n) => ob.enqueue('a@x', file(ob, n)).id);
  await ob.processDue();
  const [a, b, c] = ids.map((id) => ob.get(id));
  assert.equal(a?.attempts, 1);
  assert.equal(b?.attempts, 0);
  assert.equal(c?.attempts, 0);
  assert.equal(b?.nextAttemptAt, a?.nextAttemptAt, 'the others wait for the same retry');
  assert.equal(fake.opened, 1, 'one connection attempt, not three');
  now += 10_000;
  await ob.processDue();
  assert.deepEqual(fake.sent, ['1', '2', '3']);
  assert.equal(fake.opened, 2, 'one session for the three messages');
  await ob.close();
});

test('a row left in "sending" by a dead process is requeued and sent with the same Message-ID', async () => {
  const { dir, db } = freshProfile();
  const fake = newFake();
  const first = new Outbox(fakeDeps(dir, db, fake));
  const e = first.enqueue('a@x', file(first, 7));
  // As a killed engine leaves it: "sending", leased by a process that no longer exists.
  db.prepare("UPDATE outbox SET state = 'sending', attempts = 1, lease_owner = ?, lease_until = ? WHERE id = ?").run(
    '999999999:dead',
    Date.now() + 600_000,
    e.id,
  );
  await first.close();
  const second = new Outbox(fakeDeps(dir, db, fake));
  assert.equal(second.get(e.id).state, 'queued');
  await second.processDue();
  assert.equal(second.get(e.id).state, 'sent');
  assert.equal(second.get(e.id).messageId, '<7@x>');
  assert.equal(second.get(e.id).attempts, 2);
  assert.deepEqual(fake.sent, ['7']);
  await second.close();
});

test('a row another live engine is sending is left alone until its lease runs out', async () => {
  const { dir, db } = freshProfile();
  const fake = newFake();
  fake.hang = true;
  let now = Date.now();
  const a = new Outbox(fakeDeps(dir, db, fake, { now: () => now }));
  const e = a.enqueue('a@x', file(a, 8));
  void a.sendNow(e.id); // hangs in "sending", the engine alive
  await new Promise((r) => setImmediate(r));
  assert.equal(a.get(e.id).state, 'sending');
  const b = new Outbox(fakeDeps(dir, db, newFake(), { now: () => now }));
  assert.equal(b.get(e.id).state, 'sending', 'not stolen from a live engine');
  now += 11 * 60_000;
  assert.equal(b.recover(), 1, 'an expired lease is anybody’s');
  assert.equal(b.get(e.id).state, 'queued');
  await b.close();
});

test('retry and cancel: only queued or failed messages; cancel removes the file and reports the draft', async () => {
  const { dir, db } = freshProfile();
  const fake = newFake();
  fake.failures.push(new TcvError('SEND_REJECTED', 'smtp 550'));
  const removed: number[] = [];
  const ob = new Outbox(fakeDeps(dir, db, fake, { onChange: (e, gone) => gone && removed.push(e.id) }));
  const f = file(ob, 3);
  const e = ob.enqueue('a@x', f, { draftId: '0b0b0b0b-0000-4000-8000-000000000000' });
  assert.equal((await ob.sendNow(e.id)).state, 'failed');
  const retried = await ob.retry(e.id);
  assert.equal(retried.state, 'sent');
  assert.equal(retried.attempts, 2);
  assert.throws(
    () => ob.cancel(e.id),
    (err: TcvError) => err.code === 'INVALID_STATE',
  );
  await assert.rejects(ob.retry(e.id), (err: TcvError) => err.code === 'INVALID_STATE');

  fake.failures.push(new TcvError('CONNECTION_LOST', 'x'));
  const g = file(ob, 4);
  const e2 = ob.enqueue('a@x', g, { draftId: '0b0b0b0b-0000-4000-8000-000000000001' });
  assert.equal((await ob.sendNow(e2.id)).state, 'queued');
  const cancelled = ob.cancel(e2.id);
  assert.equal(cancelled.draftId, '0b0b0b0b-0000-4000-8000-000000000001');
  assert.equal(existsSync(g.path), false);
  assert.deepEqual(removed, [e2.id]);
  assert.throws(
    () => ob.get(e2.id),
    (err: TcvError) => err.code === 'MESSAGE_NOT_FOUND',
  );
  await ob.close();
});

test('a failed Sent copy is retried, first looking for the Message-ID; the message is not sent again', async () => {
  const { dir, db } = freshProfile();
  let now = 9_000_000;
  const fake = newFake();
  fake.copyFailures.push(new TcvError('CONNECTION_LOST', 'imap dropped'));
  const ob = new Outbox(fakeDeps(dir, db, fake, { now: () => now }));
  const f = file(ob, 5);
  const e = ob.enqueue('a@x', f);
  const r = await ob.sendNow(e.id);
  assert.equal(r.state, 'sent');
  assert.equal(r.sentCopy, 'pending');
  assert.equal(existsSync(f.path), true, 'kept until the copy is filed');
  now += 60_000;
  await ob.processDue();
  assert.equal(ob.get(e.id).sentCopy, 'done');
  assert.equal(fake.copies.length, 1);
  assert.equal(fake.copies[0]?.checkFirst, true);
  assert.deepEqual(fake.sent, ['5']);
  assert.equal(existsSync(f.path), false);
  await ob.close();
});

test('a message refused as too large is failed at once, and the session stays usable for the next', async () => {
  const { dir, db } = freshProfile();
  const fake = newFake();
  fake.failures.push(new TcvError('MESSAGE_TOO_LARGE', 'size'));
  const ob = new Outbox(fakeDeps(dir, db, fake));
  const big = ob.enqueue('a@x', file(ob, 10));
  const small = ob.enqueue('a@x', file(ob, 11));
  await ob.processDue();
  assert.equal(ob.get(big.id).state, 'failed');
  assert.equal(ob.get(big.id).lastError, 'MESSAGE_TOO_LARGE');
  assert.equal(ob.get(small.id).state, 'sent', 'a message-level refusal does not hold the queue');
  await ob.close();
});

test('rows from schema 1 (raw bytes in SQLite) still send', async () => {
  const { dir, db } = freshProfile();
  const fake = newFake();
  db.prepare(
    `INSERT INTO outbox (account_id, message_id, subject, envelope_from, envelope_to, display_to, raw, size, state, created_at)
     VALUES ('a@x', '<old@x>', 'old', 'a@x', '["b@x"]', '["b@x"]', ?, 20, 'queued', 'now')`,
  ).run(Buffer.from('Subject: 42\r\n\r\nold\r\n'));
  const ob = new Outbox(fakeDeps(dir, db, fake));
  await ob.processDue();
  assert.deepEqual(fake.sent, ['42']);
  await ob.close();
});

test('unreferenced outbox files older than ten minutes are removed at start', async () => {
  const { dir, db } = freshProfile();
  const ob = new Outbox(fakeDeps(dir, db, newFake()));
  const stray = ob.newMessagePath();
  writeFileSync(stray, 'x');
  const fresh = ob.newMessagePath();
  writeFileSync(fresh, 'x');
  const { utimesSync } = await import('node:fs');
  const old = new Date(Date.now() - 3600_000);
  utimesSync(stray, old, old);
  await ob.close();
  const again = new Outbox(fakeDeps(dir, db, newFake()));
  assert.equal(existsSync(stray), false);
  assert.equal(existsSync(fresh), true, 'a file another engine may be about to enqueue stays');
  await again.close();
});

test('once the server takes a message again, the rest of the queue goes at once, over one session', async () => {
  const { dir, db } = freshProfile();
  let now = 20_000_000;
  const fake = newFake();
  const ob = new Outbox(fakeDeps(dir, db, fake, { now: () => now, random: () => 0.5 }));
  // Three messages that met the outage at different times, so their retries are spread out.
  const ids: number[] = [];
  for (const n of [1, 2, 3]) {
    fake.failures.push(new TcvError('CONNECTION_REFUSED', 'down'));
    ids.push(ob.enqueue('a@x', file(ob, n)).id);
    await ob.sendNow(ids.at(-1) as number);
    now += 3_000;
  }
  now = Date.parse(ob.get(ids[0] as number).nextAttemptAt as string); // only the first is due
  await ob.processDue();
  assert.deepEqual(fake.sent, ['1', '2', '3']);
  assert.equal(fake.opened, 4, 'three refused connections, then one session for all three');
  await ob.close();
});

test('concurrent sends of one account go one at a time over one session', async () => {
  const { dir, db } = freshProfile();
  const fake = newFake();
  let active = 0;
  let maxActive = 0;
  const deps = fakeDeps(dir, db, fake);
  const open = deps.openSubmitter;
  deps.openSubmitter = async (a) => {
    const s = await open(a);
    return {
      get usable() {
        return s.usable;
      },
      send: async (m) => {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 5));
        try {
          return await s.send(m);
        } finally {
          active--;
        }
      },
      close: () => s.close(),
    };
  };
  const ob = new Outbox(deps);
  const entries = [1, 2, 3, 4, 5].map((n) => ob.enqueue('a@x', file(ob, n)));
  const results = await Promise.all(entries.map((e) => ob.sendNow(e.id)));
  assert.ok(results.every((r) => r.state === 'sent'));
  assert.equal(maxActive, 1);
  assert.equal(fake.opened, 1);
  await ob.close();
});

test('a Sent copy half-filed by a dead engine is filed again at once, looking for it first', async () => {
  const { dir, db } = freshProfile();
  const fake = newFake();
  const first = new Outbox(fakeDeps(dir, db, fake));
  const e = first.enqueue('a@x', file(first, 6));
  await first.close();
  // As a kill during APPEND leaves it: sent, copy claimed (one attempt) by a process that is gone.
  db.prepare(
    `UPDATE outbox SET state = 'sent', sent_at = 'now', append_attempts = 1, lease_owner = '999999999:dead',
       lease_until = ?, next_attempt_at = 0 WHERE id = ?`,
  ).run(Date.now() + 600_000, e.id);
  const second = new Outbox(fakeDeps(dir, db, fake));
  await second.processDue();
  assert.equal(second.get(e.id).sentCopy, 'done');
  assert.equal(fake.copies[0]?.checkFirst, true);
  assert.deepEqual(fake.sent, [], 'the message itself is not sent again');
  await second.close();
});

test('a held message (undo send) is never claimed before its hold ends, not even when the server comes back', async () => {
  const { dir, db } = freshProfile();
  let now = 1_000_000;
  const fake = newFake();
  const ob = new Outbox(fakeDeps(dir, db, fake, { now: () => now }));
  const held = ob.enqueue('a@x', file(ob, 1), { holdMs: 5_000 });
  assert.equal(held.holdUntil, new Date(now + 5_000).toISOString());
  assert.equal(held.nextAttemptAt, new Date(now + 5_000).toISOString());
  await ob.processDue();
  // An immediate send of another message is the "server is back, send the rest" path: the held one must stay.
  const other = ob.enqueue('a@x', file(ob, 2));
  assert.equal((await ob.sendNow(other.id)).state, 'sent');
  await ob.processDue();
  assert.equal((await ob.sendNow(held.id)).state, 'queued', 'sendNow respects the hold');
  assert.deepEqual(fake.sent, ['2']);
  assert.equal(ob.get(held.id).attempts, 0, 'waiting out a hold is not an attempt');
  now += 5_000;
  await ob.processDue();
  assert.equal(ob.get(held.id).state, 'sent');
  assert.equal(ob.get(held.id).holdUntil, null);
  assert.deepEqual(fake.sent, ['2', '1']);
  // retry = "send now": it ends the hold at once.
  const third = ob.enqueue('a@x', file(ob, 3), { holdMs: 60_000 });
  assert.equal((await ob.retry(third.id)).state, 'sent');
  assert.deepEqual(fake.sent, ['2', '1', '3']);
  await ob.close();
});
