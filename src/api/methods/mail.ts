import { z } from 'zod';
import type {
  ExportResult,
  FolderSummary,
  MessageDetail,
  MessagePage,
  SavedAttachment,
  SyncResult,
  WatchStatus,
} from '../types.ts';
import { accountId, folder, method, uid } from './define.ts';

// A path the engine writes to. Only main (a save dialog) or the CLI (the user's own argument) should supply one: the
// renderer never sees the file system (docs/sync.md "Attachments").
const absolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p), 'absolute path')
  .refine((p) => !p.includes('\u0000'), 'no NUL');

const exportId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'exportId');
/** The message list's order (also the `messageSort` preference, src/settings/schema.ts). */
export const sort = z.object({
  by: z.enum(['date', 'sender', 'subject', 'size', 'flagged']),
  dir: z.enum(['asc', 'desc']),
});

export const mailMethods = {
  'folders.list': method<FolderSummary[]>()(z.object({ accountId })),
  /** Without a folder: every folder of the account, INBOX first; with one: just that folder. */
  'sync.run': method<SyncResult>()(z.object({ accountId, folder: folder.optional() })),
  /**
   * Keep the account's cache up to date until sync.unwatch or shutdown: one IDLE connection per watched folder
   * (default: INBOX and the INBOX of every shared unit mailbox), NOOP polling where the server has no IDLE.
   */
  'sync.watch': method<WatchStatus>()(z.object({ accountId, folders: z.array(folder).min(1).max(8).optional() })),
  'sync.unwatch': method<WatchStatus>()(z.object({ accountId })),
  'messages.list': method<MessagePage>()(
    z.object({
      accountId,
      folder,
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
      /** The list's order (docs/ui.md "Sort"); date newest first by default. */
      sort: sort.default({ by: 'date', dir: 'desc' }),
    }),
  ),
  /**
   * The UIDs at index ranges of the list in the given order: a selection of the message list (Ctrl+A on 100,000
   * rows, Shift+End) becomes one action call without loading every row's summary.
   */
  'messages.uidsAt': method<number[]>()(
    z.object({
      accountId,
      folder,
      sort: sort.default({ by: 'date', dir: 'desc' }),
      ranges: z
        .array(
          z
            .object({ from: z.number().int().min(0), to: z.number().int().min(0) })
            .refine((r) => r.to >= r.from, 'from <= to'),
        )
        .min(1)
        .max(1000),
    }),
  ),
  'messages.get': method<MessageDetail>()(z.object({ accountId, folder, uid })),
  /**
   * An attachment as a file: the cached copy under the profile (to open it), or a copy at `destination` (a path the
   * user chose in a save dialog). Fetches the message first if its body is not cached.
   */
  'attachments.save': method<SavedAttachment>()(
    z.object({
      accountId,
      folder,
      uid,
      index: z.number().int().min(0).max(10_000),
      destination: absolutePath.optional(),
    }),
  ),
  /**
   * The user's own backup of a folder (Article 9.2): each message streamed from the server into mbox or .eml files.
   * With an exportId (chosen by the caller), progress comes as export.progress events and folders.exportCancel stops it.
   */
  'folders.export': method<ExportResult>()(
    z.object({
      accountId,
      folder,
      format: z.enum(['mbox', 'eml']),
      destination: absolutePath,
      exportId: exportId.optional(),
    }),
  ),
  /** Stops a running export at the next message; it then fails with EXPORT_CANCELLED and leaves no partial file. */
  'folders.exportCancel': method<{ cancelled: boolean }>()(z.object({ exportId })),
} as const;
