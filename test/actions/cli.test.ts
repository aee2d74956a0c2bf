// `tcv move` and `tcv flag` against the real stack, in separate processes on one profile: exit 0 when the server
// has it, 1 with the error code when it failed or is only queued (offline), 2 for usage errors. A queued action
// survives the process and is replayed by the next `tcv sync`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ImapFlow } from 'imapflow';
import type { StackInfo } from '../../scripts/mailstack/index.ts';
import type { ActionResult } from '../../src/api/types.ts';
import { addAccountWithTcv, tcv } from '../support/cli.ts';
import { stack, tempDir, user } from '../support/stack.ts';
import { ROLE, Relay, cacheRows, connected, deleteFolders, fill, serverRows, uniqueFolder } from './support.ts';

let info: StackInfo;
let imap: ImapFlow;
let relay: Relay;
const prefix = `Actions-${process.pid}-cli`;

before(async () => {
  info = await stack('full');
  imap = await connected(info);
  relay = new Relay(info.imap.port);
  await relay.start();
});
after(async () => {
  await relay.close();
  await deleteFolders(imap, prefix);
  await imap.logout();
});

test('usage errors exit 2', async () => {
  const profile = tempDir('tcv-actions-cli-');
  for (const args of [
    ['move'],
    ['move', '5', '--from', 'INBOX'],
    ['move', '5', '--to', 'Trash'],
    ['move', 'abc', '--from', 'INBOX', '--to', 'Trash'],
    ['flag', '5'],
    ['flag', '5', '--seen', '--unseen'],
    ['flag', '5', '--bogus'],
  ]) {
    const r = await tcv(['--profile', profile, ...args]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
  }
});

test('tcv flag and tcv move: done on the server (0), errors (1), queued offline (1) and replayed by tcv sync', async () => {
  const S = `${prefix}-${uniqueFolder('nguon')}`;
  const D = `${prefix}-${uniqueFolder('dich')}`;
  await imap.mailboxCreate(S);
  await imap.mailboxCreate(D);
  const ids = await fill(imap, S, 3, 'cli');
  const profile = tempDir('tcv-actions-cli-');
  const u = user(info, ROLE);
  await addAccountWithTcv(info, profile, ROLE, { imapPort: relay.port });
  const p = ['--profile', profile];
  for (const f of [S, D]) assert.equal((await tcv([...p, 'sync', '--folder', f])).code, 0);

  const flag = await tcv([
    ...p,
    'flag',
    '1',
    '2',
    '--folder',
    S,
    '--seen',
    '--flagged',
    '--add-keyword',
    'Khan',
    '--json',
  ]);
  assert.equal(flag.code, 0, flag.stderr);
  const result = JSON.parse(flag.stdout) as ActionResult;
  assert.equal(result.state, 'done');
  assert.equal(result.count, 2);
  assert.deepEqual(
    (await serverRows(imap, S)).map((m) => m.flags),
    ['Khan \\flagged \\seen', 'Khan \\flagged \\seen', ''],
  );
  const unflag = await tcv([...p, 'flag', '2', '--folder', S, '--unflagged', '--unseen', '--remove-keyword', 'Khan']);
  assert.equal(unflag.code, 0, unflag.stderr);
  assert.match(unflag.stdout, /Đã đổi cờ/);
  assert.equal((await serverRows(imap, S))[1]?.flags, '');

  const move = await tcv([...p, 'move', '1', '--from', S, '--to', D]);
  assert.equal(move.code, 0, move.stderr);
  assert.match(move.stdout, /Đã chuyển 1 thư/);
  assert.deepEqual(
    (await serverRows(imap, D)).map((m) => m.messageId),
    [ids[0]],
  );

  const missing = await tcv([...p, 'move', '2', '--from', S, '--to', `${prefix}-không-có`]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /FOLDER_NOT_FOUND/);

  // Offline: the action is applied to the profile and queued; the command says so and exits 1.
  await relay.cut('refuse');
  const queued = await tcv([...p, 'move', '3', '--from', S, '--to', D, '--json']);
  assert.equal(queued.code, 1);
  assert.equal((JSON.parse(queued.stdout) as ActionResult).state, 'queued');
  assert.match(queued.stderr, /CONNECTION_REFUSED/);
  assert.match(queued.stderr, /sẽ tự gửi lên máy chủ/);
  assert.ok(cacheRows(profile, u.email, D).some((m) => m.messageId === ids[2] && m.uid < 0));
  assert.ok(
    (await serverRows(imap, S)).some((m) => m.messageId === ids[2]),
    'not on the server yet',
  );

  await relay.restore();
  const sync = await tcv([...p, 'sync', '--folder', D]);
  assert.equal(sync.code, 0, sync.stderr);
  assert.deepEqual(
    (await serverRows(imap, D)).map((m) => m.messageId),
    [ids[0], ids[2]],
  );
  assert.deepEqual(
    cacheRows(profile, u.email, D).map((m) => m.messageId),
    [ids[0], ids[2]],
  );
  assert.ok(cacheRows(profile, u.email, D).every((m) => m.uid > 0));
});
