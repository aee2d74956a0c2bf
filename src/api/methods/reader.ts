// The reader's share of the contract (issue 4 "Reader", docs/reader.md): the HTML body for the renderer's sanitiser,
// the raw source, attachment bytes for previews and inline images, and legacy-encoding conversion.
import { z } from 'zod';
import type { AttachmentContent, MessageHtml, MessageSource } from '../types-reader.ts';
import { accountId, folder, method, uid } from './define.ts';

/** "Xem mã nguồn" shows at most this much of a message; the rest is attachments' base64 nobody reads. */
export const MESSAGE_SOURCE_MAX_BYTES = 4 * 1024 * 1024;
/** attachments.get hands out at most this much (inline images, previews, saving from the browser harness). */
export const ATTACHMENT_GET_MAX_BYTES = 25 * 1024 * 1024;

const legacyEncoding = z.enum(['tcvn3', 'vni', 'viscii', 'viqr', 'cp1258']);

export const readerMethods = {
  /**
   * The cached HTML body, UNSANITISED (the renderer sanitises it; docs/reader.md), with the remote hosts it would
   * load from, its cid: parts, a legacy-encoding hint and the risk of each attachment. Does not mark the message read.
   */
  'messages.html': method<MessageHtml>()(z.object({ accountId, folder, uid })),
  /** The message as the server has it, up to MESSAGE_SOURCE_MAX_BYTES. */
  'messages.source': method<MessageSource>()(z.object({ accountId, folder, uid })),
  /** One attachment's bytes (base64), up to ATTACHMENT_GET_MAX_BYTES; blocked types (src/shared/attachment-risk.ts) are refused. */
  'attachments.get': method<AttachmentContent>()(
    z.object({ accountId, folder, uid, index: z.number().int().min(0).max(10_000) }),
  ),
  /** Legacy-encoded Vietnamese text (as it reached us, mis-decoded) to Unicode; 'auto' detects per text. */
  'text.convert': method<string[]>()(
    z.object({
      texts: z
        .array(z.string().max(1_000_000))
        .max(20_000)
        .refine((t) => t.reduce((n, s) => n + s.length, 0) <= 10_000_000, 'at most 10,000,000 characters in all'),
      from: z.union([z.literal('auto'), legacyEncoding]),
    }),
  ),
} as const;
