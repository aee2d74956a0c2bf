// The search box's language (docs/search.md "Query syntax"). Pure: no database, no I/O.
//
//   thư mời              words, all required, folded (Vietnamese marks, đ and case ignored)
//   "giấy mời họp"       a phrase: these words next to each other, in order
//   from:vanphong  to:"Nguyễn Văn A"  subject:báo-cáo
//   has:attachment  is:unread | is:read | is:flagged | is:unflagged
//   after:01/03/2026  before:31/03/2026      day/month/year, local time: after is inclusive, before exclusive
//   folder:INBOX  (in: is the same)          a folder's path or name, folded
//   -word  -"cụm từ"  -from:x  NOT word      leave out messages that match (also -is:unread, -has:attachment)
//   báo cáo OR tờ trình                       either side (binds tighter than the implicit AND: a b OR c = a (b OR c))
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
  /** Required clauses: every one must match. */
  text: TextClause[];
  /** OR groups: in each, at least one clause must match. */
  alternatives: TextClause[][];
  /** Excluded clauses (-word, NOT word): none may match. */
  excluded: TextClause[];
  /** true: with attachments only; false: without; null: either. */
  hasAttachment: boolean | null;
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
  /** Written with a leading "-": leave out what matches. */
  neg: boolean;
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
    // "-word", "-from:x", "-\"phrase\"": a minus that starts an item and is followed by something negates it.
    const neg = q[i] === '-' && i + 1 < n && !isSpace(q[i + 1]) && q[i + 1] !== '-';
    if (neg) i++;
    const op = /^([A-Za-z]+):/.exec(q.slice(i, i + 12));
    const name = op?.[1]?.toLowerCase();
    if (op && name && OPERATORS.has(name)) {
      i += op[0].length;
      // "from: vanphong" is read as "from:vanphong", as webmail clients do.
      while (isSpace(q[i])) i++;
      if (i >= n) {
        items.push({ op: name, neg, value: '', quoted: false, open: true });
        break;
      }
      const v = readValue();
      items.push({ op: name, neg, value: v.value, quoted: v.quoted, open: i >= n && !v.closed });
      continue;
    }
    const v = readValue();
    items.push({ op: null, neg, value: v.value, quoted: v.quoted, open: i >= n && !v.closed });
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

/** The connectives, in capitals as in Gmail and Outlook ("or" and "not" in lower case are searched as words). */
const isKeyword = (item: Item, word: 'OR' | 'NOT') =>
  item.op === null && !item.quoted && !item.neg && item.value === word;

export function parseQuery(input: string): ParsedQuery {
  const q = input.normalize('NFC');
  const out: ParsedQuery = {
    text: [],
    alternatives: [],
    excluded: [],
    hasAttachment: null,
    unread: null,
    flagged: null,
    after: null,
    before: null,
    folders: [],
  };
  // Positive text clauses in groups joined by OR (a group of one is a required clause), in the order written.
  const groups: TextClause[][] = [];
  // The last text clause written, if it may still be being typed: only it matches as a prefix.
  let last: TextClause | null = null;
  let not = false;
  let or = false;
  // Whether the item before an OR was a positive text clause (the only thing OR can join).
  let lastWasText = false;
  const items = scan(q);
  for (const [k, item] of items.entries()) {
    if (isKeyword(item, 'NOT')) {
      not = true;
      continue;
    }
    if (isKeyword(item, 'OR')) {
      // "a OR" still being typed waits for its right side.
      if (k === items.length - 1) continue;
      if (!lastWasText || or) throw new TcvError('QUERY_BAD_LOGIC', q.slice(0, 200));
      or = true;
      continue;
    }
    const negated = item.neg !== not;
    not = false;
    const value = item.value.trim();
    if (item.op === null || item.op in FIELD_OPS) {
      const tokens = foldTokens(value);
      // A word still being typed is a prefix. One typed letter would match almost every message (and costs FTS5 a
      // merge of every term starting with it), and matching it whole would empty the list at each first keystroke
      // ("thông b"): it is left out until the second letter. A word being left out never matches as a prefix.
      let prefix = item.open && !negated;
      if (item.open && (tokens.at(-1)?.length ?? 0) < MIN_PREFIX) {
        tokens.pop();
        prefix = false;
      }
      if (tokens.length === 0) {
        or = false;
        continue;
      }
      const field = item.op === null ? 'any' : (FIELD_OPS[item.op] as SearchField);
      const clause: TextClause = { field, tokens, prefix, raw: value };
      last = clause;
      if (negated) {
        if (or) throw new TcvError('QUERY_BAD_LOGIC', q.slice(0, 200));
        out.excluded.push(clause);
        lastWasText = false;
      } else {
        if (or) (groups.at(-1) as TextClause[]).push(clause);
        else groups.push([clause]);
        lastWasText = true;
      }
      or = false;
      continue;
    }
    // Conditions cannot be alternatives ("is:unread OR has:attachment"): say so rather than guess.
    if (or) throw new TcvError('QUERY_BAD_LOGIC', q.slice(0, 200));
    lastWasText = false;
    // An operator the user is still typing ("is:", "before:1") waits for its value rather than failing mid-word;
    // a finished one must be valid.
    if (value === '' && item.open) continue;
    condition(out, item.op, value, negated);
  }
  // The last typed word is a prefix only if it is the last clause (operators after it are complete words).
  for (const c of [...groups.flat(), ...out.excluded]) if (c !== last) c.prefix = false;
  for (const g of groups) {
    if (g.length === 1) out.text.push(g[0] as TextClause);
    else out.alternatives.push(g);
  }
  if (isEmpty(out)) throw new TcvError('QUERY_EMPTY', JSON.stringify(input.slice(0, 200)));
  return out;
}

/** has:, is:, before:/after: and folder:, each possibly negated ("-is:unread" is is:read, "-before:X" is after:X). */
function condition(out: ParsedQuery, op: string, value: string, negated: boolean): void {
  switch (op) {
    case 'has':
      if (!/^attachments?$/i.test(value)) throw new TcvError('QUERY_BAD_OPERATOR', `has:${value}`);
      out.hasAttachment = !negated;
      return;
    case 'is': {
      const v = value.toLowerCase();
      if (v === 'unread' || v === 'read') out.unread = (v === 'unread') !== negated;
      else if (v === 'flagged' || v === 'unflagged') out.flagged = (v === 'flagged') !== negated;
      else throw new TcvError('QUERY_BAD_OPERATOR', `is:${value}`);
      return;
    }
    case 'before':
    case 'after': {
      const t = parseDate(value);
      if (t === null) throw new TcvError('QUERY_BAD_DATE', `${op}:${value}`);
      if ((op === 'after') !== negated) out.after = Math.max(out.after ?? t, t);
      else out.before = Math.min(out.before ?? t, t);
      return;
    }
    case 'folder':
    case 'in':
      if (value === '') throw new TcvError('QUERY_BAD_OPERATOR', `${op}: without a folder`);
      // Leaving a folder out would be a search of every other folder; not offered (the folder list does that).
      if (negated) throw new TcvError('QUERY_BAD_LOGIC', `-${op}:${value}`);
      out.folders.push(value);
      return;
    default:
      throw new TcvError('INTERNAL', `operator ${op} not handled`);
  }
}

export function isEmpty(q: ParsedQuery): boolean {
  return (
    q.text.length === 0 &&
    q.alternatives.length === 0 &&
    q.excluded.length === 0 &&
    q.hasAttachment === null &&
    q.unread === null &&
    q.flagged === null &&
    q.after === null &&
    q.before === null &&
    q.folders.length === 0
  );
}
