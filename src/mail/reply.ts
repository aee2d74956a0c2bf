// Replies and forwards, as pure functions of the original message: subject prefixes, recipients, threading headers
// and the quoted text. No I/O: src/drafts/prepare.ts loads the original and calls these.
//
// Prefixes: Vietnamese clients and users write "Re:", "RE:", "TL:", "Trả lời:", "Tra loi:", "Fwd:", "FW:",
// "Chuyển tiếp:"... They are recognised through fold() (src/text, the one fold: no tones, đ → d, lower case), so any
// case and any diacritics match, and they are never stacked: a reply to "TL: Re: Thư mời" is "Re: Thư mời".
// The client writes "Re:" and "Fwd:" (RFC 5322 3.6.5 suggests "Re: "), which every other client recognises too.
import { BLOCKQUOTE_STYLE } from '../shared/compose-html.ts';
import type { Address } from '../api/types.ts';
import { nfc } from '../text/index.ts';
import { stripPrefixes } from './subject.ts';
export { hasPrefix, stripPrefixes } from './subject.ts';

export function replySubject(subject: string): string {
  return `Re: ${stripPrefixes(subject)}`.trimEnd();
}

export function forwardSubject(subject: string): string {
  return `Fwd: ${stripPrefixes(subject)}`.trimEnd();
}

// ---- Threading headers (RFC 5322 3.6.4) ----

/** The msg-ids in a Message-ID / In-Reply-To / References header value, in order, without duplicates. */
export function parseMessageIds(value: string | null | undefined): string[] {
  const out: string[] = [];
  for (const m of (value ?? '').matchAll(/<[^<>\s]+>/g)) if (!out.includes(m[0])) out.push(m[0]);
  return out;
}

// A long thread's References would grow without end; keep the root and the newest ids (as Thunderbird does), which
// is what threading needs.
const MAX_REFERENCES = 20;

/**
 * References of a reply or forward: the parent's References (or, without them, its single In-Reply-To) followed by
 * the parent's Message-ID (RFC 5322 3.6.4).
 */
export function referencesFor(parent: {
  messageId: string | null;
  references: string[];
  inReplyTo: string[];
}): string[] {
  const base = parent.references.length ? parent.references : parent.inReplyTo.length === 1 ? parent.inReplyTo : [];
  const refs = [...base];
  if (parent.messageId && !refs.includes(parent.messageId)) refs.push(parent.messageId);
  if (refs.length <= MAX_REFERENCES) return refs;
  return [refs[0] as string, ...refs.slice(refs.length - (MAX_REFERENCES - 1))];
}

// ---- Recipients ----

export interface OriginalAddresses {
  from: Address | null;
  replyTo: Address[];
  to: Address[];
  cc: Address[];
}

const key = (a: Address) => a.address.trim().toLowerCase();

function uniqueExcept(list: Address[], exclude: Set<string>): Address[] {
  const seen = new Set(exclude);
  const out: Address[] = [];
  for (const a of list) {
    const k = key(a);
    if (!k || seen.has(k)) continue;
    seen.add(k);
    out.push({ name: nfc(a.name ?? ''), address: a.address.trim() });
  }
  return out;
}

/**
 * Who a reply goes to. Reply: Reply-To if present, else From. Reply all: that, plus the original To in To and the
 * original Cc in Cc, without the user's own addresses and without duplicates. Replying to a message the user sent
 * (from Sent) goes to its original recipients, as in Thunderbird and Outlook.
 */
export function replyRecipients(
  orig: OriginalAddresses,
  own: readonly string[],
  all: boolean,
): { to: Address[]; cc: Address[] } {
  const self = new Set(own.map((a) => a.trim().toLowerCase()));
  const fromSelf = orig.from !== null && self.has(key(orig.from));
  const primary = fromSelf ? orig.to : orig.replyTo.length ? orig.replyTo : orig.from ? [orig.from] : [];
  if (!all) {
    const to = uniqueExcept(primary, fromSelf ? new Set() : self);
    return { to: to.length ? to : uniqueExcept(primary, new Set()), cc: [] };
  }
  const to = uniqueExcept(fromSelf ? primary : [...primary, ...orig.to], self);
  const cc = uniqueExcept(orig.cc, new Set([...self, ...to.map(key)]));
  // Replying to oneself only (a note sent to oneself): keep the address rather than leave To empty.
  if (!to.length && !cc.length) return { to: uniqueExcept(primary, new Set()), cc: [] };
  return { to, cc };
}

