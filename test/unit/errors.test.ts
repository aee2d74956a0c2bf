import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorCodes, errorMessage, TcvError } from '../../src/api/errors.ts';
import { classifyMailError } from '../../src/mail/errors.ts';

test('every error code has a Vietnamese and an English message, in NFC', () => {
  for (const [code, m] of Object.entries(errorCodes)) {
    assert.ok(m.vi.length > 10 && m.en.length > 10, code);
    assert.equal(m.vi, m.vi.normalize('NFC'), code);
    assert.notEqual(m.vi, m.en, `${code} must be translated`);
  }
});

test('socket, TLS, auth and SMTP failures map to distinct codes', () => {
  const c = (e: object, where: 'imap' | 'smtp' = 'imap') =>
    classifyMailError(Object.assign(new Error('x'), e), where).code;
  assert.equal(c({ authenticationFailed: true }), 'AUTH_FAILED');
  assert.equal(c({ code: 'EAUTH', responseCode: 535 }, 'smtp'), 'AUTH_FAILED');
  assert.equal(c({ code: 'SELF_SIGNED_CERT_IN_CHAIN' }), 'TLS_UNTRUSTED');
  assert.equal(c({ code: 'ESOCKET', cause: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' } }, 'smtp'), 'TLS_UNTRUSTED');
  assert.equal(c({ code: 'ECONNREFUSED' }), 'CONNECTION_REFUSED');
  assert.equal(c({ code: 'ENOTFOUND' }), 'HOST_NOT_FOUND');
  assert.equal(c({ code: 'ClosedAfterConnectText' }), 'CONNECTION_LOST');
  assert.equal(c({ code: 'GREETING_TIMEOUT' }), 'TIMEOUT');
  assert.equal(c({ code: 'EENVELOPE', responseCode: 553 }, 'smtp'), 'SEND_REJECTED');
  assert.equal(c({ code: 'EMESSAGE', responseCode: 552 }, 'smtp'), 'MESSAGE_TOO_LARGE');
  assert.equal(c({ serverResponseCode: 'OVERQUOTA' }), 'QUOTA');
  const e = classifyMailError(Object.assign(new Error('boom'), { code: 'ECONNREFUSED' }), 'imap');
  assert.ok(e instanceof TcvError);
  assert.match(e.detail, /imap \| ECONNREFUSED \| boom/);
  assert.equal(errorMessage(e.code), errorCodes.CONNECTION_REFUSED.vi);
});
