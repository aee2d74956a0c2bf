// Opening an IMAP session for an account. TLS verified against the system roots plus trusted CAs; with STARTTLS the
// upgrade is required (doSTARTTLS), so a server or a middlebox that strips STARTTLS cannot downgrade us to plaintext.
import { ImapFlow } from 'imapflow';
import type { AccountSummary } from '../api/types.ts';
import type { Logger } from '../platform/types.ts';
import { classifyMailError } from './errors.ts';

// Named timeouts: loopback and LAN servers answer in milliseconds; a provincial WAN link can take seconds.
const CONNECT_TIMEOUT_MS = 15_000;
const GREETING_TIMEOUT_MS = 15_000;
const SOCKET_TIMEOUT_MS = 5 * 60_000;

export interface ImapConnectOptions {
  account: AccountSummary;
  password: string;
  cas: string[];
  log: Logger;
  /** ENABLE QRESYNC (RFC 7162 §3.2.3) when offered, so a resync is one SELECT and expunges arrive as UIDs (VANISHED). */
  qresync?: boolean;
}

export function createImapClient({ account, password, cas, log, qresync }: ImapConnectOptions): ImapFlow {
  const secure = account.imap.security === 'tls';
  const client = new ImapFlow({
    host: account.imap.host,
    port: account.imap.port,
    secure,
    doSTARTTLS: secure ? undefined : true,
    auth: { user: account.username, pass: password },
    tls: { ca: cas, rejectUnauthorized: true, minVersion: 'TLSv1.2' },
    logger: false,
    clientInfo: { name: 'Thu Cong Vu', vendor: 'thu-cong-vu' },
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
    disableAutoIdle: true,
    qresync: qresync ?? false,
  });
  // An 'error' event without a listener would crash the process; the failing call reports the error itself.
  client.on('error', (err: Error) => log.warn('imap connection error', { account: account.id, error: err.message }));
  return client;
}

export async function connectImap(opts: ImapConnectOptions): Promise<ImapFlow> {
  const client = createImapClient(opts);
  try {
    await client.connect();
    return client;
  } catch (err) {
    client.close();
    throw classifyMailError(err, 'imap');
  }
}

/** Runs fn with a connected client and always logs out (try/finally: style.md habit 5). */
export async function withImap<T>(opts: ImapConnectOptions, fn: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = await connectImap(opts);
  try {
    return await fn(client);
  } catch (err) {
    throw classifyMailError(err, 'imap');
  } finally {
    if (client.usable) await client.logout().catch(() => client.close());
    else client.close();
  }
}
