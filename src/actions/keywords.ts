// Flags and keywords as the engine accepts them (RFC 3501 §2.3.2, §9).
//   flag          = "\Answered" / "\Flagged" / "\Deleted" / "\Seen" / "\Draft" / flag-keyword / flag-extension
//   flag-keyword  = atom;  atom = 1*ATOM-CHAR;  ATOM-CHAR = any CHAR (%x01-7F) except atom-specials
//   atom-specials = "(" / ")" / "{" / SP / CTL / "%" / "*" / DQUOTE / "\" / "]"
// \Recent is the server's own (RFC 3501 §2.3.2: "may not be altered by the client"); other backslash flags are
// extensions this client does not set. A keyword is therefore ASCII only: Vietnamese tag names need an encoding
// (docs/actions.md "Tags") before they become keywords.

export const SYSTEM_FLAGS = ['\\Seen', '\\Flagged', '\\Answered', '\\Draft', '\\Deleted'] as const;
export type SystemFlag = (typeof SYSTEM_FLAGS)[number];

/** Dovecot accepts longer keywords, but a keyword is a label, and some servers cap them (Cyrus: 100 bytes). */
export const MAX_KEYWORD_LENGTH = 100;

// eslint-disable-next-line no-control-regex -- the control characters are exactly what the grammar excludes
const NOT_ATOM_CHAR = /[\x00-\x20\x7f-\uffff(){%*"\\\]]/;

export function isKeyword(value: string): boolean {
  return value.length > 0 && value.length <= MAX_KEYWORD_LENGTH && !NOT_ATOM_CHAR.test(value);
}

/** The canonical spelling of a flag the client may set, or null. System flags match case-insensitively (RFC 3501
 * flags are case-insensitive); keywords are kept as written. */
export function normalizeFlag(value: string): string | null {
  if (value.startsWith('\\')) {
    const lower = value.toLowerCase();
    return SYSTEM_FLAGS.find((f) => f.toLowerCase() === lower) ?? null;
  }
  return isKeyword(value) ? value : null;
}

// Spam marking (RFC 9051 §2.3.2, from the IANA keyword registry, RFC 5788): $Junk / $NotJunk are what Thunderbird,
// Apple Mail and Dovecot's antispam plugins read and write.
export const JUNK = '$Junk';
export const NOT_JUNK = '$NotJunk';

// Due date ("hạn xử lý") of a follow-up flag. IMAP has no date-valued flag, so the date is carried in a keyword:
// `$DueDate-YYYYMMDD`, plus \Flagged. Digits and '-' are ATOM-CHARs, the '$' prefix is the convention for keywords
// with a defined meaning (RFC 5788 §2), and the basic ISO 8601 form sorts as text. A message has at most one:
// setting a new date removes the others the cache knows of. Kept on the server, so every custodian's PC and other
// clients see the same deadline (design.md: "Nothing about shared work may live only on one PC").
export const DUE_DATE_PREFIX = '$DueDate-';
const DUE_DATE_KEYWORD = /^\$DueDate-(\d{4})(\d{2})(\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** `2026-11-30` → `$DueDate-20261130`; null for an invalid calendar date. */
export function dueDateKeyword(isoDate: string): string | null {
  const m = ISO_DATE.exec(isoDate);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validDate(y, mo, d)) return null;
  return `${DUE_DATE_PREFIX}${m[1]}${m[2]}${m[3]}`;
}

/** `$DueDate-20261130` → `2026-11-30`; null when the keyword is not a valid due date. */
export function parseDueDate(keyword: string): string | null {
  const m = DUE_DATE_KEYWORD.exec(keyword);
  if (!m) return null;
  if (!validDate(Number(m[1]), Number(m[2]), Number(m[3]))) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** The earliest due date among a message's keywords (there should be one; another client may have added more). */
export function dueDateOf(keywords: readonly string[]): string | null {
  const dates = keywords.map(parseDueDate).filter((d): d is string => d !== null);
  return dates.sort()[0] ?? null;
}
