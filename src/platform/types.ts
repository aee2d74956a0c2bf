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
