// folder.changed for the folders an action or its replay touched, with the counts the folder list shows.
import type { EventName, Events } from '../api/contract.ts';
import type { Db } from '../cache/db.ts';

export interface FolderDelta {
  folder: string;
  added: number;
  removed: number;
  flagsChanged: number;
}

type Emit = <E extends EventName>(event: E, payload: Events[E]) => void;

/** Merges deltas per folder and emits one folder.changed each, with its cached total and unread count. */
export function emitFolderChanges(db: Db, emit: Emit, accountId: string, deltas: readonly FolderDelta[]): void {
  const merged = new Map<string, FolderDelta>();
  for (const d of deltas) {
    const m = merged.get(d.folder) ?? { folder: d.folder, added: 0, removed: 0, flagsChanged: 0 };
    m.added += d.added;
    m.removed += d.removed;
    m.flagsChanged += d.flagsChanged;
    merged.set(d.folder, m);
  }
  const counts = db.prepare(
    `SELECT count(*) AS total, coalesce(sum(seen = 0), 0) AS unread FROM messages WHERE account_id = ? AND folder = ?`,
  );
  for (const d of merged.values()) {
    const c = counts.get(accountId, d.folder) as { total: number; unread: number };
    emit('folder.changed', { accountId, ...d, total: c.total, unread: c.unread });
  }
}

export const delta = (folder: string, added = 0, removed = 0, flagsChanged = 0): FolderDelta => ({
  folder,
  added,
  removed,
  flagsChanged,
});
