// Pure presentation helpers of the renderer, run in Node: i18n completeness and error translation, Vietnamese dates
// and sizes, the folder tree, recipient parsing, and the page cache behind the virtualised message list.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { errorCodes, errorMessage } from '../src/api/errors.ts';
import { parseAddressList, parseRecipients } from '../renderer/features/compose/addresses.ts';
import { defaultPort, parsePort } from '../renderer/features/accounts/serverFields.ts';
import { folderLabelKey, folderTree, sortFolders } from '../renderer/features/mailbox/folders.ts';
import { PageCache, visibleRange } from '../renderer/features/mailbox/pageCache.ts';
import { en } from '../renderer/i18n/en.ts';
import { formatFullDate, formatListDate, formatSize, formatSizeProgress } from '../renderer/i18n/format.ts';
import { errorText, translate } from '../renderer/i18n/translate.ts';
import { vi } from '../renderer/i18n/vi.ts';

describe('i18n', () => {
  test('English has exactly the Vietnamese keys, none empty, same placeholders', () => {
    assert.deepEqual(Object.keys(en).sort(), Object.keys(vi).sort());
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
      assert.ok(en[key].trim().length > 0, key);
      const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      assert.deepEqual(placeholders(en[key]), placeholders(vi[key]), key);
    }
  });

  test('placeholders are filled, numbers grouped the Vietnamese way', () => {
    assert.equal(translate('vi', 'list.count', { count: 100000 }), '100.000 thư');
    assert.equal(translate('en', 'list.count', { count: 100000 }), '100,000 messages');
    assert.equal(translate('vi', 'compose.sent', { subject: 'Công văn' }), 'Đã gửi thư “Công văn”.');
  });

  test('special-use folders have their Vietnamese names', () => {
    const name = (specialUse: Parameters<typeof folderLabelKey>[0]['specialUse'], path = 'X') => {
      const key = folderLabelKey({ path, specialUse });
      return key ? translate('vi', key) : null;
    };
    assert.equal(name(null, 'INBOX'), 'Hộp thư đến');
    assert.equal(name('inbox'), 'Hộp thư đến');
    assert.equal(name('sent'), 'Thư đã gửi');
    assert.equal(name('drafts'), 'Thư nháp');
    assert.equal(name('trash'), 'Thùng rác');
    assert.equal(name('junk'), 'Thư rác');
    assert.equal(name('archive'), 'Lưu trữ');
    assert.equal(name(null, 'Dự án'), null);
  });

  test('error codes are translated from the contract table, in either language', () => {
    for (const code of Object.keys(errorCodes) as (keyof typeof errorCodes)[]) {
      assert.equal(errorText({ code, message: 'ignored' }, 'vi'), errorMessage(code, 'vi'));
      assert.equal(errorText({ code, message: 'ignored' }, 'en'), errorMessage(code, 'en'));
    }
    // A VALIDATION error keeps the field list the boundary appended.
    const v = errorText({ code: 'VALIDATION', message: `${errorMessage('VALIDATION', 'vi')} (imap.port)` }, 'en');
    assert.equal(v, `${errorMessage('VALIDATION', 'en')} (imap.port)`);
  });
});

describe('formats', () => {
  const now = new Date(2025, 2, 4, 15, 0);
  test('list dates: HH:mm today, dd/mm/yyyy otherwise', () => {
    assert.equal(formatListDate(new Date(2025, 2, 4, 9, 5), now), '09:05');
    assert.equal(formatListDate(new Date(2025, 2, 3, 23, 59), now), '03/03/2025');
    assert.equal(formatListDate(new Date(2024, 11, 31, 8, 0), now), '31/12/2024');
    assert.equal(formatListDate(null, now), '');
    assert.equal(formatListDate('not a date', now), '');
  });
  test('reader dates name the weekday', () => {
    assert.equal(formatFullDate(new Date(2025, 2, 4, 14, 5), 'vi'), 'Thứ Ba, 04/03/2025 14:05');
    assert.equal(formatFullDate(new Date(2025, 2, 9, 8, 0), 'vi'), 'Chủ nhật, 09/03/2025 08:00');
    assert.equal(formatFullDate(new Date(2025, 2, 4, 14, 5), 'en'), 'Tuesday, 04/03/2025 14:05');
  });
  test('sizes', () => {
    assert.equal(formatSize(635, 'vi'), '635 byte');
    assert.equal(formatSize(48_213, 'vi'), '47 KB');
    assert.equal(formatSize(1_258_291, 'vi'), '1,2 MB');
    assert.equal(formatSize(1_258_291, 'en'), '1.2 MB');
    assert.equal(formatSize(25 * 1024 * 1024, 'vi'), '25 MB');
  });
  test('sending progress is shown in the unit of the total', () => {
    const mb = 1024 * 1024;
    assert.equal(formatSizeProgress(3.1 * mb, 7.2 * mb, 'vi'), '3,1 / 7,2 MB');
    assert.equal(formatSizeProgress(3.1 * mb, 7.2 * mb, 'en'), '3.1 / 7.2 MB');
    assert.equal(formatSizeProgress(300 * 1024, 25 * mb, 'vi'), '0,3 / 25 MB');
    assert.equal(formatSizeProgress(600, 900, 'vi'), '600 / 900 byte');
    assert.equal(formatSizeProgress(9 * mb, 7 * mb, 'vi'), '7 / 7 MB', 'never more than the total');
  });
});

