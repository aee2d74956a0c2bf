// What the directory list shows: every entry (paged from directory.list as the list scrolls), a group's members, or
// the engine's as-you-type search (directory.search: folded, abbreviations, ranked). Stale answers are dropped: a
// search typed quickly must not show the results of an earlier query.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DirectoryEntry, DirectoryGroupHit } from '../../../src/api/types-directory.ts';
import type { ApiError } from '../../../src/api/errors.ts';
import { useApi } from '../../api/context.tsx';

export type EntrySource = { kind: 'all' } | { kind: 'group'; groupId: string };

export interface EntriesState {
  status: 'loading' | 'ready' | 'error';
  error: ApiError | null;
  entries: DirectoryEntry[];
  /** Entries in the whole list (for 'all', more than loaded until the user scrolls). */
  total: number;
  groupHits: DirectoryGroupHit[];
  /** Successors of historical search hits, by entry id. */
  successors: ReadonlyMap<string, DirectoryEntry>;
}

const PAGE = 200;
const SEARCH_LIMIT = 100;
const SEARCH_DELAY_MS = 120;

const empty: EntriesState = {
  status: 'loading',
  error: null,
  entries: [],
  total: 0,
  groupHits: [],
  successors: new Map(),
};

export function useEntries(source: EntrySource, query: string, version: number) {
  const api = useApi();
  const [state, setState] = useState<EntriesState>(empty);
  const request = useRef(0);
  const loadingMore = useRef(false);
  const trimmed = query.trim();
  const groupId = source.kind === 'group' ? source.groupId : null;

  useEffect(() => {
    const id = ++request.current;
    const fail = (error: ApiError) => {
      if (id === request.current) setState({ ...empty, status: 'error', error });
    };
    const run = async () => {
      if (trimmed !== '') {
        const r = await api.call('directory.search', { query: trimmed, limit: SEARCH_LIMIT });
        if (id !== request.current) return;
        if (!r.ok) return fail(r.error);
        const successors = new Map<string, DirectoryEntry>();
        for (const h of r.value.hits) if (h.successor) successors.set(h.entry.id, h.successor);
        setState({
          status: 'ready',
          error: null,
          entries: r.value.hits.map((h) => h.entry),
          total: r.value.hits.length,
          groupHits: r.value.groups,
          successors,
        });
      } else if (groupId !== null) {
        const r = await api.call('directory.members', { groupId });
        if (id !== request.current) return;
        if (!r.ok) return fail(r.error);
        setState({ ...empty, status: 'ready', entries: r.value.members, total: r.value.members.length });
      } else {
        const r = await api.call('directory.list', { offset: 0, limit: PAGE });
        if (id !== request.current) return;
        if (!r.ok) return fail(r.error);
        setState({ ...empty, status: 'ready', entries: r.value.entries, total: r.value.total });
      }
    };
    setState((s) => ({ ...s, status: s.entries.length ? s.status : 'loading' }));
    const timer = setTimeout(() => void run(), trimmed === '' ? 0 : SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [api, trimmed, groupId, version]);

  /** Loads the next page of the whole list (no-op for groups and searches, which arrive whole). */
  const loadMore = useCallback(async () => {
    if (trimmed !== '' || groupId !== null || loadingMore.current) return;
    const id = request.current;
    const offset = state.entries.length;
    if (state.status !== 'ready' || offset >= state.total) return;
    loadingMore.current = true;
    try {
      const r = await api.call('directory.list', { offset, limit: PAGE });
      if (id !== request.current || !r.ok) return;
      setState((s) => (s.entries.length === offset ? { ...s, entries: [...s.entries, ...r.value.entries] } : s));
    } finally {
      loadingMore.current = false;
    }
  }, [api, trimmed, groupId, state.entries.length, state.status, state.total]);

  return { ...state, loadMore };
}
