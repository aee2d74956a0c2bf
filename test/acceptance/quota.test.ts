// Issue 3 "Accounts and connection": typed errors include quota, with a Vietnamese message. The shared stack has no
// quota, so this runs a PRIVATE Dovecot with a small storage quota (scripts/mailstack/private.ts `quota`), on both
// flavours: a copy that would go over it is refused by the server (NO [OVERQUOTA]) and reaches the caller as QUOTA in
// Vietnamese; nothing was copied, the source is untouched, and the cache still equals the server.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { doveadm, doveadmSave, startPrivateStack, type PrivateStack } from '../../scripts/mailstack/index.ts';
import { stack, user } from '../support/stack.ts';
import { addUser, syncEngine, type SyncTestEngine } from '../sync/support/engine.ts';
import { cacheRows, diffRows, imapClient, serverRows } from '../sync/support/fixtures.ts';

const stacks: PrivateStack[] = [];
const engines: SyncTestEngine[] = [];

after(async () => {
  for (const t of engines) await t.close();
  for (const s of stacks) await s.dispose();
});

/** A message of about `kb` KB: a Vietnamese letter padded with a long (plain ASCII) appendix. */
function letter(n: number, kb: number): string {
  const pad = 'Phu luc: so lieu thong ke chi tiet theo tung don vi. '.repeat(Math.ceil((kb * 1024) / 54));
  return [
    'From: =?UTF-8?B?VsSDbiBwaMOybmc=?= <vanphong@cantho.gov.vn>',
    'To: lanhdao@cantho.gov.vn',
    `Subject: =?UTF-8?B?${Buffer.from(`Báo cáo số ${n}`).toString('base64')}?=`,
    `Message-ID: <quota-${n}-${randomUUID()}@cantho.gov.vn>`,
    'Date: Sat, 28 Nov 2026 09:00:00 +0700',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    pad.replace(/(.{76})/g, '$1\r\n'),
    '',
  ].join('\r\n');
}

for (const flavour of ['full', 'reduced'] as const) {
  test(`${flavour} flavour: a copy over the server's quota is QUOTA, in Vietnamese, and changes nothing`, async () => {
    await stack('full'); // the shared Secret Service (keytar) only
    const priv = await startPrivateStack({ flavour, postfix: false, quota: '60k' });
    stacks.push(priv);
    const info = priv.info;
    const head = user(info, 'head');
    await doveadm(info, ['mailbox', 'create', '-u', head.email, 'Báo cáo', 'Lưu trữ']);
    await doveadmSave(info, head.email, 'Báo cáo', letter(1, 20));
    await doveadmSave(info, head.email, 'Báo cáo', letter(2, 20));
    const quota = await doveadm(info, ['quota', 'get', '-u', head.email]);
    assert.match(quota, /STORAGE/, quota);

    const e = await syncEngine(info, { keychainService: `Thư Công Vụ (acceptance ${randomUUID()})` });
    engines.push(e);
    await addUser(e, info, 'head');
    await e.must('sync.run', { accountId: head.email, folder: 'Báo cáo' });
    await e.must('sync.run', { accountId: head.email, folder: 'Lưu trữ' });
    const uids = cacheRows(e.profileDir, head.email, 'Báo cáo').map((r) => r.uid);
    assert.equal(uids.length, 2);

    // 40 KB stored, 40 KB more would pass the 60 KB quota.
    const r = await e.call('messages.copy', { accountId: head.email, folder: 'Báo cáo', uids, to: 'Lưu trữ' });
    assert.equal(r.ok ? 'ok' : r.error.code, 'QUOTA');
    assert.ok(!r.ok && r.error.message === 'Hộp thư đã đầy (vượt hạn mức dung lượng).', !r.ok ? r.error.message : '');

    const other = imapClient(info, head.email, head.password);
    await other.connect();
    try {
      assert.deepEqual(await serverRows(other, 'Lưu trữ'), [], 'nothing was copied');
      await e.must('sync.run', { accountId: head.email, folder: 'Lưu trữ' });
      for (const folder of ['Báo cáo', 'Lưu trữ']) {
        assert.equal(
          diffRows(await serverRows(other, folder), cacheRows(e.profileDir, head.email, folder)),
          '',
          folder,
        );
      }
    } finally {
      await other.logout();
    }
  });
}
