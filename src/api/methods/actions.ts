// Actions on messages and folders (issue 3 "Actions", docs/actions.md). Every message method takes a batch of UIDs of
// one folder. A UID may be negative: the placeholder of a message moved or copied while offline, as messages.list
// shows it until the server's UID is known.
import { z } from 'zod';
import type { ActionResult, PendingOp } from '../types.ts';
import { accountId, folder, method } from './define.ts';

const localUid = z
  .number()
  .int()
  .refine((n) => n !== 0, 'uid');
const uids = z.array(localUid).min(1).max(100_000);
// Flags and keywords are checked by the engine (src/actions/keywords.ts: RFC 3501 atoms), which says which one is bad.
const flags = z.array(z.string().min(1).max(200)).max(100).default([]);
const selection = { accountId, folder, uids };

export const actionMethods = {
  /** Read/unread (\Seen), flag/unflag (\Flagged), keywords (tags). Added with +FLAGS, removed with -FLAGS. */
  'messages.setFlags': method<ActionResult>()(z.object({ ...selection, add: flags, remove: flags })),
  /** Follow-up flag with a due date ("hạn xử lý"): \Flagged + $DueDate-YYYYMMDD; null clears the date. */
  'messages.setDueDate': method<ActionResult>()(
    z.object({
      ...selection,
      date: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
        .nullable(),
    }),
  ),
  'messages.move': method<ActionResult>()(z.object({ ...selection, to: folder })),
  'messages.copy': method<ActionResult>()(z.object({ ...selection, to: folder })),
  /** To Trash (undoable) unless permanent, or already in Trash. */
  'messages.delete': method<ActionResult>()(z.object({ ...selection, permanent: z.boolean().default(false) })),
  /** spam: $Junk + move to Junk; not spam: $NotJunk + back to the Inbox. Undoable. */
  'messages.markSpam': method<ActionResult>()(z.object({ ...selection, spam: z.boolean().default(true) })),
  'messages.undo': method<ActionResult>()(z.object({ token: z.string().uuid() })),
  'folders.create': method<ActionResult>()(z.object({ accountId, path: folder })),
  'folders.rename': method<ActionResult>()(z.object({ accountId, path: folder, to: folder })),
  /** Deletes the folder with its subfolders and their messages (not undoable). */
  'folders.delete': method<ActionResult>()(z.object({ accountId, path: folder })),
  /** Permanently deletes every cached message of the folder (Empty Trash / Junk). */
  'folders.empty': method<ActionResult>()(z.object({ accountId, path: folder })),
  /** Operations not yet on the server, oldest first; with includeDropped, also those the server refused. */
  'ops.pending': method<PendingOp[]>()(
    z.object({ accountId: accountId.optional(), includeDropped: z.boolean().default(false) }),
  ),
  /** Try the account's queue now (the "Thử lại" button); returns what is still pending. */
  'ops.replay': method<PendingOp[]>()(z.object({ accountId })),
} as const;
