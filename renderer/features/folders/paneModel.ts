// Pure helpers of the folder pane (tested in Node, test/folders-ui.test.ts): how accounts are grouped, and where the
// selection goes when the selected folder is renamed or deleted.
import type { AccountSummary } from '../../../src/api/types.ts';
import { inSubtree } from '../../../src/shared/folder-name.ts';
import type { FolderChange } from './types.ts';

export interface AccountGroup {
  kind: 'personal' | 'unit';
  accounts: AccountSummary[];
}

/**
 * Personal accounts first, then the unit mailboxes ("hộp thư đơn vị", an account of kind "unit") under their own
 * heading, as issue 4 asks ("accounts, personal and unit mailboxes"); the order within a group is the user's.
 * Empty groups are left out.
 */
export function groupAccounts(accounts: readonly AccountSummary[]): AccountGroup[] {
  const groups: AccountGroup[] = [
    { kind: 'personal', accounts: accounts.filter((a) => a.kind !== 'unit') },
    { kind: 'unit', accounts: accounts.filter((a) => a.kind === 'unit') },
  ];
  return groups.filter((g) => g.accounts.length > 0);
}

export interface Selected {
  accountId: string;
  folder: string;
}

/**
 * The selection after a folder change: a renamed folder (or one inside it) is followed to its new path; a deleted one
 * gives way to `fallback` (the account's Inbox); anything else stays.
 */
export function followChange(
  selected: Selected | null,
  change: FolderChange,
  delimiter: string,
  fallback: string,
): Selected | null {
  if (!selected || selected.accountId !== change.accountId) return selected;
  if (change.kind === 'renamed' && inSubtree(selected.folder, change.from, delimiter)) {
    return { ...selected, folder: change.to + selected.folder.slice(change.from.length) };
  }
  if (change.kind === 'deleted' && inSubtree(selected.folder, change.path, delimiter)) {
    return { ...selected, folder: fallback };
  }
  return selected;
}
