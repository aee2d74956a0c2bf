// The ONE highlighter shared by the engine and the reader (src/shared/highlight.ts), the search box's suggestions
// (renderer/features/search/suggest.ts), and messages.search answering the query's terms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highlightPieces, highlightRanges } from '../../src/shared/highlight.ts';
import { fold } from '../../src/shared/fold.ts';
import { fold as textFold } from '../../src/text/index.ts';
import { parseQuery } from '../../src/search/query.ts';
import {
  contactQuery,
  contactSuggestions,
  dateSuggestions,
  operatorSuggestions,
  recentSuggestions,
  rememberSearch,
  splitLast,
} from '../../renderer/features/search/suggest.ts';
import { testEngine } from '../support/stack.ts';

const terms = (q: string) => parseQuery(q).text;
const marked = (text: string, q: string) => highlightRanges(text, terms(q)).map(([a, b]) => text.slice(a, b));

test('one fold: src/text re-exports the shared one', () => {
  assert.equal(textFold, fold);
  assert.equal(fold('Thư mời họp Đà Nẵng'), 'thu moi hop da nang');
});

test('folded highlighting: "thu moi" marks "Thư mời", tone placement and đ do not matter', () => {
  assert.deepEqual(marked('Thư mời họp giao ban', 'thu moi'), ['Thư', 'mời']);
  assert.deepEqual(marked('Thư mời họp giao ban', '"thu moi"'), ['Thư mời']);
  assert.deepEqual(marked('Công văn hoà giải', 'hòa'), ['hoà']);
  assert.deepEqual(marked('Quyết định số 12', 'quyet đi'), ['Quyết', 'đị'], 'the last word as a prefix');
  assert.deepEqual(marked('Thư mời', 'thu moi '), ['Thư', 'mời']);
  assert.deepEqual(marked('nothing here', 'thu'), []);
});

test('pieces: a phrase across inline nodes is found; a block boundary keeps words apart', () => {
  const t = terms('"thu moi"');
  assert.deepEqual(highlightPieces(['Đây là Thư ', 'mời', ' họp.'], t), [
    [0, 7, 11],
    [1, 0, 3],
  ]);
  // "Thư" | "mời" in two table cells: two words, adjacent, so the phrase matches as it does in the index.
  assert.deepEqual(highlightPieces(['Thư', 'mời'], t, [false, true]), [
    [0, 0, 3],
    [1, 0, 3],
  ]);
  // Without the boundary the pieces would join into one word "thưmời", which is not the phrase either.
  assert.deepEqual(highlightPieces(['Thư', 'mời'], terms('thu ')), []);
  assert.deepEqual(highlightPieces(['Thư', 'mời'], terms('thu '), [false, true]), [[0, 0, 3]]);
});

test('suggestions: operators with their hint, people for from:, today for after:, recent searches', () => {
  assert.deepEqual(splitLast('from:"Nguyễn Văn'), { head: '', last: 'from:"Nguyễn Văn' });
  assert.deepEqual(splitLast('thư mời is:u'), { head: 'thư mời ', last: 'is:u' });
  const ops = operatorSuggestions('thư mời is:u');
  assert.deepEqual(
    ops.map((s) => [s.query, s.hint]),
    [['thư mời is:unread ', 'search.op.unread']],
  );
  assert.deepEqual(
    operatorSuggestions('fr').map((s) => s.query),
    ['from:'],
    'an operator taking a value gets no space',
  );
  assert.equal(operatorSuggestions('').length, 9, 'an empty box lists every operator');
  assert.deepEqual(contactQuery('báo cáo from:tai'), { op: 'from', value: 'tai' });
  assert.equal(contactQuery('from:'), null);
  const people = contactSuggestions('báo cáo to:stc', [
    { name: 'Sở Tài chính', address: 'stc@cantho.gov.vn' },
    { name: 'Sở Tài chính (cũ)', address: 'STC@cantho.gov.vn' },
    { name: 'Không có địa chỉ', address: null },
  ]);
  assert.deepEqual(
    people.map((p) => [p.query, p.label]),
    [['báo cáo to:stc@cantho.gov.vn ', 'Sở Tài chính']],
  );
  assert.deepEqual(
    dateSuggestions('after:', new Date(2026, 2, 5)).map((s) => s.query),
    ['after:05/03/2026 '],
  );
  assert.deepEqual(dateSuggestions('after:0', new Date()), []);
  const recent = rememberSearch(rememberSearch(['Thư mời'], 'báo cáo'), 'THU MOI');
  assert.deepEqual(recent, ['THU MOI', 'báo cáo'], 'one copy per folded text, newest first');
  assert.deepEqual(
    recentSuggestions('thu', ['Thư mời họp', 'báo cáo']).map((s) => s.query),
    ['Thư mời họp'],
  );
});

test('messages.search answers the query terms the reader highlights with', async () => {
  const t = await testEngine();
  try {
    const r = await t.must('messages.search', { query: 'from:vanphong "thư mời" họp subject:báo' });
    assert.equal(r.total, 0);
    assert.deepEqual(r.terms, [
      { field: 'sender', tokens: ['vanphong'], prefix: false },
      { field: 'any', tokens: ['thu', 'moi'], prefix: false },
      { field: 'any', tokens: ['hop'], prefix: false },
      { field: 'subject', tokens: ['bao'], prefix: true },
    ]);
  } finally {
    await t.engine.close();
  }
});
