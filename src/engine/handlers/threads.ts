import type { threadMethods } from '../../api/methods/threads.ts';
import { listThreads, threadUids } from '../../mail/threadList.ts';
import type { EngineContext, FeatureHandlers } from '../context.ts';

export function threadHandlers(ctx: EngineContext): FeatureHandlers<keyof typeof threadMethods> {
  const { db, accounts, searchIndex } = ctx;
  return {
    'threads.list': async ({ accountId, folder, offset, limit, dir }) => {
      accounts.get(accountId);
      // Messages inserted outside sync's indexed batches (an offline move's placeholders) get their thread first.
      searchIndex.prepareSearch();
      return listThreads(db, accountId, folder, offset, limit, dir);
    },
    'threads.uids': async ({ accountId, folder, uids, ranges, dir }) => {
      accounts.get(accountId);
      searchIndex.prepareSearch();
      return threadUids(db, accountId, folder, { uids, ranges, dir });
    },
  };
}