// ---- Quoting ----

export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

function dateParts(date: Date, timeZone: string): { day: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  return { day: `${parts.day}/${parts.month}/${parts.year}`, time: `${parts.hour}:${parts.minute}` };
}

export function formatAddress(a: Address): string {
  const name = nfc(a.name ?? '').trim();
  return name && name.toLowerCase() !== a.address.toLowerCase() ? `${name} <${a.address}>` : a.address;
}

/** "Vào 05/01/2026 lúc 14:30, Nguyễn Văn An <an@cantho.gov.vn> đã viết:" (time in the given zone, default ICT). */
export function attribution(date: Date | null, from: Address | null, timeZone = DEFAULT_TIME_ZONE): string {
  const who = from ? formatAddress(from) : 'Người gửi';
  if (!date || Number.isNaN(date.getTime())) return `${who} đã viết:`;
  const { day, time } = dateParts(date, timeZone);
  return `Vào ${day} lúc ${time}, ${who} đã viết:`;
}

/** Plain-text quote: every line prefixed with "> " (">" alone before an already quoted line, RFC 3676 style). */
export function quoteText(text: string): string {
  const lines = nfc(text).replace(/\r\n?/g, '\n').replace(/\s+$/, '').split('\n');
  return lines.map((l) => (l.startsWith('>') ? `>${l}` : l ? `> ${l}` : '>')).join('\n');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Plain text as HTML paragraphs: escaped, line breaks kept. Safe by construction. */
export function textToHtml(text: string): string {
  return nfc(text)
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

export interface QuotedOriginal {
  date: Date | null;
  from: Address | null;
  text: string;
}

/**
 * The body a reply starts with: two empty lines for the answer (top-posting, as Outlook users expect), the
 * attribution line and the quoted original. The HTML quote is built from the original's text, escaped: the original's
 * own HTML is hostile input and is never copied into an outgoing message.
 */
export function replyBody(orig: QuotedOriginal, timeZone = DEFAULT_TIME_ZONE): { text: string; html: string } {
  const head = attribution(orig.date, orig.from, timeZone);
  const text = `\n\n${head}\n${quoteText(orig.text)}\n`;
  const html =
    `<p><br></p>\n<div class="tcv-quote"><p>${escapeHtml(head)}</p>\n` +
    `<blockquote type="cite" style="${BLOCKQUOTE_STYLE}">\n${textToHtml(orig.text.replace(/\s+$/, ''))}\n</blockquote></div>\n`;
  return { text, html };
}

export interface ForwardedOriginal extends QuotedOriginal {
  subject: string;
  to: Address[];
  cc: Address[];
}

/** Header block of an inline forward, in Vietnamese (the labels Outlook's Vietnamese edition uses). */
export function forwardHeaderLines(orig: ForwardedOriginal, timeZone = DEFAULT_TIME_ZONE): string[] {
  const lines = ['---------- Thư chuyển tiếp ----------'];
  if (orig.from) lines.push(`Từ: ${formatAddress(orig.from)}`);
  if (orig.date && !Number.isNaN(orig.date.getTime())) {
    const { day, time } = dateParts(orig.date, timeZone);
    lines.push(`Ngày: ${day} lúc ${time}`);
  }
  lines.push(`Tiêu đề: ${nfc(orig.subject)}`);
  if (orig.to.length) lines.push(`Tới: ${orig.to.map(formatAddress).join(', ')}`);
  if (orig.cc.length) lines.push(`Cc: ${orig.cc.map(formatAddress).join(', ')}`);
  return lines;
}

export function forwardBody(orig: ForwardedOriginal, timeZone = DEFAULT_TIME_ZONE): { text: string; html: string } {
  const head = forwardHeaderLines(orig, timeZone);
  const body = nfc(orig.text).replace(/\r\n?/g, '\n').replace(/\s+$/, '');
  const text = `\n\n${head.join('\n')}\n\n${body}\n`;
  const html =
    `<p><br></p>\n<div class="tcv-forward"><p>${head.map(escapeHtml).join('<br>')}</p>\n` +
    `${textToHtml(body)}</div>\n`;
  return { text, html };
}
