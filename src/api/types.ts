// Result and event payload types of the API contract. Pure data: no functions, no classes, JSON-serialisable,
// so they cross IPC, the harness WebSocket and the CLI's --json output unchanged.

export type AccountKind = 'personal' | 'unit';
export type Security = 'tls' | 'starttls';

export interface ServerEndpoint {
  host: string;
  port: number;
  security: Security;
}

export interface AccountSummary {
  id: string;
  email: string;
  displayName: string;
  kind: AccountKind;
  imap: ServerEndpoint;
  smtp: ServerEndpoint;
  username: string;
  /** Path to an extra trusted CA (PEM) for this account, if any. The policy's CA is trusted for every account. */
  caFile: string | null;
}

export type SpecialUse = 'inbox' | 'sent' | 'drafts' | 'trash' | 'junk' | 'archive' | 'all' | 'flagged' | null;

export interface FolderSummary {
  path: string;
  name: string;
  delimiter: string;
  specialUse: SpecialUse;
  subscribed: boolean;
  total: number;
  unread: number;
}

export interface Address {
  name: string;
  address: string;
}

export interface MessageSummary {
  uid: number;
  folder: string;
  messageId: string | null;
  subject: string;
  from: Address | null;
  to: Address[];
  date: string | null;
  size: number;
  seen: boolean;
  flagged: boolean;
  answered: boolean;
  hasAttachments: boolean;
  /** Importance / X-Priority / Priority headers, normalised (src/mail/importance.ts); absent means normal. */
  importance?: Importance;
  /** The preview line (src/mail/snippet.ts); absent or null until the body is cached (prefetch window or opened). */
  snippet?: string | null;
  /** The conversation it belongs to (threads.get); absent until the search index has seen the message. */
  threadId?: number;
}

export type Importance = 'high' | 'normal' | 'low';

/** The message list's sort columns (Outlook's "Sắp xếp theo"), see src/mail/queries.ts orderBy. */
export type MessageSortKey = 'date' | 'sender' | 'subject' | 'size' | 'flagged';
export interface MessageSort {
  by: MessageSortKey;
  dir: 'asc' | 'desc';
}

export interface MessagePage {
  total: number;
  offset: number;
  items: MessageSummary[];
}

/**
 * One row of the conversation view (threads.list, src/mail/threadList.ts): a thread with a message in the folder,
 * shown by its newest message there. Counts are of the thread's messages in this folder; `elsewhere` counts its
 * messages in other folders (your replies in Sent), shown when the thread is expanded (threads.get).
 */
export interface ThreadRow {
  /** Null while the message is not indexed yet: a thread of one. */
  threadId: number | null;
  latest: MessageSummary;
  count: number;
  unread: number;
  flagged: boolean;
  hasAttachments: boolean;
  /** The highest importance of its messages in the folder. */
  importance: Importance;
  elsewhere: number;
}

export interface ThreadPage {
  /** Threads with a message in the folder. */
  total: number;
  offset: number;
  items: ThreadRow[];
}

export interface AttachmentInfo {
  index: number;
  filename: string;
  contentType: string;
  size: number;
  inline: boolean;
}

export interface MessageDetail extends MessageSummary {
  cc: Address[];
  replyTo: Address[];
  text: string;
  hasHtml: boolean;
  attachments: AttachmentInfo[];
}

/**
 * How a folder was brought up to date (docs/sync.md): full = UID set reconcile (first sync, resumed sync, UIDVALIDITY
 * change, or the fallback when a count check fails); qresync / condstore / uidrange = incremental by what the server
 * offers (RFC 7162 QRESYNC, CONDSTORE, neither); unchanged = incremental and nothing had changed; skipped = LIST-STATUS
 * proved it unchanged and it was not even selected.
 */
export type SyncMode = 'full' | 'qresync' | 'condstore' | 'uidrange' | 'unchanged' | 'skipped';

export interface SyncResult {
  /** Folders synced by this call. */
  folders: number;
  /** The folder synced; for a whole-account sync the first one (INBOX), with the counts summed over all folders. */
  folder: string;
  total: number;
  added: number;
  removed: number;
  flagsChanged: number;
  uidValidityReset: boolean;
  ms: number;
  mode?: SyncMode;
  /** Whole-account sync: one entry per folder, in the order synced. */
  details?: SyncResult[];
}

export interface WatchStatus {
  accountId: string;
  /** Folders watched, each on its own connection. */
  folders: string[];
  /** idle: the server pushes changes (RFC 2177); poll: it has no IDLE, so NOOP every few seconds. */
  mode: 'idle' | 'poll' | 'off';
}

