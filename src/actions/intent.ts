// What header sync must know about actions not yet on the server (docs/actions.md "Sync"). Sync makes the cache equal
// to the server; while an operation is still queued, the cache deliberately differs (the user's intent, shown at
// once). Two rules keep both true:
//  1. Before a sync, the account's queue is replayed (beforeSync): normally nothing is left afterwards, and sync then
//     reads a server that already has every change.
//  2. For what is still queued (offline, or an action taken during the sync), sync leaves the rows the queue owns:
//     placeholders of local moves and copies, messages with queued flag changes (localIntent.keep), and does not
//     bring back messages queued to leave the folder (localIntent.hidden). Once the queue has run, the next sync
//     settles them from the server's truth.
// Sync calls these with its Db only; the engine's queue registers itself for that Db (queue.ts).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from '../cache/db.ts';
import { Journal } from './journal.ts';
import { assertNever } from './types.ts';

type Hook = (accountId: string) => Promise<void>;

const hooks = new WeakMap<Db, Hook>();

/** Marks code running inside a replay, whose own resyncs must not wait for the replay (it would wait for itself). */
export const replaying = new AsyncLocalStorage<string>();

export function registerReplayHook(db: Db, hook: Hook): void {
  hooks.set(db, hook);
}

export function unregisterReplayHook(db: Db): void {
  hooks.delete(db);
}

/** Replays the account's queued actions before a sync. Never throws: a sync that cannot reach the server will fail
 * on its own, and the queue keeps what it could not send. */
export async function beforeSync(db: Db, accountId: string): Promise<void> {
  if (replaying.getStore() === accountId) return;
  const hook = hooks.get(db);
  if (hook) await hook(accountId).catch(() => undefined);
}

export interface MessageIntent {
  /** Cached rows sync must neither delete nor overwrite the flags of. */
  keep: Set<number>;
  /** Server UIDs sync must not add back to this folder. */
  hidden: Set<number>;
}

export function localIntent(db: Db, accountId: string, folder: string): MessageIntent {
  const journal = new Journal(db);
  const keep = new Set<number>(journal.waitingPlaceholders(accountId, folder));
  const hidden = new Set<number>();
  for (const op of journal.pendingOps(accountId)) {
    switch (op.kind) {
      case 'flags':
        if (op.folder === folder) for (const t of op.targets) keep.add(t.uid);
        break;
      case 'move':
      case 'expunge':
        if (op.folder === folder) for (const t of op.targets) hidden.add(t.uid);
        break;
      case 'copy':
      case 'createFolder':
      case 'renameFolder':
      case 'deleteFolder':
        break;
      default:
        assertNever(op);
    }
  }
  return { keep, hidden };
}

export interface FolderIntent {
  /** Folders created or renamed locally: not deleted from the cache because the server does not list them yet. */
  keep: Set<string>;
  /** Folders deleted or renamed away locally: not added back. */
  hidden: Set<string>;
}

export function folderIntent(db: Db, accountId: string): FolderIntent {
  const keep = new Set<string>();
  const hidden = new Set<string>();
  for (const op of new Journal(db).pendingOps(accountId)) {
    switch (op.kind) {
      case 'createFolder':
        keep.add(op.path);
        hidden.delete(op.path);
        break;
      case 'renameFolder':
        hidden.add(op.from);
        keep.delete(op.from);
        keep.add(op.to);
        hidden.delete(op.to);
        break;
      case 'deleteFolder':
        for (const p of op.paths) {
          hidden.add(p);
          keep.delete(p);
        }
        break;
      case 'flags':
      case 'move':
      case 'copy':
      case 'expunge':
        break;
      default:
        assertNever(op);
    }
  }
  return { keep, hidden };
}
