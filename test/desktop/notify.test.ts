// New-mail notices and the unread badge (src/desktop/notify.ts, badge.ts): pure rules.
// Run: node --test test/desktop/notify.test.ts
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MessageSummary, NewMailEvent } from '../../src/api/types.ts';
import { UnreadCounts, badgeText, countsTowardBadge, trayMenu, trayTooltip } from '../../src/desktop/badge.ts';
import { notificationPrefs, planNotices, type NoticeContext } from '../../src/desktop/notify.ts';

const msg = (uid: number, from: string, subject: string, date: string, name = ''): MessageSummary => ({
  uid,
  folder: 'INBOX',
  messageId: null,
  subject,
  from: { name, address: from },
  to: [],
  date,
  size: 1000,
  seen: false,
  flagged: false,
  answered: false,
  hasAttachments: false,
});
const event = (accountId: string, folder: string, items: MessageSummary[], count = items.length): NewMailEvent => ({
  accountId,
  folder,
  count,
  items,
});
const ctx = (over: Partial<NoticeContext> = {}): NoticeContext => ({
  enabled: true,
  sound: false,
  focused: false,
  viewing: null,
  lang: 'vi',
  ...over,
});

describe('new-mail notices', () => {
  const one = event('cv@cantho.gov.vn', 'INBOX', [
    msg(
      41,
      'vanthu@cantho.gov.vn',
      'Công văn số 45/UBND-VP về việc họp giao ban',
      '2026-11-28T08:00:00Z',
      'Văn thư UBND',
    ),
  ]);

  test('one message: sender name as title, subject as body, a click opens it', () => {
    assert.deepEqual(planNotices([one], ctx()), [
      {
        title: 'Văn thư UBND',
        body: 'Công văn số 45/UBND-VP về việc họp giao ban',
        open: { accountId: 'cv@cantho.gov.vn', folder: 'INBOX', uid: 41 },
        silent: true,
      },
    ]);
    const bare = event('a', 'INBOX', [msg(2, 'x@y.vn', '', '2026-11-28T08:00:00Z')]);
    assert.deepEqual(planNotices([bare], ctx({ lang: 'en' }))[0], {
      title: 'x@y.vn',
      body: '(No subject)',
      open: { accountId: 'a', folder: 'INBOX', uid: 2 },
      silent: true,
    });
  });

  test('several at once, across accounts: one grouped notice "5 thư mới" listing the newest, opening the newest', () => {
    const a = event('cv@cantho.gov.vn', 'INBOX', [
      msg(10, 'a@x.vn', 'Thư A', '2026-11-28T08:00:00Z'),
      msg(11, 'b@x.vn', 'Thư B', '2026-11-28T08:05:00Z'),
    ]);
    const b = event('vanphong@cantho.gov.vn', 'INBOX', [msg(7, 'c@x.vn', 'Thư C', '2026-11-28T08:10:00Z')], 3);
    const notices = planNotices([a, b], ctx());
    assert.equal(notices.length, 1);
    assert.equal(notices[0]!.title, '5 thư mới');
    assert.equal(notices[0]!.body, 'c@x.vn: Thư C\nb@x.vn: Thư B\na@x.vn: Thư A\n… và 2 thư khác');
    assert.deepEqual(notices[0]!.open, { accountId: 'vanphong@cantho.gov.vn', folder: 'INBOX', uid: 7 });
    assert.equal(planNotices([a, b], ctx({ lang: 'en' }))[0]!.title, '5 new messages');
  });

  test('none when turned off, none for the folder on screen in a focused window; other folders still notify', () => {
    assert.deepEqual(planNotices([one], ctx({ enabled: false })), []);
    const viewing = { accountId: 'cv@cantho.gov.vn', folder: 'INBOX' };
    assert.deepEqual(planNotices([one], ctx({ focused: true, viewing })), []);
    assert.equal(planNotices([one], ctx({ focused: false, viewing })).length, 1, 'window in the background');
    assert.equal(planNotices([one], ctx({ focused: true, viewing: { ...viewing, folder: 'Archive' } })).length, 1);
    const other = event('vanphong@cantho.gov.vn', 'INBOX', [msg(3, 'd@x.vn', 'Khác', '2026-11-28T09:00:00Z')]);
    const notices = planNotices([one, other], ctx({ focused: true, viewing }));
    assert.equal(notices.length, 1);
    assert.equal(notices[0]!.body, 'Khác', 'only the mail not on screen');
  });

  test('the sound follows notifications.sound; the settings answer is read with the settings defaults', () => {
    assert.equal(planNotices([one], ctx({ sound: true }))[0]!.silent, false);
    assert.equal(planNotices([one], ctx({ sound: false }))[0]!.silent, true);
    assert.deepEqual(notificationPrefs({ notifications: { enabled: false, sound: true } }), {
      enabled: false,
      sound: true,
    });
    // A host without settings, or an answer without the key: on and silent, as the settings' own defaults.
    assert.deepEqual(notificationPrefs(null), { enabled: true, sound: false });
    assert.deepEqual(notificationPrefs({ language: 'vi' }), { enabled: true, sound: false });
    assert.deepEqual(notificationPrefs({ notifications: { enabled: 'no', sound: 1 } }), {
      enabled: true,
      sound: false,
    });
  });

  test('an event without items still counts; long lines are cut; empty batches give nothing', () => {
    assert.deepEqual(planNotices([event('a', 'INBOX', [], 4)], ctx()), [
      { title: '4 thư mới', body: '', open: null, silent: true },
    ]);
    assert.deepEqual(planNotices([], ctx()), []);
    const long = event('a', 'INBOX', [msg(1, 'x@y.vn', 'Rất dài '.repeat(50), '2026-11-28T08:00:00Z')]);
    assert.ok(planNotices([long], ctx())[0]!.body.length <= 120);
  });
});

