// Page cache behind the virtualised message list. A 100,000-message folder is never loaded whole: the list asks for the
// pages covering the visible rows (messages.list offset/limit), and the cache keeps a bounded number of pages, evicting
// the least recently used ones outside the visible window. Pure: tested in Node.

export type PageState<T> = { status: 'loading' } | { status: 'ready'; items: readonly T[] } | { status: 'error' };

export class PageCache<T> {
  readonly pageSize: number;
  readonly maxPages: number;
  private readonly pages = new Map<number, PageState<T>>();

  constructor(pageSize = 100, maxPages = 40) {
    this.pageSize = pageSize;
    this.maxPages = maxPages;
  }

  pageOf(index: number): number {
    return Math.floor(index / this.pageSize);
  }

  /** The row at `index`, or undefined while its page is not loaded. */
  row(index: number): T | undefined {
    const page = this.pageOf(index);
    const state = this.pages.get(page);
    if (!state || state.status !== 'ready') return undefined;
    return state.items[index - page * this.pageSize];
  }

  state(page: number): PageState<T> | undefined {
    return this.pages.get(page);
  }

  /** Pages overlapping rows [first, last] that are neither loaded nor loading (error pages are retried). */
  missing(first: number, last: number, total: number): number[] {
    if (total <= 0 || last < first) return [];
    const from = this.pageOf(Math.max(0, first));
    const to = this.pageOf(Math.min(total - 1, last));
    const out: number[] = [];
    for (let p = from; p <= to; p++) {
      const s = this.pages.get(p);
      if (!s || s.status === 'error') out.push(p);
    }
    return out;
  }

  markLoading(page: number): void {
    this.touch(page, { status: 'loading' });
  }

  setPage(page: number, items: readonly T[]): void {
    this.touch(page, { status: 'ready', items });
  }

  setError(page: number): void {
    this.touch(page, { status: 'error' });
  }

  /** Replaces one row in place (e.g. read state changed after opening), if its page is loaded. */
  update(index: number, fn: (row: T) => T): boolean {
    const page = this.pageOf(index);
    const state = this.pages.get(page);
    if (!state || state.status !== 'ready') return false;
    const i = index - page * this.pageSize;
    const row = state.items[i];
    if (row === undefined) return false;
    const items = state.items.slice();
    items[i] = fn(row);
    this.pages.set(page, { status: 'ready', items });
    return true;
  }

  /** Keeps at most maxPages, dropping the least recently used outside [keepFirst, keepLast] pages. */
  evict(keepFirstRow: number, keepLastRow: number): void {
    if (this.pages.size <= this.maxPages) return;
    const keepFrom = this.pageOf(keepFirstRow);
    const keepTo = this.pageOf(keepLastRow);
    for (const page of this.pages.keys()) {
      if (this.pages.size <= this.maxPages) break;
      if (page >= keepFrom && page <= keepTo) continue;
      if (this.pages.get(page)?.status === 'loading') continue;
      this.pages.delete(page);
    }
  }

  clear(): void {
    this.pages.clear();
  }

  get size(): number {
    return this.pages.size;
  }

  private touch(page: number, state: PageState<T>): void {
    // Map keeps insertion order: delete + set moves the page to the most recently used end.
    this.pages.delete(page);
    this.pages.set(page, state);
  }
}

/** Rows to render for a viewport: the visible rows plus an overscan, clamped to the list. */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  total: number,
  overscan = 8,
): { first: number; last: number } {
  if (total <= 0) return { first: 0, last: -1 };
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(total - 1, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return { first, last };
}
