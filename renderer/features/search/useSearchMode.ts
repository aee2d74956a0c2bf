// The app's search state: the query shown in the message list (instead of the folder), the hit opened in the reader,
// and the way back. Results span folders and accounts, so the opened message carries its own account and folder.
import { useCallback, useState } from 'react';
import type { SearchHit } from '../../../src/api/types.ts';
import { useSearchPages, type SearchPages, type SearchScope } from './useSearchPages.ts';

export interface OpenedHit {
  accountId: string;
  folder: string;
  uid: number;
  index: number;
}

export interface SearchMode {
  /** The query whose results are shown, or null (the folder is shown). */
  query: string | null;
  pages: SearchPages;
  opened: OpenedHit | null;
  run(query: string): void;
  clear(): void;
  open(hit: SearchHit, index: number): void;
}

const ALL: SearchScope = {};

export function useSearchMode(version: number): SearchMode {
  const [query, setQuery] = useState<string | null>(null);
  const [opened, setOpened] = useState<OpenedHit | null>(null);
  const pages = useSearchPages(query, ALL, version);
  const run = useCallback((q: string) => {
    setQuery(q);
    setOpened(null);
  }, []);
  const clear = useCallback(() => {
    setQuery(null);
    setOpened(null);
  }, []);
  const open = useCallback((hit: SearchHit, index: number) => {
    setOpened({ accountId: hit.accountId, folder: hit.folder, uid: hit.uid, index });
  }, []);
  return { query, pages, opened, run, clear, open };
}
