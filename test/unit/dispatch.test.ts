import { test } from 'node:test';
import assert from 'node:assert/strict';
import { methodNames, type Handlers } from '../../src/api/contract.ts';
import { createDispatch } from '../../src/api/dispatch.ts';
import { TcvError, errorCodes } from '../../src/api/errors.ts';

const logged: unknown[] = [];
const log = { error: (m: string, f?: Record<string, unknown>) => logged.push([m, f]) };

function handlers(over: Partial<Handlers>): Handlers {
  const all = Object.fromEntries(
    methodNames.map((m) => [
      m,
      async () => {
        throw new Error(`unexpected ${m}`);
      },
    ]),
  );
  return { ...all, ...over } as Handlers;
}

test('params are validated at the boundary; defaults are applied', async () => {
  let seen: unknown;
  const d = createDispatch(
    handlers({ 'messages.list': async (p) => ((seen = p), { total: 0, offset: 0, items: [] }) }),
    log,
  );
  const bad = await d('messages.list', { accountId: 'a', folder: 'INBOX', limit: 100_000 });
  assert.equal(bad.ok, false);
  assert.equal(!bad.ok && bad.error.code, 'VALIDATION');
  assert.match(!bad.ok ? bad.error.message : '', /limit/);
  const good = await d('messages.list', { accountId: 'a', folder: 'INBOX' });
  assert.deepEqual(good, { ok: true, value: { total: 0, offset: 0, items: [] } });
  assert.deepEqual(seen, {
    accountId: 'a',
    folder: 'INBOX',
    offset: 0,
    limit: 100,
    sort: { by: 'date', dir: 'desc' },
  });
  const notObject = await d('accounts.add', 'rm -rf /');
  assert.equal(!notObject.ok && notObject.error.code, 'VALIDATION');
});

test('unknown methods, engine errors and crashes become Results, never throws', async () => {
  const d = createDispatch(
    handlers({
      'accounts.list': async () => {
        throw new TcvError('AUTH_FAILED', 'server said 535');
      },
      'app.info': async () => {
        throw new TypeError('bug');
      },
    }),
    log,
  );
  assert.deepEqual(await d('__proto__', {}), {
    ok: false,
    error: { code: 'UNKNOWN_METHOD', message: errorCodes.UNKNOWN_METHOD.vi },
  });
  assert.deepEqual(await d('accounts.list', {}), {
    ok: false,
    error: { code: 'AUTH_FAILED', message: errorCodes.AUTH_FAILED.vi },
  });
  const crash = await d('app.info', {});
  assert.deepEqual(crash, { ok: false, error: { code: 'INTERNAL', message: errorCodes.INTERNAL.vi } });
  assert.ok(JSON.stringify(logged).includes('server said 535'), 'technical detail goes to the log');
});
