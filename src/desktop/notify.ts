// New-mail notifications: which to show, and what they say. Pure; main shows them with Electron's Notification and
// test/desktop/notify.test.ts checks the rules. Rules:
//  - none at all when the user turned them off (settings: notifications.enabled); silent unless the user asked for a
//    sound (notifications.sound);
//  - none for mail the user is looking at: the window is focused and shows that account's folder;
//  - one notice for one message ("sender" / subject; a click opens it), one grouped notice for several arriving
//    together ("5 thư mới", the first few senders and subjects; a click opens the newest).
import type { Lang } from '../api/errors.ts';
import type { MessageSummary, NewMailEvent } from '../api/types.ts';
import type { OpenMessageRequest } from '../api/types-desktop.ts';

export interface Notice {
  title: string;
  body: string;
  /** What a click opens; null: just bring the window forward. */
  open: OpenMessageRequest | null;
  /** No sound (the user's notifications.sound is off, the default). */
  silent: boolean;
}

export interface NoticeContext {
  enabled: boolean;
  /** Play the system's notification sound (settings: notifications.sound). */
  sound: boolean;
  /** The window has the keyboard focus (and is not minimised). */
  focused: boolean;
  /** The folder the UI shows, if any (app.setViewing). */
  viewing: { accountId: string; folder: string } | null;
  lang: Lang;
}

/** Lines of a grouped notice; the OS cuts long bodies anyway. */
const GROUP_LINES = 3;
const MAX_LINE = 120;

const text = {
  vi: {
    noSubject: '(Không có tiêu đề)',
    unknownSender: '(Không rõ người gửi)',
    many: (n: number) => `${n} thư mới`,
    more: (n: number) => `… và ${n} thư khác`,
  },
  en: {
    noSubject: '(No subject)',
    unknownSender: '(Unknown sender)',
    many: (n: number) => `${n} new messages`,
    more: (n: number) => `… and ${n} more`,
  },
} as const;

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > MAX_LINE ? one.slice(0, MAX_LINE - 1) + '…' : one;
}

function sender(m: MessageSummary, lang: Lang): string {
  return clip(m.from?.name || m.from?.address || text[lang].unknownSender);
}

function subject(m: MessageSummary, lang: Lang): string {
  return clip(m.subject || text[lang].noSubject);
}

/**
 * The user's notification settings from a settings.get answer (src/settings: notifications.enabled / sound), with the
 * settings' own defaults (on, silent) when the host has no settings or the answer is not what it should be.
 */
export function notificationPrefs(prefs: unknown): { enabled: boolean; sound: boolean } {
  const n = (prefs as { notifications?: { enabled?: unknown; sound?: unknown } } | null)?.notifications;
  return { enabled: n?.enabled !== false, sound: n?.sound === true };
}

/** Whether new mail in this folder is in front of the user already. */
export function isInView(event: Pick<NewMailEvent, 'accountId' | 'folder'>, ctx: NoticeContext): boolean {
  return ctx.focused && ctx.viewing?.accountId === event.accountId && ctx.viewing.folder === event.folder;
}

/** The notices for the new-mail events that arrived together (main collects them for a moment). */
export function planNotices(events: readonly NewMailEvent[], ctx: NoticeContext): Notice[] {
  if (!ctx.enabled) return [];
  const shown = events.filter((e) => e.count > 0 && !isInView(e, ctx));
  const total = shown.reduce((n, e) => n + e.count, 0);
  if (total === 0) return [];
  // Newest first across folders and accounts; an event without items still counts.
  const items = shown
    .flatMap((e) => (e.items ?? []).map((m) => ({ e, m })))
    .sort((a, b) => (b.m.date ?? '').localeCompare(a.m.date ?? '') || b.m.uid - a.m.uid);
  const newest = items[0];
  const open = newest ? { accountId: newest.e.accountId, folder: newest.e.folder, uid: newest.m.uid } : null;
  const t = text[ctx.lang];
  const silent = !ctx.sound;
  if (total === 1 && newest) {
    return [{ title: sender(newest.m, ctx.lang), body: subject(newest.m, ctx.lang), open, silent }];
  }
  const lines = items.slice(0, GROUP_LINES).map(({ m }) => `${sender(m, ctx.lang)}: ${subject(m, ctx.lang)}`);
  if (total > lines.length && lines.length > 0) lines.push(t.more(total - lines.length));
  return [{ title: t.many(total), body: lines.join('\n'), open, silent }];
}
