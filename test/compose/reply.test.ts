// src/mail/reply.ts: prefixes, recipients, threading headers and quoting. Pure functions, no server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  attribution,
  forwardBody,
  forwardSubject,
  hasPrefix,
  parseMessageIds,
  quoteText,
  referencesFor,
  replyBody,
  replyRecipients,
  replySubject,
  stripPrefixes,
  textToHtml,
} from '../../src/mail/reply.ts';

test('Vietnamese and English prefixes are recognised in any case, with or without diacritics', () => {
  const base = 'Thư mời họp giao ban';
  const cases = [
    'Re: ',
    'RE: ',
    're:',
    'TL: ',
    'tl: ',
    'Trả lời: ',
    'TRẢ LỜI: ',
    'Tra loi: ',
    'tra loi:',
    'Fwd: ',
    'FWD: ',
    'Fw: ',
    'FW: ',
    'Chuyển tiếp: ',
    'CHUYỂN TIẾP: ',
    'Chuyen tiep: ',
    'Re[2]: ',
    'Re(3): ',
    'Re : ',
    'TL：',
    'Trả lời: Re: TL: Fwd: ',
    '  Re:   Re: ',
  ];
  for (const p of cases) {
    assert.equal(stripPrefixes(p + base), base, JSON.stringify(p));
    assert.equal(hasPrefix(p + base), true, JSON.stringify(p));
  }
  // Typed with combining marks (NFD): still recognised, and the result is NFC.
  assert.equal(stripPrefixes(`Trả lời: ${base}`.normalize('NFD')), base.normalize('NFC'));
});

test('words that only look like prefixes are kept', () => {
  for (const s of [
    'Rebate: hoàn thuế',
    'Trả lời chất vấn của cử tri',
    'TL 2025: tổng kết',
    'Fwdx: a',
    'Tre: cây tre',
    'Re',
  ]) {
    assert.equal(stripPrefixes(s), s, s);
    assert.equal(hasPrefix(s), false, s);
  }
});

test('replies and forwards get one prefix, never a stack', () => {
  assert.equal(replySubject('Thư mời'), 'Re: Thư mời');
  assert.equal(replySubject('TL: Re: Trả lời: Thư mời'), 'Re: Thư mời');
  assert.equal(replySubject('Fwd: Thư mời'), 'Re: Thư mời');
  assert.equal(forwardSubject('Chuyển tiếp: Fw: Thư mời'), 'Fwd: Thư mời');
  assert.equal(forwardSubject('Re: Thư mời'), 'Fwd: Thư mời');
  assert.equal(replySubject(''), 'Re:');
});

test('References: parent References + parent Message-ID; In-Reply-To stands in when there are none (RFC 5322 3.6.4)', () => {
  assert.deepEqual(parseMessageIds(' <a@x> (comment)\r\n <b@y> <a@x>'), ['<a@x>', '<b@y>']);
  assert.deepEqual(referencesFor({ messageId: '<c@x>', references: ['<a@x>', '<b@x>'], inReplyTo: ['<b@x>'] }), [
    '<a@x>',
    '<b@x>',
    '<c@x>',
  ]);
  assert.deepEqual(referencesFor({ messageId: '<c@x>', references: [], inReplyTo: ['<b@x>'] }), ['<b@x>', '<c@x>']);
  assert.deepEqual(referencesFor({ messageId: '<c@x>', references: [], inReplyTo: ['<a@x>', '<b@x>'] }), ['<c@x>']);
  assert.deepEqual(referencesFor({ messageId: null, references: [], inReplyTo: [] }), []);
  const long = Array.from({ length: 40 }, (_, i) => `<m${i}@x>`);
  const kept = referencesFor({ messageId: '<new@x>', references: long, inReplyTo: [] });
  assert.equal(kept.length, 20);
  assert.equal(kept[0], '<m0@x>', 'the root is kept');
  assert.equal(kept.at(-1), '<new@x>');
  assert.equal(kept.at(-2), '<m39@x>');
});

