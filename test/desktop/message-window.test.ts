// The message window's decisions (src/desktop/message-window.ts, src/shared/message-route.ts): the route both sides
// share, refusing anything that is not a message; one window per message; where each window goes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messageRouteHash, parseMessageRoute } from '../../src/shared/message-route.ts';
import {
  CASCADE_STEP,
  MESSAGE_WINDOW_SIZE,
  messageWindowBounds,
  messageWindowKey,
  messageWindowUrl,
} from '../../src/desktop/message-window.ts';
import { createDispatch } from '../../src/api/dispatch.ts';
import { desktopHandlers } from '../../src/engine/handlers/desktop.ts';
import { createDesktopServices } from '../../src/desktop/host.ts';
import type { EngineContext } from '../../src/engine/context.ts';
import type { Handlers } from '../../src/api/contract.ts';
import { tempDir } from '../support/stack.ts';

const req = { accountId: 'chuyenvien@cantho.gov.vn', folder: 'Văn bản đến/2026 & Công văn #1?', uid: 4242 };

test('the route round-trips any folder name, percent-encoded', () => {
  const hash = messageRouteHash(req);
  assert.match(hash, /^#\/message\?account=chuyenvien%40cantho\.gov\.vn&folder=[^&#]+&uid=4242$/);
  assert.deepEqual(parseMessageRoute(hash), req);
  assert.deepEqual(parseMessageRoute(`#/message?uid=7&folder=INBOX&account=a%40b.vn`), {
    accountId: 'a@b.vn',
    folder: 'INBOX',
    uid: 7,
  });
});

test('a route that is not exactly a message is refused, never half-read', () => {
  for (const bad of [
    '',
    '#/',
    '#/messages?account=a&folder=INBOX&uid=1',
    '#/message',
    '#/message?account=a&folder=INBOX',
    '#/message?account=a&folder=INBOX&uid=0',
    '#/message?account=a&folder=INBOX&uid=-3',
    '#/message?account=a&folder=INBOX&uid=1.5',
    '#/message?account=a&folder=INBOX&uid=1e3',
    '#/message?account=a&folder=INBOX&uid=99999999999',
    '#/message?account=&folder=INBOX&uid=1',
    '#/message?account=a&folder=&uid=1',
    '#/message?account=a&folder=IN%0ABOX&uid=1',
    `#/message?account=a&folder=${'x'.repeat(1001)}&uid=1`,
  ]) {
    assert.equal(parseMessageRoute(bad), null, bad);
  }
  assert.throws(() => messageRouteHash({ ...req, uid: 0 }), RangeError);
  assert.throws(() => messageWindowUrl('app://tcv/index.html', { ...req, folder: '' }), RangeError);
});

test('the window loads the app entry at the message route; one key per message', () => {
  const url = messageWindowUrl('app://tcv/index.html', req);
  assert.ok(url.startsWith('app://tcv/index.html#/message?'), url);
  assert.deepEqual(parseMessageRoute(new URL(url).hash), req);
  // The harness's page URL keeps its token.
  const harness = messageWindowUrl('http://127.0.0.1:4000/?token=abc', req);
  assert.equal(new URL(harness).searchParams.get('token'), 'abc');
  assert.equal(messageWindowKey(req), messageWindowKey({ ...req }));
  assert.notEqual(messageWindowKey(req), messageWindowKey({ ...req, uid: 4243 }));
  assert.notEqual(messageWindowKey({ ...req, folder: 'a","b' }), messageWindowKey({ ...req, folder: 'a', uid: 1 }));
});

test('windows cascade from the main window and always stay inside the work area', () => {
  const work = { x: 0, y: 0, width: 1920, height: 1040 };
  const main = { x: 100, y: 50, width: 1400, height: 900 };
  const first = messageWindowBounds(main, work, 0);
  assert.deepEqual(first, { x: 100 + CASCADE_STEP, y: 50 + CASCADE_STEP, ...MESSAGE_WINDOW_SIZE });
  const second = messageWindowBounds(main, work, 1);
  assert.equal(second.x - first.x, CASCADE_STEP);
  const inside = (r: { x: number; y: number; width: number; height: number }, w = work) =>
    r.x >= w.x && r.y >= w.y && r.x + r.width <= w.x + w.width && r.y + r.height <= w.y + w.height;
  for (let i = 0; i < 200; i++) assert.ok(inside(messageWindowBounds(main, work, i)), `window ${i}`);
  // A small screen: the window shrinks to it; a main window off to the right: pulled back in.
  const small = { x: 0, y: 0, width: 800, height: 600 };
  assert.deepEqual(messageWindowBounds(null, small, 3), { x: 0, y: 0, width: 800, height: 600 });
  const second2 = { x: 1920, y: 0, width: 1280, height: 1000 };
  assert.ok(inside(messageWindowBounds({ x: 3000, y: 900, width: 500, height: 400 }, second2, 0), second2));
});

test('app.openMessageWindow: the host opens it; without windows, WINDOW_UNAVAILABLE in Vietnamese', async () => {
  const opened: unknown[] = [];
  const withHost = createDesktopServices({
    dialogs: null,
    emitCompose: () => {},
    openMessageWindow: async (r) => void opened.push(r),
  });
  const log = { debug() {}, info() {}, warn() {}, error() {} };
  const dispatchFor = (desktop: typeof withHost | undefined) =>
    createDispatch(
      desktopHandlers({
        opts: { profileDir: tempDir('tcv-window-'), desktop },
      } as unknown as EngineContext) as Handlers,
      log,
    );
  const ok = await dispatchFor(withHost)('app.openMessageWindow', req);
  assert.deepEqual(ok, { ok: true, value: { opened: true } });
  assert.deepEqual(opened, [req]);
  const bad = await dispatchFor(withHost)('app.openMessageWindow', { ...req, uid: 0 });
  assert.equal(!bad.ok && bad.error.code, 'VALIDATION');
  const none = await dispatchFor(createDesktopServices({ dialogs: null, emitCompose: () => {} }))(
    'app.openMessageWindow',
    req,
  );
  assert.equal(!none.ok && none.error.code, 'WINDOW_UNAVAILABLE');
  assert.match(!none.ok ? none.error.message : '', /Không mở được thư trong cửa sổ mới/);
});
