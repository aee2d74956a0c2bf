// What other parts of the UI hand to compose (useCompose().open). Renderer-only: the engine sees drafts, not this.
import type { Address } from '../../../src/api/types.ts';

/** A file for the new message: an absolute path the engine reads when composing (granted by main's dialog, a drop,
 * `--compose --attach FILE`, or a draft's own folder). */
export interface ComposeAttachmentRef {
  path: string;
  filename?: string;
  contentType?: string;
}

/** A message that exists in the cache: replying to it or forwarding it goes through the engine's compose.prepare. */
export interface ComposeSource {
  accountId: string;
  folder: string;
  uid: number;
}

export interface ComposeInitial {
  /** The sending account; default: the selected folder's account, else the first. */
  accountId?: string;
  /** "an@cantho.gov.vn", "Nguyễn Văn An <an@cantho.gov.vn>" or {name, address}. */
  to?: (string | Address)[];
  cc?: (string | Address)[];
  bcc?: (string | Address)[];
  subject?: string;
  /** Plain text body (a mailto: body, a CLI text). Ignored when html is given. */
  body?: string;
  /** HTML body (sanitised by the editor before it is shown). */
  html?: string;
  attachments?: ComposeAttachmentRef[];
  /** Reply (all) to a cached message: recipients, subject, quote and threading come from the engine. */
  replyTo?: ComposeSource & { all?: boolean };
  /** Forward a cached message, inline (its attachments kept) or as an attached .eml. */
  forward?: ComposeSource & { asAttachment?: boolean };
  /** Continue a saved local draft. */
  draftId?: string;
}
