// What the shell does after a folder action: reload the account's folders, and move the selection along with a
// renamed folder or off a deleted one (to the account's Inbox), so the list never shows a folder that is gone.
import { useCallback, useEffect } from 'react';
import type { FolderSummary } from '../../../src/api/types.ts';
import type { Loadable } from '../../shared/loadable.ts';
import { specialUseOf } from '../mailbox/folders.ts';
import { useFolderActions } from './FolderActions.tsx';
import { followChange, type Selected } from './paneModel.ts';
import type { FolderChange } from './types.ts';

export function useFolderChanges({
  folders,
  selected,
  reload,
  select,
}: {
  folders: ReadonlyMap<string, Loadable<FolderSummary[]>>;
  selected: Selected | null;
  reload(accountId: string): void;
  select(next: Selected): void;
}): void {
  const actions = useFolderActions();
  const onChange = useCallback(
    (change: FolderChange) => {
      reload(change.accountId);
      const state = folders.get(change.accountId);
      const list = state?.status === 'ready' ? state.value : [];
      const inbox = list.find((f) => specialUseOf(f) === 'inbox')?.path ?? 'INBOX';
      const next = followChange(selected, change, list[0]?.delimiter ?? '/', inbox);
      if (next && next !== selected) select(next);
    },
    [folders, reload, select, selected],
  );
  const listen = actions?.listen;
  useEffect(() => {
    listen?.(onChange);
    return () => listen?.(null);
  }, [listen, onChange]);
}
