// Composing and sending (docs/compose.md): messages.send, the outbox, compose.prepare (reply, reply-all, forward),
// drafts, per-account send settings. Pure module (the preload bundles it): no Node imports.
import { z } from 'zod';
import type { Draft, DraftSaved, DraftSummary, DraftSyncResult, OutboxEntry, SendSettings } from '../types.ts';
import { accountId, email, folder, method, uid } from './define.ts';

// "an@cantho.gov.vn", or a name with it. Local parts with Vietnamese letters are allowed (RFC 6531, SMTPUTF8).
const recipient = z.union([email, z.object({ name: z.string().max(500).default(''), address: email })]);
const recipients = z.array(recipient).max(500);
// A file on this computer, by absolute path (POSIX, drive letter or UNC): chosen by the user in main's file dialog,
// the CLI's --attach, or a draft's own folder. Read when the message is composed.
const filePath = z
  .string()
  .min(2)
  .max(4096)
  .regex(/^(\/|[A-Za-z]:[\\/]|\\\\)/, 'absolute path');
const attachment = z.object({
  path: filePath,
  filename: z.string().max(255).optional(),
  contentType: z
    .string()
    .max(255)
    .regex(/^[\w.+-]+\/[\w.+-]+$/, 'mime type')
    .optional(),
  /** Content-ID of an inline image (the HTML refers to cid:<cid>). */
  cid: z
    .string()
    .max(255)
    .regex(/^[^<>\s]+$/, 'content-id')
    .optional(),
});
const messageIdValue = z
  .string()
  .max(998)
  .regex(/^<[^<>\s]+>$/, 'message-id');
const outboxId = z.number().int().positive();
const draftId = z.uuid();

export const sendMethods = {
  'messages.send': method<OutboxEntry>()(
    z.object({
      accountId,
      to: recipients.min(1),
      cc: recipients.default([]),
      bcc: recipients.default([]),
      subject: z.string().max(998),
      text: z.string().max(10_000_000),
      html: z.string().max(20_000_000).nullable().optional(),
      attachments: z.array(attachment).max(100).default([]),
      inReplyTo: messageIdValue.nullable().optional(),
      references: z.array(messageIdValue).max(100).optional(),
    }),
  ),
  'outbox.list': method<OutboxEntry[]>()(z.object({ accountId: accountId.optional() })),
  /** A failed or waiting message is attempted at once. */
  'outbox.retry': method<OutboxEntry>()(z.object({ id: outboxId })),
  /** A queued or failed message leaves the outbox unsent; one sent from a draft returns to the drafts. */
  'outbox.cancel': method<OutboxEntry>()(z.object({ id: outboxId })),
  /** A reply, reply-all or forward of a cached message, as a new local draft for the UI to edit. */
  'compose.prepare': method<Draft>()(
    z.object({
      accountId,
      mode: z.enum(['reply', 'replyAll', 'forward', 'forwardAsAttachment']),
      folder,
      uid,
    }),
  ),
  /** Saves a draft locally (fast: the UI calls it on every change). Without id, creates one. */
  'drafts.save': method<DraftSaved>()(
    z.object({
      id: draftId.optional(),
      accountId,
      to: recipients.optional(),
      cc: recipients.optional(),
      bcc: recipients.optional(),
      subject: z.string().max(998).optional(),
      text: z.string().max(10_000_000).optional(),
      html: z.string().max(20_000_000).nullable().optional(),
      attachments: z.array(attachment).max(100).optional(),
    }),
  ),
  'drafts.list': method<DraftSummary[]>()(z.object({ accountId: accountId.optional() })),
  'drafts.get': method<Draft>()(z.object({ id: draftId })),
  'drafts.delete': method<{ id: string }>()(z.object({ id: draftId })),
  /**
   * Sends the draft through the outbox; once accepted, the draft and its server copy go. The message first waits
   * holdSeconds (default: the undoSendSeconds preference) in the outbox, where outbox.cancel takes it back.
   */
  'drafts.send': method<OutboxEntry>()(
    z.object({ id: draftId, holdSeconds: z.number().int().min(0).max(60).optional() }),
  ),
  /** Stores changed drafts in the server's Drafts folder now (otherwise done every minute). */
  'drafts.sync': method<DraftSyncResult>()(z.object({ accountId: accountId.optional() })),
  /** With refresh, asks the submission server (EHLO) for its SIZE limit and SMTPUTF8 first. */
  'sendSettings.get': method<SendSettings>()(z.object({ accountId, refresh: z.boolean().default(false) })),
  'sendSettings.set': method<SendSettings>()(
    z.object({
      accountId,
      serverSavesSent: z.boolean().optional(),
      maxMessageBytes: z
        .number()
        .int()
        .min(1024)
        .max(2 ** 40)
        .nullable()
        .optional(),
    }),
  ),
} as const;
