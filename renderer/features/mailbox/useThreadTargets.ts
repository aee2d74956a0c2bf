// Actions on the conversation view's selection (docs/ui.md "Conversation view"): a selected thread row stands for
// every message of its thread in the folder (threads.uids: one call, then one action call as for messages, with its
// undo); a selected message under the expanded thread is just that message, in its own folder.
import { useCallback, useRef } from 'react';
import type { ApiError } from '../../../src/api/errors.ts';
import type { MessageSort } from '../../../src/api/types.ts';
import { useApi } from '../../api/context.tsx';
import { indexes, isSelected, selectedCount, type Selection } from './selection.ts';
import { threadRanges } from './threadRows.ts';
import type { Target } from './useMessageActions.ts';
import type { ThreadPages } from './useThreadPages.ts';

const LOCAL_LIMIT = 500;

export function useThreadTargets(deps: {
  accountId: string | null;
  folder: string | null;
  dir: MessageSort['dir'];
  selection: Selection;
  pages: ThreadPages;
}): () => Promise<Target[] | ApiError | 'tooMany'> {
  const api = useApi();
  const ref = useRef(deps);
  ref.current = deps;
  return useCallback(async () => {
    const { accountId, folder, dir, selection, pages } = ref.current;
    if (!accountId || !folder) return [];
    const byFolder = new Map<string, number[]>();
    const add = (f: string, uids: readonly number[]) => byFolder.set(f, [...(byFolder.get(f) ?? []), ...uids]);
    const heads: number[] = [];
    let ranges: { from: number; to: number }[] = [];
    const rows = selectedCount(selection) <= LOCAL_LIMIT ? indexes(selection).map((i) => pages.info(i)) : [];
    if (rows.length > 0 && rows.every((r) => r !== undefined)) {
      for (const r of rows) {
        if (r!.kind === 'thread') heads.push(r!.thread.latest.uid);
        else add(r!.message.folder, [r!.message.uid]);
      }
    } else {
      // Too many rows or not all loaded (Ctrl+A on 30,000 threads): the engine walks the thread list's ranges.
      ranges = threadRanges(selection.ranges, pages.expansion);
      const x = pages.expansion;
      for (let i = x ? x.at + 1 : 0; x && i <= x.at + x.size; i++) {
        const r = isSelected(selection, i) ? pages.info(i) : undefined;
        if (r?.kind === 'child') add(r.message.folder, [r.message.uid]);
      }
    }
    if (heads.length > 0 || ranges.length > 0) {
      const r = await api.call('threads.uids', { accountId, folder, uids: heads, ranges, dir });
      if (!r.ok) return r.error;
      add(folder, r.value);
    }
    return [...byFolder].map(([f, uids]) => ({ accountId, folder: f, uids: [...new Set(uids)] }));
  }, [api]);
}
