// One folder export at a time, with its progress from the engine's export.progress events and a cancel; the result
// (or the Vietnamese error) stays in the status bar until dismissed.
import { useCallback, useRef, useState } from 'react';
import type { ApiError } from '../../../src/api/errors.ts';
import type { ExportResult, FolderSummary } from '../../../src/api/types.ts';
import type { FileGrant } from '../../../src/api/types-desktop.ts';
import { useApi, useApiEvent } from '../../api/context.tsx';
import type { ExportFormat } from './ExportDialog.tsx';

export type ExportJob =
  | { status: 'running'; exportId: string; folder: FolderSummary; done: number; total: number; cancelling: boolean }
  | { status: 'done'; folder: FolderSummary; destination: string; result: ExportResult }
  | { status: 'failed'; folder: FolderSummary; error: ApiError };

export interface FolderExport {
  job: ExportJob | null;
  start(input: { accountId: string; folder: FolderSummary; format: ExportFormat; destination: FileGrant }): void;
  cancel(): void;
  dismiss(): void;
}

export function useFolderExport(): FolderExport {
  const api = useApi();
  const [job, setJob] = useState<ExportJob | null>(null);
  const running = useRef<string | null>(null);

  useApiEvent('export.progress', (p) => {
    setJob((prev) =>
      prev?.status === 'running' && prev.exportId === p.exportId ? { ...prev, done: p.done, total: p.total } : prev,
    );
  });

  const start: FolderExport['start'] = useCallback(
    ({ accountId, folder, format, destination }) => {
      if (running.current) return;
      const exportId = crypto.randomUUID();
      running.current = exportId;
      setJob({ status: 'running', exportId, folder, done: 0, total: 0, cancelling: false });
      void api
        .call('folders.export', { accountId, folder: folder.path, format, destination: destination.token, exportId })
        .then((r) => {
          running.current = null;
          setJob(
            r.ok
              ? { status: 'done', folder, destination: destination.name, result: r.value }
              : { status: 'failed', folder, error: r.error },
          );
        });
    },
    [api],
  );

  const cancel = useCallback(() => {
    const exportId = running.current;
    if (!exportId) return;
    setJob((prev) => (prev?.status === 'running' ? { ...prev, cancelling: true } : prev));
    void api.call('folders.exportCancel', { exportId });
  }, [api]);

  const dismiss = useCallback(() => {
    if (!running.current) setJob(null);
  }, []);

  return { job, start, cancel, dismiss };
}
