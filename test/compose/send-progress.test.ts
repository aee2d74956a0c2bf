// Sending progress in bytes (docs/compose.md "Sending progress"): outbox.progress while SMTP DATA streams a
// multi-MB message to the real Postfix, through a proxy that lets 8 MB/s upstream (a WAN link, so the upload lasts
// long enough to be watched). Events monotone, at most ~10 a second, the last = the entry's size, all before the
// entry is "sent"; the message arrives whole. The counter's throttle is also checked on a fake clock.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { StackInfo } from '../../scripts/mailstack/index.ts';
import type { OutboxEntry, OutboxProgressEvent } from '../../src/api/types.ts';
import { PROGRESS_INTERVAL_MS, ProgressCounter } from '../../src/mail/send-progress.ts';
import { accountParams, stack, tempDir, testEngine, user, type TestEngine } from '../support/stack.ts';
import { TcpProxy, cleanUp, findBySubject, imapAs, settle, tag, waitFor } from './support.ts';

let info: StackInfo;
let t: TestEngine;
let proxy: TcpProxy;
const cleanups: (() => Promise<void>)[] = [];

before(async () => {
  info = await stack('full');
  proxy = new TcpProxy({ host: info.smtp.host, port: info.smtp.port }, { upBytesPerSecond: 3 * 1024 * 1024 });
  await proxy.start();
  t = await testEngine({ trustedCaFiles: [info.ca] });
  const params = accountParams(info, 'personal');
  await settle(() => t.must('accounts.add', { ...params, smtp: { ...params.smtp, port: proxy.port } }));
});
after(async () => {
  await t.engine.close();
  await proxy.stop();
  for (const c of cleanups) await c().catch(() => {});
});

test('ProgressCounter: one report per interval, never "done" early, the last one = total', async () => {
  let clock = 0;
  const reports: [number, number][] = [];
  const counter = new ProgressCounter(
    1000,
    (s, total) => reports.push([s, total]),
    100,
    () => clock,
  );
  const chunks = Array.from({ length: 10 }, () => Buffer.alloc(100));
  const source = Readable.from(
    (function* () {
      for (const c of chunks) {
        clock += 40; // a chunk every 40 ms: 400 ms in all
        yield c;
      }
    })(),
  );
  await pipeline(source, counter, new Writable({ write: (_c, _e, done) => done() }));
  assert.deepEqual(
    reports.map(([s]) => s),
    [100, 400, 700, 1000],
    'first chunk, then each 100 ms, then the end',
  );
  assert.ok(reports.every(([, total]) => total === 1000));
});

test('outbox.progress streams the bytes of a 6 MB message to the real Postfix', async (ctx) => {
  const id = tag('tiến-độ');
  cleanups.push(() => cleanUp(info, 'personal', ['INBOX', 'Sent'], id));
  const file = join(tempDir('tcv-progress-'), 'Hồ sơ dự án.bin');
  writeFileSync(file, randomBytes(4.5 * 1024 * 1024));
  const events: (OutboxProgressEvent & { at: number })[] = [];
  // messages.send resolves after the send (and the Sent copy): keep every entry's time of "sent", pick ours after.
  const sentAt = new Map<number, number>();
  const unsubscribe = t.engine.onEvent((event, payload) => {
    if (event === 'outbox.progress') events.push({ ...(payload as OutboxProgressEvent), at: Date.now() });
    if (event === 'outbox.changed') {
      const e = (payload as { entry: OutboxEntry }).entry;
      if (e.state === 'sent' && !sentAt.has(e.id)) sentAt.set(e.id, Date.now());
    }
  });
  const email = user(info, 'personal').email;
  const entry = await t.must('messages.send', {
    accountId: email,
    to: [email],
    subject: `Báo cáo ${id}`,
    text: 'Kính gửi anh chị hồ sơ dự án.',
    attachments: [{ path: file }],
  });
  unsubscribe();
  assert.equal(entry.state, 'sent');
  const sentTime = sentAt.get(entry.id) ?? 0;
  const mine = events.filter((e) => e.id === entry.id);
  assert.ok(
    mine.length >= 2,
    `reports while the upload lasts, not only the last while the upload lasts (got ${mine.length})`,
  );
  assert.ok(mine.every((e) => e.accountId === email && e.total === entry.size));
  for (let i = 1; i < mine.length; i++) {
    assert.ok((mine[i]?.sent ?? 0) > (mine[i - 1]?.sent ?? 0), 'sent only grows');
  }
  assert.equal(mine.at(-1)?.sent, entry.size, 'the last report is the whole message');
  assert.ok(
    mine.slice(0, -1).every((e) => e.sent < e.total),
    'nothing reports "done" before the end',
  );
  assert.ok((mine.at(-1)?.at ?? Infinity) <= sentTime, 'all reports come before the entry is sent');
  const span = (mine.at(-1)?.at ?? 0) - (mine[0]?.at ?? 0);
  // At most one report per interval, plus the final one (timers may fire a little early or late: one spare).
  assert.ok(
    mine.length <= Math.floor(span / PROGRESS_INTERVAL_MS) + 3,
    `${mine.length} reports in ${span} ms is more than ~10 a second`,
  );
  ctx.diagnostic(`${mine.length} reports over ${span} ms for ${entry.size} bytes`);
  const c = await imapAs(info, 'personal');
  try {
    const got = await waitFor(async () => (await findBySubject(c, 'INBOX', id))[0], 30_000, 'the message in INBOX');
    assert.ok(got.size >= entry.size - 1024, 'the whole message arrived');
  } finally {
    await c.logout().catch(() => c.close());
  }
});
