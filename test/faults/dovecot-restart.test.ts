// Issue 3 "Acceptance", literally: Dovecot restarted during an initial sync of a large folder. The server is a PRIVATE
// Dovecot (scripts/mailstack/private.ts: own state folder and ports, same config generator), so its master process
// can really be stopped and started again without disturbing the shared stack other test files use. On each flavour:
// 20,000 messages (flags and keywords), the engine's first sync is cut by SIGTERM to the Dovecot master once a few
// thousand headers are in, Dovecot is started again on the same state folder, and the same sync.run call reconnects
// with backoff, fetches only what was missing, and ends with the cache equal to the server (UID set, flags, keywords).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { doveadm, startPrivateStack, type Flavour, type PrivateStack } from '../../scripts/mailstack/index.ts';
import type { SyncProgressEvent } from '../../src/api/types.ts';
import { stack, user } from '../support/stack.ts';
import { addUser, syncEngine, type SyncTestEngine } from '../sync/support/engine.ts';
import { cacheQuery, cacheRows, diffRows, fillFolder, imapClient, serverRows } from '../sync/support/fixtures.ts';

const BIG = 20_000;
const FOLDER = 'Faults-20k';
const stacks: PrivateStack[] = [];
const engines: SyncTestEngine[] = [];

after(async () => {
  const t0 = performance.now();
  for (const t of engines) await t.close();
  const t1 = performance.now();
  for (const s of stacks) await s.dispose();
  console.log(
    `[faults] clean-up: engines ${Math.round(t1 - t0)} ms, private stacks ${Math.round(performance.now() - t1)} ms`,
  );
});

function committed(profileDir: string, account: string): number {
  const [row] = cacheQuery<{ n: number }>(
    profileDir,
    'SELECT count(*) AS n FROM messages WHERE account_id = ? AND folder = ?',
    account,
    FOLDER,
  );
  return row?.n ?? 0;
}

/** The header-fetch attempts of the sync, from its progress events: how many each wanted and how many it stored. */
function headerAttempts(e: SyncTestEngine): { total: number; committed: number }[] {
  const out: { total: number; committed: number }[] = [];
  for (const { event, payload } of e.events) {
    if (event !== 'sync.progress') continue;
    const p = payload as SyncProgressEvent;
    if (p.folder !== FOLDER || p.phase !== 'headers') continue;
    if (p.done === 0) out.push({ total: p.total, committed: 0 });
    else if (out.length > 0) (out.at(-1) as { committed: number }).committed = p.done;
  }
  return out;
}

/** The engine's "imap retry" log lines: one per failed connection attempt, with the backoff it waited. */
function retries(profileDir: string): { attempt: number; delayMs: number; code: string }[] {
  return readFileSync(join(profileDir, 'logs', 'engine.log'), 'utf8')
    .split('\n')
    .filter((l) => l.includes('imap retry'))
    .map((l) => JSON.parse(l) as { attempt: number; delayMs: number; code: string });
}

