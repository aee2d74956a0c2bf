// A message's importance, from the header fields fetched with the header batch (src/mail/sync.ts HEADER_QUERY). Three
// fields say the same thing in different dialects; the list shows one normalised value (docs/sync.md "Importance"):
//   Importance: high | normal | low                       RFC 2156 §5.3, registered by RFC 4021 §2.1.53 (Outlook)
//   X-Priority: 1 (Highest) … 5 (Lowest)                  de facto (Eudora, Outlook, Thunderbird): 1-2 high, 4-5 low
//   X-MSMail-Priority: High | Normal | Low                Outlook Express and older Outlook
//   Priority: urgent | normal | non-urgent                RFC 2156 §5.3, RFC 4021 §2.1.54 (X.400 gateways)
// The first field present with a value we understand wins, in that order: Importance is the standard one, and where
// a client writes several (Outlook writes Importance and X-Priority) they agree.
import type { Importance } from '../api/types.ts';

/** The header names to fetch (BODY.PEEK[HEADER.FIELDS (...)]); lower case as imapflow wants them. */
export const IMPORTANCE_HEADERS = ['importance', 'x-priority', 'x-msmail-priority', 'priority'] as const;

/** Stored in messages.importance (migration 13): an integer keeps the row small and sorts high > normal > low. */
export const IMPORTANCE_VALUE: Record<Importance, number> = { high: 1, normal: 0, low: -1 };

export function importanceFromValue(v: number | null | undefined): Importance {
  return v === 1 ? 'high' : v === -1 ? 'low' : 'normal';
}

/** The unfolded value of each named field in a raw header block (RFC 5322 §2.2.3), first occurrence kept. */
export function headerFields(raw: Buffer | string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!raw) return out;
  const text = (typeof raw === 'string' ? raw : raw.toString('latin1')).replace(/\r?\n[ \t]+/g, ' ');
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!out.has(name)) out.set(name, line.slice(colon + 1).trim());
  }
  return out;
}

function fromImportance(v: string): Importance | null {
  const w = v.toLowerCase();
  return w.startsWith('high') ? 'high' : w.startsWith('low') ? 'low' : w.startsWith('normal') ? 'normal' : null;
}

function fromXPriority(v: string): Importance | null {
  // "1 (Highest)", "2", " 5 (Lowest)"; some senders write only the word.
  const n = /^\s*([1-5])\b/.exec(v)?.[1];
  if (n) return n === '1' || n === '2' ? 'high' : n === '3' ? 'normal' : 'low';
  const w = v.toLowerCase();
  return /high|urgent/.test(w) ? 'high' : /low/.test(w) ? 'low' : /normal/.test(w) ? 'normal' : null;
}

function fromPriority(v: string): Importance | null {
  const w = v.toLowerCase().trim();
  return w.startsWith('non-urgent')
    ? 'low'
    : w.startsWith('urgent')
      ? 'high'
      : w.startsWith('normal')
        ? 'normal'
        : null;
}

export function importanceOf(raw: Buffer | string | undefined): Importance {
  const f = headerFields(raw);
  const tries: [string, (v: string) => Importance | null][] = [
    ['importance', fromImportance],
    ['x-priority', fromXPriority],
    ['x-msmail-priority', fromImportance],
    ['priority', fromPriority],
  ];
  for (const [name, parse] of tries) {
    const v = f.get(name);
    const got = v === undefined ? null : parse(v);
    if (got) return got;
  }
  return 'normal';
}
