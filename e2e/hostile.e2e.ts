// Issue 4, acceptance: "A hostile message (script tags, event handlers, remote images, CSS exfiltration,
// <meta refresh>, forms) renders with no script run and no request leaving the app, verified by request interception
// in the test." The whole chain, nothing mocked: real messages in Dovecot → engine (mailparser, cache) → harness →
// the reader in Chromium (DOMPurify → the mail document with its own CSP → the sandboxed iframe).
//
// The hostile mail is cure53's HTTPLeaks page (every way HTML can make a request, all to host leaking.via) and all 372
// XSS vectors of the corpus (H5SC + DOMPurify's fixtures) in four messages, their alert()/prompt()/confirm()/print()
// calls turned into a console marker. Every request is recorded three ways: Playwright routing (every request the
// page or a frame makes), CDP Network (also requests refused before the network, e.g. by CSP) and CDP Log (CSP
// refusals, sandbox refusals), with dialogs and console messages. With remote content blocked, not one request may
// leave the harness's origin, and nothing may even be refused (the sanitiser removes it first). After "load remote
// content", only images may be asked for, and only from the message's remote host (the test's guard blocks them).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  cspSince,
  foreignSince,
  openMessage,
  sandboxRefusalsSince,
  scriptRanSince,
  seriousViolations,
  startReaderE2E,
  waitForMailFrame,
  type ReaderE2E,
} from '../test/reader/support/e2e.ts';
import {
  LEAK_HOST,
  SCRIPT_MARKER,
  htmlMessage,
  leakHtml,
  vectorsHtml,
  xssVectors,
} from '../test/reader/support/hostile.ts';
import { loadApp } from './support/app.ts';
import { cspViolations, screenshot } from './support/browser.ts';

const run = randomBytes(3).toString('hex');
const FOLDER = `Hostile-${run}`;
const FROM = 'Người lạ <nguoila@ngoai-mang.example>';
const LEAK = `HTTPLeaks: mọi cách HTML gửi yêu cầu (${run})`;
const VECTOR_PARTS = 4;
const xssSubject = (i: number) => `Mã độc XSS phần ${i + 1}/${VECTOR_PARTS} (${run})`;
/** Long enough for a meta refresh, a lazy image or a font to have fired, if anything could fire. */
const SETTLE_MS = 1500;

