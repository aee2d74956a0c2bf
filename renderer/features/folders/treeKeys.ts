// Keyboard navigation of the folder tree (WAI-ARIA APG "Tree View"; Outlook's folder pane behaves the same): ↑ ↓ move
// between visible folders, → opens a closed folder or goes to its first subfolder, ← closes an open folder or goes to
// its parent, Home / End go to the first / last folder. Pure: tested in Node.

export interface TreeRow {
  depth: number;
  /** null: no subfolders; true / false: open / closed. */
  expanded: boolean | null;
}

export type TreeMove = { kind: 'focus'; index: number } | { kind: 'expand' | 'collapse'; index: number } | null;

export function treeKey(rows: readonly TreeRow[], index: number, key: string): TreeMove {
  const row = rows[index];
  if (!row) return null;
  switch (key) {
    case 'ArrowDown':
      return index + 1 < rows.length ? { kind: 'focus', index: index + 1 } : null;
    case 'ArrowUp':
      return index > 0 ? { kind: 'focus', index: index - 1 } : null;
    case 'Home':
      return { kind: 'focus', index: 0 };
    case 'End':
      return { kind: 'focus', index: rows.length - 1 };
    case 'ArrowRight':
      if (row.expanded === false) return { kind: 'expand', index };
      if (row.expanded === true && (rows[index + 1]?.depth ?? -1) > row.depth)
        return { kind: 'focus', index: index + 1 };
      return null;
    case 'ArrowLeft': {
      if (row.expanded === true) return { kind: 'collapse', index };
      for (let i = index - 1; i >= 0; i--) {
        if ((rows[i]?.depth ?? 0) < row.depth) return { kind: 'focus', index: i };
      }
      return null;
    }
    default:
      return null;
  }
}

/**
 * The rows a reader sees: those whose ancestors are all open. `rows` are in tree order with depths; `isOpen(i)` says
 * whether row i is open (rows without children are ignored). Returns the indexes of the visible rows.
 */
export function visibleRows(rows: readonly { depth: number }[], isOpen: (index: number) => boolean): number[] {
  const out: number[] = [];
  let hiddenBelow = Infinity; // rows deeper than this are inside a closed folder
  rows.forEach((row, i) => {
    if (row.depth > hiddenBelow) return;
    hiddenBelow = Infinity;
    out.push(i);
    const hasChildren = (rows[i + 1]?.depth ?? -1) > row.depth;
    if (hasChildren && !isOpen(i)) hiddenBelow = row.depth;
  });
  return out;
}
