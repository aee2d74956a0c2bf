// Suggestions for the search box while the user types (docs/ui.md "Search"): the engine's operators with a Vietnamese
// explanation, directory people for from:/to:, today's date for before:/after:, and recent searches. Pure: the box
// calls it with what it has, tested in Node. The query language itself is the engine's (src/search/query.ts).
import { fold } from '../../../src/shared/fold.ts';
import type { MessageKey } from '../../i18n/translate.ts';

export type SuggestionKind = 'operator' | 'contact' | 'date' | 'recent';

export interface Suggestion {
  kind: SuggestionKind;
  /** The whole query after picking it. */
  query: string;
  /** What the row shows (the operator, the person, the past search). */
  label: string;
  /** An explanation (operators, dates) from the message table. */
  hint?: MessageKey;
  /** Extra text (a person's address). */
  detail?: string;
}

interface Operator {
  text: string;
  hint: MessageKey;
}

/** The operators of src/search/query.ts, in the order a civil servant needs them most. */
export const OPERATORS: readonly Operator[] = [
  { text: 'from:', hint: 'search.op.from' },
  { text: 'to:', hint: 'search.op.to' },
  { text: 'subject:', hint: 'search.op.subject' },
  { text: 'has:attachment', hint: 'search.op.hasAttachment' },
  { text: 'is:unread', hint: 'search.op.unread' },
  { text: 'is:flagged', hint: 'search.op.flagged' },
  { text: 'after:', hint: 'search.op.after' },
  { text: 'before:', hint: 'search.op.before' },
  { text: 'folder:', hint: 'search.op.folder' },
];

/** The query split at its last word (the one being typed); a quoted phrase still open counts as one word. */
export function splitLast(q: string): { head: string; last: string } {
  let inQuote = false;
  let start = 0;
  for (let i = 0; i < q.length; i++) {
    const c = q[i] as string;
    if (c === '"') inQuote = !inQuote;
    else if (!inQuote && /\s/.test(c)) start = i + 1;
  }
  return { head: q.slice(0, start), last: q.slice(start) };
}

export function operatorSuggestions(q: string): Suggestion[] {
  const { head, last } = splitLast(q);
  if (q.trim() === '') return OPERATORS.map((o) => op(o, o.text));
  const word = last.toLowerCase();
  if (!word || word.includes('"')) return [];
  return OPERATORS.filter((o) => o.text.startsWith(word) && o.text !== word).map((o) => op(o, head + o.text));
}

function op(o: Operator, query: string): Suggestion {
  // A complete operator (has:attachment) is followed by a space; one that takes a value (from:) is not.
  return { kind: 'operator', query: o.text.endsWith(':') ? query : `${query} `, label: o.text, hint: o.hint };
}

/** from:/to: being typed with a value: what to look up in the directory. */
export function contactQuery(q: string): { op: 'from' | 'to'; value: string } | null {
  const { last } = splitLast(q);
  const m = /^(from|to):"?([^"]*)$/i.exec(last);
  if (!m || !m[2] || m[2].trim().length < 1) return null;
  return { op: (m[1] as string).toLowerCase() as 'from' | 'to', value: (m[2] as string).trim() };
}

export function contactSuggestions(
  q: string,
  people: readonly { name: string; address: string | null }[],
  max = 6,
): Suggestion[] {
  const c = contactQuery(q);
  if (!c) return [];
  const { head } = splitLast(q);
  const out: Suggestion[] = [];
  const seen = new Set<string>();
  for (const p of people) {
    if (!p.address || seen.has(p.address.toLowerCase())) continue;
    seen.add(p.address.toLowerCase());
    out.push({ kind: 'contact', query: `${head}${c.op}:${p.address} `, label: p.name, detail: p.address });
    if (out.length >= max) break;
  }
  return out;
}

/** after:/before: with no value yet: today, written the way the engine reads it (dd/mm/yyyy). */
export function dateSuggestions(q: string, today: Date): Suggestion[] {
  const { head, last } = splitLast(q);
  const m = /^(after|before):$/i.exec(last);
  if (!m) return [];
  const d = `${String(today.getDate()).padStart(2, '0')}/${String(today.getMonth() + 1).padStart(2, '0')}/${today.getFullYear()}`;
  const opName = (m[1] as string).toLowerCase();
  return [
    {
      kind: 'date',
      query: `${head}${opName}:${d} `,
      label: `${opName}:${d}`,
      hint: opName === 'after' ? 'search.date.after' : 'search.date.before',
    },
  ];
}

/** Past searches that contain what is typed (folded: "thu moi" finds "Thư mời"), newest first. */
export function recentSuggestions(q: string, recent: readonly string[], max = 5): Suggestion[] {
  const want = fold(q.trim());
  return recent
    .filter((r) => r !== q && fold(r).includes(want))
    .slice(0, max)
    .map((r) => ({ kind: 'recent', query: r, label: r }));
}

export const MAX_RECENT = 10;

/** The recent list with `q` first, without another copy that folds the same. */
export function rememberSearch(recent: readonly string[], q: string): string[] {
  const text = q.trim();
  if (!text) return [...recent];
  const key = fold(text);
  return [text, ...recent.filter((r) => fold(r) !== key)].slice(0, MAX_RECENT);
}

/** Everything for the current text, in the order shown: dates, people, operators, recent. */
export function suggest(
  q: string,
  ctx: { recent: readonly string[]; people: readonly { name: string; address: string | null }[]; today: Date },
): Suggestion[] {
  return [
    ...dateSuggestions(q, ctx.today),
    ...contactSuggestions(q, ctx.people),
    ...operatorSuggestions(q),
    ...recentSuggestions(q, ctx.recent),
  ];
}