describe('hostile mail in the reader: no script runs, no request leaves', { timeout: 300_000 }, () => {
  let e: ReaderE2E;

  before(async () => {
    const to = 'chuyenvien@cantho.gov.vn';
    const vectors = xssVectors();
    const per = Math.ceil(vectors.length / VECTOR_PARTS);
    const messages = [await htmlMessage({ from: FROM, to, subject: LEAK, html: leakHtml() })];
    for (let i = 0; i < VECTOR_PARTS; i++) {
      const part = vectors.slice(i * per, (i + 1) * per);
      messages.push(await htmlMessage({ from: FROM, to, subject: xssSubject(i), html: vectorsHtml(part) }));
    }
    e = await startReaderE2E({ folder: FOLDER, messages });
    await loadApp(e.page, e.harness.url);
  });

  after(async () => {
    await e?.close();
  });

  test('HTTPLeaks with remote content blocked: zero requests leave, nothing is even refused', async () => {
    const mark = e.rec.mark();
    await openMessage(e.page, FOLDER, LEAK);
    await waitForMailFrame(e.page);
    await e.page.waitForTimeout(SETTLE_MS);

    const foreign = foreignSince(e.rec, mark, e.origin);
    assert.deepEqual(foreign.routed, [], 'requests routed outside the harness');
    assert.deepEqual(foreign.cdp, [], 'requests prepared for outside the harness (CDP)');
    assert.ok(![...e.rec.cdp.values()].some((r) => r.url.includes(LEAK_HOST)), `${LEAK_HOST} was asked for`);
    assert.deepEqual(e.session.blocked, [], 'the guard had to block something');
    assert.deepEqual(cspSince(e.rec, mark), [], 'the sanitiser left something the CSP had to refuse');
    assert.deepEqual(scriptRanSince(e.rec, mark, SCRIPT_MARKER), []);
    assert.deepEqual(sandboxRefusalsSince(e.rec, mark), [], 'not even an attempt, anywhere');
    assert.deepEqual(e.rec.dialogs, []);
    assert.equal(await e.page.getByTestId('reader').getAttribute('data-csp-violations'), '0');
    assert.deepEqual(await cspViolations(e.page), [], 'the app page itself');

    // The user is told, and the document is still the one that was opened (no meta refresh, no <base>).
    const bar = e.page.getByTestId('remote-bar');
    await bar.waitFor();
    assert.match(await bar.innerText(), /Nội dung từ xa đã bị chặn để bảo vệ bạn/);
    assert.match(await bar.innerText(), /leaking\.via/);
    const frameUrl = await e.page.evaluate(
      () => document.querySelector<HTMLIFrameElement>('iframe[data-testid="mail-frame"]')?.contentDocument?.URL,
    );
    assert.match(frameUrl ?? '', /\/mail-frame\.html$/);
    await screenshot(e.page, 'reader-hostile-httpleaks-vi');
    assert.deepEqual(await seriousViolations(e.page), []);
  });

  test('372 XSS vectors in four messages: no script runs, no handler or javascript: URL reaches the document', async () => {
    let refusals = 0;
    for (let i = 0; i < VECTOR_PARTS; i++) {
      const mark = e.rec.mark();
      await openMessage(e.page, FOLDER, xssSubject(i));
      await waitForMailFrame(e.page);
      await e.page.waitForTimeout(SETTLE_MS);
      assert.deepEqual(scriptRanSince(e.rec, mark, SCRIPT_MARKER), [], `part ${i + 1}: a script ran`);
      // Handler attributes the pre-parse renaming missed (sanitize.ts defuse) are refused while DOMPurify parses in
      // the mail document's sandboxed realm; never anywhere else, and never once the markup is in the document.
      const refused = sandboxRefusalsSince(e.rec, mark);
      assert.deepEqual(
        refused.filter((where) => !/\/mail-frame\.html$/.test(where)),
        [],
        `part ${i + 1}: a script was attempted outside the mail document`,
      );
      refusals += refused.length;
      assert.deepEqual(e.rec.dialogs, [], `part ${i + 1}: a dialog opened`);
      const foreign = foreignSince(e.rec, mark, e.origin);
      assert.deepEqual([...foreign.routed, ...foreign.cdp], [], `part ${i + 1}: a request left`);
      assert.deepEqual(cspSince(e.rec, mark), [], `part ${i + 1}: the CSP had to refuse something`);
      // What the mail document holds, seen from the app (same origin): no script, handler or dangerous URL.
      const found = await e.page.evaluate(() => {
        const doc = document.querySelector<HTMLIFrameElement>('iframe[data-testid="mail-frame"]')?.contentDocument;
        if (!doc) return ['no mail document'];
        const bad: string[] = [];
        const dangerous = /^(?:javascript|vbscript|data:text\/html|livescript)/i;
        for (const el of doc.body.querySelectorAll('*')) {
          if (/^(SCRIPT|IFRAME|FRAME|OBJECT|EMBED|FORM|INPUT|BUTTON|META|BASE|LINK|SVG|MATH)$/i.test(el.tagName))
            bad.push(el.tagName);
          for (const a of el.attributes) {
            if (/^on/i.test(a.name)) bad.push(`${el.tagName}[${a.name}]`);
            // eslint-disable-next-line no-control-regex
            if (a.name !== 'title' && dangerous.test(a.value.replace(/[\u0000-\u0020]/g, '')))
              bad.push(`${el.tagName}[${a.name}]=${a.value.slice(0, 40)}`);
          }
        }
        return bad;
      });
      assert.deepEqual(found, [], `part ${i + 1}`);
      assert.equal(await e.page.getByTestId('reader').getAttribute('data-csp-violations'), '0');
    }
    process.stdout.write(`# sandbox refusals while parsing the 372 vectors (mail document only): ${refusals}\n`);
    await screenshot(e.page, 'reader-hostile-xss-vi');
    assert.deepEqual(e.session.blocked, []);
    assert.deepEqual(await cspViolations(e.page), []);
  });

  test('"load remote content" on HTTPLeaks: only images are asked for, only from leaking.via', async () => {
    await openMessage(e.page, FOLDER, LEAK);
    await waitForMailFrame(e.page);
    const mark = e.rec.mark();
    await e.page.getByRole('button', { name: 'Tải nội dung cho thư này' }).click();
    await waitForMailFrame(e.page, 'allowed');
    await e.page.waitForTimeout(SETTLE_MS * 2);

    const foreign = foreignSince(e.rec, mark, e.origin);
    assert.ok(foreign.routed.length > 0, 'remote images were asked for');
    const notImages = foreign.routed.filter((r) => r.type !== 'image' || new URL(r.url).hostname !== LEAK_HOST);
    assert.deepEqual(notImages, [], 'only images, only from the message');
    const cdpNotImages = foreign.cdp.filter((r) => r.type !== 'Image' || new URL(r.url).hostname !== LEAK_HOST);
    assert.deepEqual(cdpNotImages, [], 'CDP: only images');
    // Nothing was refused by the CSP either: what is not an image never reached the document.
    assert.deepEqual(cspSince(e.rec, mark), []);
    assert.deepEqual(scriptRanSince(e.rec, mark, SCRIPT_MARKER), []);
    assert.deepEqual(sandboxRefusalsSince(e.rec, mark), []);
    assert.deepEqual(e.rec.dialogs, []);
    // The guard of the test blocked them all: they never left the machine.
    for (const r of foreign.routed) assert.ok(e.session.blocked.includes(r.url), r.url);
    const vectors = [...new Set(foreign.routed.map((r) => new URL(r.url).pathname))].sort();
    process.stdout.write(`# remote images asked for after "load": ${vectors.length} (${vectors.join(' ')})\n`);
    await screenshot(e.page, 'reader-hostile-httpleaks-remote-vi');
  });
});
