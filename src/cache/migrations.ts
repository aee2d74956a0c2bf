// Versioned schema of the profile's SQLite cache. Each entry moves the schema from version i to i+1 and runs in one
// transaction with the PRAGMA user_version bump, so a crash mid-migration leaves the previous version intact.
// Never edit a shipped migration: add a new one.

export const migrations: readonly string[] = [
  // 1: accounts, folders, message headers, bodies, outbox.
  `
  CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    display_name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('personal', 'unit')),
    username TEXT NOT NULL,
    imap_host TEXT NOT NULL, imap_port INTEGER NOT NULL, imap_security TEXT NOT NULL,
    smtp_host TEXT NOT NULL, smtp_port INTEGER NOT NULL, smtp_security TEXT NOT NULL,
    ca_file TEXT,
    created_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE folders (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    name TEXT NOT NULL,
    delimiter TEXT NOT NULL,
    special_use TEXT,
    subscribed INTEGER NOT NULL DEFAULT 1,
    uidvalidity TEXT,
    uidnext INTEGER,
    highest_modseq TEXT,
    synced_at TEXT,
    -- Counts from LIST-STATUS for folders whose headers are not cached yet.
    server_total INTEGER NOT NULL DEFAULT 0,
    server_unread INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, path)
  ) STRICT;

  -- One row per message header. Flags as columns because the list and the unread counts filter on them.
  CREATE TABLE messages (
    account_id TEXT NOT NULL,
    folder TEXT NOT NULL,
    uid INTEGER NOT NULL,
    message_id TEXT,
    in_reply_to TEXT,
    subject TEXT NOT NULL DEFAULT '',
    from_name TEXT NOT NULL DEFAULT '',
    from_addr TEXT NOT NULL DEFAULT '',
    to_json TEXT NOT NULL DEFAULT '[]',
    cc_json TEXT NOT NULL DEFAULT '[]',
    date INTEGER,
    internal_date INTEGER,
    size INTEGER NOT NULL DEFAULT 0,
    seen INTEGER NOT NULL DEFAULT 0,
    flagged INTEGER NOT NULL DEFAULT 0,
    answered INTEGER NOT NULL DEFAULT 0,
    draft INTEGER NOT NULL DEFAULT 0,
    deleted INTEGER NOT NULL DEFAULT 0,
    keywords TEXT NOT NULL DEFAULT '[]',
    has_attachments INTEGER NOT NULL DEFAULT 0,
    modseq TEXT,
    PRIMARY KEY (account_id, folder, uid),
    FOREIGN KEY (account_id, folder) REFERENCES folders(account_id, path) ON DELETE CASCADE
  ) STRICT, WITHOUT ROWID;
  -- The message list: newest first within a folder (design.md: first rows of a 100k folder within 300 ms).
  CREATE INDEX messages_by_date ON messages (account_id, folder, date DESC, uid DESC);
  CREATE INDEX messages_unread ON messages (account_id, folder) WHERE seen = 0;

  CREATE TABLE bodies (
    account_id TEXT NOT NULL,
    folder TEXT NOT NULL,
    uid INTEGER NOT NULL,
    text TEXT NOT NULL,
    html TEXT,
    attachments_json TEXT NOT NULL DEFAULT '[]',
    cc_json TEXT NOT NULL DEFAULT '[]',
    reply_to_json TEXT NOT NULL DEFAULT '[]',
    fetched_at TEXT NOT NULL,
    PRIMARY KEY (account_id, folder, uid),
    FOREIGN KEY (account_id, folder, uid) REFERENCES messages(account_id, folder, uid) ON DELETE CASCADE
  ) STRICT;

  -- Every send goes through here first (issue 3 "Outbox"): the raw message is committed before SMTP sees it.
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    message_id TEXT NOT NULL UNIQUE,
    subject TEXT NOT NULL,
    envelope_from TEXT NOT NULL,
    envelope_to TEXT NOT NULL,
    display_to TEXT NOT NULL,
    raw BLOB NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    appended_to_sent INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
  `,
];
