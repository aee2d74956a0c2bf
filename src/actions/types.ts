// The operations the engine journals and replays (docs/actions.md). Each user action (mark read, move, delete...)
// becomes one or more of these, is applied to the cache at once and kept in `pending_ops` until the server has it.
// A tagged union with an exhaustive switch wherever it is consumed (style.md habit 4): a new kind is a compile error
// in local.ts, replay.ts and intent.ts until each handles it.

/**
 * One message an operation acts on. `uid` is the server UID, or a negative placeholder for a message moved or copied
 * locally whose server UID is not known yet (journal.ts "provisional_uids"). `messageId` lets the replay find the
 * message again after a UIDVALIDITY change or a lost COPYUID.
 */
export interface Target {
  uid: number;
  messageId: string | null;
}

interface MessageOpBase {
  folder: string;
  /** UIDVALIDITY of `folder` in the cache when the action was taken; null when the folder was never synced. */
  uidValidity: string | null;
  targets: Target[];
}

export interface FlagsOp extends MessageOpBase {
  kind: 'flags';
  /** System flags (\Seen, \Flagged...) and keywords, applied with +FLAGS / -FLAGS so that changes made elsewhere
   * survive (RFC 3501 §6.4.6): our change is applied on top of whatever the server has. */
  add: string[];
  remove: string[];
}

export interface TransferOp extends MessageOpBase {
  kind: 'move' | 'copy';
  to: string;
  /** placeholders[i] is the local UID of targets[i]'s row in `to`, 0 when the message was not cached. */
  placeholders: number[];
  /** UIDNEXT of `to` just before the first attempt: after a lost connection the replay looks above it for copies
   * already made (RFC 4315 gives no other way to tell whether an interrupted COPY/MOVE happened). */
  destUidNext?: number;
}

export interface ExpungeOp extends MessageOpBase {
  kind: 'expunge';
}

export interface CreateFolderOp {
  kind: 'createFolder';
  path: string;
}

export interface RenameFolderOp {
  kind: 'renameFolder';
  from: string;
  to: string;
}

export interface DeleteFolderOp {
  kind: 'deleteFolder';
  /** The folder and its descendants, deepest first (DELETE of a parent first would leave a \Noselect shell). */
  paths: string[];
}

export type Op = FlagsOp | TransferOp | ExpungeOp | CreateFolderOp | RenameFolderOp | DeleteFolderOp;
export type OpKind = Op['kind'];
export type MessageOp = FlagsOp | TransferOp | ExpungeOp;

export function isMessageOp(op: Op): op is MessageOp {
  return op.kind === 'flags' || op.kind === 'move' || op.kind === 'copy' || op.kind === 'expunge';
}

/** The never-reached branch of an exhaustive switch. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
