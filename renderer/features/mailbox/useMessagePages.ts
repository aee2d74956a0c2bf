// A folder's message list, paged (messages.list offset/limit through usePages): only the pages covering the visible
// rows are fetched.
import { useCallback } from 'react';
import type { MessageSort, MessageSummary } from '../../../src/api/types.ts';
import { useApi } from '../../api/context.tsx';
import { usePages, type ListStatus, type Pages } from './usePages.ts';

export { PAGE_SIZE } from './usePages.ts';
export type { ListStatus };

export type MessagePages = Pages<MessageSummary>;

export function useMessagePages(
  accountId: string | null,
  folder: string | null,
  version: number,
  sort: MessageSort,
  /** False while another view (the conversation view) shows the folder: nothing is fetched. */
  enabled = true,
): MessagePages {
  const api = useApi();
  const { by, dir } = sort;
  const fetch = useCallback(
    (offset: number, limit: number) =>
      api.call('messages.list', { accountId: accountId ?? '', folder: folder ?? '', offset, limit, sort: { by, dir } }),
    [api, accountId, folder, by, dir],
  );
  const key = `${accountId}\u0000${folder}\u0000${by}\u0000${dir}`;
  return usePages(key, version, enabled && accountId && folder ? fetch : null);
}
