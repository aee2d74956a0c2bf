// The unread count on the taskbar / dock badge and in the tray tooltip. Pure; main applies it (app.setBadgeCount,
// Tray.setToolTip, Windows overlay). Counted like Outlook's taskbar: unread mail in the Inbox of every account (a
// shared unit mailbox's own INBOX included, since its custodian watches it), not in Sent, Junk or archives.
import type { Lang } from '../api/errors.ts';

export const APP_TITLE = 'Thư Công Vụ';

/** Inboxes are what counts: INBOX and a shared mailbox's INBOX ("Shared/vanphong/INBOX"). */
export function countsTowardBadge(folder: string, delimiter = '/'): boolean {
  const last = folder.split(delimiter).pop() ?? folder;
  return last.toUpperCase() === 'INBOX';
}

/** Unread per (account, inbox), from folders.list at start and folder.changed afterwards. */
export class UnreadCounts {
  private readonly counts = new Map<string, number>();

  /** Returns true when the total changed. */
  set(accountId: string, folder: string, unread: number): boolean {
    if (!countsTowardBadge(folder)) return false;
    const before = this.total();
    this.counts.set(`${accountId}\u0000${folder}`, Math.max(0, Math.trunc(unread)));
    return this.total() !== before;
  }

  /** An account went away: its inboxes stop counting. */
  forget(accountId: string): boolean {
    const before = this.total();
    for (const key of [...this.counts.keys()]) if (key.startsWith(`${accountId}\u0000`)) this.counts.delete(key);
    return this.total() !== before;
  }

  total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }
}

/** "Thư Công Vụ — 5 thư chưa đọc" (vi) / "Thư Công Vụ — 5 unread messages" (en). */
export function trayTooltip(unread: number, lang: Lang): string {
  if (lang === 'en') {
    return `${APP_TITLE} — ${unread === 0 ? 'no unread messages' : unread === 1 ? '1 unread message' : `${unread} unread messages`}`;
  }
  return `${APP_TITLE} — ${unread === 0 ? 'không có thư chưa đọc' : `${unread} thư chưa đọc`}`;
}

/** The short text on a Windows overlay icon or a badge: at most three characters. */
export function badgeText(unread: number): string {
  return unread <= 0 ? '' : unread > 99 ? '99+' : String(unread);
}

/** The tray menu, in order: open the window, write a new message, quit. */
export function trayMenu(lang: Lang): { id: 'open' | 'compose' | 'quit'; label: string }[] {
  return lang === 'en'
    ? [
        { id: 'open', label: 'Open' },
        { id: 'compose', label: 'New message' },
        { id: 'quit', label: 'Quit' },
      ]
    : [
        { id: 'open', label: 'Mở' },
        { id: 'compose', label: 'Thư mới' },
        { id: 'quit', label: 'Thoát' },
      ];
}
