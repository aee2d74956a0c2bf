// The background search index pass (src/search/background.ts, docs/search.md "Who writes it") against the real
// Dovecot: an initial sync stores headers only; a search meanwhile covers the indexed part and says how far the index
// is; a SIGKILL in the middle of the pass loses nothing and the next start finishes it; afterwards every message is
// found, once, and the CLI prints exactly the API's result.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { StackInfo } from '../../scripts/mailstack/index.ts';
import { INLINE_MAX } from '../../src/search/index.ts';
import { PASS_BATCH } from '../../src/search/background.ts';
import { addAccountWithTcv, spawnTcv } from '../support/cli.ts';
import { addAccount, stack, tempDir, testEngine, user } from '../support/stack.ts';
import { deleteFolder, fillFolder, uniqueFolder } from '../sync/support/fixtures.ts';

// Every message of the fixture is addressed to "Lãnh đạo" <lanhdao@…>: the query matches all of them.
const QUERY = 'lãnh đạo';
const N = 6000;
let info: StackInfo;
const folder = uniqueFolder('bgindex');
const HEAD = () => user(info, 'head');

before(async () => {
  info = await stack('full');
  await fillFolder(info, HEAD().email, folder, N);
});
after(async () => {
  await deleteFolder(info, HEAD().email, folder);
});

function tcv(profile: string, args: string[]) {
  const p = spawnTcv(['--profile', profile, ...args]);
  let stdout = '';
  let stderr = '';
  p.stdout.on('data', (d) => (stdout += d));
  p.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      p.on('error', reject);
      p.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    },
  );
  return { child: p, done };
}

/** Messages cached and queued for indexing, read by a separate connection (WAL: never blocks the engine). */
function counts(profile: string): { messages: number; pending: number; docs: number } | null {
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(join(profile, 'cache.sqlite'), { readOnly: true });
    return db
      .prepare(
        `SELECT (SELECT count(*) FROM messages WHERE folder = ?) AS messages,
           (SELECT count(*) FROM search_pending) AS pending, (SELECT count(*) FROM message_docs) AS docs`,
      )
      .get(folder) as { messages: number; pending: number; docs: number };
  } catch {
    return null; // not created or not migrated yet
  } finally {
    db?.close();
  }
}

test('an initial sync stores headers only; a search meanwhile covers the indexed part and says so', async (t) => {
  const e = await testEngine({ trustedCaFiles: [info.ca] });
  try {
    const account = await addAccount(e, info, 'head');
    await e.must('folders.list', { accountId: account.id });
    const started = performance.now();
    const synced = await e.must('sync.run', { accountId: account.id, folder });
    assert.equal(synced.added, N);
    const early = await e.must('messages.search', { accountId: account.id, folder, query: QUERY, limit: 5 });
    assert.ok(early.indexing, 'a search right after a large initial sync reports the index as incomplete');
    assert.equal(early.indexing.total, N);
    assert.ok(early.indexing.indexed < N, `indexed ${early.indexing.indexed} of ${N}`);
    assert.ok(early.total <= early.indexing.indexed, 'results cover only the indexed part');
    // The engine keeps answering while the pass runs: it yields between batches.
    const t0 = performance.now();
    const list = await e.must('messages.list', { accountId: account.id, folder, limit: 50 });
    t.diagnostic(`messages.list during the pass: ${(performance.now() - t0).toFixed(1)} ms`);
    assert.equal(list.items.length, 50);

    await e.engine.indexIdle?.();
    t.diagnostic(`sync + background pass of ${N} headers: ${((performance.now() - started) / 1000).toFixed(2)} s`);
    assert.deepEqual({ ...counts(e.profileDir) }, { messages: N, pending: 0, docs: N });
    const done = await e.must('messages.search', { accountId: account.id, folder, query: QUERY, limit: 5 });
    assert.equal(done.indexing, undefined, 'no progress once everything is indexed');
    assert.equal(done.total, N);
  } finally {
    await e.engine.close();
  }
});

