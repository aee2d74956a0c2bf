// The one place this feature talks to imapflow below its public API. imapflow's message commands (messageMove,
// messageFlagsAdd...) swallow every failure into `false`, which cannot tell "the server said NO" (drop the operation,
// the server wins) from "the connection broke" (keep it queued and replay it): exactly the distinction offline
// replay rests on. So the verbs in this folder send their commands through imapflow's exec() — the path testing.md
// found working for ACL commands; not in its .d.ts, so typed here — and get the server's tagged NO/BAD as an error.
// imapflow is pinned in package.json; test/actions/wire.test.ts runs these commands against both Dovecot flavours.
import type { ImapFlow } from 'imapflow';
import { encodePath } from 'imapflow/lib/tools.js';
import { TcvError, type ErrorCode } from '../../api/errors.ts';
import { classifyMailError } from '../../mail/errors.ts';

export interface WireAttribute {
  type?: string;
  value?: unknown;
  section?: WireAttribute[];
}
export type WireValue = WireAttribute | WireValue[];

export interface WireResponse {
  attributes?: WireValue[];
  /** imapflow's parser puts the numbers of an untagged SEARCH here. */
  numbers?: number[];
}

interface ExecResult {
  response: WireResponse;
  next(): void;
}

type UntaggedHandler = (response: WireResponse) => Promise<void>;
type Exec = (
  command: string,
  attributes: WireValue[] | false,
  options?: { untagged?: Record<string, UntaggedHandler> },
) => Promise<ExecResult>;

interface RawCommandError {
  responseStatus?: string;
  response?: WireResponse | string;
  responseText?: string;
  serverResponseCode?: string;
}

/** The response code of a tagged response (RFC 3501 §7.1, RFC 5530): "[TRYCREATE]" → "TRYCREATE". */
export function responseCode(response: WireResponse | string | undefined): string | null {
  if (!response || typeof response === 'string') return null;
  const first = response.attributes?.[0];
  if (!first || Array.isArray(first)) return null;
  const head = first.section?.[0];
  return head && !Array.isArray(head) && typeof head.value === 'string' ? head.value.toUpperCase() : null;
}

// RFC 5530 response codes → the engine's error codes. TRYCREATE (RFC 3501 §6.4.7) is what COPY/MOVE answer for a
// missing destination.
const CODE_FOR: Record<string, ErrorCode> = {
  TRYCREATE: 'FOLDER_NOT_FOUND',
  NONEXISTENT: 'FOLDER_NOT_FOUND',
  ALREADYEXISTS: 'FOLDER_EXISTS',
  OVERQUOTA: 'QUOTA',
  LIMIT: 'QUOTA',
};

const MISSING = /doesn't exist|does not exist|no such (mailbox|folder)|unknown mailbox|not found/i;

/** A tagged NO/BAD becomes a TcvError carrying the server's words; anything else (socket, timeout) is classified as
 * a connection problem by classifyMailError. */
export function commandError(err: unknown, command: string): TcvError {
  if (err instanceof TcvError) return err;
  const e = (err ?? {}) as RawCommandError;
  if (e.responseStatus === 'NO' || e.responseStatus === 'BAD') {
    let code = e.serverResponseCode?.toUpperCase() ?? responseCode(e.response as WireResponse | undefined);
    // Dovecot answers a SELECT of a missing mailbox with a bare NO "Mailbox doesn't exist" (no RFC 5530 code).
    if (!code && /^(SELECT|EXAMINE|STATUS)$/.test(command) && MISSING.test(e.responseText ?? '')) code = 'NONEXISTENT';
    const detail = `imap | ${command} | ${e.responseStatus}${code ? ` [${code}]` : ''} ${e.responseText ?? ''}`.trim();
    return new TcvError((code && CODE_FOR[code]) || 'SERVER_ERROR', detail, { cause: err });
  }
  return classifyMailError(err, 'imap');
}

/** Runs one command; resolves with the tagged OK's attributes. Untagged responses go to the given handlers. */
export async function run(
  client: ImapFlow,
  command: string,
  attributes: WireValue[] | false,
  untagged?: Record<string, UntaggedHandler>,
): Promise<WireResponse> {
  const exec = (client as unknown as { exec: Exec }).exec.bind(client);
  try {
    const result = await exec(command, attributes, untagged ? { untagged } : undefined);
    result.next();
    return result.response;
  } catch (err) {
    throw commandError(err, command);
  }
}

/** A mailbox name as the wire wants it: modified UTF-7 (RFC 3501 §5.1.3) unless UTF8=ACCEPT is enabled. The
 * compiler quotes it when it is not an atom ("Công văn đến" has spaces). */
export function mailboxArg(client: ImapFlow, path: string): WireAttribute {
  return { type: 'ATOM', value: encodePath(client, path) };
}

export function sequenceArg(set: string): WireAttribute {
  return { type: 'SEQUENCE', value: set };
}

export function atom(value: string): WireAttribute {
  return { type: 'ATOM', value };
}

/** What the replay may use of the server. `without` pretends a capability is missing: the COPY + EXPUNGE path of
 * RFC 6851 §3.3 and the Message-ID fallback for a missing COPYUID are tested that way against the real Dovecot, and
 * it works around a server whose MOVE is broken. */
export interface Caps {
  move: boolean;
  uidplus: boolean;
}

export function capsOf(client: ImapFlow, without: readonly string[] = []): Caps {
  const has = (c: string) => client.capabilities.has(c) && !without.includes(c);
  return { move: has('MOVE'), uidplus: has('UIDPLUS') };
}

/** Selects `path` for the duration of fn (imapflow's mailbox lock, released in finally: style.md habit 5), with a
 * current view of it. A missing mailbox is FOLDER_NOT_FOUND. */
export async function withMailbox<T>(
  client: ImapFlow,
  path: string,
  fn: (mailbox: NonNullable<ImapFlow['mailbox']> & object) => Promise<T>,
): Promise<T> {
  const wasSelected = client.mailbox && client.mailbox.path === path;
  let lock: Awaited<ReturnType<ImapFlow['getMailboxLock']>>;
  try {
    lock = await client.getMailboxLock(path);
  } catch (err) {
    throw commandError(err, 'SELECT');
  }
  try {
    // Already selected on this session: another client's new messages and expunges reach us only with the next
    // command's untagged responses (RFC 3501 §7.3.1, §7.4.1), so a NOOP first makes the searches below see them.
    if (wasSelected) await run(client, 'NOOP', false);
    const mb = client.mailbox;
    if (!mb) throw new TcvError('INTERNAL', `mailbox ${path} is not selected`);
    return await fn(mb);
  } finally {
    lock.release();
  }
}
