import { z } from 'zod';
import type { FolderSummary, MessageDetail, MessagePage, SyncResult } from '../types.ts';
import { accountId, folder, method, uid } from './define.ts';

export const mailMethods = {
  'folders.list': method<FolderSummary[]>()(z.object({ accountId })),
  'sync.run': method<SyncResult>()(z.object({ accountId, folder: folder.optional() })),
  'messages.list': method<MessagePage>()(
    z.object({
      accountId,
      folder,
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
  ),
  'messages.get': method<MessageDetail>()(z.object({ accountId, folder, uid })),
} as const;
