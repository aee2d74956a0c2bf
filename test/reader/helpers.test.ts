// The reader's pure helpers: link descriptions, the per-sender remote-content choice, attachment previews.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  base64ToBytes,
  decodeText,
  effectiveRisk,
  previewKind,
  riskKey,
} from '../../renderer/features/reader/attachments.ts';
import { describeLink } from '../../renderer/features/reader/links.ts';
import { isSenderAllowed, withSender } from '../../renderer/features/reader/remotePrefs.ts';
import { defuse } from '../../renderer/features/reader/defuse.ts';
import { translate } from '../../renderer/i18n/translate.ts';

describe('links', () => {
  test('the real host, punycode for look-alikes, and text that names another site', () => {
    const l = describeLink('https://dangnhap-thudientu.example/xac-thuc?tk=1', 'https://mail.cantho.gov.vn');
    assert.equal(l?.host, 'dangnhap-thudientu.example');
    assert.equal(l?.shownHost, 'mail.cantho.gov.vn');
    assert.equal(describeLink('https://cantho.gov.vn/a', 'www.cantho.gov.vn')?.shownHost, null);
    assert.equal(describeLink('https://cantho.gov.vn/a', 'Xem văn bản')?.shownHost, null);
    // Cyrillic "а" in "cаntho": the network name is punycode.
    assert.match(describeLink('https://c\u0430ntho.gov.vn/', 'cantho.gov.vn')?.host ?? '', /^xn--/);
    assert.equal(describeLink('http://cantho.gov.vn/', '')?.insecure, true);
    assert.deepEqual(describeLink('mailto:VanThu@cantho.gov.vn?subject=x', 'Văn thư'), {
      url: 'mailto:VanThu@cantho.gov.vn?subject=x',
      kind: 'mail',
      host: 'vanthu@cantho.gov.vn',
      shownHost: null,
      insecure: false,
    });
    for (const bad of ['javascript:alert(1)', 'file:///C:/x.exe', 'not a url', 'ms-msdt:/id']) {
      assert.equal(describeLink(bad, ''), null, bad);
    }
  });
});

describe('remote content per sender', () => {
  test('remembered per account and address, case-insensitive, can be taken back; "never" overrides', () => {
    let prefs = {
      remoteContent: 'ask' as 'ask' | 'never',
      remoteSenders: [] as { accountId: string; sender: string }[],
    };
    assert.equal(isSenderAllowed(prefs, 'a1', 'bantin@stttt.example'), false);
    prefs = { ...prefs, remoteSenders: withSender(prefs.remoteSenders, 'a1', 'BanTin@STTTT.example', true) };
    assert.equal(isSenderAllowed(prefs, 'a1', 'bantin@stttt.example'), true);
    assert.equal(isSenderAllowed(prefs, 'a2', 'bantin@stttt.example'), false);
    assert.equal(isSenderAllowed({ ...prefs, remoteContent: 'never' }, 'a1', 'bantin@stttt.example'), false);
    assert.equal(withSender(prefs.remoteSenders, 'a1', 'bantin@stttt.example', true).length, 1, 'no duplicates');
    prefs = { ...prefs, remoteSenders: withSender(prefs.remoteSenders, 'a1', 'bantin@stttt.example', false) };
    assert.equal(isSenderAllowed(prefs, 'a1', 'bantin@stttt.example'), false);
    assert.equal(isSenderAllowed(prefs, 'a1', ''), false);
  });
});

describe('attachments', () => {
  test('previews: pictures, plain text and PDF, within a size', () => {
    assert.equal(previewKind({ contentType: 'image/png', filename: 'a.png', size: 10 }), 'image');
    assert.equal(previewKind({ contentType: 'application/octet-stream', filename: 'a.JPG', size: 10 }), 'image');
    assert.equal(previewKind({ contentType: 'text/plain', filename: 'a.txt', size: 10 }), 'text');
    assert.equal(previewKind({ contentType: 'image/svg+xml', filename: 'a.svg', size: 10 }), null);
    assert.equal(previewKind({ contentType: 'text/html', filename: 'a.html', size: 10 }), null);
    assert.equal(previewKind({ contentType: 'image/png', filename: 'a.png', size: 50 * 1024 * 1024 }), null);
    assert.equal(
      previewKind({ contentType: 'application/pdf', filename: 'Công văn.pdf', size: 20 * 1024 * 1024 }),
      'pdf',
    );
    assert.equal(previewKind({ contentType: 'application/octet-stream', filename: 'QĐ.PDF', size: 10 }), 'pdf');
    assert.equal(previewKind({ contentType: 'application/pdf', filename: 'a.pdf', size: 30 * 1024 * 1024 }), null);
  });

  test('an attachment the engine said nothing about is treated with caution', () => {
    assert.deepEqual(effectiveRisk(3, null), { index: 3, level: 'warn', reason: null, extension: '' });
    assert.equal(translate('vi', riskKey(null)), 'Chưa kiểm tra được mức độ an toàn của tệp này.');
    assert.equal(
      translate('vi', riskKey('executable'), { ext: 'exe' }),
      'Tệp chương trình (.exe) có thể chứa virus hoặc mã độc.',
    );
  });

  test('bytes and text', () => {
    assert.deepEqual([...base64ToBytes(Buffer.from('Công văn').toString('base64'))], [...Buffer.from('Công văn')]);
    assert.equal(decodeText(Buffer.from('Công văn số 45')), 'Công văn số 45');
    // Windows-1258 bytes (not UTF-8) are read as Vietnamese Windows text: "Công" with 0xF4 = ô.
    assert.equal(decodeText(Uint8Array.from([0x43, 0xf4, 0x6e, 0x67])), 'Công');
  });
});

describe('defuse (before the sanitiser parses)', () => {
  test('elements whose parsing has effects are renamed; void ones keep what follows', () => {
    assert.equal(
      defuse('<base href="https://x.example/"><p>a</p>'),
      '<tcv-removed-base href="https://x.example/"><p>a</p>',
    );
    assert.equal(defuse('<SCRIPT>x</SCRIPT>'), '<tcv-removed-script>x</tcv-removed-script>');
    assert.equal(
      defuse('<video><track src=x></video>'),
      '<tcv-removed-video><tcv-removed-track src=x></tcv-removed-video>',
    );
    assert.equal(defuse('<basefont><scripts>'), '<basefont><scripts>', 'only whole names');
  });

  test('handler attributes are renamed inside tags only, never in text or quoted values', () => {
    assert.equal(defuse('<img src=x onerror=a()>'), '<img src=x tcv-removed-onerror=a()>');
    assert.equal(
      defuse('<img src="x"onerror=a() alt="xem online">'),
      '<img src="x"tcv-removed-onerror=a() alt="xem online">',
    );
    assert.equal(defuse('<svg/onload=x>'), '<svg/tcv-removed-onload=x>');
    assert.equal(defuse('<input type=checkbox onclick>'), '<input type=checkbox tcv-removed-onclick>');
    assert.equal(defuse('<p>only online, ongoing</p>'), '<p>only online, ongoing</p>');
    assert.equal(
      defuse('<a title=" onclick=1" ONMOUSEOVER =x>on</a>'),
      '<a title=" onclick=1" tcv-removed-ONMOUSEOVER =x>on</a>',
    );
  });

  test('linear on hostile input', () => {
    const started = Date.now();
    defuse('<a"'.repeat(200_000) + '<b' + ' x'.repeat(100_000));
    assert.ok(Date.now() - started < 3000);
  });
});
