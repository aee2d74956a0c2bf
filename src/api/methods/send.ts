import { z } from 'zod';
import type { OutboxEntry } from '../types.ts';
import { accountId, email, method } from './define.ts';

export const sendMethods = {
  'messages.send': method<OutboxEntry>()(
    z.object({
      accountId,
      to: z.array(email).min(1).max(500),
      cc: z.array(email).max(500).default([]),
      bcc: z.array(email).max(500).default([]),
      subject: z.string().max(998),
      text: z.string().max(10_000_000),
    }),
  ),
  'outbox.list': method<OutboxEntry[]>()(z.object({ accountId: accountId.optional() })),
} as const;
