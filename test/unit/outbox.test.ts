import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TcvError } from '../../src/api/errors.ts';
import { openDb } from '../../src/cache/db.ts';
import { Outbox, backoffMs } from '../../src/mail/outbox.ts';

function freshDb() {
  const db = openDb(join(mkdtempSync(join(tmpdir(), 'tcv-ob-')), 'c.sqlite'));
  db.prepare("INSERT INTO accounts VALUES ('a@x','a@x','A','personal','a@x','h',1,'tls','h',1,'tls',NULL,'now')").run();
  return db;
}
const msg = (n: number) => ({
  raw: Buffer.from(`Subject: ${n}\r\n\r\nbody`),
  messageId: `<${n}@x>`,
  envelope: { from: 'a@x', to: ['b@x'] },
  subject: `S${n}`,
});

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

test('transient failures requeue with backoff, permanent ones fail, success is sent once', async () => {
  const db = freshDb();
  let now = 1_000_000;
  const sent: string[] = [];
  const failures: TcvError[] = [new TcvError('CONNECTION_REFUSED', 'down'), new TcvError('AUTH_FAILED', '535')];
  const ob = new Outbox({
    db,
    now: () => now,
    submit: async (_a, _e, raw) => {
      const f = failures.shift();
      if (f) throw f;
      sent.push(raw.toString());
    },
    appendToSent: async () => {},
    onChange: () => {},
  });
  const e1 = ob.enqueue('a@x', msg(1), ['b@x']);
  const r1 = await ob.sendNow(e1.id);
  assert.equal(r1.state, 'queued');
  assert.equal(r1.lastError, 'CONNECTION_REFUSED');
  await ob.processDue(); // not due yet
  assert.equal(ob.get(e1.id).attempts, 1);
  now += 60_000;
  await ob.processDue();
  assert.equal(ob.get(e1.id).state, 'failed');
  assert.equal(ob.get(e1.id).lastError, 'AUTH_FAILED');
  const e2 = ob.enqueue('a@x', msg(2), ['b@x']);
  assert.equal((await ob.sendNow(e2.id)).state, 'sent');
  assert.equal((await ob.sendNow(e2.id)).state, 'sent');
  assert.equal(sent.length, 1, 'a sent entry is never sent again');
  ob.close();
});

test('a row left in "sending" by a killed process is retried with the same Message-ID', async () => {
  const db = freshDb();
  const first = new Outbox({
    db,
    submit: async () => new Promise(() => {}),
    appendToSent: async () => {},
    onChange: () => {},
  });
  const e = first.enqueue('a@x', msg(7), ['b@x']);
  void first.sendNow(e.id); // hangs in "sending", as if the process died here
  await new Promise((r) => setImmediate(r));
  assert.equal(first.get(e.id).state, 'sending');
  first.close();
  const ids: string[] = [];
  const second = new Outbox({
    db,
    submit: async (_a, _e, raw) => void ids.push(/Subject: (\d+)/.exec(raw.toString())?.[1] ?? ''),
    appendToSent: async () => {},
    onChange: () => {},
  });
  await second.processDue();
  assert.equal(second.get(e.id).state, 'sent');
  assert.equal(second.get(e.id).messageId, '<7@x>');
  assert.deepEqual(ids, ['7']);
  second.close();
});
