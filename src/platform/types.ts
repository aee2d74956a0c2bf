// What the engine needs from its host (Electron main, plain Node, the CLI), passed in as small interfaces so that
// src/ never imports electron (design.md "Process model").

/** Passwords live only here (design.md "What is stored where": keychain holds passwords only). */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  /** Human-readable name of the backend, for the doctor ("Secret Service", "Windows Credential Manager"...). */
  readonly backend: string;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/**
 * The host's native file dialogs (Electron main: dialog.showOpenDialog / showSaveDialog; the browser harness: a test
 * folder). They return paths to the engine, which hands the renderer grant tokens (src/desktop/grants.ts).
 */
export interface FileDialogs {
  chooseFiles(options: { purpose: 'attach' | 'directoryImport' | 'certificate'; multiple: boolean }): Promise<string[]>;
  chooseSaveTarget(options: {
    purpose: 'attachment' | 'folderExport' | 'directoryExport';
    suggestedName: string;
  }): Promise<string | null>;
  chooseFolder(options: { purpose: 'attachments' | 'folderExport' }): Promise<string | null>;
}
