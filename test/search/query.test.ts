// The search box's language: folding, operators, phrases, prefixes, dates, and a clear error for what is malformed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TcvError, errorMessage } from '../../src/api/errors.ts';
import { matchExpression, parseDate, parseQuery } from '../../src/search/index.ts';

const tokens = (q: string) => parseQuery(q).text.map((c) => c.tokens.join(' '));

test('words fold the way the index does: case, tones, shapes, tone placement and đ do not matter', () => {
  for (const q of ['thu moi ', 'THƯ MỜI ', 'thư mời ', 'Thư Mời ', 'thư mời '.normalize('NFD')]) {
    assert.deepEqual(tokens(q), ['thu', 'moi'], q);
  }
  assert.deepEqual(tokens('hoà '), tokens('hòa '));
  assert.deepEqual(tokens('thuỷ lợi '), tokens('thủy lợi '));
  assert.deepEqual(tokens('Đà Nẵng '), ['da', 'nang']);
  assert.deepEqual(tokens('ĐÀ NẴNG '), ['da', 'nang']);
});

test('a word with punctuation inside is a phrase; the last word is a prefix only while it is being typed', () => {
  const q = parseQuery('công văn 45/UBND-VP');
  assert.deepEqual(
    q.text.map((c) => [c.tokens, c.prefix]),
    [
      [['cong'], false],
      [['van'], false],
      [['45', 'ubnd', 'vp'], true],
    ],
  );
  assert.equal(parseQuery('công văn ').text.at(-1)?.prefix, false, 'a trailing space ends the word');
  assert.equal(matchExpression(parseQuery('quyet đi').text), '"quyet" AND "di"*');
  assert.equal(parseQuery('thư is:unread').text.at(-1)?.prefix, false, 'an operator after the word ends it');
  assert.deepEqual(tokens('công văn s'), ['cong', 'van'], 'one letter being typed waits for the second');
  assert.equal(parseQuery('công văn s').text.at(-1)?.prefix, false);
  assert.equal(parseQuery('công văn số').text.at(-1)?.prefix, true);
  assert.deepEqual(
    parseQuery('45/UBND-V').text.map((c) => [c.tokens, c.prefix]),
    [[['45', 'ubnd'], false]],
  );
  assert.deepEqual(tokens('a '), ['a'], 'a finished one-letter word is searched');
});

test('quoted phrases, closed or still being typed', () => {
  const closed = parseQuery('"Giấy mời họp" tuần');
  assert.deepEqual(closed.text[0], {
    field: 'any',
    tokens: ['giay', 'moi', 'hop'],
    prefix: false,
    raw: 'Giấy mời họp',
  });
  const open = parseQuery('báo cáo "kết quả th');
  assert.deepEqual(open.text.at(-1)?.tokens, ['ket', 'qua', 'th']);
  assert.equal(open.text.at(-1)?.prefix, true);
  assert.equal(matchExpression(open.text), '"bao" AND "cao" AND "ket qua th"*');
});

test('field operators: from:, to:, subject:, with quoted values and any case', () => {
  const q = parseQuery('FROM:vanphong@cantho.gov.vn to:"Nguyễn Văn A" Subject:báo-cáo kế');
  assert.deepEqual(
    q.text.map((c) => [c.field, c.tokens.join(' ')]),
    [
      ['sender', 'vanphong cantho gov vn'],
      ['recipients', 'nguyen van a'],
      ['subject', 'bao cao'],
      ['any', 'ke'],
    ],
  );
  assert.equal(
    matchExpression(q.text),
    '{sender} : "vanphong cantho gov vn" AND {recipients} : "nguyen van a" AND {subject} : "bao cao" AND "ke"*',
  );
  assert.deepEqual(parseQuery('from: vanphong ').text[0]?.tokens, ['vanphong'], '"from: x" is "from:x"');
});

test('flags, attachment, folder and dates', () => {
  const q = parseQuery('has:attachment is:unread is:flagged folder:"Hộp thư đến" after:01/03/2026 before:1/4/2026');
  assert.equal(q.hasAttachment, true);
  assert.equal(q.unread, true);
  assert.equal(q.flagged, true);
  assert.deepEqual(q.folders, ['Hộp thư đến']);
  assert.equal(q.after, new Date(2026, 2, 1).getTime());
  assert.equal(q.before, new Date(2026, 3, 1).getTime());
  assert.equal(q.text.length, 0);
  assert.equal(parseQuery('is:read').unread, false);
  assert.equal(parseQuery('is:unflagged').flagged, false);
  assert.deepEqual(parseQuery('in:Sent').folders, ['Sent']);
  assert.equal(parseQuery('after:31-12-2025').after, new Date(2025, 11, 31).getTime());
  assert.equal(parseQuery('after:01.03.2026 after:05/03/2026').after, new Date(2026, 2, 5).getTime(), 'both hold');
});

test('text that only looks like an operator is searched as written', () => {
  assert.deepEqual(tokens('V/v: triển khai lúc 10:30 '), ['v v', 'trien', 'khai', 'luc', '10 30']);
  assert.deepEqual(tokens('https://dichvucong.gov.vn '), ['https dichvucong gov vn']);
});

