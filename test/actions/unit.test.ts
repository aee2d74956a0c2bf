// Pure parts of the actions feature: flag and keyword grammar (RFC 3501 §9), the due-date keyword, COPYUID parsing
// (RFC 4315), server response codes → error codes, retry delays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dueDateKeyword,
  dueDateOf,
  isKeyword,
  normalizeFlag,
  parseDueDate,
  MAX_KEYWORD_LENGTH,
} from '../../src/actions/keywords.ts';
import { expandUidSet, parseCopyUid } from '../../src/actions/imap/copyuid.ts';
import { commandError, responseCode } from '../../src/actions/imap/wire.ts';
import { keepsQueued, retryDelay } from '../../src/actions/queue.ts';
import { TcvError } from '../../src/api/errors.ts';

test('keywords are RFC 3501 atoms: no atom-specials, no controls, ASCII only', () => {
  for (const ok of ['$Junk', '$NotJunk', '$DueDate-20261130', 'Khan', 'da_xu_ly', '$label1', 'a[b', "it's"]) {
    assert.equal(isKeyword(ok), true, ok);
  }
  for (const bad of [
    '',
    'a b',
    'a(b',
    'a)b',
    'a{b',
    'a%b',
    'a*b',
    'a"b',
    'a\\b',
    'a]b',
    'a\tb',
    'a\x7fb',
    'Khẩn',
    'đ',
  ]) {
    assert.equal(isKeyword(bad), false, JSON.stringify(bad));
  }
  assert.equal(isKeyword('x'.repeat(MAX_KEYWORD_LENGTH)), true);
  assert.equal(isKeyword('x'.repeat(MAX_KEYWORD_LENGTH + 1)), false);
});

test('system flags are matched case-insensitively; \\Recent and unknown backslash flags are refused', () => {
  assert.equal(normalizeFlag('\\seen'), '\\Seen');
  assert.equal(normalizeFlag('\\FLAGGED'), '\\Flagged');
  assert.equal(normalizeFlag('\\Deleted'), '\\Deleted');
  assert.equal(normalizeFlag('\\Recent'), null);
  assert.equal(normalizeFlag('\\Important'), null);
  assert.equal(normalizeFlag('$Junk'), '$Junk');
  assert.equal(normalizeFlag('Đã xử lý'), null);
});

test('the due date is a $DueDate-YYYYMMDD keyword, with real calendar dates only', () => {
  assert.equal(dueDateKeyword('2026-11-30'), '$DueDate-20261130');
  assert.equal(dueDateKeyword('2028-02-29'), '$DueDate-20280229');
  assert.equal(dueDateKeyword('2026-02-29'), null);
  assert.equal(dueDateKeyword('2026-13-01'), null);
  assert.equal(dueDateKeyword('30/11/2026'), null);
  assert.equal(isKeyword(dueDateKeyword('2026-11-30') as string), true);
  assert.equal(parseDueDate('$DueDate-20261130'), '2026-11-30');
  assert.equal(parseDueDate('$DueDate-20261131'), null);
  assert.equal(parseDueDate('$Junk'), null);
  assert.equal(dueDateOf(['$Junk', '$DueDate-20270101', '$DueDate-20261130']), '2026-11-30');
  assert.equal(dueDateOf([]), null);
});

test('COPYUID pairs source and destination UIDs by position, ranges included', () => {
  const section = (vals: string[]) => ({
    attributes: [{ type: 'ATOM', value: '', section: vals.map((value) => ({ type: 'ATOM', value })) }],
  });
  const r = parseCopyUid(section(['COPYUID', '1795860315', '4,7:9,2', '101:104,99']));
  assert.ok(r);
  assert.equal(r.uidValidity, '1795860315');
  assert.deepEqual(
    [...r.map],
    [
      [4, 101],
      [7, 102],
      [8, 103],
      [9, 104],
      [2, 99],
    ],
  );
  assert.equal(parseCopyUid(section(['COPYUID', '1', '1:3', '5,6'])), null, 'lengths differ');
  assert.equal(parseCopyUid(section(['COPYUID', '1', '1,x', '5,6'])), null, 'not a uid-set');
  assert.equal(parseCopyUid(section(['APPENDUID', '1', '5'])), null);
  assert.equal(parseCopyUid({ attributes: [{ type: 'TEXT', value: 'Move completed.' }] }), null);
  assert.deepEqual(expandUidSet('5:3'), [3, 4, 5]);
  assert.equal(expandUidSet('1:9999999'), null);
});

test('a server NO becomes a typed error by its response code; a socket failure stays a connection error', () => {
  const no = (code: string | null, text = 'refused') =>
    Object.assign(new Error('Command failed'), {
      responseStatus: 'NO',
      responseText: text,
      response: {
        attributes: [
          ...(code ? [{ type: 'ATOM', value: '', section: [{ type: 'ATOM', value: code }] }] : []),
          { type: 'TEXT', value: text },
        ],
      },
    });
  assert.equal(responseCode(no('TRYCREATE').response), 'TRYCREATE');
  assert.equal(commandError(no('TRYCREATE'), 'UID MOVE').code, 'FOLDER_NOT_FOUND');
  assert.equal(commandError(no('NONEXISTENT'), 'RENAME').code, 'FOLDER_NOT_FOUND');
  assert.equal(commandError(no('ALREADYEXISTS'), 'CREATE').code, 'FOLDER_EXISTS');
  assert.equal(commandError(no('OVERQUOTA'), 'UID COPY').code, 'QUOTA');
  assert.equal(commandError(no(null), 'UID STORE').code, 'SERVER_ERROR');
  assert.match(
    commandError(no('TRYCREATE', 'Mailbox does not exist'), 'UID MOVE').detail,
    /UID MOVE \| NO \[TRYCREATE\]/,
  );
  // imapflow's own enhanced error (reportCommandError) carries the code as serverResponseCode.
  const enhanced = Object.assign(new Error('Command failed'), {
    responseStatus: 'NO',
    serverResponseCode: 'NONEXISTENT',
  });
  assert.equal(commandError(enhanced, 'DELETE').code, 'FOLDER_NOT_FOUND');
  const lost = commandError(Object.assign(new Error('Connection closed'), { code: 'EConnectionClosed' }), 'UID STORE');
  assert.equal(lost.code, 'CONNECTION_LOST');
  const mine = new TcvError('QUOTA', 'x');
  assert.equal(commandError(mine, 'X'), mine);
});

test('network and login failures keep an action queued; the server refusing it does not', () => {
  for (const c of ['CONNECTION_LOST', 'CONNECTION_REFUSED', 'TIMEOUT', 'HOST_NOT_FOUND', 'AUTH_FAILED'] as const) {
    assert.equal(keepsQueued(c), true, c);
  }
  for (const c of ['SERVER_ERROR', 'FOLDER_NOT_FOUND', 'FOLDER_EXISTS', 'QUOTA', 'MESSAGE_NOT_FOUND'] as const) {
    assert.equal(keepsQueued(c), false, c);
  }
});

test('retry delays grow exponentially with jitter, between half and all of the step, capped at 5 minutes', () => {
  assert.equal(
    retryDelay(1, () => 0),
    1000,
  );
  assert.equal(
    retryDelay(1, () => 0.999999),
    2000,
  );
  assert.equal(
    retryDelay(3, () => 0),
    4000,
  );
  assert.equal(
    retryDelay(50, () => 0.999999),
    300_000,
  );
  assert.equal(
    retryDelay(50, () => 0),
    150_000,
  );
});
