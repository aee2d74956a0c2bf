// Per-account sending settings (send_settings): whether the server files sent mail in Sent itself, a local or policy
// size limit, and what the submission server last advertised in EHLO (SIZE, RFC 1870; SMTPUTF8, RFC 6531), so an
// oversized message is refused before it is queued when the limit is already known.
import type { SendSettings } from '../api/types.ts';
import type { Db } from '../cache/db.ts';
import { effectiveLimit, type SmtpCaps } from './smtp.ts';

interface Row {
  server_saves_sent: number;
  max_message_bytes: number | null;
  smtp_size_limit: number | null;
  smtp_utf8: number | null;
  smtp_checked_at: number | null;
}

export class SendSettingsStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  private row(accountId: string): Row {
    return (
      (this.db
        .prepare(
          'SELECT server_saves_sent, max_message_bytes, smtp_size_limit, smtp_utf8, smtp_checked_at FROM send_settings WHERE account_id = ?',
        )
        .get(accountId) as Row | undefined) ?? {
        server_saves_sent: 0,
        max_message_bytes: null,
        smtp_size_limit: null,
        smtp_utf8: null,
        smtp_checked_at: null,
      }
    );
  }

  get(accountId: string): SendSettings {
    const r = this.row(accountId);
    return {
      accountId,
      serverSavesSent: r.server_saves_sent === 1,
      maxMessageBytes: r.max_message_bytes,
      serverSizeLimit: r.smtp_size_limit,
      smtpUtf8: r.smtp_utf8 === null ? null : r.smtp_utf8 === 1,
      effectiveLimit: effectiveLimit(r.smtp_size_limit, r.max_message_bytes),
      checkedAt: r.smtp_checked_at === null ? null : new Date(r.smtp_checked_at).toISOString(),
    };
  }

  set(accountId: string, patch: { serverSavesSent?: boolean; maxMessageBytes?: number | null }): SendSettings {
    const cur = this.row(accountId);
    const saves = patch.serverSavesSent === undefined ? cur.server_saves_sent : patch.serverSavesSent ? 1 : 0;
    const max = patch.maxMessageBytes === undefined ? cur.max_message_bytes : patch.maxMessageBytes;
    this.db
      .prepare(
        `INSERT INTO send_settings (account_id, server_saves_sent, max_message_bytes) VALUES (?,?,?)
         ON CONFLICT (account_id) DO UPDATE SET server_saves_sent = excluded.server_saves_sent,
           max_message_bytes = excluded.max_message_bytes`,
      )
      .run(accountId, saves, max);
    return this.get(accountId);
  }

  recordCaps(accountId: string, caps: SmtpCaps, at = Date.now()): void {
    this.db
      .prepare(
        `INSERT INTO send_settings (account_id, smtp_size_limit, smtp_utf8, smtp_checked_at) VALUES (?,?,?,?)
         ON CONFLICT (account_id) DO UPDATE SET smtp_size_limit = excluded.smtp_size_limit,
           smtp_utf8 = excluded.smtp_utf8, smtp_checked_at = excluded.smtp_checked_at`,
      )
      .run(accountId, caps.size, caps.smtpUtf8 ? 1 : 0, at);
  }
}
