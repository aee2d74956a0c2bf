// The folder actions' dialogs: new folder, why a system folder cannot be changed, delete and empty (asking first, with
// the count), export. Each calls the engine itself and reports the change through `done`.
import type { ReactNode } from 'react';
import type { FolderSummary } from '../../../src/api/types.ts';
import { deletionScope, leafName } from '../../../src/shared/folder-name.ts';
import { useApi } from '../../api/context.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey, Vars } from '../../i18n/translate.ts';
import { specialUseOf } from '../mailbox/folders.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { ExportDialog } from './ExportDialog.tsx';
import { focusRow } from './focusRow.ts';
import { NewFolderDialog, type NewFolderRequest } from './NewFolderDialog.tsx';
import type { FolderChange, FolderTarget } from './types.ts';
import type { FolderExport } from './useFolderExport.ts';

export type FolderDialog =
  | { kind: 'new'; request: NewFolderRequest }
  | { kind: 'delete'; target: FolderTarget; label: string }
  | { kind: 'empty'; target: FolderTarget; label: string }
  | { kind: 'protected'; label: string }
  | { kind: 'export'; target: FolderTarget; label: string };

export function FolderDialogs({
  dialog,
  exports,
  close,
  done,
}: {
  dialog: FolderDialog | null;
  exports: FolderExport;
  close(): void;
  done(change: FolderChange, key: MessageKey, vars: Vars, queued: boolean, folder?: FolderSummary): void;
}) {
  const api = useApi();
  const { t, err } = useI18n();

  let element: ReactNode = null;
  if (dialog?.kind === 'new') {
    const { request } = dialog;
    element = (
      <NewFolderDialog
        request={request}
        onClose={close}
        onCreated={(path, queued) => {
          close();
          done(
            { kind: 'created', accountId: request.account.id, path },
            'folders.done.created',
            { folder: leafName(path, request.parent?.delimiter ?? '/') },
            queued,
          );
          focusRow(request.account.id, path);
        }}
      />
    );
  } else if (dialog?.kind === 'protected') {
    element = (
      <ConfirmDialog
        title={t('folders.protected.title')}
        paragraphs={[
          `“${dialog.label}”: ${t('folders.menu.protected')}.`,
          err({ code: 'FOLDER_PROTECTED', message: '' }),
        ]}
        confirmLabel={null}
        onClose={close}
      />
    );
  } else if (dialog?.kind === 'delete') {
    const { target, label } = dialog;
    const scope = deletionScope(target.folders, target.folder.path);
    const paragraphs = [
      t('folders.delete.body'),
      scope.messages > 0 ? t('folders.delete.messages', { count: scope.messages }) : t('folders.delete.empty'),
    ];
    if (scope.subfolders > 0) paragraphs.push(t('folders.delete.subfolders', { count: scope.subfolders }));
    element = (
      <ConfirmDialog
        title={t('folders.delete.title', { folder: label })}
        paragraphs={paragraphs}
        confirmLabel={t('folders.delete.confirm')}
        onClose={close}
        onConfirm={async () => {
          const accountId = target.account.id;
          const path = target.folder.path;
          const r = await api.call('folders.delete', { accountId, path });
          if (!r.ok) return r.error;
          close();
          done(
            { kind: 'deleted', accountId, path },
            'folders.done.deleted',
            { folder: label },
            r.value.state === 'queued',
          );
          return null;
        }}
      />
    );
  } else if (dialog?.kind === 'empty') {
    const { target, label } = dialog;
    const use = specialUseOf(target.folder);
    const count = target.folder.total;
    element = (
      <ConfirmDialog
        title={t(use === 'junk' ? 'folders.empty.title.junk' : 'folders.empty.title.trash')}
        paragraphs={[
          count > 0 ? t('folders.empty.body', { count, folder: label }) : t('folders.empty.none', { folder: label }),
        ]}
        confirmLabel={count > 0 ? t('folders.empty.confirm') : null}
        onClose={close}
        onConfirm={async () => {
          const accountId = target.account.id;
          const path = target.folder.path;
          const r = await api.call('folders.empty', { accountId, path });
          if (!r.ok) return r.error;
          close();
          done(
            { kind: 'emptied', accountId, path },
            'folders.done.emptied',
            { count: r.value.count },
            r.value.state === 'queued',
            target.folder,
          );
          return null;
        }}
      />
    );
  } else if (dialog?.kind === 'export') {
    const { target, label } = dialog;
    element = (
      <ExportDialog
        folderLabel={label}
        blocked={exports.job?.status === 'running'}
        onClose={close}
        onStart={(format, destination) => {
          close();
          exports.start({
            accountId: target.account.id,
            folder: target.folder,
            format,
            destination,
          });
        }}
      />
    );
  }

  return element;
}
