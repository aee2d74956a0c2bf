// What a draft becomes when it is composed: for the server's Drafts folder and for sending.
import type { Draft } from '../api/types.ts';
import type { ComposeInput } from '../mail/compose.ts';

export function draftComposeInput(d: Draft): ComposeInput {
  return {
    to: d.to,
    cc: d.cc,
    bcc: d.bcc,
    subject: d.subject,
    text: d.text,
    html: d.html,
    attachments: d.attachments.map((a) => ({
      path: a.path,
      filename: a.filename,
      contentType: a.contentType,
      cid: a.cid,
    })),
    inReplyTo: d.inReplyTo,
    references: d.references,
  };
}
