// The conversation view (docs/search.md "Conversation view", src/mail/threadList.ts): a folder's list grouped by
// thread, and a selection of thread rows as the UIDs an action call takes (messages.setFlags, move, delete, …), so an
// action on whole threads is one call like any other, with the same undo. A thread's messages: threads.get.
import { z } from 'zod';
import type { ThreadPage } from '../types.ts';
import { accountId, folder, method } from './define.ts';

const dir = z.enum(['asc', 'desc']).default('desc');
// A message UID of the folder; negative for a placeholder of an offline move (as in the actions API).
const localUid = z
  .number()
  .int()
  .refine((n) => n !== 0, 'uid');
const ranges = z
  .array(
    z
      .object({ from: z.number().int().min(0), to: z.number().int().min(0) })
      .refine((r) => r.to >= r.from, 'from <= to'),
  )
  .max(1000);

export const threadMethods = {
  /** One row per thread with a message in the folder, by its newest message there: newest first (dir "desc"). */
  'threads.list': method<ThreadPage>()(
    z.object({
      accountId,
      folder,
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
      dir,
    }),
  ),
  /**
   * Every UID in the folder of the threads of a selection: `uids` name any message of each thread (a row's latest),
   * `ranges` are index ranges of threads.list in `dir` order (Ctrl+A, Shift+End). At most 100,000.
   */
  'threads.uids': method<number[]>()(
    z
      .object({ accountId, folder, uids: z.array(localUid).max(100_000).default([]), ranges: ranges.default([]), dir })
      .refine((p) => p.uids.length + p.ranges.length > 0, { message: 'uids or ranges', path: ['uids'] }),
  ),
} as const;
