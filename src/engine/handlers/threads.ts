import type { threadMethods } from '../../api/methods/threads.ts';
import type { Db } from '../../cache/db.ts';
import { listThreads, threadUids } from '../../mail/threadList.ts';
import { INLINE_MAX } from '../../search/background.ts';
import { indexPending, pendingCount } from '../../search/indexer.ts';
import type { EngineContext, FeatureHandlers } from '../context.ts';

/**
 * Messages inserted outside sync's indexed batches (an offline move's placeholders: a few) get their thread before the
 * list is read. A large backlog (a cache filled without indexing) is left to the background indexer, which the engine
 * runs from its start: until then those messages are threads of one, and the list stays fast.
 */
function indexFew(db: Db): void {
  if (pendingCount(db, INLINE_MAX + 1) <= INLINE_MAX) indexPending(db);
}

export function threadHandlers(ctx: EngineContext): FeatureHandlers<keyof typeof threadMethods> {
  const { db, accounts } = ctx;
  return {
    'threads.list': async ({ accountId, folder, offset, limit, dir }) => {
      accounts.get(accountId);
      indexFew(db);
      return listThreads(db, accountId, folder, offset, limit, dir);
    },
    'threads.uids': async ({ accountId, folder, uids, ranges, dir }) => {
      accounts.get(accountId);
      indexFew(db);
      return threadUids(db, accountId, folder, { uids, ranges, dir });
    },
  };
}
