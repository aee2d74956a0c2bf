// The message list's own budget, with 100,000 messages (design.md "Performance targets": first rows painted within
// 300 ms of selecting the folder; fewer than 200 DOM rows while scrolling). The engine here is an in-memory fake
// speaking the real contract through the real harness, because the budget is the renderer's: syncing 100,000 real
// messages is the engine benchmark's job, not this test's.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ensureRendererBuilt } from '../harness/build.ts';
import { startHarness, type Harness } from '../harness/server.ts';
import { cspViolations, launch, screenshot, seriousA11yViolations, type Session } from './support/browser.ts';
import { createFakeEngine } from './support/fakeEngine.ts';

const TOTAL = 100_000;
const ROW_HEIGHT = 56;

describe('message list with 100,000 messages', () => {
  let dir: string;
  let harness: Harness;
  let session: Session;
  const engine = createFakeEngine({ inboxSize: TOTAL });

  before(async () => {
    await ensureRendererBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tcv-list-e2e-'));
    harness = await startHarness({ profileDir: dir, engine });
    session = await launch();
  });

  after(async () => {
    await session?.close();
    await harness?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('first rows after selecting the folder (time reported), few DOM rows, lazy pages', async (t) => {
    const { page } = session;
    await page.goto(harness.url);
    const list = page.getByRole('listbox', { name: 'Hộp thư đến' });
    await list.waitFor();
    await page.getByRole('option').first().filter({ hasText: 'Văn phòng' }).waitFor();

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

    const fetched = engine.listCalls.reduce((n, c) => n + c.limit, 0);
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
    await page.getByTestId('reader-subject').filter({ hasText: '(#3)' }).waitFor();
    await page.keyboard.press('End');
    await page.locator(`[role=option][aria-posinset="${TOTAL}"][aria-selected="true"]`).waitFor();
    await page
      .getByTestId('reader-subject')
      .filter({ hasText: `(#${TOTAL})` })
      .waitFor();
    await screenshot(page, 'list-100k-keyboard-vi');
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  test('nothing left the machine and the CSP was never violated', async () => {
    assert.deepEqual(session.blocked, []);
    assert.deepEqual(await cspViolations(session.page), []);
  });
});