test('SIGKILL in the middle of the pass: the next start resumes it; CLI and API then give identical results', async (t) => {
  const profile = tempDir('tcv-bgindex-');
  await addAccountWithTcv(info, profile, 'head');

  // `tcv sync` waits for the pass after the header sync; kill it while the pass is well under way.
  const sync = tcv(profile, ['sync', '--folder', folder]);
  const killAt = { low: 2 * INLINE_MAX + PASS_BATCH, high: N - PASS_BATCH };
  let seen: ReturnType<typeof counts> = null;
  const deadline = Date.now() + 120_000;
  let exited = false;
  void sync.done.then(() => (exited = true));
  while (!exited && Date.now() < deadline) {
    const c = counts(profile);
    if (c && c.messages === N && c.pending > killAt.low && c.pending <= killAt.high) {
      seen = c;
      sync.child.kill('SIGKILL');
      break;
    }
    await new Promise((r) => setTimeout(r, 3));
  }
  const killed = await sync.done;
  assert.equal(killed.signal, 'SIGKILL', `killed mid-pass (last counts ${JSON.stringify(seen)}): ${killed.stderr}`);
  const after = counts(profile);
  assert.ok(after && after.pending > 0 && after.pending < N, `queue left by the kill: ${JSON.stringify(after)}`);
  assert.equal(after.messages, N, 'every header was stored before the pass');
  assert.equal(after.docs + after.pending, N, 'each message is either indexed or queued, never lost');
  t.diagnostic(`killed with ${after.pending} of ${N} still queued`);

  // A search in a new process: partial, and it says how far the index is.
  const partial = await tcv(profile, ['search', QUERY, '--folder', folder, '--limit', '5', '--json']).done;
  assert.equal(partial.code, 0, partial.stderr);
  const page = JSON.parse(partial.stdout) as { total: number; indexing?: { indexed: number; total: number } };
  assert.ok(page.indexing, `partial results are flagged: ${partial.stdout.slice(0, 200)}`);
  assert.equal(page.indexing.total, N);
  assert.ok(page.total < N && page.total <= page.indexing.indexed);

  // The next start resumes the queue (tcv sync waits for it); nothing is indexed twice.
  const resumed = await tcv(profile, ['sync', '--folder', folder]).done;
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.deepEqual({ ...counts(profile) }, { messages: N, pending: 0, docs: N });

  const cli = await tcv(profile, ['search', QUERY, '--folder', folder, '--limit', '50', '--offset', '10', '--json'])
    .done;
  assert.equal(cli.code, 0, cli.stderr);
  const e = await testEngine({ profileDir: profile });
  try {
    const api = await e.must('messages.search', { query: QUERY, folder, limit: 50, offset: 10 });
    assert.equal(api.total, N);
    assert.equal(api.indexing, undefined);
    assert.deepEqual(JSON.parse(cli.stdout), api);
  } finally {
    await e.engine.close();
  }
});

test('new mail after the initial sync is indexed inline (searchable at once), not queued', async () => {
  const e = await testEngine({ trustedCaFiles: [info.ca] });
  try {
    const account = await addAccount(e, info, 'head');
    await e.must('folders.list', { accountId: account.id });
    await e.must('sync.run', { accountId: account.id, folder });
    await e.engine.indexIdle?.();
    await fillFolder(info, HEAD().email, folder, 3, { start: N + 1, newest: new Date(Date.now() + 3600_000) });
    const r = await e.must('sync.run', { accountId: account.id, folder });
    assert.equal(r.added, 3);
    const c = counts(e.profileDir);
    assert.equal(c?.pending, 0, 'an incremental sync leaves nothing queued');
    const found = await e.must('messages.search', { accountId: account.id, folder, query: QUERY, limit: 3 });
    assert.equal(found.indexing, undefined);
    assert.equal(found.total, N + 3);
  } finally {
    await e.engine.close();
  }
});
