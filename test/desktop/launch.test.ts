// mailto: URLs (RFC 6068) and the `--compose` command line → a compose request (src/desktop/mailto.ts, launch.ts).
// Run: node --test test/desktop/launch.test.ts
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { parseMailto, type MailtoFields } from '../../src/desktop/mailto.ts';
import { describeIntent, parseLaunchArgs } from '../../src/desktop/launch.ts';

describe('mailto: (RFC 6068)', () => {
  // The examples of RFC 6068 section 6.1 and 6.2, with what each must give.
  test('the examples of RFC 6068 section 6', () => {
    const cases: [string, Partial<MailtoFields>][] = [
      ['mailto:chris@example.com', { to: ['chris@example.com'] }],
      ['mailto:infobot@example.com?subject=current-issue', { to: ['infobot@example.com'], subject: 'current-issue' }],
      ['mailto:infobot@example.com?body=send%20current-issue', { body: 'send current-issue' }],
      [
        'mailto:infobot@example.com?body=send%20current-issue%0D%0Asend%20index',
        { body: 'send current-issue\nsend index' },
      ],
      ['mailto:list@example.org?In-Reply-To=%3C3469A91.D10AF4C@example.com%3E', { to: ['list@example.org'], body: '' }],
      ['mailto:majordomo@example.com?body=subscribe%20bamboo-l', { body: 'subscribe bamboo-l' }],
      [
        'mailto:joe@example.com?cc=bob@example.com&body=hello',
        { to: ['joe@example.com'], cc: ['bob@example.com'], body: 'hello' },
      ],
      ['mailto:gorby%25kremvax@example.com', { to: ['gorby%kremvax@example.com'] }],
      ['mailto:unlikely%3Faddress@example.com?blat=foop', { to: ['unlikely?address@example.com'], subject: '' }],
      ['mailto:Mike%26family@example.org', { to: ['Mike&family@example.org'] }],
      ['mailto:%22not%40me%22@example.org', { to: ['"not@me"@example.org'] }],
      ['mailto:%22oh%5C%5Cno%22@example.org', { to: ['"oh\\\\no"@example.org'] }],
      [
        "mailto:%22%5C%5C%5C%22it's%5C%20ugly%5C%5C%5C%22%22@example.org",
        { to: ['"\\\\\\"it\'s\\ ugly\\\\\\""@example.org'] },
      ],
      ['mailto:user@example.org?subject=caf%C3%A9', { subject: 'café' }],
      ['mailto:?to=addr1@an.example,addr2@an.example', { to: ['addr1@an.example', 'addr2@an.example'] }],
      ['mailto:addr1@an.example?to=addr2@an.example', { to: ['addr1@an.example', 'addr2@an.example'] }],
      [
        'mailto:user@%E7%B4%8D%E8%B1%86.example.org?subject=Test&body=NATTO',
        { to: ['user@納豆.example.org'], subject: 'Test', body: 'NATTO' },
      ],
      ['mailto:%E7%B4%8D%E8%B1%86@example.org', { to: ['納豆@example.org'] }],
    ];
    for (const [url, want] of cases) {
      const got = parseMailto(url);
      assert.ok(got, url);
      for (const [k, v] of Object.entries(want)) assert.deepEqual(got[k as keyof typeof got], v, `${url}: ${k}`);
    }
  });

  test('Vietnamese: percent-encoded UTF-8, NFC, several addresses, + stays a plus', () => {
    // "Báo cáo quý" with the vowels decomposed (NFD), as macOS may hand it over.
    const nfd = encodeURIComponent('Báo cáo quý III'.normalize('NFD'));
    const got = parseMailto(
      `MAILTO:vanthu@cantho.gov.vn,%20chuyenvien@cantho.gov.vn?CC=lanhdao@cantho.gov.vn&subject=${nfd}+2026` +
        `&body=K%C3%ADnh%20g%E1%BB%ADi%20anh%2Fch%E1%BB%8B%2C%0D%0A%0D%0ATr%C3%A2n%20tr%E1%BB%8Dng.&bcc=luu@cantho.gov.vn`,
    );
    assert.deepEqual(got, {
      to: ['vanthu@cantho.gov.vn', 'chuyenvien@cantho.gov.vn'],
      cc: ['lanhdao@cantho.gov.vn'],
      bcc: ['luu@cantho.gov.vn'],
      subject: 'Báo cáo quý III+2026',
      body: 'Kính gửi anh/chị,\n\nTrân trọng.',
    });
    assert.equal(got.subject, got.subject.normalize('NFC'));
  });

  test('unsafe headers are ignored; a subject cannot add headers; bad escapes kept raw; not mailto → null', () => {
    const got = parseMailto(
      'mailto:a@b.vn?from=ceo@b.vn&attach=C:%5Csecret.pdf&attachment=/etc/passwd&subject=a%0D%0ABcc:%20x@y&X-Evil=1',
    );
    assert.deepEqual(got, { to: ['a@b.vn'], cc: [], bcc: [], subject: 'a Bcc: x@y', body: '' });
    assert.equal(parseMailto('mailto:a@b.vn?subject=%E0%A4%A')?.subject, '%E0%A4%A');
    assert.equal(parseMailto('https://cantho.gov.vn'), null);
    assert.equal(parseMailto('mailto:a@b.vn?subject=one&subject=two')?.subject, 'one', 'the first subject wins');
    assert.equal(parseMailto('mailto:a@b.vn?subject=x'.padEnd(5000, 'y'))?.subject.length, 998);
    assert.equal(parseMailto('mailto:a@b.vn#frag?subject=no')?.to[0], 'a@b.vn', 'a fragment is not an address');
  });
});

