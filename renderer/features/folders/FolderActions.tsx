// Folder management for the folder pane (issue 4 "Main window", issue 3 "Actions"): the context menu, "Thư mục mới",
// inline rename, delete and empty with a question first, export with progress. The pane only asks for row handlers
// (useFolderActions().rowProps) and the rename box; every rule (names, protected folders, what a delete takes) comes
// from src/shared/folder-name.ts and every change goes through the engine's folders.* methods.
import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import type { ApiError } from '../../../src/api/errors.ts';
import type { AccountSummary, FolderSummary } from '../../../src/api/types.ts';
import { isProtectedFolder, leafName } from '../../../src/shared/folder-name.ts';
import { useApi } from '../../api/context.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey, Vars } from '../../i18n/translate.ts';
import { folderDisplayName } from '../mailbox/folders.ts';
import { FolderDialogs, type FolderDialog } from './FolderDialogs.tsx';
import { FolderMenu, type FolderMenuAction } from './FolderMenu.tsx';
import { focusRow } from './focusRow.ts';
import { RenameInput } from './RenameInput.tsx';
import type { FolderChange, FolderTarget } from './types.ts';
import { useFolderExport, type FolderExport } from './useFolderExport.ts';

/** The last folder action's result, kept as a key so switching language re-translates it. */
export interface FolderNotice {
  key: MessageKey;
  vars: Vars;
  /** The folder the notice names ({folder}), named in the language shown when it is read, not when it was made. */
  folder?: FolderSummary;
  /** Only in the local journal so far (offline): said so next to the result. */
  queued: boolean;
}

export interface FolderActionsValue {
  exports: FolderExport;
  notice: FolderNotice | null;
  dismissNotice(): void;
  /** Handlers for a folder row: right-click, Shift+F10 and the ContextMenu key open the menu; F2 renames. */
  rowProps(
    target: FolderTarget,
    label: string,
  ): {
    onContextMenu(e: React.MouseEvent<HTMLElement>): void;
    onKeyDown(e: KeyboardEvent<HTMLElement>): void;
  };
  /** The inline rename box for this row, or null when it is not being renamed. */
  renameBox(target: FolderTarget, label: string, indent: number): ReactNode;
  /** "Thư mục mới": under `parent`, or at the account's top level. */
  newFolder(account: AccountSummary, folders: readonly FolderSummary[], parent: FolderSummary | null): void;
  /** The shell's reaction to a change (one listener: the shell's useFolderChanges). */
  listen(fn: ((change: FolderChange) => void) | null): void;
}

const Context = createContext<FolderActionsValue | null>(null);

/** null outside a FolderActionsProvider: the pane then shows folders without management. */
export function useFolderActions(): FolderActionsValue | null {
  return useContext(Context);
}

/**
 * Mounted once around the app (main.tsx), inside the Fluent and i18n providers, so the folder pane and the status bar
 * find it wherever the shell puts them. The shell says what to do after a change with useFolderChanges.
 */
export function FolderActionsProvider({ children }: { children: ReactNode }) {
  const listener = useRef<((change: FolderChange) => void) | null>(null);
  const onChanged = useCallback((change: FolderChange) => listener.current?.(change), []);
  const api = useApi();
  const { t } = useI18n();
  const exports = useFolderExport();
  const [menu, setMenu] = useState<{ target: FolderTarget; anchor: HTMLElement; label: string } | null>(null);
  const [dialog, setDialog] = useState<FolderDialog | null>(null);
  const [renaming, setRenaming] = useState<{ accountId: string; path: string } | null>(null);
  const [notice, setNotice] = useState<FolderNotice | null>(null);

  // The folder's name as the pane shows it (Vietnamese for special-use folders).
  const folderLabel = useCallback((folder: FolderSummary) => folderDisplayName(folder, t), [t]);

  const done = useCallback(
    (change: FolderChange, key: MessageKey, vars: Vars, queued: boolean, folder?: FolderSummary) => {
      onChanged(change);
      setNotice({ key, vars, queued, ...(folder ? { folder } : {}) });
    },
    [onChanged],
  );

  const newFolder = useCallback(
    (account: AccountSummary, folders: readonly FolderSummary[], parent: FolderSummary | null) => {
      setDialog({
        kind: 'new',
        request: { account, folders, parent, parentLabel: parent ? folderLabel(parent) : '' },
      });
    },
    [folderLabel],
  );

  const act = useCallback(
    (action: FolderMenuAction, target: FolderTarget, label: string) => {
      const guarded = action === 'rename' || action === 'delete';
      if (guarded && isProtectedFolder(target.folders, target.folder.path)) {
        setDialog({ kind: 'protected', label });
        return;
      }
      switch (action) {
        case 'newSub':
          newFolder(target.account, target.folders, target.folder);
          break;
        case 'rename':
          setRenaming({ accountId: target.account.id, path: target.folder.path });
          break;
        case 'delete':
          setDialog({ kind: 'delete', target, label });
          break;
        case 'empty':
          setDialog({ kind: 'empty', target, label });
          break;
        case 'export':
          setDialog({ kind: 'export', target, label });
          break;
      }
    },
    [newFolder],
  );

  const rowProps: FolderActionsValue['rowProps'] = useCallback(
    (target, label) => ({
      onContextMenu: (e) => {
        e.preventDefault();
        setMenu({ target, anchor: e.currentTarget, label });
      },
      onKeyDown: (e) => {
        if ((e.key === 'F10' && e.shiftKey) || e.key === 'ContextMenu') {
          e.preventDefault();
          setMenu({ target, anchor: e.currentTarget, label });
        } else if (e.key === 'F2') {
          e.preventDefault();
          act('rename', target, label);
        }
      },
    }),
    [act],
  );

  const renameBox: FolderActionsValue['renameBox'] = useCallback(
    (target, label, indent) => {
      if (renaming?.accountId !== target.account.id || renaming.path !== target.folder.path) return null;
      const accountId = target.account.id;
      const from = target.folder.path;
      return (
        <RenameInput
          target={target}
          label={label}
          indent={indent}
          onCancel={() => {
            setRenaming(null);
            focusRow(accountId, from);
          }}
          onSubmit={async (to): Promise<ApiError | null> => {
            const r = await api.call('folders.rename', { accountId, path: from, to });
            if (!r.ok) return r.error;
            setRenaming(null);
            done(
              { kind: 'renamed', accountId, from, to },
              'folders.done.renamed',
              { folder: leafName(to, target.folder.delimiter) },
              r.value.state === 'queued',
            );
            focusRow(accountId, to);
            return null;
          }}
        />
      );
    },
    [api, done, renaming, t],
  );

  const listen = useCallback((fn: ((change: FolderChange) => void) | null) => {
    listener.current = fn;
  }, []);
  const value = useMemo<FolderActionsValue>(
    () => ({ exports, notice, dismissNotice: () => setNotice(null), rowProps, renameBox, newFolder, listen }),
    [exports, notice, rowProps, renameBox, newFolder, listen],
  );

  return (
    <Context.Provider value={value}>
      {children}
      <FolderMenu
        target={menu?.target ?? null}
        anchor={menu?.anchor ?? null}
        label={menu?.label ?? ''}
        onClose={() => setMenu(null)}
        onAction={(action) => {
          if (!menu) return;
          setMenu(null);
          act(action, menu.target, menu.label);
        }}
      />
      <FolderDialogs dialog={dialog} exports={exports} close={() => setDialog(null)} done={done} />
    </Context.Provider>
  );
}
