// Issue 3 "Sync": "IDLE (or NOOP polling where unsupported) delivers new mail and flag changes within seconds". Both
// stack flavours advertise IDLE, so this runs a PRIVATE reduced Dovecot whose capability list also leaves IDLE out
// (scripts/mailstack/private.ts `reducedWithout`): the engine must notice from the capabilities alone, with its IDLE
// setting on, and poll with NOOP; new mail and flag changes by another session still reach the cache in seconds.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startPrivateStack, type PrivateStack } from '../../scripts/mailstack/index.ts';
import { stack, user } from '../support/stack.ts';
import { addUser, syncEngine, type SyncTestEngine } from '../sync/support/engine.ts';
import { benchMessage, cacheRows, diffRows, fillFolder, imapClient, serverRows } from '../sync/support/fixtures.ts';

const POLL_MS = 1000;
let priv: PrivateStack | undefined;
let engine: SyncTestEngine | undefined;

after(async () => {
  await engine?.close();
  await priv?.dispose();
});

test('a server without IDLE is polled with NOOP: new mail and flag changes still arrive within seconds', async (t) => {
  await stack('full'); // the shared Secret Service (keytar) only
  priv = await startPrivateStack({ flavour: 'reduced', postfix: false, reducedWithout: ['IDLE'] });
  const info = priv.info;
  const head = user(info, 'head');
  const folder = 'Theo-doi';
  await fillFolder(info, head.email, folder, 10);
  const other = imapClient(info, head.email, head.password);
  await other.connect();
  try {
    assert.equal(other.capabilities.has('IDLE'), false, 'the server does not offer IDLE');
    assert.equal(other.capabilities.has('CONDSTORE'), false);

    // The IDLE setting stays on (the default): only the server's capability list makes the engine poll.
    engine = await syncEngine(info, {
      keychainService: `Thư Công Vụ (acceptance ${randomUUID()})`,
      sync: { idle: true, pollIntervalMs: POLL_MS },
    });
    await addUser(engine, info, 'head');
    await engine.must('sync.run', { accountId: head.email, folder });
    const w = await engine.must('sync.watch', { accountId: head.email, folders: [folder] });
    assert.equal(w.mode, 'poll');

    const started = Date.now();
    await other.append(folder, benchMessage(7101, new Date()), []);
    const news = await engine.waitFor('mail.new', (e) => e.folder === folder, 10_000);
    const latency = Date.now() - started;
    assert.equal(news.count, 1);
    assert.ok(latency < POLL_MS + 4000, `new mail after ${latency} ms`);

    const lock = await other.getMailboxLock(folder);
    try {
      await other.messageFlagsAdd('1:4', ['\\Flagged', '$Label4'], { uid: true });
      await other.messageDelete('9:10', { uid: true });
    } finally {
      lock.release();
    }
    await engine.waitFor('folder.changed', (e) => e.folder === folder && e.removed >= 2, 10_000);
    assert.equal(diffRows(await serverRows(other, folder), cacheRows(engine.profileDir, head.email, folder)), '');
    t.diagnostic(`polling every ${POLL_MS} ms: new mail in the cache ${latency} ms after the APPEND`);
  } finally {
    await other.logout().catch(() => {});
  }
});
