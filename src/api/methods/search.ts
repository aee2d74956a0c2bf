import { z } from 'zod';
import type { SearchResult, ThreadDetail } from '../types.ts';
import { accountId, folder, method, uid } from './define.ts';

export const searchMethods = {
  // Query syntax: docs/search.md. No accountId: every account. source "auto" searches the cache, or the server
  // when the one folder asked for has never been synced; "server" forces IMAP SEARCH (needs accountId and folder).
  'messages.search': method<SearchResult>()(
    z
      .object({
        accountId: accountId.optional(),
        query: z.string().max(2000),
        folder: folder.optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(200).default(50),
        source: z.enum(['auto', 'local', 'server']).default('auto'),
      })
      .refine((p) => p.source !== 'server' || (p.accountId !== undefined && p.folder !== undefined), {
        message: 'source "server" needs accountId and folder',
        path: ['source'],
      }),
  ),
  // A thread by its id, or the thread of one message.
  'threads.get': method<ThreadDetail>()(
    z
      .object({
        accountId,
        threadId: z.number().int().positive().optional(),
        folder: folder.optional(),
        uid: uid.optional(),
      })
      .refine((p) => p.threadId !== undefined || (p.folder !== undefined && p.uid !== undefined), {
        message: 'threadId, or folder and uid',
        path: ['threadId'],
      }),
  ),
} as const;
