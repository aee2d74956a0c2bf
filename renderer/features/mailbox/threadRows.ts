// The conversation view's rows (docs/ui.md "Conversation view"): thread rows from threads.list, and under the one
// expanded thread its messages (threads.get, newest first), as Outlook shows one conversation open at a time. The
// list, its selection and its virtualisation work on display indexes; this maps them to thread indexes and
// children. Pure: tested in Node (test/renderer.test.ts).
import type { Range } from './selection.ts';

export interface Expansion {
  /** Thread index (in threads.list order) of the expanded thread. */
  at: number;
  /** Its messages shown under it (0 while loading). */
  size: number;
}

export type DisplayRow = { kind: 'thread'; thread: number } | { kind: 'child'; thread: number; child: number };

export function displayTotal(threads: number, x: Expansion | null): number {
  return threads + (x && x.at < threads ? x.size : 0);
}

export function displayRow(index: number, x: Expansion | null): DisplayRow {
  if (!x || index <= x.at) return { kind: 'thread', thread: index };
  if (index <= x.at + x.size) return { kind: 'child', thread: x.at, child: index - x.at - 1 };
  return { kind: 'thread', thread: index - x.size };
}

/** The display index of a thread row. */
export function displayIndexOf(thread: number, x: Expansion | null): number {
  return !x || thread <= x.at ? thread : thread + x.size;
}

/** The thread index range covering display rows [first, last] (children belong to their thread). */
export function threadSpan(first: number, last: number, x: Expansion | null): Range {
  return { from: displayRow(first, x).thread, to: displayRow(last, x).thread };
}

/**
 * The thread index ranges of a selection's display ranges, children left out (a selected message under an expanded
 * thread acts on that message; the caller adds it by UID).
 */
export function threadRanges(ranges: readonly Range[], x: Expansion | null): Range[] {
  const out: Range[] = [];
  for (const r of ranges) {
    let from = r.from;
    let to = r.to;
    if (x) {
      // Drop children at the ends of the range; a range over them and beyond keeps its thread rows.
      while (from <= to && displayRow(from, x).kind === 'child') from++;
      while (to >= from && displayRow(to, x).kind === 'child') to--;
    }
    if (from > to) continue;
    out.push({ from: displayRow(from, x).thread, to: displayRow(to, x).thread });
  }
  return out;
}
