// The search box's language (docs/search.md "Query syntax"). Pure: no database, no I/O.
//
//   thư mời              words, all required, folded (Vietnamese marks, đ and case ignored)
//   "giấy mời họp"       a phrase: these words next to each other, in order
//   from:vanphong  to:"Nguyễn Văn A"  subject:báo-cáo
//   has:attachment  is:unread | is:read | is:flagged | is:unflagged
//   after:01/03/2026  before:31/03/2026      day/month/year, local time: after is inclusive, before exclusive
//   folder:INBOX  (in: is the same)          a folder's path or name, folded
//
// The last word matches as a prefix while the user is typing (no white space after it yet), so "quyet đi" already
// finds "Quyết định". Anything that is not a known operator is text, so "V/v: triển khai" or "10:30" search as
// written. A malformed date or operator value is an error with a Vietnamese message saying what to write instead.
import { TcvError } from '../api/errors.ts';
import { foldTokens } from '../text/index.ts';

export type SearchField = 'any' | 'subject' | 'sender' | 'recipients';

export interface TextClause {
  field: SearchField;
  /** Folded tokens (foldTokens). More than one is a phrase: adjacent, in this order. */
  tokens: string[];
  /** The last token matches as a prefix (as-you-type). */
  prefix: boolean;
  /** As the user wrote it (NFC), for IMAP SEARCH on a folder that is not cached. */
  raw: string;
}

export interface ParsedQuery {
  text: TextClause[];
  hasAttachment: boolean;
  /** true: unread only; false: read only; null: either. */
  unread: boolean | null;
  flagged: boolean | null;
  /** Epoch ms: date >= after. */
  after: number | null;
  /** Epoch ms: date < before. */
  before: number | null;
  /** folder:/in: values as written (NFC); the engine resolves them against the folder list. */
  folders: string[];
}

/** The shortest last word matched as a prefix. */
export const MIN_PREFIX = 2;

const FIELD_OPS: Record<string, SearchField> = { from: 'sender', to: 'recipients', subject: 'subject' };
const OPERATORS = new Set(['from', 'to', 'subject', 'has', 'is', 'before', 'after', 'folder', 'in']);

interface Item {
  op: string | null;
  value: string;
  /** Written with quotes: a phrase, never an operator value split further. */
  quoted: boolean;
  /** The last item, with nothing after it: the user may still be typing it. */
  open: boolean;
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

function scan(q: string): Item[] {
  const items: Item[] = [];
  let i = 0;
  const n = q.length;
  const readValue = (): { value: string; quoted: boolean; closed: boolean } => {
    if (q[i] === '"') {
      const end = q.indexOf('"', i + 1);
      const value = q.slice(i + 1, end < 0 ? n : end);
      i = end < 0 ? n : end + 1;
      return { value, quoted: true, closed: end >= 0 };
    }
    const start = i;
    while (i < n && !isSpace(q[i]) && q[i] !== '"') i++;
    return { value: q.slice(start, i), quoted: false, closed: false };
  };
  while (i < n) {
    while (isSpace(q[i])) i++;
    if (i >= n) break;
    const op = /^([A-Za-z]+):/.exec(q.slice(i, i + 12));
    const name = op?.[1]?.toLowerCase();
    if (op && name && OPERATORS.has(name)) {
      i += op[0].length;
      // "from: vanphong" is read as "from:vanphong", as webmail clients do.
      while (isSpace(q[i])) i++;
      if (i >= n) {
        items.push({ op: name, value: '', quoted: false, open: true });
        break;
      }
      const v = readValue();
      items.push({ op: name, value: v.value, quoted: v.quoted, open: i >= n && !v.closed });
      continue;
    }
    const v = readValue();
    items.push({ op: null, value: v.value, quoted: v.quoted, open: i >= n && !v.closed });
  }
  return items;
}

const DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** dd/mm/yyyy (also d/m/yyyy, with - or .) at local midnight; null when it is not a real calendar date. */
export function parseDate(value: string): number | null {
  const m = DATE.exec(value.trim());
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(y, mo - 1, d);
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return date.getTime();
}

export function parseQuery(input: string): ParsedQuery {
  const q = input.normalize('NFC');
  const out: ParsedQuery = {
    text: [],
    hasAttachment: false,
    unread: null,
    flagged: null,
    after: null,
    before: null,
    folders: [],
  };
  for (const item of scan(q)) {
    const value = item.value.trim();
    if (item.op === null || item.op in FIELD_OPS) {
      const tokens = foldTokens(value);
      // A word still being typed is a prefix. One typed letter would match almost every message (and costs FTS5 a
      // merge of every term starting with it), and matching it whole would empty the list at each first keystroke
      // ("thông b"): it is left out until the second letter.
      let prefix = item.open;
      if (prefix && (tokens.at(-1)?.length ?? 0) < MIN_PREFIX) {
        tokens.pop();
        prefix = false;
      }
      if (tokens.length === 0) continue;
      const field = item.op === null ? 'any' : (FIELD_OPS[item.op] as SearchField);
      out.text.push({ field, tokens, prefix, raw: value });
      continue;
    }
    // An operator the user is still typing ("is:", "before:1") waits for its value rather than failing mid-word;
    // a finished one must be valid.
    if (value === '' && item.open) continue;
    switch (item.op) {
      case 'has':
        if (!/^attachments?$/i.test(value)) throw new TcvError('QUERY_BAD_OPERATOR', `has:${value}`);
        out.hasAttachment = true;
        break;
      case 'is': {
        const v = value.toLowerCase();
        if (v === 'unread' || v === 'read') out.unread = v === 'unread';
        else if (v === 'flagged' || v === 'unflagged') out.flagged = v === 'flagged';
        else throw new TcvError('QUERY_BAD_OPERATOR', `is:${value}`);
        break;
      }
      case 'before':
      case 'after': {
        const t = parseDate(value);
        if (t === null) throw new TcvError('QUERY_BAD_DATE', `${item.op}:${value}`);
        if (item.op === 'after') out.after = Math.max(out.after ?? t, t);
        else out.before = Math.min(out.before ?? t, t);
        break;
      }
      case 'folder':
      case 'in':
        if (value === '') throw new TcvError('QUERY_BAD_OPERATOR', `${item.op}: without a folder`);
        out.folders.push(value);
        break;
      default:
        throw new TcvError('INTERNAL', `operator ${item.op} not handled`);
    }
  }
  // The last typed word is a prefix only if it is the last clause (operators after it are complete words).
  for (let k = 0; k < out.text.length - 1; k++) (out.text[k] as TextClause).prefix = false;
  if (isEmpty(out)) throw new TcvError('QUERY_EMPTY', JSON.stringify(input.slice(0, 200)));
  return out;
}

export function isEmpty(q: ParsedQuery): boolean {
  return (
    q.text.length === 0 &&
    !q.hasAttachment &&
    q.unread === null &&
    q.flagged === null &&
    q.after === null &&
    q.before === null &&
    q.folders.length === 0
  );
}
