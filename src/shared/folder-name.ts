// THE rules for folder names and the folder tree, used by the engine before anything is journaled
// (src/actions/service.ts) and by the folder dialogs before the call, so the user hears what is wrong while typing
// and the engine refuses the same names for the CLI and any other caller. Pure: no Node, no DOM.
//
// - A mailbox name is an astring (RFC 3501 §9), but "%" and "*" are LIST wildcards (§6.3.8) that would make the folder
//   impossible to list on its own, and control characters have no place in a name.
// - The hierarchy separator is the server's (LIST's delimiter, RFC 3501 §6.3.8: "/" on Dovecot here, "." on Courier
//   and some Zimbra set-ups): inside a name typed by the user it would silently create a nested folder, so a name
//   typed for one level may not contain it.
// - "INBOX" at the top level is the Inbox in any letter case (RFC 3501 §5.1).
// - 255 characters per level: Dovecot's mailbox_list_validate_fs_names / the file name limit of its maildir layout.
import type { ErrorCode } from '../api/errors.ts';

export type FolderNameProblem = Extract<
  ErrorCode,
  | 'FOLDER_NAME_EMPTY'
  | 'FOLDER_NAME_SEPARATOR'
  | 'FOLDER_NAME_CHARS'
  | 'FOLDER_NAME_RESERVED'
  | 'FOLDER_NAME_TOO_LONG'
  | 'FOLDER_EXISTS'
>;

// eslint-disable-next-line no-control-regex -- control characters are what is refused
const BAD_CHARS = /[\x00-\x1f\x7f%*]/;
export const MAX_FOLDER_SEGMENT = 255;

/** The folder's parent path, or null at the top level. */
export function parentPath(path: string, delimiter: string): string | null {
  if (!delimiter) return null;
  const at = path.lastIndexOf(delimiter);
  return at > 0 ? path.slice(0, at) : null;
}

/** The last level of a path ("Dự án" of "INBOX/Dự án"). */
export function leafName(path: string, delimiter: string): string {
  return delimiter ? (path.split(delimiter).pop() ?? path) : path;
}

/** True for the folder itself and everything below it. */
export function inSubtree(path: string, root: string, delimiter: string): boolean {
  return path === root || (delimiter !== '' && path.startsWith(root + delimiter));
}

/** One level typed by the user, NFC and trimmed; a problem code if it cannot be a name at this level. */
export function leafProblem(leaf: string, delimiter: string): FolderNameProblem | null {
  const name = leaf.normalize('NFC').trim();
  if (!name) return 'FOLDER_NAME_EMPTY';
  if (delimiter && name.includes(delimiter)) return 'FOLDER_NAME_SEPARATOR';
  if (BAD_CHARS.test(name)) return 'FOLDER_NAME_CHARS';
  if (name.length > MAX_FOLDER_SEGMENT) return 'FOLDER_NAME_TOO_LONG';
  return null;
}

/** A whole path (the engine's parameter): every level checked as a leaf, INBOX reserved at the top. */
export function pathProblem(path: string, delimiter: string): FolderNameProblem | null {
  const name = path.normalize('NFC').trim();
  if (!name) return 'FOLDER_NAME_EMPTY';
  if (name.toUpperCase() === 'INBOX') return 'FOLDER_NAME_RESERVED';
  for (const segment of delimiter ? name.split(delimiter) : [name]) {
    const problem = leafProblem(segment, '');
    if (problem === 'FOLDER_NAME_EMPTY') return 'FOLDER_NAME_SEPARATOR'; // "a//b", "/a", "a/"
    if (problem) return problem;
  }
  return null;
}

export type FolderNameCheck = { ok: true; path: string } | { ok: false; code: FolderNameProblem };

/**
 * A new folder named `leaf` under `parent` (null: top level), or `renaming` given a new leaf in the same place.
 * `existing` are the account's folder paths; a duplicate is compared after NFC, as the engine stores names.
 */
export function checkFolderName(input: {
  parent: string | null;
  leaf: string;
  delimiter: string;
  existing: Iterable<string>;
  renaming?: string;
}): FolderNameCheck {
  const { parent, delimiter } = input;
  const problem = leafProblem(input.leaf, delimiter);
  if (problem) return { ok: false, code: problem };
  const leaf = input.leaf.normalize('NFC').trim();
  const path = parent ? `${parent}${delimiter}${leaf}` : leaf;
  const whole = pathProblem(path, delimiter);
  if (whole) return { ok: false, code: whole };
  if (input.renaming === path) return { ok: true, path };
  for (const p of input.existing) {
    if (p.normalize('NFC') === path) return { ok: false, code: 'FOLDER_EXISTS' };
  }
  return { ok: true, path };
}

export interface FolderFacts {
  path: string;
  delimiter: string;
  specialUse: string | null;
  total: number;
}

/** The Inbox, a special-use folder, or a folder holding one cannot be renamed or deleted (FOLDER_PROTECTED). */
export function isProtectedFolder(folders: readonly FolderFacts[], path: string): boolean {
  const target = folders.find((f) => f.path === path);
  const delimiter = target?.delimiter ?? '';
  return (
    folders.some(
      (f) => inSubtree(f.path, path, delimiter) && (f.specialUse !== null || f.path.toUpperCase() === 'INBOX'),
    ) || path.toUpperCase() === 'INBOX'
  );
}

/** What deleting `path` takes with it: its subfolders and the messages of all of them (as the cache counts them). */
export function deletionScope(folders: readonly FolderFacts[], path: string): { subfolders: number; messages: number } {
  const target = folders.find((f) => f.path === path);
  const delimiter = target?.delimiter ?? '';
  let subfolders = 0;
  let messages = 0;
  for (const f of folders) {
    if (!inSubtree(f.path, path, delimiter)) continue;
    if (f.path !== path) subfolders++;
    messages += f.total;
  }
  return { subfolders, messages };
}
