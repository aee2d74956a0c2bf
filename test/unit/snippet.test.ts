// The list row's preview line (src/mail/snippet.ts) and importance (src/mail/importance.ts): pure rules, real
// header blocks and bodies as clients write them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SNIPPET_MAX, makeSnippet } from '../../src/mail/snippet.ts';
import { headerFields, importanceOf } from '../../src/mail/importance.ts';

test('snippet: own text only, white space collapsed, NFC', () => {
  const decomposed = 'Kính gửi'.normalize('NFD');
  assert.equal(makeSnippet(`${decomposed}\r\n\r\n  anh\u00a0Nam,\t\u200bxin chào`), 'Kính gửi anh Nam, xin chào');
  assert.equal(makeSnippet(`${decomposed} anh`).normalize('NFC'), makeSnippet(`${decomposed} anh`));
});

test('snippet: quoted lines, the attribution and what follows a signature or an original are skipped', () => {
  const reply = [
    'Đồng ý với đề xuất.',
    '',
    'On Thu, 26 Nov 2026 at 09:00, Lan <lan@cantho.gov.vn> wrote:',
    '> Anh xem giúp em đề xuất này.',
    '> > cũ hơn',
    'Trân trọng,',
    '-- ',
    'Nguyễn Văn A',
  ].join('\n');
  assert.equal(makeSnippet(reply), 'Đồng ý với đề xuất. Trân trọng,');
  const outlook = ['Chuyển anh xử lý.', '', '-----Original Message-----', 'From: Văn thư', 'Nội dung gốc'].join('\r\n');
  assert.equal(makeSnippet(outlook), 'Chuyển anh xử lý.');
  const thuGoc = ['Xin gửi lại.', '-----Thư gốc-----', 'Từ: A'].join('\n');
  assert.equal(makeSnippet(thuGoc), 'Xin gửi lại.');
  const underscores = ['Em gửi anh.', '________________________________', 'Từ: B'].join('\n');
  assert.equal(makeSnippet(underscores), 'Em gửi anh.');
  // A line ending in ":" that is not followed by a quote is the sender's own text.
  assert.equal(makeSnippet('Thành phần dự họp:\nLãnh đạo các phòng'), 'Thành phần dự họp: Lãnh đạo các phòng');
});

test('snippet: a bare forward shows the quoted text rather than nothing; link targets are dropped', () => {
  assert.equal(makeSnippet('> Nội dung chuyển tiếp\n> dòng hai'), 'Nội dung chuyển tiếp dòng hai');
  assert.equal(
    makeSnippet('Xem tại cổng [https://dichvucong.cantho.gov.vn/x?y=1] hoặc <mailto:vp@cantho.gov.vn>'),
    'Xem tại cổng hoặc',
  );
  assert.equal(makeSnippet(''), '');
  assert.equal(makeSnippet('\n \n'), '');
});

test('snippet: at most SNIPPET_MAX characters, cut at a word boundary, never inside a character', () => {
  const words = Array.from({ length: 80 }, (_, i) => `từ${i}`).join(' ');
  const s = makeSnippet(words);
  assert.ok(Array.from(s).length <= SNIPPET_MAX, `${Array.from(s).length}`);
  assert.ok(words.startsWith(s) && words[s.length] === ' ', 'cut before a space');
  const long = '🙂'.repeat(200);
  const cut = makeSnippet(long);
  assert.equal(Array.from(cut).length, SNIPPET_MAX);
  assert.ok(!/[\ud800-\udbff]$/.test(cut), 'no lone surrogate');
});

test('importance: Outlook, X-Priority, X-MSMail-Priority and RFC 2156 Priority', () => {
  assert.equal(importanceOf('X-Priority: 1 (Highest)\r\nImportance: High\r\n'), 'high');
  assert.equal(importanceOf('Importance: low\r\n'), 'low');
  assert.equal(importanceOf('Importance: Normal\r\nX-Priority: 1\r\n'), 'normal', 'Importance wins');
  assert.equal(importanceOf('X-Priority: 2 (High)\r\n'), 'high');
  assert.equal(importanceOf('X-Priority: 3 (Normal)\r\n'), 'normal');
  assert.equal(importanceOf('X-Priority: 4 (Low)\r\n'), 'low');
  assert.equal(importanceOf('X-Priority: 5\r\n'), 'low');
  assert.equal(importanceOf('X-MSMail-Priority: High\r\n'), 'high');
  assert.equal(importanceOf('Priority: urgent\r\n'), 'high');
  assert.equal(importanceOf('Priority: non-urgent\r\n'), 'low');
  assert.equal(importanceOf('Priority: normal\r\n'), 'normal');
  // Unknown values fall through to the next field; nothing at all is normal.
  assert.equal(importanceOf('Importance: whatever\r\nX-Priority: 1\r\n'), 'high');
  assert.equal(importanceOf('References: <a@b>\r\n'), 'normal');
  assert.equal(importanceOf(undefined), 'normal');
  assert.equal(importanceOf(Buffer.from('IMPORTANCE:\r\n  high\r\n')), 'high', 'folded, any case');
});

test('headerFields: unfolds, lower-cases names, keeps the first occurrence', () => {
  const f = headerFields('References: <a@x>\r\n <b@x>\r\nImportance: high\r\nimportance: low\r\n\r\n');
  assert.equal(f.get('references'), '<a@x> <b@x>');
  assert.equal(f.get('importance'), 'high');
});
