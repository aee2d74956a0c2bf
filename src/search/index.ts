// Local full-text search and its server fallback (issue 3 "Search"; docs/search.md). The writers of the cache call
// indexHeaders / indexBody; the engine's messages.search handler calls parseQuery, resolveFolders and localSearch
// or serverSearch.
export { BackgroundIndex, INLINE_MAX } from './background.ts';
export { indexBody, indexHeaders, indexPending, pendingCount, BODY_INDEX_CHARS, type IndexHeader } from './indexer.ts';
export { parseQuery, parseDate, type ParsedQuery, type TextClause, type SearchField } from './query.ts';
export { localSearch, matchExpression, resolveFolders, type FolderRef, type LocalScope } from './local.ts';
export { serverSearch } from './server.ts';
export { highlightRanges, snippet } from './highlight.ts';