export interface SavedAttachment {
  path: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface ExportResult {
  folder: string;
  format: 'mbox' | 'eml';
  /** The mbox file, or the directory holding the .eml files. */
  path: string;
  /** Its name alone ("Hộp thư đến.mbox"), for the message that says where the backup is. */
  name: string;
  messages: number;
  bytes: number;
}

/** Event export.progress: a folders.export called with an exportId is writing; done of total messages so far. */
export interface ExportProgressEvent {
  exportId: string;
  accountId: string;
  folder: string;
  done: number;
  total: number;
  bytes: number;
}

export type OutboxState = 'queued' | 'sending' | 'sent' | 'failed';

export interface OutboxEntry {
  id: number;
  accountId: string;
  messageId: string;
  subject: string;
  to: string[];
  state: OutboxState;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  /** Size of the composed message in bytes (what the server's SIZE limit is compared with). */
  size: number;
  /** Recipients the server refused while accepting the others (the message went to the rest). */
  rejected: string[];
  /** When the next automatic attempt is due (state "queued"), else null. */
  nextAttemptAt: string | null;
  /** The copy in the Sent folder: pending, done, not needed (the server files sent mail itself), or given up. */
  sentCopy: 'pending' | 'done' | 'not-needed' | 'failed';
  /** The draft this message was sent from; cancelling the send returns it to the drafts. */
  draftId: string | null;
  /** Held for "undo send" until this time (queued, not yet handed to SMTP; outbox.cancel takes it back); else null. */
  holdUntil: string | null;
}

/** How a draft began (compose.prepare): a new message, a reply, or a forward. */
export type ComposeMode = 'new' | 'reply' | 'replyAll' | 'forward' | 'forwardAsAttachment';

export interface DraftAttachment {
  /** Absolute path of the file on this computer; read (streamed) when the message is composed. */
  path: string;
  /** Name shown to the recipient (NFC). */
  filename: string;
  contentType: string;
  size: number;
  /** Content-ID for an inline image referenced from the HTML as cid:…; null for an ordinary attachment. */
  cid: string | null;
}

export interface Draft {
  id: string;
  accountId: string;
  mode: ComposeMode;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  subject: string;
  text: string;
  html: string | null;
  attachments: DraftAttachment[];
  inReplyTo: string | null;
  references: string[];
  /** The message replied to or forwarded, flagged \Answered / $Forwarded once this draft is sent. */
  source: { folder: string; uid: number } | null;
  /** Incremented by every drafts.save. */
  revision: number;
  /** The revision last stored in the server's Drafts folder (0: never). */
  serverRevision: number;
  serverUid: number | null;
  /** Set while the draft waits in the outbox (then it is not listed among drafts). */
  outboxId: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface DraftSummary {
  id: string;
  accountId: string;
  mode: ComposeMode;
  subject: string;
  to: Address[];
  hasAttachments: boolean;
  updatedAt: string;
  /** True when the newest revision is also on the server. */
  onServer: boolean;
}

export interface DraftSaved {
  id: string;
  revision: number;
  updatedAt: string;
}

export interface DraftSyncResult {
  uploaded: number;
  removed: number;
  failed: number;
}

export interface SendSettings {
  accountId: string;
  /** The server files submitted mail in Sent itself (Gmail-like): the client must not append a second copy. */
  serverSavesSent: boolean;
  /** A limit set locally or by IT policy, in bytes, applied on top of the server's; null: the server's only. */
  maxMessageBytes: number | null;
  /** The submission server's EHLO SIZE (RFC 1870) when last seen: null unknown, 0 advertised without a limit. */
  serverSizeLimit: number | null;
  /** The submission server offers SMTPUTF8 (RFC 6531): addresses with Vietnamese letters can be used. */
  smtpUtf8: boolean | null;
  /** The limit that applies: the smaller of the two, null when neither is known. */
  effectiveLimit: number | null;
  checkedAt: string | null;
}

export type DoctorVerdict = 'ok' | 'fail' | 'skipped' | 'warn';

export interface DoctorStep {
  id: string;
  /** Vietnamese label of the step. */
  label: string;
  verdict: DoctorVerdict;
  /** Vietnamese explanation for the user. */
  message: string;
  /** Technical detail for IT (never a secret). */
  detail: string;
  ms: number;
}

export interface DoctorReport {
  accountId: string;
  ok: boolean;
  steps: DoctorStep[];
}

/** The checks that need no account (app.diagnose): the keychain, and the servers the IT policy names. */
export interface EnvironmentReport {
  ok: boolean;
  steps: DoctorStep[];
}

export interface AppInfo {
  name: string;
  version: string;
  engine: string;
  profileDir: string;
}

export interface SyncProgressEvent {
  accountId: string;
  folder: string;
  done: number;
  total: number;
  /** headers: new headers of this folder; bodies: prefetch of recent bodies; export: messages exported. */
  phase?: 'headers' | 'bodies';
  /** Whole-account sync: position of this folder (1-based) among `folderCount`. */
  folderIndex?: number;
  folderCount?: number;
}

export interface NewMailEvent {
  accountId: string;
  folder: string;
  count: number;
  /** The newest of the new messages (at most 20), for a notification. */
  items?: MessageSummary[];
}

/** A folder's cached content changed (new, expunged or re-flagged messages): lists showing it should reload. */
export interface FolderChangedEvent {
  accountId: string;
  folder: string;
  added: number;
  removed: number;
  flagsChanged: number;
  total: number;
  unread: number;
  /** Rows whose preview line was filled since the last event (bodies cached by the prefetch or an open). */
  previews?: number;
}

/**
 * Event outbox.progress: bytes of an outbox entry handed to the SMTP server so far, while it is being sent; at most
 * ~10 a second, `sent` never decreasing within one attempt, the last one with sent = total.
 */
export interface OutboxProgressEvent {
  id: number;
  accountId: string;
  /** The draft it was sent from (the compose pane that sent it follows its own message), else null. */
  draftId: string | null;
  sent: number;
  total: number;
}

export interface OutboxChangedEvent {
  entry: OutboxEntry;
  /** The entry left the outbox (outbox.cancel); `entry` is its last state. */
  removed?: boolean;
}

/** [start, end) in UTF-16 units of the original (unfolded) text, ready for String.prototype.slice. */
export type TextRange = [number, number];

/** Where a search result matched, computed on the displayed text (docs/search.md "Highlights"). */
export interface SearchHighlights {
  subject: TextRange[];
  fromName: TextRange[];
  fromAddress: TextRange[];
  /** A short extract of the cached body around the first match (or its beginning), null when no body is cached. */
  snippet: { text: string; ranges: TextRange[] } | null;
  /** Attachment names that matched. */
  attachments: { filename: string; ranges: TextRange[] }[];
}

export interface SearchHit extends MessageSummary {
  accountId: string;
  highlights: SearchHighlights;
}

export interface SearchPage {
  total: number;
  offset: number;
  items: SearchHit[];
  /** local: the cache's full-text index (ranked); server: IMAP SEARCH on a folder not cached (newest first). */
  source: 'local' | 'server';
  /**
   * Present while the background index pass is still working through a large sync (local searches only): the
   * results cover the `indexed` messages of `total` cached ones. Absent when every cached message is searchable.
   */
  indexing?: IndexProgress;
}

/** The search index's progress: messages indexed, of all cached messages. */
export interface IndexProgress {
  indexed: number;
  total: number;
}

/** A text term of the query, folded (src/shared/fold.ts), for highlighting what was found (src/shared/highlight.ts). */
export interface SearchTerm {
  /** Where the term must match: anywhere, or only in the subject, the sender or the recipients. */
  field: 'any' | 'subject' | 'sender' | 'recipients';
  tokens: string[];
  prefix: boolean;
}

/** messages.search's answer: the page, and the query's text terms so the reader highlights the same words. */
export interface SearchResult extends SearchPage {
  terms: SearchTerm[];
}

export interface ThreadDetail {
  accountId: string;
  threadId: number;
  /** The subject of the oldest cached message, without reply/forward prefixes. */
  subject: string;
  unread: number;
  /** Oldest first, across folders. */
  messages: MessageSummary[];
}

// Actions on messages and folders (src/actions, docs/actions.md): applied to the cache at once, journaled, and sent
// to the server now or, offline, replayed in order when the connection is back.

export type PendingOpKind = 'flags' | 'move' | 'copy' | 'expunge' | 'createFolder' | 'renameFolder' | 'deleteFolder';

export interface PendingOp {
  id: number;
  accountId: string;
  kind: PendingOpKind;
  /** The folder acted on (the source of a move). */
  folder: string | null;
  /** Destination of a move or copy, new path of a rename. */
  to: string | null;
  /** Messages (or folders) concerned. */
  count: number;
  /** pending: waiting for the server; dropped: refused by the server or its messages were gone (kept as a record). */
  state: 'pending' | 'dropped';
  attempts: number;
  lastError: import('./errors.ts').ErrorCode | null;
  /** Why it was dropped (technical, for the log view). */
  reason: string | null;
  createdAt: string;
}

export interface ActionResult {
  /** done: the server has it. queued: applied in the cache, to be replayed when the connection is back. */
  state: 'done' | 'queued';
  /** Journal ids of the operations (ops.pending). */
  opIds: number[];
  /** Messages or folders the action was asked for. */
  count: number;
  /** For a move, a delete to Trash or a spam marking: give it to messages.undo. */
  undoToken: string | null;
  /** Why it is queued (CONNECTION_REFUSED, TIMEOUT...), null when done. */
  pendingReason: import('./errors.ts').ErrorCode | null;
}

/** The engine reached, or failed to reach, an account's IMAP server (only on a change): online/offline state. */
export interface AccountConnectionEvent {
  accountId: string;
  online: boolean;
  /** Why it is offline: CONNECTION_REFUSED, CONNECTION_LOST, TIMEOUT, HOST_NOT_FOUND. */
  reason?: import('./errors.ts').ErrorCode;
}

export interface OpsChangedEvent {
  accountId: string;
  /** Operations still waiting for the server. */
  pending: number;
}
