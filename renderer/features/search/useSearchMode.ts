// The app's search state: the query whose results the message list shows (instead of the folder), and the way back.
// Results span folders and accounts: each hit carries its own account and folder (the mailbox opens and acts on it).
import { useCallback, useState } from 'react';
import { useSearchPages, type SearchPages, type SearchScope } from './useSearchPages.ts';

export interface SearchMode {
  /** The query whose results are shown, or null (the folder is shown). */
  query: string | null;
  pages: SearchPages;
  run(query: string): void;
  clear(): void;
}

const ALL: SearchScope = {};

export function useSearchMode(version: number): SearchMode {
  const [query, setQuery] = useState<string | null>(null);
  const pages = useSearchPages(query, ALL, version);
  const clear = useCallback(() => setQuery(null), []);
  return { query, pages, run: setQuery, clear };
}