function rejects(q: string, code: string) {
  assert.throws(
    () => parseQuery(q),
    (e: unknown) => e instanceof TcvError && e.code === code,
    `${q} → ${code}`,
  );
}

test('a malformed query is a clear error in Vietnamese, naming what to write', () => {
  rejects('before:31/02/2026', 'QUERY_BAD_DATE');
  rejects('after:2026-03-01', 'QUERY_BAD_DATE');
  rejects('after:hôm qua', 'QUERY_BAD_DATE');
  rejects('before:13/13/2026 thư', 'QUERY_BAD_DATE');
  rejects('is:important', 'QUERY_BAD_OPERATOR');
  rejects('has:pdf', 'QUERY_BAD_OPERATOR');
  rejects('', 'QUERY_EMPTY');
  rejects('   ', 'QUERY_EMPTY');
  rejects('... -- //', 'QUERY_EMPTY');
  assert.match(errorMessage('QUERY_BAD_DATE'), /ngày\/tháng\/năm/);
  assert.match(errorMessage('QUERY_BAD_OPERATOR'), /is:unread/);
});

test('an operator still being typed waits for its value instead of failing', () => {
  assert.deepEqual(tokens('thư mời is:'), ['thu', 'moi']);
  assert.deepEqual(tokens('thư mời before:'), ['thu', 'moi']);
  rejects('before:', 'QUERY_EMPTY');
  rejects('t', 'QUERY_EMPTY');
});

test('dates are real calendar days in local time', () => {
  assert.equal(parseDate('29/02/2024'), new Date(2024, 1, 29).getTime());
  assert.equal(parseDate('29/02/2025'), null);
  assert.equal(parseDate('00/01/2025'), null);
  assert.equal(parseDate('1/1/25'), null);
});

const words = (cs: readonly { tokens: string[] }[]) => cs.map((c) => c.tokens.join(' '));

test('negation: -từ, -"cụm từ", -from:, NOT từ leave words out; a minus inside a word is a hyphen', () => {
  const q = parseQuery('báo cáo -nháp -"dự thảo" -from:vanphong NOT Đà Nẵng ');
  assert.deepEqual(words(q.text), ['bao', 'cao', 'nang']);
  assert.deepEqual(words(q.excluded), ['nhap', 'du thao', 'vanphong', 'da']);
  assert.equal(q.excluded[2]?.field, 'sender');
  assert.deepEqual(words(parseQuery('số 45-UBND ').text), ['so', '45 ubnd']);
  // A word being left out is never a prefix, even while typed.
  assert.equal(parseQuery('công văn -nhá').excluded[0]?.prefix, false);
  // Only exclusions is a query (everything else), not an empty one.
  assert.deepEqual(words(parseQuery('-quảng cáo').excluded), ['quang']);
  // "not" and "or" in lower case are words.
  assert.deepEqual(words(parseQuery('not or ').text), ['not', 'or']);
});

test('negated conditions: -is:unread is is:read, -has:attachment is without, -before: is after:', () => {
  const q = parseQuery('-is:unread -has:attachment NOT is:flagged -before:01/03/2026');
  assert.equal(q.unread, false);
  assert.equal(q.hasAttachment, false);
  assert.equal(q.flagged, false);
  assert.equal(q.after, new Date(2026, 2, 1).getTime());
  assert.equal(q.before, null);
  assert.equal(parseQuery('has:attachment').hasAttachment, true);
  assert.equal(parseQuery('thư').hasAttachment, null);
});

test('OR joins the word or quoted phrase either side, tighter than the implicit AND; misuse is a clear error', () => {
  const q = parseQuery('khẩn "công văn" OR "tờ trình" OR "giấy mời" from:sokhcn ');
  assert.deepEqual(words(q.text), ['khan', 'sokhcn']);
  assert.deepEqual(q.alternatives.map(words), [['cong van', 'to trinh', 'giay moi']]);
  // Unquoted, OR takes the single word on each side (as Gmail and Outlook do): quote multi-syllable words.
  assert.deepEqual(parseQuery('báo cáo OR tờ trình ').alternatives.map(words), [['cao', 'to']]);
  // OR may join field operators too; the last word typed is a prefix.
  const f = parseQuery('from:vanphong OR from:sokhcn OR thư mờ');
  assert.deepEqual(f.alternatives.map(words), [['vanphong', 'sokhcn', 'thu']]);
  assert.deepEqual(
    f.text.map((c) => [c.tokens.join(' '), c.prefix]),
    [['mo', true]],
  );
  // Still being typed: a trailing OR or NOT waits for what follows.
  assert.deepEqual(words(parseQuery('thư mời OR').text), ['thu', 'moi']);
  for (const bad of ['is:unread OR has:attachment', 'thư OR -nháp', 'OR thư', 'thư OR OR mời', '-folder:INBOX thư']) {
    assert.throws(
      () => parseQuery(bad),
      (e: unknown) => e instanceof TcvError && e.code === 'QUERY_BAD_LOGIC',
      bad,
    );
  }
  assert.match(errorMessage('QUERY_BAD_LOGIC'), /OR nối hai từ/);
});
