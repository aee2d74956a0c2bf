// Types of the desktop-integration share of the contract (docs/electron.md "Desktop integration"): file grants from
// main's own dialogs, compose requests from mailto: links and the command line, opening a message from a notification.

/**
 * A file or folder the user chose in one of the app's own dialogs (or handed over on the command line), as the
 * renderer sees it: an opaque token, never a path. Path-taking methods accept the token where they took a path
 * (src/api/file-params.ts), and results that name a file give a token back.
 */
export interface FileGrant {
  token: string;
  /** The file or folder name, for display ("Báo cáo quý 3.pdf"). */
  name: string;
  /** Bytes of an existing file; null for a save target or a folder. */
  size: number | null;
}

/** What a chosen file is for: the dialog's title, filters and starting folder follow from it. */
export type OpenPurpose = 'attach' | 'directoryImport' | 'certificate';
export type SavePurpose = 'attachment' | 'folderExport' | 'directoryExport';
export type FolderPurpose = 'attachments' | 'folderExport';

/** A new message the app was asked to write: a mailto: link or `--compose` on the command line (event app.compose). */
export interface ComposeIntent {
  /** Unique per request, so a request delivered both as an event and by app.takeIntents is opened once. */
  id: string;
  /** tray: the tray menu's "Thư mới". */
  source: 'mailto' | 'command-line' | 'tray';
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  /** Files to attach, already granted. */
  attachments: FileGrant[];
  /** Names of files that were asked for but could not be read (missing, a folder, no permission). */
  unreadable: string[];
}

/** Event app.openMessage: the user clicked a new-mail notification; show this message. */
export interface OpenMessageRequest {
  accountId: string;
  folder: string;
  uid: number;
}
