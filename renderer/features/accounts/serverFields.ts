// Server fields of the add-account form (pure; tested in Node).
import type { Security } from '../../../src/api/types.ts';

export interface ServerFields {
  host: string;
  /** As typed; parsed on submit. */
  port: string;
  security: Security;
}

/** The usual ports: IMAP 993 (implicit TLS) / 143 (STARTTLS), SMTP submission 465 (RFC 8314) / 587 (RFC 6409). */
export function defaultPort(protocol: 'imap' | 'smtp', security: Security): number {
  if (protocol === 'imap') return security === 'tls' ? 993 : 143;
  return security === 'tls' ? 465 : 587;
}

export function parsePort(value: string): number | null {
  const v = value.trim();
  if (!/^\d{1,5}$/.test(v)) return null;
  const n = Number(v);
  return n >= 1 && n <= 65535 ? n : null;
}