for (const flavour of ['full', 'reduced'] as Flavour[]) {
  test(`${flavour} flavour: Dovecot restarted during the initial sync of ${BIG} messages; the sync resumes and the cache equals the server`, async (t) => {
    await stack('full'); // the shared Secret Service (keytar) only
    const t0 = performance.now();
    const priv = await startPrivateStack({ flavour, postfix: false });
    stacks.push(priv);
    const info = priv.info;
    const head = user(info, 'head');
    await fillFolder(info, head.email, FOLDER, BIG, { flags: (n) => (n % 3 ? 'S' : n % 10 === 0 ? 'F' : '') });
    // Keywords too (the cache must carry them): a due-date style keyword and a tag on two ranges.
    await doveadm(info, ['flags', 'add', '-u', head.email, '$Due-20261231', 'mailbox', FOLDER, 'uid', '1:700']);
    await doveadm(info, ['flags', 'add', '-u', head.email, 'KhanCap', 'mailbox', FOLDER, 'uid', '15000:15300']);
    const setupMs = performance.now() - t0;

    const e = await syncEngine(info, { keychainService: `Thư Công Vụ (faults ${randomUUID()})` });
    engines.push(e);
    await addUser(e, info, 'head');
    const pidBefore = priv.dovecot.pid();
    assert.ok(pidBefore, 'the private Dovecot runs');

    const started = performance.now();
    const running = e.call('sync.run', { accountId: head.email, folder: FOLDER });
    await e.waitFor('sync.progress', (p) => p.folder === FOLDER && p.done >= 4000, 120_000);
    await priv.dovecot.stop(); // SIGTERM to the master; resolves once it has exited
    assert.equal(priv.dovecot.pid(), null, 'Dovecot is down');
    assert.equal(await priv.dovecot.running(), false);
    await sleep(1000); // the engine meets a refused port for a while
    const log = flavour === 'full' ? info.logs.dovecot : info.logs.dovecotReduced;
    const logFrom = statSync(log).size;
    await priv.dovecot.start();
    const pidAfter = priv.dovecot.pid();
    assert.ok(pidAfter && pidAfter !== pidBefore, 'a new Dovecot master');

    const r = await running;
    const syncMs = performance.now() - started;
    assert.ok(r.ok, r.ok ? '' : `${r.error.code} ${r.error.message}`);
    assert.equal(r.value.total, BIG);
    // Each attempt starts with a progress event of done 0 and the number of headers it is missing; its last event
    // says how many it committed. A resumed attempt asks only for what is not cached, so the commits add up to the
    // folder exactly: any header fetched and stored twice would push the sum over it.
    const attempts = headerAttempts(e);
    assert.ok(attempts.length >= 2, `the sync was interrupted and resumed: ${JSON.stringify(attempts)}`);
    assert.equal(attempts[0]?.total, BIG, 'the first attempt asked for every header');
    const resumedWith = attempts.at(-1)?.total ?? BIG;
    assert.ok(resumedWith <= BIG - 3000, `resumed, not restarted from zero: the last attempt wanted ${resumedWith}`);
    const stored = attempts.reduce((n, a) => n + a.committed, 0);
    const refetched = stored - BIG;
    assert.equal(refetched, 0, `headers stored twice: ${JSON.stringify(attempts)}`);
    assert.equal(committed(e.profileDir, head.email), BIG);
    // The sync finished on a session of the restarted Dovecot: its log shows the engine's login after the start.
    const afterRestart = readFileSync(log).subarray(logFrom).toString('utf8');
    assert.match(afterRestart, new RegExp(`imap-login: Info: Login: user=<${head.email}>`), 'logged in again');
    const tries = retries(e.profileDir);
    assert.ok(tries.length >= 1, 'the engine retried the connection');
    assert.ok(
      tries.every((x) => ['CONNECTION_REFUSED', 'CONNECTION_LOST', 'TIMEOUT'].includes(x.code)),
      JSON.stringify(tries),
    );

    const other = imapClient(info, head.email, head.password);
    await other.connect();
    try {
      const server = await serverRows(other, FOLDER);
      assert.equal(server.length, BIG);
      const cache = cacheRows(e.profileDir, head.email, FOLDER);
      assert.equal(diffRows(server, cache), '', 'cache equals server (UID set, flags, keywords)');
      assert.ok(server.filter((x) => x.flags.includes('KhanCap')).length === 301, 'keywords are on the server');
    } finally {
      await other.logout();
    }
    t.diagnostic(
      `${flavour}: setup ${Math.round(setupMs)} ms; sync ${Math.round(syncMs)} ms including the restart; ` +
        `attempts (wanted/committed) ${attempts.map((a) => `${a.total}/${a.committed}`).join(' → ')}, ${refetched} refetched; ` +
        `mode ${r.value.mode ?? '?'}; retries ${tries.map((x) => `${x.code}@${x.delayMs}ms`).join(', ')}`,
    );
  });
}