test('reply goes to Reply-To, else From; reply-all adds To and Cc without the user and without duplicates', () => {
  const orig = {
    from: { name: 'Văn phòng', address: 'vanphong@cantho.gov.vn' },
    replyTo: [],
    to: [
      { name: 'Chuyên viên', address: 'ChuyenVien@cantho.gov.vn' },
      { name: 'Lãnh đạo', address: 'lanhdao@cantho.gov.vn' },
    ],
    cc: [
      { name: 'Văn thư', address: 'vanthu@cantho.gov.vn' },
      { name: 'VP lần 2', address: 'VANPHONG@cantho.gov.vn' },
    ],
  };
  const own = ['chuyenvien@cantho.gov.vn'];
  assert.deepEqual(replyRecipients(orig, own, false), { to: [orig.from], cc: [] });
  const all = replyRecipients(orig, own, true);
  assert.deepEqual(
    all.to.map((a) => a.address),
    ['vanphong@cantho.gov.vn', 'lanhdao@cantho.gov.vn'],
  );
  assert.deepEqual(
    all.cc.map((a) => a.address),
    ['vanthu@cantho.gov.vn'],
  );
  const withReplyTo = { ...orig, replyTo: [{ name: 'Tổ thư ký', address: 'thuky@cantho.gov.vn' }] };
  assert.deepEqual(
    replyRecipients(withReplyTo, own, false).to.map((a) => a.address),
    ['thuky@cantho.gov.vn'],
  );
});

test('replying to a message the user sent goes to its recipients', () => {
  const mine = {
    from: { name: 'Tôi', address: 'chuyenvien@cantho.gov.vn' },
    replyTo: [],
    to: [{ name: 'Sở Tư pháp', address: 'stp@cantho.gov.vn' }],
    cc: [{ name: 'Văn thư', address: 'vanthu@cantho.gov.vn' }],
  };
  assert.deepEqual(replyRecipients(mine, ['chuyenvien@cantho.gov.vn'], false).to, mine.to);
  const all = replyRecipients(mine, ['chuyenvien@cantho.gov.vn'], true);
  assert.deepEqual(all.to, mine.to);
  assert.deepEqual(all.cc, mine.cc);
  const note = { ...mine, to: [mine.from], cc: [] };
  assert.deepEqual(replyRecipients(note, ['chuyenvien@cantho.gov.vn'], true).to, [mine.from], 'a note to oneself');
});

test('attribution in Vietnamese, in Vietnam time: "Vào <ngày> lúc <giờ>, <tên> đã viết:"', () => {
  const d = new Date(Date.UTC(2026, 0, 5, 7, 30)); // 14:30 ICT
  assert.equal(
    attribution(d, { name: 'Nguyễn Văn An', address: 'an@cantho.gov.vn' }),
    'Vào 05/01/2026 lúc 14:30, Nguyễn Văn An <an@cantho.gov.vn> đã viết:',
  );
  assert.equal(attribution(null, { name: '', address: 'an@cantho.gov.vn' }), 'an@cantho.gov.vn đã viết:');
  assert.equal(
    attribution(new Date(Date.UTC(2025, 11, 31, 18, 5)), { name: 'A', address: 'a@x' }),
    'Vào 01/01/2026 lúc 01:05, A <a@x> đã viết:',
    'the date is the one in Vietnam',
  );
});

test('quoting: "> " per line, ">" before quoted lines; the HTML quote is escaped text, never the original HTML', () => {
  assert.equal(quoteText('Kính gửi,\r\n\r\n> cũ\nHết.\n\n'), '> Kính gửi,\n>\n>> cũ\n> Hết.');
  const body = replyBody({
    date: new Date(Date.UTC(2026, 0, 5, 7, 30)),
    from: { name: 'An', address: 'an@x.vn' },
    text: 'Dòng 1 <script>alert(1)</script>\nDòng 2',
  });
  assert.ok(body.text.startsWith('\n\nVào 05/01/2026 lúc 14:30, An <an@x.vn> đã viết:\n> Dòng 1'));
  assert.ok(!body.html.includes('<script>'));
  assert.match(body.html, /&#60;script&#62;/);
  assert.match(body.html, /<blockquote type="cite"/);
  assert.equal(textToHtml('a & b\nc\n\nd'), '<p>a &#38; b<br>c</p>\n<p>d</p>');
});

test('inline forward: a Vietnamese header block, then the original text', () => {
  const f = forwardBody({
    date: new Date(Date.UTC(2026, 0, 5, 7, 30)),
    from: { name: 'Văn phòng', address: 'vp@x.vn' },
    to: [{ name: '', address: 'a@x.vn' }],
    cc: [],
    subject: 'Thư mời',
    text: 'Nội dung',
  });
  assert.equal(
    f.text,
    '\n\n---------- Thư chuyển tiếp ----------\nTừ: Văn phòng <vp@x.vn>\nNgày: 05/01/2026 lúc 14:30\nTiêu đề: Thư mời\nTới: a@x.vn\n\nNội dung\n',
  );
  assert.match(f.html, /Tiêu đề: Thư mời/);
});