describe('folder tree', () => {
  const f = (path: string, specialUse: 'inbox' | 'sent' | 'archive' | null = null) => ({
    path,
    name: path.split('/').pop() ?? path,
    delimiter: '/',
    specialUse,
  });
  test("Outlook's order, children under their parent, orphans with their path", () => {
    const rows = folderTree([
      f('Zeta'),
      f('Sent', 'sent'),
      f('Archive', 'archive'),
      f('INBOX/Dự án'),
      f('INBOX', 'inbox'),
      f('Archive/2024'),
      f('Ảnh'),
      f('shared/vanphong@cantho.gov.vn/INBOX'),
    ]);
    assert.deepEqual(
      rows.map((r) => [r.folder.path, r.depth, r.pathLabel]),
      [
        ['INBOX', 0, null],
        ['INBOX/Dự án', 1, null],
        ['Sent', 0, null],
        ['Archive', 0, null],
        ['Archive/2024', 1, null],
        ['Ảnh', 0, null],
        ['shared/vanphong@cantho.gov.vn/INBOX', 0, 'shared / vanphong@cantho.gov.vn / INBOX'],
        ['Zeta', 0, null],
      ],
    );
  });
  test('sortFolders compares Vietnamese names with the Vietnamese collation', () => {
    assert.deepEqual(
      sortFolders([f('Đơn vị'), f('Dự án'), f('Ảnh'), f('Báo cáo')]).map((x) => x.path),
      ['Ảnh', 'Báo cáo', 'Dự án', 'Đơn vị'],
    );
  });
});

describe('recipients', () => {
  test('commas, semicolons, names in angle brackets, duplicates', () => {
    assert.deepEqual(parseAddressList('a@cantho.gov.vn; Nguyễn Văn An <an@cantho.gov.vn>, A@cantho.gov.vn'), {
      valid: ['a@cantho.gov.vn', 'an@cantho.gov.vn'],
      invalid: [],
    });
    assert.deepEqual(parseAddressList('vanthu, x@y.vn'), { valid: ['x@y.vn'], invalid: ['vanthu'] });
    assert.deepEqual(parseAddressList('  ;, '), { valid: [], invalid: [] });
  });
  test('display names are kept (quotes dropped) for the draft', () => {
    assert.deepEqual(parseRecipients('"Nguyễn Văn An" <an@cantho.gov.vn>; vanthu@cantho.gov.vn, Sở Tài chính <stc@'), {
      valid: [
        { name: 'Nguyễn Văn An', address: 'an@cantho.gov.vn' },
        { name: '', address: 'vanthu@cantho.gov.vn' },
      ],
      invalid: ['Sở Tài chính <stc@'],
    });
  });
});

describe('server fields', () => {
  test('ports', () => {
    assert.equal(parsePort('993'), 993);
    assert.equal(parsePort(' 587 '), 587);
    for (const bad of ['', '0', '65536', 'abc', '99.5', '-1']) assert.equal(parsePort(bad), null, bad);
    assert.equal(defaultPort('imap', 'tls'), 993);
    assert.equal(defaultPort('imap', 'starttls'), 143);
    assert.equal(defaultPort('smtp', 'tls'), 465);
    assert.equal(defaultPort('smtp', 'starttls'), 587);
  });
});

describe('message list paging', () => {
  test('visible range with overscan, clamped', () => {
    assert.deepEqual(visibleRange(0, 560, 56, 100_000, 8), { first: 0, last: 18 });
    assert.deepEqual(visibleRange(56 * 50_000, 560, 56, 100_000, 8), { first: 49_992, last: 50_018 });
    assert.deepEqual(visibleRange(56 * 99_990, 560, 56, 100_000, 8), { first: 99_982, last: 99_999 });
    assert.deepEqual(visibleRange(0, 560, 56, 0, 8), { first: 0, last: -1 });
  });

  test('missing pages, loading pages not refetched, errors retried', () => {
    const cache = new PageCache<number>(100, 10);
    assert.deepEqual(cache.missing(0, 250, 1000), [0, 1, 2]);
    cache.markLoading(0);
    cache.setPage(
      1,
      Array.from({ length: 100 }, (_, i) => 100 + i),
    );
    cache.setError(2);
    assert.deepEqual(cache.missing(0, 250, 1000), [2]);
    assert.equal(cache.row(150), 150);
    assert.equal(cache.row(50), undefined);
    assert.deepEqual(cache.missing(900, 5000, 1000), [9]);
  });

  test('memory stays bounded: least recently loaded pages outside the view are evicted', () => {
    const cache = new PageCache<number>(100, 5);
    for (let p = 0; p < 20; p++) cache.setPage(p, [p]);
    cache.evict(1500, 1600);
    assert.equal(cache.size, 5);
    assert.notEqual(cache.state(15), undefined);
    assert.notEqual(cache.state(16), undefined);
    assert.equal(cache.state(0), undefined);
  });

  test('update replaces one row in place', () => {
    const cache = new PageCache<{ seen: boolean }>(2, 5);
    cache.setPage(0, [{ seen: false }, { seen: false }]);
    assert.equal(
      cache.update(1, (r) => ({ ...r, seen: true })),
      true,
    );
    assert.deepEqual(cache.row(1), { seen: true });
    assert.equal(
      cache.update(7, (r) => r),
      false,
    );
  });
});