describe('unread badge and tray', () => {
  test('inboxes count (a shared mailbox INBOX too), other folders do not; totals change only when they change', () => {
    assert.ok(countsTowardBadge('INBOX'));
    assert.ok(countsTowardBadge('Shared/vanphong/INBOX'));
    assert.ok(!countsTowardBadge('Sent'));
    assert.ok(!countsTowardBadge('INBOX/Lưu trữ'));
    const c = new UnreadCounts();
    assert.equal(c.set('cv', 'INBOX', 3), true);
    assert.equal(c.set('cv', 'Junk', 50), false);
    assert.equal(c.set('vp', 'Shared/vanphong/INBOX', 2), true);
    assert.equal(c.set('cv', 'INBOX', 3), false, 'same count: no update');
    assert.equal(c.total(), 5);
    assert.equal(c.forget('cv'), true);
    assert.equal(c.total(), 2);
  });

  test('tooltip "Thư Công Vụ — n thư chưa đọc", badge text, menu Mở / Thư mới / Thoát', () => {
    assert.equal(trayTooltip(5, 'vi'), 'Thư Công Vụ — 5 thư chưa đọc');
    assert.equal(trayTooltip(0, 'vi'), 'Thư Công Vụ — không có thư chưa đọc');
    assert.equal(trayTooltip(1, 'en'), 'Thư Công Vụ — 1 unread message');
    assert.equal(trayTooltip(7, 'en'), 'Thư Công Vụ — 7 unread messages');
    assert.equal(badgeText(0), '');
    assert.equal(badgeText(42), '42');
    assert.equal(badgeText(1234), '99+');
    assert.deepEqual(
      trayMenu('vi').map((i) => i.label),
      ['Mở', 'Thư mới', 'Thoát'],
    );
    assert.deepEqual(
      trayMenu('en').map((i) => i.id),
      ['open', 'compose', 'quit'],
    );
    assert.equal(trayTooltip(5, 'vi'), trayTooltip(5, 'vi').normalize('NFC'));
  });
});
