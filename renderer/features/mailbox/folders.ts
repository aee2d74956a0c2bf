// Folder presentation: Vietnamese names for special-use folders (RFC 6154 SPECIAL-USE, as reported by the engine) and
// Outlook's familiar order. Pure: tested in Node.
import type { FolderSummary, SpecialUse } from '../../../src/api/types.ts';
import type { MessageKey } from '../../i18n/vi.ts';

type KnownUse = Exclude<SpecialUse, null>;

const useKey: Record<KnownUse, MessageKey> = {
  inbox: 'folder.inbox',
  drafts: 'folder.drafts',
  sent: 'folder.sent',
  trash: 'folder.trash',
  junk: 'folder.junk',
  archive: 'folder.archive',
  all: 'folder.all',
  flagged: 'folder.flagged',
};

const order: readonly KnownUse[] = ['inbox', 'drafts', 'sent', 'trash', 'junk', 'archive', 'flagged', 'all'];

/** INBOX is special by name in IMAP (RFC 3501 §5.1), whatever the server's SPECIAL-USE list says. */
export function specialUseOf(folder: Pick<FolderSummary, 'path' | 'specialUse'>): KnownUse | null {
  if (folder.specialUse) return folder.specialUse;
  return folder.path.toUpperCase() === 'INBOX' ? 'inbox' : null;
}

export function folderLabelKey(folder: Pick<FolderSummary, 'path' | 'specialUse'>): MessageKey | null {
  const use = specialUseOf(folder);
  return use ? useKey[use] : null;
}

/** The folder's name as the pane shows it: the current language's name for a special-use folder, else its own. */
export function folderDisplayName(
  folder: Pick<FolderSummary, 'path' | 'specialUse' | 'name'>,
  t: (key: MessageKey) => string,
): string {
  const key = folderLabelKey(folder);
  return key ? t(key) : folder.name;
}

/** Special folders first in Outlook's order, then the rest by path, compared the Vietnamese way. */
export function sortFolders<T extends Pick<FolderSummary, 'path' | 'specialUse'>>(folders: readonly T[]): T[] {
  const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
  const rank = (f: T) => {
    const use = specialUseOf(f);
    return use ? order.indexOf(use) : order.length;
  };
  return [...folders].sort((a, b) => rank(a) - rank(b) || collator.compare(a.path, b.path));
}

export interface FolderRow<T> {
  folder: T;
  depth: number;
  /** Set when the folder's parents are not in the list (e.g. a shared namespace): the path below the nearest listed
   * ancestor, so "shared/vanphong@…/INBOX" is not shown as a bare "INBOX" that looks like the user's own. */
  pathLabel: string | null;
}

/**
 * The folder tree in display order: top-level folders sorted as sortFolders does, each followed by its children
 * (depth-first), so "Hộp thư đến/Dự án" sits under Hộp thư đến and not among the top-level folders.
 */
export function folderTree<T extends Pick<FolderSummary, 'path' | 'specialUse' | 'delimiter' | 'name'>>(
  folders: readonly T[],
): FolderRow<T>[] {
  const byPath = new Map(folders.map((f) => [f.path, f]));
  const parentOf = (f: T): T | null => {
    if (!f.delimiter) return null;
    const parts = f.path.split(f.delimiter);
    for (let n = parts.length - 1; n > 0; n--) {
      const parent = byPath.get(parts.slice(0, n).join(f.delimiter));
      if (parent) return parent;
    }
    return null;
  };
  const children = new Map<T | null, T[]>();
  for (const f of folders) {
    const p = parentOf(f);
    const list = children.get(p) ?? [];
    list.push(f);
    children.set(p, list);
  }
  const rows: FolderRow<T>[] = [];
  const visit = (parent: T | null, depth: number) => {
    for (const f of sortFolders(children.get(parent) ?? [])) {
      const below = parent ? f.path.slice(parent.path.length + f.delimiter.length) : f.path;
      const nested = f.delimiter !== '' && below.includes(f.delimiter);
      rows.push({
        folder: f,
        depth,
        pathLabel: nested ? below.split(f.delimiter).join(' / ') : null,
      });
      visit(f, depth + 1);
    }
  };
  visit(null, 0);
  return rows;
}
