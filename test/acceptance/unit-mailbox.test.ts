// Issue 3 "Accounts and connection", on BOTH flavours: a unit account (hộp thư đơn vị) is its own account kind, and a
// custodian's engine watches its own INBOX and the delegated unit INBOX, each on ONE IDLE connection of its own. New
// mail delivered to the unit mailbox through Postfix reaches the custodian's cache within seconds with a mail.new
// event. A private stack (scripts/mailstack/private.ts): delegating the unit's INBOX on the shared stack would change
// what other engineers' tests see, and Dovecot's process titles there mix everyone's sessions.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { doveadm, injectMessage, startPrivateStack, type PrivateStack } from '../../scripts/mailstack/index.ts';
import { accountParams, stack, user } from '../support/stack.ts';
import { addUser, syncEngine, type SyncTestEngine } from '../sync/support/engine.ts';
import { benchMessage, cacheRows, diffRows, imapClient, serverRows } from '../sync/support/fixtures.ts';

const stacks: PrivateStack[] = [];
const engines: SyncTestEngine[] = [];

after(async () => {
  for (const t of engines) await t.close();
  for (const s of stacks) await s.dispose();
});

/** IMAP sessions of `email` on this private Dovecot that are in IDLE, from the process titles (verbose_proctitle). */
function idleSessions(priv: PrivateStack, email: string): number {
  const titles = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n');
  const prefix = `dovecot-${priv.instance}-${priv.info.flavour}/imap [${email} `;
  return titles.filter((t) => t.startsWith(prefix) && t.trimEnd().endsWith(' IDLE]')).length;
}

for (const flavour of ['full', 'reduced'] as const) {
  test(`${flavour} flavour: a unit account, and a custodian watching its INBOX and the delegated unit INBOX on one IDLE connection each`, async (t) => {
    await stack('full'); // the shared Secret Service (keytar) only
    const priv = await startPrivateStack({ flavour });
    stacks.push(priv);
    const info = priv.info;
    const unit = user(info, 'unit');
    const custodian = user(info, 'custodian');
    await doveadm(info, [
      'acl',
      'set',
      '-u',
      unit.email,
      'INBOX',
      `user=${custodian.email}`,
      'lookup',
      'read',
      'write-seen',
    ]);
    const sharedInbox = `shared/${unit.email}/INBOX`;

    const e = await syncEngine(info, { keychainService: `Thư Công Vụ (acceptance ${randomUUID()})` });
    engines.push(e);
    // The unit mailbox as an account of its own kind (its own login), and the custodian's personal account.
    const unitAccount = await e.must('accounts.add', { ...accountParams(info, 'unit'), kind: 'unit' });
    assert.equal(unitAccount.kind, 'unit');
    await addUser(e, info, 'custodian');
    const kinds = Object.fromEntries((await e.must('accounts.list', {})).map((a) => [a.email, a.kind]));
    assert.deepEqual(kinds, { [unit.email]: 'unit', [custodian.email]: 'personal' });

    await e.must('sync.run', { accountId: custodian.email });
    const w = await e.must('sync.watch', { accountId: custodian.email });
    assert.equal(w.mode, 'idle');
    assert.deepEqual(w.folders, ['INBOX', sharedInbox], 'its INBOX and the delegated unit INBOX');
    let idle = 0;
    for (let i = 0; i < 50 && idle < 2; i++, await sleep(100)) idle = idleSessions(priv, custodian.email);
    assert.equal(idle, 2, 'one IDLE session per watched folder');

    const started = Date.now();
    const subject = `Giấy mời họp giao ban – hộp thư đơn vị (${flavour})`;
    const raw = benchMessage(9001, new Date()).replace(
      /^Subject: .*$/m,
      `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
    );
    await injectMessage(info, raw, [unit.email]);
    const news = await e.waitFor(
      'mail.new',
      (m) => m.accountId === custodian.email && m.folder === sharedInbox,
      10_000,
    );
    const latency = Date.now() - started;
    assert.equal(news.items?.[0]?.subject, subject);
    assert.ok(latency < 5000, `new mail in the unit mailbox after ${latency} ms`);
    const owner = imapClient(info, unit.email, unit.password);
    await owner.connect();
    try {
      assert.equal(
        diffRows(await serverRows(owner, 'INBOX'), cacheRows(e.profileDir, custodian.email, sharedInbox)),
        '',
      );
    } finally {
      await owner.logout();
    }
    assert.equal(idleSessions(priv, custodian.email), 2, 'still two IDLE sessions after the change');
    await e.must('sync.unwatch', { accountId: custodian.email });
    let left = 2;
    for (let i = 0; i < 50 && left > 0; i++, await sleep(100)) left = idleSessions(priv, custodian.email);
    assert.equal(left, 0, 'unwatch logs the IDLE sessions out');
    t.diagnostic(`${flavour}: new mail in the delegated unit INBOX reached the custodian's cache in ${latency} ms`);
  });
}
