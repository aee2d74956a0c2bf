// Desktop integration (docs/electron.md "Desktop integration"): the app's own file dialogs, which hand the renderer
// opaque grant tokens instead of paths, and the compose requests that arrived from mailto: links or the command line.
// Implemented by the host (Electron main with native dialogs, the browser harness with a test folder) through
// EngineOptions.desktop; the CLI has none and gets an error.
import { z } from 'zod';
import type { ComposeIntent, FileGrant } from '../types-desktop.ts';
import { STAGE_CHUNK_BYTES, STAGE_UPLOAD_MAX_BYTES } from '../staging.ts';
import { accountId, folder, method, uid } from './define.ts';

const base64 = (maxBytes: number) =>
  z
    .string()
    .max(Math.ceil(maxBytes / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
const uploadId = z.uuid();

const suggestedName = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .refine((n) => !n.includes('/') && !n.includes('\\') && !n.includes('\u0000'), 'file name');

export const desktopMethods = {
  /** The native "Open" dialog; [] if the user cancels. */
  'files.chooseFiles': method<FileGrant[]>()(
    z.object({ purpose: z.enum(['attach', 'directoryImport', 'certificate']), multiple: z.boolean().default(true) }),
  ),
  /** The native "Save as" dialog, starting with suggestedName; grant null if the user cancels. */
  'files.chooseSaveTarget': method<{ grant: FileGrant | null }>()(
    z.object({ purpose: z.enum(['attachment', 'folderExport', 'directoryExport']), suggestedName }),
  ),
  /** The native folder picker ("Lưu tất cả", export as .eml files); grant null if the user cancels. */
  'files.chooseFolder': method<{ grant: FileGrant | null }>()(
    z.object({ purpose: z.enum(['attachments', 'folderExport']) }),
  ),
  /**
   * A dropped or pasted file in chunks (docs/compose.md "Attachments"): begin with its name and size (refused at once
   * with MESSAGE_TOO_LARGE when over the account's size limit), send each chunk at its offset in order, end to get
   * the grant. The engine writes each chunk straight to the staged file; abort removes it.
   */
  'files.stageBegin': method<{ uploadId: string }>()(
    z.object({
      name: suggestedName,
      size: z.number().int().min(0).max(STAGE_UPLOAD_MAX_BYTES),
      /** The sending account: its size limit (server SIZE and local/policy) bounds the file. */
      accountId: accountId.optional(),
    }),
  ),
  'files.stageChunk': method<{ written: number }>()(
    z.object({ uploadId, offset: z.number().int().min(0), dataBase64: base64(STAGE_CHUNK_BYTES) }),
  ),
  'files.stageEnd': method<FileGrant>()(z.object({ uploadId })),
  'files.stageAbort': method<{ uploadId: string }>()(z.object({ uploadId })),
  /** Compose requests not yet taken by the UI (those that arrived before it was listening, too); each only once. */
  'app.takeIntents': method<ComposeIntent[]>()(z.object({})),
  /**
   * The message in a window of its own (docs/ui.md "A message in its own window"): Electron opens a BrowserWindow,
   * the browser harness a second page; one window per message (opening it again brings it forward).
   */
  'app.openMessageWindow': method<{ opened: true }>()(z.object({ accountId, folder, uid })),
  /** The folder the UI shows (null: none, e.g. settings): no new-mail notification for mail the user is looking at. */
  'app.setViewing': method<{ view: { accountId: string; folder: string } | null }>()(
    z.object({ view: z.object({ accountId, folder }).nullable() }),
  ),
} as const;
