// Actions on the list's selection through the engine's action methods (docs/actions.md): one call per selection,
// whatever its size. The UIDs come from the loaded pages when every selected row is in memory, else from one
// messages.uidsAt call over the selection's index ranges (Ctrl+A on 100,000 rows). Move, delete and spam return an
// undo token: the caller shows it in a toast ("Hoàn tác", Ctrl+Z).
import { useCallback, useRef } from 'react';
import type { ApiError } from '../../../src/api/errors.ts';
import type { ActionResult, MessageSort } from '../../../src/api/types.ts';
import { useApi } from '../../api/context.tsx';
import { indexes, selectedCount, type Selection } from './selection.ts';
import type { MessagePages } from './useMessagePages.ts';

export type ActionKind = 'delete' | 'spam' | 'read' | 'unread' | 'flag' | 'unflag' | 'move';

/** Kinds that take the messages out of the folder (the selection moves on to the next row). */
export const REMOVING: ReadonlySet<ActionKind> = new Set<ActionKind>(['delete', 'spam', 'move']);

export interface ActionOutcome {
  kind: ActionKind;
  count: number;
  result: ActionResult;
  to?: string;
}

export interface MessageActionsDeps {
  accountId: string | null;
  folder: string | null;
  sort: MessageSort;
  selection: Selection;
  pages: MessagePages;
  onDone(outcome: ActionOutcome): void;
  onError(error: ApiError): void;
}

const LOCAL_LIMIT = 500;

export function useMessageActions(deps: MessageActionsDeps) {
  const api = useApi();
  const ref = useRef(deps);
  ref.current = deps;

  const selectedUids = useCallback(async (): Promise<number[] | ApiError> => {
    const { accountId, folder, sort, selection, pages } = ref.current;
    if (!accountId || !folder) return [];
    if (selectedCount(selection) <= LOCAL_LIMIT) {
      const rows = indexes(selection).map((i) => pages.row(i));
      if (rows.every((r) => r !== undefined)) return rows.map((r) => r!.uid);
    }
    const r = await api.call('messages.uidsAt', {
      accountId,
      folder,
      sort,
      ranges: selection.ranges.map((x) => ({ from: x.from, to: x.to })),
    });
    return r.ok ? r.value : r.error;
  }, [api]);

  const run = useCallback(
    async (kind: ActionKind, to?: string) => {
      const { accountId, folder } = ref.current;
      if (!accountId || !folder || selectedCount(ref.current.selection) === 0) return;
      const uids = await selectedUids();
      if (!Array.isArray(uids)) {
        ref.current.onError(uids);
        return;
      }
      if (uids.length === 0) return;
      const sel = { accountId, folder, uids };
      const r =
        kind === 'delete'
          ? await api.call('messages.delete', sel)
          : kind === 'spam'
            ? await api.call('messages.markSpam', { ...sel, spam: true })
            : kind === 'move'
              ? await api.call('messages.move', { ...sel, to: to ?? '' })
              : await api.call('messages.setFlags', {
                  ...sel,
                  add: kind === 'read' ? ['\\Seen'] : kind === 'flag' ? ['\\Flagged'] : [],
                  remove: kind === 'unread' ? ['\\Seen'] : kind === 'unflag' ? ['\\Flagged'] : [],
                });
      if (!r.ok) ref.current.onError(r.error);
      else ref.current.onDone({ kind, count: uids.length, result: r.value, ...(to ? { to } : {}) });
    },
    [api, selectedUids],
  );

  const undo = useCallback(
    async (token: string) => {
      const r = await api.call('messages.undo', { token });
      if (!r.ok) ref.current.onError(r.error);
      return r.ok;
    },
    [api],
  );

  return { run, undo };
}
