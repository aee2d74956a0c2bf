// What the folder actions work on: a folder of one account, with the account's whole folder list (duplicates, the
// separator, what a delete takes with it are all judged against it).
import type { AccountSummary, FolderSummary } from '../../../src/api/types.ts';

export interface FolderTarget {
  account: AccountSummary;
  folder: FolderSummary;
  folders: readonly FolderSummary[];
}

/** What changed, so the shell reloads the account's folders and moves its selection off a renamed or deleted folder. */
export type FolderChange =
  | { kind: 'created'; accountId: string; path: string }
  | { kind: 'renamed'; accountId: string; from: string; to: string }
  | { kind: 'deleted'; accountId: string; path: string }
  | { kind: 'emptied'; accountId: string; path: string };
