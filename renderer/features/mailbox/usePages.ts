// Lazily paged list data: only the pages covering the visible rows are fetched (offset/limit), so opening a
// 100,000-message folder costs one page request, not 100,000 rows. Shared by the folder's message list
// (useMessagePages, messages.list) and the conversation view (useThreadPages, threads.list).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../src/api/errors.ts';
import { PageCache } from './pageCache.ts';

export const PAGE_SIZE = 100;
/** 40 pages × 100 rows: at most 4,000 rows in memory, whatever the folder size. */
const MAX_PAGES = 40;

export type ListStatus =
  { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; total: number };

export type PageResult<T> = { ok: true; value: { total: number; items: T[] } } | { ok: false; error: ApiError };

export interface Pages<T> {
  list: ListStatus;
  /** Row at index, or undefined while loading. */
  row(index: number): T | undefined;
  /** Tells the pager which rows are on screen; it fetches what is missing. */
  ensure(first: number, last: number): void;
  /** Updates a loaded row in place (e.g. read state after opening). */
  patch(index: number, fn: (m: T) => T): void;
  reload(): void;
  /** Changes whenever loaded data changes, so rows re-render. */
  revision: number;
}

/**
 * `key` names the list (account, folder, order): a new key shows the loading state at once; a new `version` of the
 * same key reloads the visible pages into a fresh cache and swaps when they are in, so rows do not flash empty.
 * `fetch` is null while there is nothing to show.
 */
export function usePages<T>(
  key: string,
  version: number,
  fetch: ((offset: number, limit: number) => Promise<PageResult<T>>) | null,
): Pages<T> {
  const cache = useRef(new PageCache<T>(PAGE_SIZE, MAX_PAGES));
  const generation = useRef(0);
  const visible = useRef({ first: 0, last: 0 });
  const totalRef = useRef(0);
  const [list, setList] = useState<ListStatus>({ status: 'loading' });
  const [revision, setRevision] = useState(0);
  const [retry, setRetry] = useState(0);
  const lastKey = useRef('');

  const fetchPage = useCallback(
    async (target: PageCache<T>, page: number, gen: number): Promise<ListStatus | null> => {
      if (!fetch) return null;
      target.markLoading(page);
      const r = await fetch(page * PAGE_SIZE, PAGE_SIZE);
      if (gen !== generation.current) return null;
      if (!r.ok) {
        target.setError(page);
        return { status: 'error', error: r.error };
      }
      target.setPage(page, r.value.items);
      totalRef.current = r.value.total;
      return { status: 'ready', total: r.value.total };
    },
    [fetch],
  );

  useEffect(() => {
    if (!fetch) return;
    const gen = ++generation.current;
    const sameList = key === lastKey.current;
    lastKey.current = key;
    if (!sameList) {
      // A different folder or order: show the loading state at once rather than the previous folder's rows.
      cache.current.clear();
      totalRef.current = 0;
      visible.current = { first: 0, last: 0 };
      setList({ status: 'loading' });
    }
    const next = new PageCache<T>(PAGE_SIZE, MAX_PAGES);
    const first = next.pageOf(visible.current.first);
    const last = Math.max(first, next.pageOf(visible.current.last));
    const pages: number[] = [];
    for (let p = first; p <= last; p++) pages.push(p);
    void Promise.all(pages.map((p) => fetchPage(next, p, gen))).then((results) => {
      if (gen !== generation.current) return;
      const failed = results.find((r) => r?.status === 'error');
      const ok = results.find((r) => r?.status === 'ready');
      if (failed && !ok) {
        setList(failed);
        return;
      }
      cache.current = next;
      if (ok) setList(ok);
      setRevision((n) => n + 1);
    });
    // fetch changes with the key; version and retry reload the same list.
  }, [key, version, retry, fetchPage, fetch]);

  const ensure = useCallback(
    (first: number, last: number) => {
      visible.current = { first, last };
      const target = cache.current;
      const gen = generation.current;
      const missing = target.missing(first, last, totalRef.current);
      if (missing.length === 0) return;
      for (const page of missing) {
        void fetchPage(target, page, gen).then((r) => {
          if (!r || target !== cache.current) return;
          if (r.status === 'ready') {
            setList((prev) => (prev.status === 'ready' && prev.total === r.total ? prev : r));
          }
          target.evict(visible.current.first, visible.current.last);
          setRevision((n) => n + 1);
        });
      }
    },
    [fetchPage],
  );

  const row = useCallback((index: number) => cache.current.row(index), []);
  const patch = useCallback((index: number, fn: (m: T) => T) => {
    if (cache.current.update(index, fn)) setRevision((n) => n + 1);
  }, []);
  const reload = useCallback(() => setRetry((n) => n + 1), []);

  return { list, row, ensure, patch, reload, revision };
}
