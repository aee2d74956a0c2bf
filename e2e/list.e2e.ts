// The message list's own budget, with 100,000 messages (design.md "Performance targets": first rows painted within
// 300 ms of selecting the folder; fewer than 200 DOM rows while scrolling), on the REAL engine: a real profile whose
// INBOX holds 100,000 messages written through the engine's own cache write path (insertHeaders, the upsert the
// header sync uses; test/support/seed.ts), read through the real queries (messages.list). The account is a real one
// on the test stack, reached through a TCP relay that is cut before the UI opens: the app starts offline on a
// cached 100k folder, so the start-up sync cannot touch the seeded cache, and the status bar must say it is offline.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Handlers } from '../src/api/contract.ts';
import { openDb } from '../src/cache/db.ts';
import { ensureRendererBuilt } from '../harness/build.ts';
import { startHarness, type Harness } from '../harness/server.ts';
import { stack, tempDir, testEngine, user, type TestEngine } from '../test/support/stack.ts';
import { seedFolder } from '../test/support/seed.ts';
import { TcpProxy } from '../test/sync/support/proxy.ts';
import { cspViolations, launch, screenshot, seriousA11yViolations, type Session } from './support/browser.ts';

const TOTAL = 100_000;
const ROW_HEIGHT = 56;

describe('message list with 100,000 messages on the real engine', { timeout: 300_000 }, () => {
  let dir: string;
  let harness: Harness;
  let session: Session;
  let te: TestEngine;
  let proxy: TcpProxy;
  const listCalls: { offset: number; limit: number }[] = [];

  before(async () => {
    const info = await stack('full');
    proxy = new TcpProxy(info.imap.host, info.imap.port);
    await proxy.start();
    dir = tempDir('tcv-list-e2e-');
    te = await testEngine({ profileDir: join(dir, 'profile'), trustedCaFiles: [info.ca] });
    const u = user(info, 'personal');
    const account = await te.must('accounts.add', {
      email: u.email,
      password: u.password,
      imap: { host: '127.0.0.1', port: proxy.port, security: 'starttls' },
      smtp: { host: info.smtp.host, port: info.smtp.port, security: 'starttls' },
    });
    await te.must('folders.list', { accountId: account.id });
    // A second handle on the same SQLite file (WAL): the seed goes through insertHeaders like a sync would.
    const db = openDb(join(te.profileDir, 'cache.sqlite'));
    const ms = seedFolder(db, account.id, 'INBOX', TOTAL, { firstUid: 1_000_000, index: false });
    db.close();
    console.log(`# seeded ${TOTAL} messages through insertHeaders in ${Math.round(ms)} ms`);
    await proxy.cut();
    // Instrumentation, not a stand-in: the real handler runs; the test only counts the rows the list asked for.
    const handlers = te.engine.handlers as Handlers;
    const list = handlers['messages.list'];
    handlers['messages.list'] = (p) => {
      listCalls.push({ offset: p.offset, limit: p.limit });
      return list(p);
    };
    await ensureRendererBuilt();
    harness = await startHarness({ profileDir: te.profileDir, engine: te.engine });
    session = await launch();
  });

  after(async () => {
    await session?.close();
    await harness?.close();
    await te?.engine.close();
    await proxy?.cut();
  });

  test('first rows after selecting the folder (time reported), few DOM rows, lazy pages', async (t) => {
    const { page } = session;
    await page.goto(harness.url);
    const list = page.getByRole('listbox', { name: 'Hộp thư đến' });
    await list.waitFor();
    await page.getByRole('option').first().filter({ hasText: 'Văn phòng' }).waitFor();
    // The start-up sync could not reach the server: the status bar says so, in Vietnamese.
    await page.getByTestId('status-offline').filter({ hasText: 'Ngoại tuyến' }).waitFor();

    // Away and back: selecting the 100k folder is what the budget measures.
    await page.getByRole('button', { name: 'Thư đã gửi' }).click();
    await page.getByText('Thư mục này không có thư nào.').waitFor();
    const started = Date.now();
    await page.getByRole('button', { name: /^Hộp thư đến/ }).click();
    await page.locator('[role=option][data-uid]').first().waitFor();
    const firstRowsMs = Date.now() - started;
    // Reported, not asserted: timings belong to benchmarks (a loaded CI machine must not fail a correct UI).
    // The 300 ms target of design.md is measured by the benchmark suite.
    t.diagnostic(`first rows painted ${firstRowsMs} ms after selecting the folder (target 300 ms)`);
    await assert.doesNotReject(page.getByText('100.000 thư').waitFor());

    const rowsAtTop = await page.getByRole('option').count();
    assert.ok(rowsAtTop > 5 && rowsAtTop < 200, `${rowsAtTop} DOM rows at the top`);
    await screenshot(page, 'list-100k-top-vi');

    // Jump to the middle and to the end: rows there are fetched on demand and the DOM stays small.
    for (const index of [50_000, TOTAL - 1]) {
      await list.evaluate((el, top) => {
        el.scrollTop = top;
      }, index * ROW_HEIGHT);
      await page.locator(`[role=option][aria-posinset="${index + 1}"][data-uid]`).waitFor();
      const rows = await page.getByRole('option').count();
      assert.ok(rows < 200, `${rows} DOM rows around row ${index}`);
    }
    await assert.doesNotReject(page.getByText(`(#${TOTAL})`).waitFor());
    await screenshot(page, 'list-100k-end-vi');

    // Scrolling through a long stretch quickly never grows the DOM.
    let maxRows = 0;
    for (let i = 0; i < 40; i++) {
      await list.evaluate(
        (el, top) => {
          el.scrollTop = top;
        },
        (20_000 + i * 1_500) * ROW_HEIGHT,
      );
      maxRows = Math.max(maxRows, await page.getByRole('option').count());
    }
    t.diagnostic(`DOM rows: ${rowsAtTop} at the top, at most ${maxRows} while scrolling`);
    assert.ok(maxRows < 200, `at most ${maxRows} DOM rows while scrolling`);

    const fetched = listCalls.reduce((n, c) => n + c.limit, 0);
    t.diagnostic(`rows fetched: ${fetched} of ${TOTAL}`);
    assert.ok(fetched < 10_000, `fetched ${fetched} rows for a ${TOTAL}-row folder`);
  });

  test('keyboard: Home/End/arrows move through the whole list, Enter opens', async () => {
    const { page } = session;
    const list = page.getByRole('listbox', { name: 'Hộp thư đến' });
    await list.focus();
    await page.keyboard.press('Home');
    await page.locator('[role=option][aria-posinset="1"][aria-selected="true"]').waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.locator('[role=option][aria-posinset="3"][aria-selected="true"]').waitFor();
    assert.equal(await list.getAttribute('aria-activedescendant'), 'message-row-2');
    await page.getByTestId('list-count').filter({ hasText: '100.000 thư' }).waitFor();
    await page.keyboard.press('End');
    await page.locator(`[role=option][aria-posinset="${TOTAL}"][aria-selected="true"]`).waitFor();
    // Shift+Home selects the whole folder as one range (no 100,000-row array), and the header counts it.
    await page.keyboard.press('Shift+Home');
    await page.getByTestId('list-count').filter({ hasText: 'Đã chọn 100.000 thư' }).waitFor();
    await page.getByText('Đã chọn 100.000 thư.').waitFor();
    await screenshot(page, 'list-100k-keyboard-vi');
    // Sorted by size on the engine: the biggest message first.
    await page.getByRole('button', { name: /^Sắp xếp/ }).click();
    await page.getByRole('menuitemradio', { name: 'Kích thước' }).click();
    await page.getByRole('button', { name: 'Sắp xếp: Kích thước' }).waitFor();
    await page.keyboard.press('Escape');
    await list.focus();
    await page.keyboard.press('Home');
    const first = page.locator('[role=option][aria-posinset="1"][data-uid]');
    await first.waitFor();
    const accountId = (await te.must('accounts.list', {}))[0]!.id;
    const biggest = await te.must('messages.list', {
      accountId,
      folder: 'INBOX',
      limit: 1,
      sort: { by: 'size', dir: 'desc' },
    });
    assert.equal(Number(await first.getAttribute('data-uid')), biggest.items[0]!.uid);
    assert.ok(biggest.items[0]!.size >= 53_000);
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  test('conversation view: thread rows over 100,000 messages (time reported), few DOM rows', async (t) => {
    const { page } = session;
    await page.getByRole('button', { name: 'Ngăn đọc' }).click();
    const started = Date.now();
    await page.getByRole('menuitemcheckbox', { name: 'Hiển thị theo cuộc hội thoại' }).click();
    await page.keyboard.press('Escape');
    const tree = page.getByRole('tree', { name: 'Hộp thư đến' });
    await page.locator('[role=treeitem][data-uid]').first().waitFor();
    t.diagnostic(`first thread rows ${Date.now() - started} ms after turning the view on (target 300 ms)`);
    const rows = await page.getByRole('treeitem').count();
    assert.ok(rows > 5 && rows < 200, `${rows} DOM rows at the top`);
    // Each seeded message is a conversation of its own (no references, no reply prefixes).
    await page.getByTestId('list-count').filter({ hasText: '100.000 cuộc hội thoại' }).waitFor();
    await tree.evaluate((el, top) => {
      el.scrollTop = top;
    }, 50_000 * ROW_HEIGHT);
    await page.locator('[role=treeitem][aria-posinset="50001"][data-uid]').waitFor();
    assert.ok((await page.getByRole('treeitem').count()) < 200);
    assert.deepEqual(await seriousA11yViolations(page), []);
    // Off again: the setting is kept in this profile.
    await page.getByRole('button', { name: 'Ngăn đọc' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Hiển thị theo cuộc hội thoại' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('listbox', { name: 'Hộp thư đến' }).waitFor();
  });

  test('nothing left the machine and the CSP was never violated', async () => {
    assert.deepEqual(session.blocked, []);
    assert.deepEqual(await cspViolations(session.page), []);
  });
});
