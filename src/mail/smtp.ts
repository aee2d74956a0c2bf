// SMTP submission with nodemailer. STARTTLS is required on submission ports (requireTLS), certificates verified.
import nodemailer from 'nodemailer';
import type { AccountSummary } from '../api/types.ts';
import { classifyMailError } from './errors.ts';

const CONNECT_TIMEOUT_MS = 15_000;
const GREETING_TIMEOUT_MS = 15_000;
// Large attachments over a slow WAN link: the socket may legitimately stay quiet for a while.
const SOCKET_TIMEOUT_MS = 5 * 60_000;

export function createSmtpTransport(account: AccountSummary, password: string, cas: string[]) {
  const secure = account.smtp.security === 'tls';
  return nodemailer.createTransport({
    host: account.smtp.host,
    port: account.smtp.port,
    secure,
    requireTLS: !secure,
    auth: { user: account.username, pass: password },
    tls: { ca: cas, rejectUnauthorized: true, minVersion: 'TLSv1.2' },
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
    logger: false,
  });
}

export async function submitRaw(
  account: AccountSummary,
  password: string,
  cas: string[],
  envelope: { from: string; to: string[] },
  raw: Buffer,
): Promise<{ response: string }> {
  const transport = createSmtpTransport(account, password, cas);
  try {
    const info = await transport.sendMail({ envelope, raw });
    return { response: String(info.response ?? '') };
  } catch (err) {
    throw classifyMailError(err, 'smtp');
  } finally {
    transport.close();
  }
}

export async function verifySmtp(account: AccountSummary, password: string, cas: string[]): Promise<void> {
  const transport = createSmtpTransport(account, password, cas);
  try {
    await transport.verify();
  } catch (err) {
    throw classifyMailError(err, 'smtp');
  } finally {
    transport.close();
  }
}
