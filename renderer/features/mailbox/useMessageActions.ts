// Actions on the list's selection through the engine's action methods (docs/actions.md): one call per selection,
// whatever its size. The UIDs come from the loaded pages when every selected row is in memory, else from one
// messages.uidsAt call over the selection's index ranges (Ctrl+A on 100,000 rows). Move, delete and spam return an
// undo token: the caller shows it in a toast ("Hoàn tác", Ctrl+Z).
// Search results span folders and accounts: there the selected hits must be loaded (at most 500), and the action is one
// call per folder they are in; undo is offered when they were all in one folder (one token).
import { useCallback, useRef } from 'react';
import type { ApiError } from '../../../src/api/errors.ts';
import type { ActionResult, MessageSort, SearchHit } from '../../../src/api/types.ts';
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
  /** Search results: the hit at an index (its own account and folder). Absent for a folder's list. */
  hit?: (index: number) => SearchHit | undefined;
  onDone(outcome: ActionOutcome): void;
  onError(error: ApiError): void;
  /** Search results only: more than 500 selected, or some not loaded yet. */
  onTooMany(): void;
  /** The conversation view: its own resolution of the selection (whole threads, useThreadTargets.ts). */
  targets?: () => Promise<Target[] | ApiError | 'tooMany'>;
}

export interface Target {
  accountId: string;
  folder: string;
  uids: number[];
}

const LOCAL_LIMIT = 500;

export function useMessageActions(deps: MessageActionsDeps) {
  const api = useApi();
  const ref = useRef(deps);
  ref.current = deps;

  const selectedTargets = useCallback(async (): Promise<Target[] | ApiError | 'tooMany'> => {
    const { accountId, folder, sort, selection, pages, hit, targets } = ref.current;
    if (targets) return targets();
    const count = selectedCount(selection);
    if (hit) {
      const hits = count <= LOCAL_LIMIT ? indexes(selection).map(hit) : [];
      if (hits.length === 0 || hits.some((h) => h === undefined)) return 'tooMany';
      const groups = new Map<string, Target>();
      for (const h of hits as SearchHit[]) {
        const key = `${h.accountId}\u0000${h.folder}`;
        const g = groups.get(key) ?? { accountId: h.accountId, folder: h.folder, uids: [] };
        g.uids.push(h.uid);
        groups.set(key, g);
      }
      return [...groups.values()];
    }
    if (!accountId || !folder) return [];
    if (count <= LOCAL_LIMIT) {
      const rows = indexes(selection).map((i) => pages.row(i));
      if (rows.every((r) => r !== undefined)) return [{ accountId, folder, uids: rows.map((r) => r!.uid) }];
    }
    const r = await api.call('messages.uidsAt', {
      accountId,
      folder,
      sort,
      ranges: selection.ranges.map((x) => ({ from: x.from, to: x.to })),
    });
    return r.ok ? [{ accountId, folder, uids: r.value }] : r.error;
  }, [api]);

  const runOne = useCallback(
    (kind: ActionKind, sel: Target, to?: string) =>
      kind === 'delete'
        ? api.call('messages.delete', sel)
        : kind === 'spam'
          ? api.call('messages.markSpam', { ...sel, spam: true })
          : kind === 'move'
            ? api.call('messages.move', { ...sel, to: to ?? '' })
            : api.call('messages.setFlags', {
                ...sel,
                add: kind === 'read' ? ['\\Seen'] : kind === 'flag' ? ['\\Flagged'] : [],
                remove: kind === 'unread' ? ['\\Seen'] : kind === 'unflag' ? ['\\Flagged'] : [],
              }),
    [api],
  );

  /** `toAccount`: a move's target account (a drop on another account's folder moves only that account's messages). */
  const run = useCallback(
    async (kind: ActionKind, to?: string, toAccount?: string) => {
      if (selectedCount(ref.current.selection) === 0) return;
      let targets = await selectedTargets();
      if (targets === 'tooMany') {
        ref.current.onTooMany();
        return;
      }
      if (!Array.isArray(targets)) {
        ref.current.onError(targets);
        return;
      }
      if (kind === 'move')
        targets = targets.filter((x) => x.accountId === (toAccount ?? x.accountId) && x.folder !== to);
      targets = targets.filter((x) => x.uids.length > 0);
      if (targets.length === 0) return;
      let count = 0;
      let last: ActionResult | null = null;
      for (const sel of targets) {
        const r = await runOne(kind, sel, to);
        if (!r.ok) {
          ref.current.onError(r.error);
          break;
        }
        count += sel.uids.length;
        last = r.value;
      }
      if (!last) return;
      // One token undoes one call: with several folders (search results) there is no single undo.
      const result = targets.length === 1 ? last : { ...last, undoToken: null };
      ref.current.onDone({ kind, count, result, ...(to ? { to } : {}) });
    },
    [runOne, selectedTargets],
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
