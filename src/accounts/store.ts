// Account settings in the cache; the password is NOT here (keychain only, design.md "What is stored where").
import type { AccountKind, AccountSummary, Security } from '../api/types.ts';
import { TcvError } from '../api/errors.ts';
import type { Db } from '../cache/db.ts';

export interface NewAccount {
  email: string;
  displayName?: string | undefined;
  kind: AccountKind;
  username?: string | undefined;
  imap: { host: string; port: number; security: Security };
  smtp: { host: string; port: number; security: Security };
  caFile?: string | undefined;
}

interface AccountRow {
  id: string;
  email: string;
  display_name: string;
  kind: AccountKind;
  username: string;
  imap_host: string;
  imap_port: number;
  imap_security: Security;
  smtp_host: string;
  smtp_port: number;
  smtp_security: Security;
  ca_file: string | null;
}

/** An account's id is its address, lower-cased and NFC: stable across reinstalls and readable in the CLI. */
export function accountIdFor(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

function toSummary(r: AccountRow): AccountSummary {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    kind: r.kind,
    username: r.username,
    imap: { host: r.imap_host, port: r.imap_port, security: r.imap_security },
    smtp: { host: r.smtp_host, port: r.smtp_port, security: r.smtp_security },
    caFile: r.ca_file,
  };
}

export class AccountStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  list(): AccountSummary[] {
    const rows = this.db.prepare('SELECT * FROM accounts ORDER BY created_at, id').all() as unknown as AccountRow[];
    return rows.map(toSummary);
  }

  find(id: string): AccountSummary | null {
    const row = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(accountIdFor(id)) as AccountRow | undefined;
    return row ? toSummary(row) : null;
  }

  get(id: string): AccountSummary {
    const a = this.find(id);
    if (!a) throw new TcvError('ACCOUNT_NOT_FOUND', id);
    return a;
  }

  /** Builds the summary a new account would have, without saving it (used to verify before saving). */
  draft(input: NewAccount): AccountSummary {
    const email = input.email.normalize('NFC').trim();
    return {
      id: accountIdFor(email),
      email,
      displayName: (input.displayName ?? '').normalize('NFC').trim() || email,
      kind: input.kind,
      username: (input.username ?? '').trim() || email,
      imap: input.imap,
      smtp: input.smtp,
      caFile: input.caFile ?? null,
    };
  }

  insert(a: AccountSummary): void {
    if (this.find(a.id)) throw new TcvError('ACCOUNT_EXISTS', a.id);
    this.db
      .prepare(
        `INSERT INTO accounts (id, email, display_name, kind, username, imap_host, imap_port, imap_security,
           smtp_host, smtp_port, smtp_security, ca_file, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(
        a.id,
        a.email,
        a.displayName,
        a.kind,
        a.username,
        a.imap.host,
        a.imap.port,
        a.imap.security,
        a.smtp.host,
        a.smtp.port,
        a.smtp.security,
        a.caFile,
        new Date().toISOString(),
      );
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM accounts WHERE id = ?').run(accountIdFor(id)).changes > 0;
  }
}
