// Turns what imapflow, nodemailer and Node's sockets throw into the engine's typed errors. The detail keeps the server's
// words and the errno for the log; the code picks the Vietnamese message.
import { TcvError, type ErrorCode } from '../api/errors.ts';

// Node/OpenSSL verification failures: the peer's certificate is not trusted by the configured CAs.
const TLS_UNTRUSTED_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const LOST_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'NoConnection',
  'EConnectionClosed',
  'ClosedAfterConnectText',
  'ClosedAfterConnectTLS',
  'StateLogout',
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT', 'ETIMEOUT']);

interface LooseError {
  code?: unknown;
  message?: unknown;
  authenticationFailed?: boolean;
  responseCode?: unknown;
  response?: unknown;
  responseText?: unknown;
  serverResponseCode?: unknown;
  command?: unknown;
  reason?: unknown;
  cause?: unknown;
}

function codesOf(err: LooseError): string[] {
  const out: string[] = [];
  for (let e: LooseError | undefined = err, i = 0; e && i < 5; e = e.cause as LooseError | undefined, i++) {
    if (typeof e.code === 'string') out.push(e.code);
    // nodemailer wraps socket errors as ESOCKET and keeps Node's errno only in the text ("connect ECONNREFUSED …").
    if (typeof e.message === 'string') {
      const m = /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|EHOSTUNREACH|ENETUNREACH)\b/.exec(
        e.message,
      );
      if (m?.[1]) out.push(m[1]);
    }
  }
  return out;
}

export function classifyMailError(err: unknown, where: 'imap' | 'smtp' | 'ldap'): TcvError {
  if (err instanceof TcvError) return err;
  const e = (err ?? {}) as LooseError;
  const message = typeof e.message === 'string' ? e.message : String(err);
  const parts = [
    where,
    ...codesOf(e),
    e.responseCode !== undefined ? `smtp ${String(e.responseCode)}` : '',
    typeof e.serverResponseCode === 'string' ? `[${e.serverResponseCode}]` : '',
    message,
    typeof e.responseText === 'string' ? e.responseText : '',
    typeof e.response === 'string' ? e.response : '',
  ].filter(Boolean);
  const detail = [...new Set(parts)].join(' | ').slice(0, 2000);
  return new TcvError(pickCode(e, message), detail, { cause: err });
}

function pickCode(e: LooseError, message: string): ErrorCode {
  const codes = codesOf(e);
  const smtp = typeof e.responseCode === 'number' ? e.responseCode : 0;
  if (e.authenticationFailed || codes.includes('EAUTH') || smtp === 535) return 'AUTH_FAILED';
  if (codes.some((c) => TLS_UNTRUSTED_CODES.has(c)) || /self[- ]signed certificate|unable to verify/i.test(message)) {
    return 'TLS_UNTRUSTED';
  }
  if (codes.includes('ECONNREFUSED') || codes.includes('EHOSTUNREACH') || codes.includes('ENETUNREACH')) {
    return 'CONNECTION_REFUSED';
  }
  if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')) return 'HOST_NOT_FOUND';
  if (codes.some((c) => TIMEOUT_CODES.has(c))) return 'TIMEOUT';
  if (e.serverResponseCode === 'OVERQUOTA' || /\bquota\b/i.test(message) || smtp === 452) return 'QUOTA';
  if (smtp === 552) return 'MESSAGE_TOO_LARGE';
  if (codes.includes('EENVELOPE') || smtp === 550 || smtp === 553 || smtp === 554) return 'SEND_REJECTED';
  // Checked before TLS_FAILED: a peer that hangs up during the handshake is a dropped connection, not a TLS problem
  // ("Client network socket disconnected before secure TLS connection was established", ECONNRESET).
  const lostText = /connection (closed|not available)|socket (is )?closed|unexpected close|socket disconnected/i;
  if (codes.some((c) => LOST_CODES.has(c)) || lostText.test(message)) return 'CONNECTION_LOST';
  if (codes.includes('ETLS') || /\btls\b|ssl/i.test(message)) return 'TLS_FAILED';
  if (codes.includes('ESOCKET') || codes.includes('ECONNECTION')) return 'CONNECTION_LOST';
  return 'SERVER_ERROR';
}
