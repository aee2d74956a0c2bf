import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileLogger, redact } from '../../src/platform/log.ts';

test('secrets never reach the log: by key, in nested objects, and in protocol traces', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tcv-log-'));
  const path = join(dir, 'x.log');
  const log = createFileLogger(path);
  const secret = 'Mật-khẩu-bí-mật-42';
  log.error('login failed', {
    user: 'a@b',
    password: secret,
    nested: { auth: { pass: secret } },
    list: [{ token: secret }],
  });
  log.info(`C: A1 LOGIN "a@b" ${secret}`);
  log.info(`C: AUTH PLAIN ${Buffer.from(`\0a@b\0${secret}`).toString('base64')}`);
  log.info('url', { url: `https://x/?password=${secret}&a=1` });
  const text = readFileSync(path, 'utf8');
  assert.ok(!text.includes(secret), text);
  assert.ok(!text.includes(Buffer.from(`\0a@b\0${secret}`).toString('base64')));
  assert.match(text, /"user":"a@b"/);
  assert.equal(text.trim().split('\n').length, 4);
  assert.deepEqual(redact({ secretKey: 1, other: 2 }), { secretKey: '[đã ẩn]', other: 2 });
});
