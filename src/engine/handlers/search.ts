import { TcvError } from '../../api/errors.ts';
import type { searchMethods } from '../../api/methods/search.ts';
import { syncFolderList } from '../../mail/sync.ts';
import { getThread, threadIdOf } from '../../mail/threads.ts';
import { localSearch, parseQuery, resolveFolders, serverSearch } from '../../search/index.ts';
import type { EngineContext, FeatureHandlers } from '../context.ts';

export function searchHandlers(ctx: EngineContext): FeatureHandlers<keyof typeof searchMethods> {
  const { db, accounts, connections, searchIndex } = ctx;

  return {
    'messages.search': async ({ accountId, query, folder, offset, limit, source }) => {
      const q = parseQuery(query);
      if (accountId) accounts.get(accountId);
      const indexing = searchIndex.prepareSearch();
      let folders = resolveFolders(db, accountId, folder, q.folders);
      if (accountId && folder !== undefined && folders?.length === 0) {
        // A folder the cache has not listed yet (created on the server, or the list never fetched).
        await connections.run(accountId, (c) => syncFolderList(c, db, accountId));
        folders = resolveFolders(db, accountId, folder, q.folders);
        if (folders?.length === 0) throw new TcvError('FOLDER_NOT_FOUND', folder);
      }
      const only = folders?.length === 1 ? folders[0] : undefined;
      // The text terms go back with the page, so the reader highlights exactly what the engine searched for: the
      // required clauses and those of OR groups (negated ones are never highlighted).
      const terms = [...q.text, ...q.alternatives.flat()].map(({ field, tokens, prefix }) => ({
        field,
        tokens,
        prefix,
      }));
      if (source === 'server' || (source === 'auto' && only && !only.synced)) {
        if (!only) throw new TcvError('VALIDATION', 'server search needs exactly one folder');
        const page = await connections.run(only.accountId, (c) =>
          serverSearch(c, only.accountId, only.path, q, offset, limit),
        );
        return { ...page, terms };
      }
      const page = { ...localSearch(db, q, { accountId, folders }, offset, limit), terms };
      return indexing ? { ...page, indexing } : page;
    },
    'threads.get': async ({ accountId, threadId, folder, uid }) => {
      accounts.get(accountId);
      searchIndex.prepareSearch();
      const id = threadId ?? threadIdOf(db, accountId, folder as string, uid as number);
      if (id === null) throw new TcvError('MESSAGE_NOT_FOUND', `${folder} ${uid}`);
      return getThread(db, accountId, id);
    },
  };
}
