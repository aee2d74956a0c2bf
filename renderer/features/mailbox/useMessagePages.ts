// Lazily paged message list data for one folder: only the pages covering the visible rows are fetched
// (messages.list offset/limit), so opening a 100,000-message folder costs one page request, not 100,000 rows.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageSort, MessageSummary } from '../../../src/api/types.ts';
import type { ApiError } from '../../../src/api/errors.ts';
import { useApi } from '../../api/context.tsx';
import { PageCache } from './pageCache.ts';

export const PAGE_SIZE = 100;
/** 40 pages × 100 rows: at most 4,000 summaries in memory, whatever the folder size. */
const MAX_PAGES = 40;

export type ListStatus =
  { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; total: number };

export interface MessagePages {
  list: ListStatus;
  /** Row at index, or undefined while loading. */
  row(index: number): MessageSummary | undefined;
  /** Tells the pager which rows are on screen; it fetches what is missing. */
  ensure(first: number, last: number): void;
  /** Updates a loaded row in place (e.g. read state after opening). */
  patch(index: number, fn: (m: MessageSummary) => MessageSummary): void;
  reload(): void;
  /** Changes whenever loaded data changes, so rows re-render. */
  revision: number;
}

export function useMessagePages(
  accountId: string | null,
  folder: string | null,
  version: number,
  sort: MessageSort,
): MessagePages {
  const api = useApi();
  const cache = useRef(new PageCache<MessageSummary>(PAGE_SIZE, MAX_PAGES));
  const generation = useRef(0);
  const visible = useRef({ first: 0, last: 0 });
  const totalRef = useRef(0);
  const [list, setList] = useState<ListStatus>({ status: 'loading' });
  const [revision, setRevision] = useState(0);
  const [retry, setRetry] = useState(0);
  const lastKey = useRef('');
  const { by, dir } = sort;

  const fetchPage = useCallback(
    async (target: PageCache<MessageSummary>, page: number, gen: number): Promise<ListStatus | null> => {
      if (!accountId || !folder) return null;
      target.markLoading(page);
      const r = await api.call('messages.list', {
        accountId,
        folder,
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
        sort: { by, dir },
      });
      if (gen !== generation.current) return null;
      if (!r.ok) {
        target.setError(page);
        return { status: 'error', error: r.error };
      }
      target.setPage(page, r.value.items);
      totalRef.current = r.value.total;
      return { status: 'ready', total: r.value.total };
    },
    [api, accountId, folder, by, dir],
  );

  useEffect(() => {
    if (!accountId || !folder) return;
    const gen = ++generation.current;
    const key = `${accountId}\u0000${folder}\u0000${by}\u0000${dir}`;
    const sameFolder = key === lastKey.current;
    lastKey.current = key;
    if (!sameFolder) {
      // A different folder or order: show the loading state at once rather than the previous folder's rows.
      cache.current.clear();
      totalRef.current = 0;
      visible.current = { first: 0, last: 0 };
      setList({ status: 'loading' });
    }
    // Same folder after a sync: load the visible pages into a fresh cache and swap when they are in, so the list
    // does not flash empty rows.
    const next = new PageCache<MessageSummary>(PAGE_SIZE, MAX_PAGES);
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
  }, [accountId, folder, version, retry, fetchPage]);

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
  const patch = useCallback((index: number, fn: (m: MessageSummary) => MessageSummary) => {
    if (cache.current.update(index, fn)) setRevision((n) => n + 1);
  }, []);
  const reload = useCallback(() => setRetry((n) => n + 1), []);

  return { list, row, ensure, patch, reload, revision };
}
