// Sync state for the status bar: sync.run for the selected folder, progress from the sync.progress event.
import { useCallback, useRef, useState } from 'react';
import type { ApiError } from '../../../src/api/errors.ts';
import type { SyncResult } from '../../../src/api/types.ts';
import { useApi, useApiEvent } from '../../api/context.tsx';

export type SyncState =
  | { status: 'idle' }
  | { status: 'running'; accountId: string; folder: string; done: number; total: number }
  | { status: 'done'; accountId: string; at: Date; result: SyncResult }
  | { status: 'error'; accountId: string; error: ApiError };

export function useSync(onSynced: (accountId: string, folder: string) => void) {
  const api = useApi();
  const [state, setState] = useState<SyncState>({ status: 'idle' });
  const running = useRef(new Set<string>());

  useApiEvent('sync.progress', (p) => {
    setState((prev) =>
      prev.status === 'running' && prev.accountId === p.accountId
        ? { ...prev, folder: p.folder, done: p.done, total: p.total }
        : prev,
    );
  });

  const run = useCallback(
    async (accountId: string, folder?: string) => {
      const key = `${accountId}\u0000${folder ?? ''}`;
      // F9 pressed twice: one sync per account and folder at a time.
      if (running.current.has(key)) return;
      running.current.add(key);
      setState({ status: 'running', accountId, folder: folder ?? 'INBOX', done: 0, total: 0 });
      try {
        const r = await api.call('sync.run', folder ? { accountId, folder } : { accountId });
        if (r.ok) {
          setState({ status: 'done', accountId, at: new Date(), result: r.value });
          onSynced(accountId, r.value.folder);
        } else {
          setState({ status: 'error', accountId, error: r.error });
        }
      } finally {
        running.current.delete(key);
      }
    },
    [api, onSynced],
  );

  return { state, run };
}
