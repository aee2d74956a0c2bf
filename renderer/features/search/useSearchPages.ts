// Search results as a source the message list can show (the same MessagePages shape as a folder's pages): pages of
// messages.search fetched for the rows on screen only, with the query's terms for highlighting in the reader.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchHit, SearchTerm } from '../../../src/api/types.ts';
import { useApi } from '../../api/context.tsx';
import type { ListStatus, MessagePages } from '../mailbox/useMessagePages.ts';
import { PageCache } from '../mailbox/pageCache.ts';

/** messages.search allows up to 200 a call; 100 matches the folder pages. */
const PAGE_SIZE = 100;
const MAX_PAGES = 20;

export interface SearchScope {
  accountId?: string;
  folder?: string;
}

export interface SearchPages extends MessagePages {
  /** The hit at index (with its account and folder: results span folders and accounts). */
  hit(index: number): SearchHit | undefined;
  /** The query's text terms as the engine read them (for the reader's highlighting). */
  terms: SearchTerm[];
}

export function useSearchPages(query: string | null, scope: SearchScope, version: number): SearchPages {
  const api = useApi();
  const cache = useRef(new PageCache<SearchHit>(PAGE_SIZE, MAX_PAGES));
  const generation = useRef(0);
  const visible = useRef({ first: 0, last: 0 });
  const totalRef = useRef(0);
  const [list, setList] = useState<ListStatus>({ status: 'loading' });
  const [terms, setTerms] = useState<SearchTerm[]>([]);
  const [revision, setRevision] = useState(0);
  const [retry, setRetry] = useState(0);
  const { accountId, folder } = scope;

  const fetchPage = useCallback(
    async (target: PageCache<SearchHit>, page: number, gen: number): Promise<ListStatus | null> => {
      if (query === null) return null;
      target.markLoading(page);
      const r = await api.call('messages.search', {
        query,
        ...(accountId ? { accountId } : {}),
        ...(folder ? { folder } : {}),
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
      });
      if (gen !== generation.current) return null;
      if (!r.ok) {
        target.setError(page);
        return { status: 'error', error: r.error };
      }
      target.setPage(page, r.value.items);
      totalRef.current = r.value.total;
      setTerms(r.value.terms);
      return { status: 'ready', total: r.value.total };
    },
    [api, query, accountId, folder],
  );

  useEffect(() => {
    if (query === null) return;
    const gen = ++generation.current;
    // A new query starts at the top; the previous results stay until the first page of the new ones is in, so the list
    // does not flash while the user types.
    visible.current = { first: 0, last: 0 };
    const next = new PageCache<SearchHit>(PAGE_SIZE, MAX_PAGES);
    void fetchPage(next, 0, gen).then((r) => {
      if (!r || gen !== generation.current) return;
      cache.current = next;
      setList(r);
      setRevision((n) => n + 1);
    });
  }, [query, version, retry, fetchPage]);

  const ensure = useCallback(
    (first: number, last: number) => {
      visible.current = { first, last };
      const target = cache.current;
      const gen = generation.current;
      for (const page of target.missing(first, last, totalRef.current)) {
        void fetchPage(target, page, gen).then((r) => {
          if (!r || target !== cache.current) return;
          target.evict(visible.current.first, visible.current.last);
          setRevision((n) => n + 1);
        });
      }
    },
    [fetchPage],
  );

  const hit = useCallback((index: number) => cache.current.row(index), []);
  const patch = useCallback((index: number, fn: (m: SearchHit) => SearchHit) => {
    if (cache.current.update(index, fn)) setRevision((n) => n + 1);
  }, []);
  const reload = useCallback(() => setRetry((n) => n + 1), []);

  return {
    list,
    row: hit,
    hit,
    ensure,
    patch: patch as MessagePages['patch'],
    reload,
    revision,
    terms,
  };
}
