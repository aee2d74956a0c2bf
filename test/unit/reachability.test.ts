// The engine's online/offline state (event account.connection, method accounts.connection): a real account on the
// test stack behind a TCP relay (test/sync/support/proxy.ts) that is cut and restored. Only changes are reported.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { AccountConnectionEvent } from '../../src/api/types.ts';
import { accountParams, stack, testEngine, type TestEngine } from '../support/stack.ts';
import { TcpProxy } from '../sync/support/proxy.ts';

let te: TestEngine;
let proxy: TcpProxy;
const events: AccountConnectionEvent[] = [];

before(async () => {
  const info = await stack('full');
  proxy = new TcpProxy(info.imap.host, info.imap.port);
  await proxy.start();
  te = await testEngine({ trustedCaFiles: [info.ca] });
  te.engine.onEvent((event, payload) => {
    if (event === 'account.connection') events.push(payload as AccountConnectionEvent);
  });
  await te.must(
    'accounts.add',
    accountParams(info, 'personal', { imap: { host: '127.0.0.1', port: proxy.port, security: 'starttls' } }),
  );
});

after(async () => {
  await te?.engine.close();
  await proxy?.cut();
});

test('offline when the server cannot be reached, online again when it can; only changes are reported', async () => {
  assert.deepEqual(await te.must('accounts.connection', {}), [], 'nothing known before the first try');
  const account = (await te.must('accounts.list', {}))[0]!.id;
  await te.must('sync.run', { accountId: account, folder: 'INBOX' });
  assert.deepEqual(events, [{ accountId: account, online: true }]);

  await proxy.cut();
  const failed = await te.call('sync.run', { accountId: account, folder: 'INBOX' });
  assert.equal(failed.ok, false);
  const offline = events.at(-1);
  assert.equal(offline?.online, false);
  assert.ok(['CONNECTION_LOST', 'CONNECTION_REFUSED'].includes(offline?.reason ?? ''), String(offline?.reason));
  assert.deepEqual(await te.must('accounts.connection', {}), [offline]);
  const count = events.length;
  await te.call('sync.run', { accountId: account, folder: 'INBOX' });
  assert.equal(events.length, count, 'a second failure is not a change');

  await proxy.restore();
  await te.must('sync.run', { accountId: account, folder: 'INBOX' });
  assert.deepEqual(events.at(-1), { accountId: account, online: true });
  assert.deepEqual(await te.must('accounts.connection', {}), [{ accountId: account, online: true }]);
});
