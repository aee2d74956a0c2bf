// The connection manager without a server: lanes, the bound on dedicated (IDLE) sessions, retry with backoff and
// jitter on transient errors only, reconnect after a drop, and a clean shutdown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { ImapFlow } from 'imapflow';
import { TcvError } from '../../src/api/errors.ts';
import type { AccountSummary } from '../../src/api/types.ts';
import { Connections } from '../../src/engine/connections.ts';
import { backoffDelay, isTransient, sleep } from '../../src/sync/backoff.ts';
import { syncOrder } from '../../src/sync/manager.ts';
import type { ListedFolder } from '../../src/mail/sync.ts';

class FakeClient extends EventEmitter {
  usable = true;
  loggedOut = false;
  close() {
    if (!this.usable) return;
    this.usable = false;
    this.emit('close');
  }
  async logout() {
    this.loggedOut = true;
    this.close();
  }
}

const account: AccountSummary = {
  id: 'a@cantho.gov.vn',
  email: 'a@cantho.gov.vn',
  displayName: 'A',
  kind: 'personal',
  imap: { host: '127.0.0.1', port: 1, security: 'starttls' },
  smtp: { host: '127.0.0.1', port: 1, security: 'starttls' },
  username: 'a@cantho.gov.vn',
  caFile: null,
};
const silent = { debug() {}, info() {}, warn() {}, error() {} };

function pool(opts: { maxDedicated?: number; failConnect?: () => Error | null } = {}) {
  const made: FakeClient[] = [];
  const c = new Connections({
    account: () => account,
    password: async () => 'x',
    cas: () => [],
    log: silent,
    maxDedicated: opts.maxDedicated,
    backoff: { baseMs: 2, capMs: 20, random: () => 0.5 },
    connect: async () => {
      const err = opts.failConnect?.();
      if (err) throw err;
      const f = new FakeClient();
      made.push(f);
      return f as unknown as ImapFlow;
    },
  });
  return { c, made };
}

test('backoff: exponential, jittered within [step/2, step], capped', () => {
  const p = (r: number) => ({ baseMs: 100, capMs: 1000, random: () => r });
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, p(0))),
    [50, 100, 200, 400, 500, 500],
  );
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, p(0.999999))),
    [100, 200, 400, 800, 1000, 1000],
  );
  assert.equal(backoffDelay(1000, p(0.5)), 750, 'no overflow for a long outage');
  assert.equal(isTransient(new TcvError('CONNECTION_LOST')), true);
  assert.equal(isTransient(new TcvError('AUTH_FAILED')), false);
  assert.equal(isTransient(new Error('x')), false);
});

test('sleep is abortable', async () => {
  const ac = new AbortController();
  const p = sleep(10_000, ac.signal);
  ac.abort(new Error('stop'));
  await assert.rejects(p, /stop/);
});

test('lanes: one session per lane, shared by concurrent callers; a dropped one is reopened', async () => {
  const { c, made } = pool();
  const [a, b, s] = await Promise.all([
    c.run(account.id, async (x) => x),
    c.run(account.id, async (x) => x),
    c.run(account.id, async (x) => x, 'sync'),
  ]);
  assert.equal(a, b);
  assert.notEqual(a, s);
  assert.equal(made.length, 2);
  assert.deepEqual(c.stats(account.id), { lanes: ['work', 'sync'], dedicated: 0 });
  made[0]?.close();
  const again = await c.run(account.id, async (x) => x);
  assert.notEqual(again, a);
  assert.equal(made.length, 3);
  await c.closeAll();
});

test('retry: transient failures are retried with backoff, others are not', async () => {
  const { c } = pool();
  let calls = 0;
  const delays: number[] = [];
  const v = await c.retry(
    account.id,
    async () => {
      calls++;
      if (calls < 3) throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
      return 'ok';
    },
    { onRetry: (_e, _n, d) => delays.push(d) },
  );
  assert.equal(v, 'ok');
  assert.equal(calls, 3);
  assert.deepEqual(delays, [2, 3]);

  let authCalls = 0;
  await assert.rejects(
    c.retry(account.id, async () => {
      authCalls++;
      throw Object.assign(new Error('auth'), { authenticationFailed: true });
    }),
    (e: TcvError) => e.code === 'AUTH_FAILED',
  );
  assert.equal(authCalls, 1);

  let n = 0;
  await assert.rejects(
    c.retry(
      account.id,
      async () => {
        n++;
        throw new TcvError('TIMEOUT');
      },
      { attempts: 4 },
    ),
    (e: TcvError) => e.code === 'TIMEOUT',
  );
  assert.equal(n, 4);
  await c.closeAll();
});

test('retry: a server that refuses connections for a while is waited for', async () => {
  let refuse = 2;
  const { c } = pool({
    failConnect: () =>
      refuse-- > 0 ? Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) : null,
  });
  assert.equal(await c.retry(account.id, async () => 42), 42);
  await c.closeAll();
});

test('dedicated sessions are bounded per account and released on close', async () => {
  const { c, made } = pool({ maxDedicated: 2 });
  const d1 = await c.openDedicated(account.id);
  await c.openDedicated(account.id);
  await assert.rejects(c.openDedicated(account.id), /at most 2/);
  await c.release(account.id, d1);
  await c.openDedicated(account.id);
  assert.equal(c.stats(account.id).dedicated, 2);
  await c.run(account.id, async () => 1);
  await c.closeAll();
  assert.ok(made.every((m) => !m.usable));
  assert.ok(made.filter((m) => m !== (d1 as unknown)).every((m) => m.loggedOut));
  await assert.rejects(
    c.run(account.id, async () => 1),
    (e: TcvError) => e.code === 'CONNECTION_LOST',
  );
});

test('sync order: INBOX, then sent/drafts/archive, own folders, shared ones, bins last', () => {
  const f = (path: string, specialUse: ListedFolder['specialUse'] = null, shared = false): ListedFolder => ({
    path,
    specialUse,
    shared,
    subscribed: true,
    messages: 0,
    uidNext: 1,
    uidValidity: '1',
    highestModseq: null,
  });
  const order = syncOrder([
    f('Trash', 'trash'),
    f('shared/vanphong@cantho.gov.vn/INBOX', null, true),
    f('Dự án'),
    f('Junk', 'junk'),
    f('Sent', 'sent'),
    f('INBOX', 'inbox'),
    f('Báo cáo'),
    f('Drafts', 'drafts'),
  ]).map((x) => x.path);
  assert.deepEqual(order, [
    'INBOX',
    'Sent',
    'Drafts',
    'Báo cáo',
    'Dự án',
    'shared/vanphong@cantho.gov.vn/INBOX',
    'Junk',
    'Trash',
  ]);
});
