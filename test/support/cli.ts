// `tcv` as a user runs it: bin/tcv.mjs in a child process, with its exit code and everything it printed, for the
// tests that check the command line against the API (the CLI calls the same dispatch).
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Role, StackInfo } from '../../scripts/mailstack/index.ts';
import { user } from './stack.ts';

export const TCV_BIN = new URL('../../bin/tcv.mjs', import.meta.url).pathname;

export interface TcvResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface TcvOptions {
  cwd?: string;
  /** Added to this process's environment (TCV_POLICY, the keyring's bus…). */
  env?: Record<string, string>;
}

/** Starts `tcv ARGS`; `stdin` is written and closed at once. For a command the test must watch or kill. */
export function spawnTcv(
  args: readonly string[],
  stdin: string | Uint8Array = '',
  options: TcvOptions = {},
): ChildProcessWithoutNullStreams {
  const p = spawn(process.execPath, [TCV_BIN, ...args], {
    env: { ...process.env, ...options.env },
    cwd: options.cwd,
  });
  p.stdin.end(stdin);
  return p;
}

/** Runs `tcv ARGS` to the end. */
export function tcv(args: readonly string[], stdin: string | Uint8Array = '', options: TcvOptions = {}) {
  return new Promise<TcvResult>((resolve, reject) => {
    const p = spawnTcv(args, stdin, options);
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export interface AccountAddOptions {
  /** More arguments (--no-verify, --json). */
  extra?: readonly string[];
  /** Another IMAP port on 127.0.0.1 (a relay or proxy in front of the stack's Dovecot). */
  imapPort?: number;
}

/**
 * `tcv --profile PROFILE account add` for an address on the stack's loopback servers (STARTTLS, the stack's CA), the
 * password read from standard input.
 */
export function accountAddArgs(info: StackInfo, profile: string, email: string, options: AccountAddOptions = {}) {
  return [
    '--profile',
    profile,
    'account',
    'add',
    '--email',
    email,
    '--imap',
    `127.0.0.1:${options.imapPort ?? info.imap.port}`,
    '--smtp',
    `127.0.0.1:${info.smtp.port}`,
    '--ca',
    info.ca,
    '--password-stdin',
    ...(options.extra ?? []),
  ];
}

/** `tcv account add` for a stack user with the right password (accountAddArgs); fails the test unless it exits 0. */
export async function addAccountWithTcv(
  info: StackInfo,
  profile: string,
  role: Role,
  options: AccountAddOptions = {},
): Promise<TcvResult> {
  const u = user(info, role);
  const r = await tcv(accountAddArgs(info, profile, u.email, options), `${u.password}\n`);
  assert.equal(r.code, 0, r.stderr);
  return r;
}