describe('launch arguments', () => {
  test('--compose --attach (repeatable, several files after one --attach as "Send to" appends them), --to, --subject', () => {
    assert.deepEqual(parseLaunchArgs(['tcv.exe'], '/w'), { kind: 'none' });
    assert.deepEqual(parseLaunchArgs(['tcv.exe', '--attach', 'a.pdf'], '/w'), { kind: 'none' }, '--attach alone');
    assert.deepEqual(
      parseLaunchArgs(
        [
          'tcv.exe',
          '--no-sandbox',
          '--compose',
          '--to',
          'vanthu@cantho.gov.vn;lanhdao@cantho.gov.vn',
          '--subject',
          'Báo cáo\r\ntháng 11',
          '--attach',
          'a.pdf',
          'Tờ trình số 12.docx',
          '--attach=/abs/b.pdf',
          '--cc=c@cantho.gov.vn',
          '--body',
          'Dòng 1\r\nDòng 2',
        ],
        '/w',
      ),
      {
        kind: 'compose',
        source: 'command-line',
        to: ['vanthu@cantho.gov.vn', 'lanhdao@cantho.gov.vn'],
        cc: ['c@cantho.gov.vn'],
        bcc: [],
        subject: 'Báo cáo tháng 11',
        body: 'Dòng 1\nDòng 2',
        attachments: [resolve('/w', 'a.pdf'), resolve('/w', 'Tờ trình số 12.docx'), '/abs/b.pdf'],
      },
    );
  });

  test('a launch with a mailto: URL never attaches files, whatever else the command line says', () => {
    const intent = parseLaunchArgs(
      ['tcv.exe', '--compose', '--attach', '/etc/shadow', 'mailto:a@b.vn?subject=Hi&attach=/etc/passwd'],
      '/w',
    );
    assert.equal(intent.kind === 'compose' && intent.source, 'mailto');
    assert.deepEqual(intent.kind === 'compose' && intent.attachments, []);
    assert.ok(!JSON.stringify(intent).includes('shadow') && !JSON.stringify(intent).includes('passwd'));
  });

  test('the log line has counts only, never addresses, subjects or file names', () => {
    const intent = parseLaunchArgs(
      ['x', '--compose', '--to', 'a@b.vn', '--subject', 'Mật', '--attach', 'mat.pdf'],
      '/w',
    );
    const line = JSON.stringify(describeIntent(intent));
    assert.deepEqual(describeIntent(intent), {
      kind: 'compose',
      source: 'command-line',
      recipients: 1,
      attachments: 1,
    });
    assert.doesNotMatch(line, /a@b|Mật|mat\.pdf/);
  });
});
