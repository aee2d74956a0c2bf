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
  // 2: search index and threads (src/search, src/mail/threads.ts, docs/search.md).
  `
  -- The References header (RFC 5322 §3.6.4), message-ids separated by one space. Named refs: REFERENCES is SQL.
  ALTER TABLE messages ADD COLUMN refs TEXT;

  -- One row per indexed message: the integer rowid the FTS index needs (messages is WITHOUT ROWID), its thread, and
  -- copies of the columns a search filters on, so a search joins this table by rowid and never messages per hit.
  -- doc_id = (date in seconds) * 1024 + slot: FTS5 walks its rowids in date order, so "newest first" and before:/after:
  -- cost nothing (docs/search.md "Index").
  CREATE TABLE message_docs (
    doc_id INTEGER PRIMARY KEY,
    account_id TEXT NOT NULL,
    folder TEXT NOT NULL,
    uid INTEGER NOT NULL,
    thread_id INTEGER NOT NULL,
    seen INTEGER NOT NULL,
    flagged INTEGER NOT NULL,
    has_attachments INTEGER NOT NULL,
    UNIQUE (account_id, folder, uid),
    FOREIGN KEY (account_id, folder, uid) REFERENCES messages(account_id, folder, uid) ON DELETE CASCADE
  ) STRICT;
  CREATE INDEX message_docs_thread ON message_docs (thread_id);
  CREATE TRIGGER messages_search_flags AFTER UPDATE OF seen, flagged, has_attachments ON messages BEGIN
    UPDATE message_docs SET seen = new.seen, flagged = new.flagged, has_attachments = new.has_attachments
    WHERE account_id = new.account_id AND folder = new.folder AND uid = new.uid;
  END;

  -- Folded text only (src/text fold), so unicode61 needs no diacritic handling of its own (it would miss đ).
  -- Contentless: the original text is in messages/bodies; contentless_delete lets a row go by rowid alone.
  CREATE VIRTUAL TABLE search_fts USING fts5(
    subject, sender, recipients, body, attachments,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3'
  );
  -- Expunges, UIDVALIDITY resets and folder/account removal delete messages rows; the cascade reaches
  -- message_docs, and this removes the index row.
  CREATE TRIGGER message_docs_unindex AFTER DELETE ON message_docs BEGIN
    DELETE FROM search_fts WHERE rowid = old.doc_id;
  END;

  -- Messages inserted by any path are queued here; src/search indexes them in the same transaction when the writer
  -- calls indexHeaders (sync does), otherwise before the next search.
  CREATE TABLE search_pending (
    account_id TEXT NOT NULL,
    folder TEXT NOT NULL,
    uid INTEGER NOT NULL,
    PRIMARY KEY (account_id, folder, uid)
  ) STRICT, WITHOUT ROWID;
  CREATE TRIGGER messages_search_pending AFTER INSERT ON messages BEGIN
    INSERT OR IGNORE INTO search_pending (account_id, folder, uid) VALUES (new.account_id, new.folder, new.uid);
  END;
  INSERT INTO search_pending (account_id, folder, uid) SELECT account_id, folder, uid FROM messages;

  -- Threads: every message-id seen (own, In-Reply-To, References) → its thread, so a parent that arrives after its
  -- replies (sync is newest first) finds them.
  CREATE TABLE thread_refs (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    message_id TEXT NOT NULL,
    thread_id INTEGER NOT NULL,
    PRIMARY KEY (account_id, message_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX thread_refs_thread ON thread_refs (thread_id);
  -- Subject fallback: the newest thread of each folded base subject ("TL: Re: Thư mời" → "thu moi").
  CREATE TABLE thread_subjects (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    subject_key TEXT NOT NULL,
    thread_id INTEGER NOT NULL,
    date INTEGER,
    -- 1 while the thread has a reply without references whose original has not arrived: a letter with this
    -- subject and no reply prefix then joins it (it is that original); otherwise plain letters never join by subject.
    awaits_original INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, subject_key)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX thread_subjects_thread ON thread_subjects (thread_id);
  `,
  // 3: the city directory (src/directory, docs/directory.md). Replaced whole by each import; searched from memory.
  `
  CREATE TABLE directory_entries (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('unit', 'person')),
    name TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    address TEXT,
    status TEXT NOT NULL CHECK (status IN ('active', 'historical', 'recalled')),
    successor TEXT,
    unit TEXT,
    title TEXT,
    aliases_json TEXT NOT NULL DEFAULT '[]',
    -- Optional keys of the interchange format (example, note, since, until).
    extra_json TEXT NOT NULL DEFAULT '{}'
  ) STRICT;
  -- Other features ask "is this recipient in the directory, and is it historical?" by address.
  CREATE INDEX directory_entries_address ON directory_entries (address COLLATE NOCASE);
  CREATE TABLE directory_groups (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    aliases_json TEXT NOT NULL DEFAULT '[]',
    note TEXT
  ) STRICT;
  CREATE TABLE directory_members (
    group_id TEXT NOT NULL REFERENCES directory_groups(id) ON DELETE CASCADE,
    entry_id TEXT NOT NULL REFERENCES directory_entries(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    PRIMARY KEY (group_id, entry_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX directory_members_entry ON directory_members (entry_id);
  -- revision, imported_at, source, format, name, note.
  CREATE TABLE directory_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  `,
  // 4: search (src/search, docs/search.md): accounts and folders become tokens of the index's scope column, with "_"
  // as a token character so no folded word can reach them; partial indexes for is:unread / is:flagged. The FTS table
  // is rebuilt, so every message is queued to be indexed (and threaded) again.
  `
  CREATE INDEX message_docs_unread ON message_docs (doc_id) WHERE seen = 0;
  CREATE INDEX message_docs_flagged ON message_docs (doc_id) WHERE flagged = 1;

  -- An account or folder as a token ("_s<id>") of the scope column: limiting a search to a folder is then a doclist
  -- intersection inside FTS5, not a row lookup per hit. folder '' stands for the account itself.
  CREATE TABLE search_scopes (
    id INTEGER PRIMARY KEY,
    account_id TEXT NOT NULL,
    folder TEXT NOT NULL,
    UNIQUE (account_id, folder)
  ) STRICT;

  DROP TRIGGER message_docs_unindex;
  DELETE FROM message_docs;
  DELETE FROM thread_refs;
  DELETE FROM thread_subjects;
  DROP TABLE search_fts;
  -- Folded tokens never contain "_", so "_" as a token character makes the scope tokens unreachable from what a user
  -- types, and free words need no (slow) column filter to stay out of the scope column.
  CREATE VIRTUAL TABLE search_fts USING fts5(
    subject, sender, recipients, body, attachments, scope,
    content = '', contentless_delete = 1, tokenize = "unicode61 remove_diacritics 0 tokenchars '_'", prefix = '2 3'
  );
  CREATE TRIGGER message_docs_unindex AFTER DELETE ON message_docs BEGIN
    DELETE FROM search_fts WHERE rowid = old.doc_id;
  END;
  INSERT OR IGNORE INTO search_pending (account_id, folder, uid) SELECT account_id, folder, uid FROM messages;
  `,
  // 5: actions on messages and folders (src/actions, docs/actions.md): the journal of operations not yet on the server
  // (replayed in id order), the placeholder UIDs of messages moved or copied locally, and undo tokens.
  `
  CREATE TABLE pending_ops (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    op TEXT NOT NULL,          -- JSON of the operation (src/actions/types.ts Op)
    state TEXT NOT NULL CHECK (state IN ('pending', 'dropped')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,           -- error code of the last failed attempt
    reason TEXT,               -- why it was dropped
    created_at TEXT NOT NULL,
    dropped_at TEXT
  ) STRICT;
  CREATE INDEX pending_ops_queue ON pending_ops (account_id, state, id);

  -- A message moved or copied locally has the UID -id in its new folder until the server's UID is known.
  CREATE TABLE provisional_uids (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    folder TEXT NOT NULL,
    message_id TEXT,
    op_id INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('waiting', 'resolved', 'lost')),
    server_uid INTEGER,
    created_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX provisional_uids_op ON provisional_uids (op_id);

  CREATE TABLE undo_tokens (
    token TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    plan TEXT NOT NULL,        -- JSON (src/actions/journal.ts UndoPlan)
    created_at TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  ) STRICT;
  `,
  // 6: composing and sending (src/mail/outbox.ts, src/drafts, docs/compose.md): the outbox keeps the composed message
  // in a file (outbox/<uuid>.eml, streamed: a 25 MB attachment never sits in SQLite or in memory) and a lease for
  // crash recovery; per-account send settings with the server's SIZE/SMTPUTF8; local drafts.
  `
  CREATE TABLE outbox_v3 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    message_id TEXT NOT NULL UNIQUE,
    subject TEXT NOT NULL,
    envelope_from TEXT NOT NULL,
    envelope_to TEXT NOT NULL,
    display_to TEXT NOT NULL,
    raw BLOB,                 -- rows from schema 1 only; new rows use raw_path
    raw_path TEXT,            -- relative to the profile folder; NULL once the Sent copy no longer needs it
    size INTEGER NOT NULL DEFAULT 0,
    smtputf8 INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    lease_owner TEXT,         -- "<pid>:<instance>" of the engine sending it
    lease_until INTEGER,
    rejected TEXT NOT NULL DEFAULT '[]',
    draft_id TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    appended_to_sent INTEGER NOT NULL DEFAULT 0,  -- 0 pending, 1 done, 2 not needed, 3 given up
    append_attempts INTEGER NOT NULL DEFAULT 0,
    CHECK (state = 'sent' OR raw IS NOT NULL OR raw_path IS NOT NULL)
  ) STRICT;
  INSERT INTO outbox_v3 (id, account_id, message_id, subject, envelope_from, envelope_to, display_to, raw, size, state,
      attempts, last_error, next_attempt_at, created_at, sent_at, appended_to_sent)
    SELECT id, account_id, message_id, subject, envelope_from, envelope_to, display_to, raw, length(raw), state,
      attempts, last_error, next_attempt_at, created_at, sent_at, appended_to_sent FROM outbox;
  DROP TABLE outbox;
  ALTER TABLE outbox_v3 RENAME TO outbox;
  CREATE INDEX outbox_due ON outbox (state, next_attempt_at);

  CREATE TABLE send_settings (
    account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    server_saves_sent INTEGER NOT NULL DEFAULT 0,
    max_message_bytes INTEGER,
    smtp_size_limit INTEGER,  -- EHLO SIZE (RFC 1870) last seen: NULL unknown, 0 advertised without a limit
    smtp_utf8 INTEGER,        -- SMTPUTF8 (RFC 6531) advertised; NULL unknown
    smtp_checked_at INTEGER
  ) STRICT;

  CREATE TABLE drafts (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    mode TEXT NOT NULL CHECK (mode IN ('new', 'reply', 'replyAll', 'forward', 'forwardAsAttachment')),
    to_json TEXT NOT NULL DEFAULT '[]',
    cc_json TEXT NOT NULL DEFAULT '[]',
    bcc_json TEXT NOT NULL DEFAULT '[]',
    subject TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL DEFAULT '',
    html TEXT,
    attachments_json TEXT NOT NULL DEFAULT '[]',
    in_reply_to TEXT,
    references_json TEXT NOT NULL DEFAULT '[]',
    source_folder TEXT,
    source_uid INTEGER,
    revision INTEGER NOT NULL DEFAULT 1,
    server_revision INTEGER NOT NULL DEFAULT 0,
    server_folder TEXT,
    server_uid INTEGER,
    server_uidvalidity TEXT,
    outbox_id INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX drafts_by_account ON drafts (account_id, updated_at DESC);
  -- Server copies of deleted or sent drafts, removed when the server is next reachable.
  CREATE TABLE draft_tombstones (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    folder TEXT NOT NULL,
    uid INTEGER NOT NULL,
    uidvalidity TEXT,
    PRIMARY KEY (account_id, folder, uid)
  ) STRICT;
  `,
  // 7: search (docs/search.md "Index"): prefix indexes for 4- and 5-letter prefixes too. As-you-type stops mid-syllable
  // ("hội nghị" typed as far as "nghi"), and without an index FTS5 merges every term with that prefix per query:
  // measured 4× slower on 100,000 messages, for 10% more indexing time. The FTS table is rebuilt from messages and
  // bodies; message_docs and the threads are kept (doc_ids stay).
  `
  DROP TRIGGER message_docs_unindex;
  DROP TABLE search_fts;
  CREATE VIRTUAL TABLE search_fts USING fts5(
    subject, sender, recipients, body, attachments, scope,
    content = '', contentless_delete = 1, tokenize = "unicode61 remove_diacritics 0 tokenchars '_'",
    prefix = '2 3 4 5'
  );
  CREATE TRIGGER message_docs_unindex AFTER DELETE ON message_docs BEGIN
    DELETE FROM search_fts WHERE rowid = old.doc_id;
  END;
  INSERT OR IGNORE INTO search_pending (account_id, folder, uid) SELECT account_id, folder, uid FROM messages;
  `,
  // 8: the directory's LDAP source (src/directory/ldap, docs/ldap.md): each entry and group says where it came from, so
  // an LDAP sync replaces only its own rows and a file import only the file's.
  `
  ALTER TABLE directory_entries ADD COLUMN source TEXT NOT NULL DEFAULT 'file' CHECK (source IN ('file', 'ldap'));
  ALTER TABLE directory_groups ADD COLUMN source TEXT NOT NULL DEFAULT 'file' CHECK (source IN ('file', 'ldap'));
  `,
  // 9: search in a background pass (src/search/background.ts, docs/search.md "Who writes it"): an initial sync stores
  // headers only, and search_pending is the persistent "not yet indexed" marker the pass works through, newest first,
  // one batch per transaction, resuming after a restart or a kill. The message's date is copied into the queue and
  // indexed, so each batch is an index range scan instead of a join and sort of the whole queue (measured: the
  // deferred indexing of 100,000 headers spent most of its time there).
  `
  ALTER TABLE search_pending ADD COLUMN date INTEGER;
  UPDATE search_pending SET date = (SELECT m.date FROM messages m
    WHERE m.account_id = search_pending.account_id AND m.folder = search_pending.folder AND m.uid = search_pending.uid);
  CREATE INDEX search_pending_by_date ON search_pending (date);
  DROP TRIGGER messages_search_pending;
  CREATE TRIGGER messages_search_pending AFTER INSERT ON messages BEGIN
    INSERT OR IGNORE INTO search_pending (account_id, folder, uid, date)
    VALUES (new.account_id, new.folder, new.uid, new.date);
  END;
  `,
  // 10: compose (docs/compose.md "Undo send"): a message may be held in the outbox until not_before (epoch ms), the
  // window in which the user can still take it back. The claim for sending checks it, so neither the retry timer nor
  // "the server is back, send the rest" can hand a held message to SMTP early.
  `
  ALTER TABLE outbox ADD COLUMN not_before INTEGER NOT NULL DEFAULT 0;
  `,
  // 11: the message list's sort by sender and subject in Vietnamese order (src/text/collate.ts sortKey: Đ after D,
  // "Ánh" next to "Anh", case ignored), which NOCASE cannot give. The key is stored with the row by the header upsert;
  // rows cached before this are filled in once by src/mail/queries.ts ensureSortIndex (SQL cannot compute the key).
  // The indexes on the NOCASE columns (created on first use by an earlier build) are replaced by ones on the keys.
  `
  ALTER TABLE messages ADD COLUMN sender_key TEXT;
  ALTER TABLE messages ADD COLUMN subject_key TEXT;
  DROP INDEX IF EXISTS messages_by_sender;
  DROP INDEX IF EXISTS messages_by_subject;
  `,
  // 12: recent correspondents for recipient autocomplete (src/contacts, docs/compose.md "Recipients"): one row per
  // account and address, counting messages in the Sent folder to it ("sent") and messages from it the user answered
  // ("replied"), with the newest date. Kept by triggers on the cache's own writes (sync's header upsert, flag updates,
  // the \Answered set after a reply), so every path that fills the cache counts, once per message: the upsert's
  // conflict branch is an UPDATE, which the insert trigger never sees. Backfilled from what the cache holds.
  `
  CREATE TABLE correspondents (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    address TEXT NOT NULL COLLATE NOCASE,
    name TEXT NOT NULL DEFAULT '',
    sent INTEGER NOT NULL DEFAULT 0,
    replied INTEGER NOT NULL DEFAULT 0,
    last_at INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, address)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX correspondents_recent ON correspondents (account_id, last_at DESC);
  CREATE TRIGGER correspondents_sent AFTER INSERT ON messages
  WHEN new.folder = (SELECT path FROM folders WHERE account_id = new.account_id AND special_use = 'sent' LIMIT 1)
  BEGIN
    INSERT INTO correspondents (account_id, address, name, sent, last_at)
      SELECT new.account_id, address, max(name), 1, coalesce(new.date, 0) FROM (
        SELECT lower(json_extract(value, '$.address')) AS address, coalesce(json_extract(value, '$.name'), '') AS name
          FROM json_each(new.to_json)
        UNION ALL
        SELECT lower(json_extract(value, '$.address')), coalesce(json_extract(value, '$.name'), '')
          FROM json_each(new.cc_json)
      ) WHERE address LIKE '%@%' GROUP BY address
    ON CONFLICT (account_id, address) DO UPDATE SET sent = sent + 1, last_at = max(last_at, excluded.last_at),
      name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE name END;
  END;
  CREATE TRIGGER correspondents_replied_insert AFTER INSERT ON messages
  WHEN new.answered = 1 AND new.from_addr LIKE '%@%'
  BEGIN
    INSERT INTO correspondents (account_id, address, name, replied, last_at)
      VALUES (new.account_id, lower(new.from_addr), new.from_name, 1, coalesce(new.date, 0))
    ON CONFLICT (account_id, address) DO UPDATE SET replied = replied + 1, last_at = max(last_at, excluded.last_at),
      name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE name END;
  END;
  CREATE TRIGGER correspondents_replied_update AFTER UPDATE OF answered ON messages
  WHEN new.answered = 1 AND old.answered = 0 AND new.from_addr LIKE '%@%'
  BEGIN
    INSERT INTO correspondents (account_id, address, name, replied, last_at)
      VALUES (new.account_id, lower(new.from_addr), new.from_name, 1, coalesce(new.date, 0))
    ON CONFLICT (account_id, address) DO UPDATE SET replied = replied + 1, last_at = max(last_at, excluded.last_at),
      name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE name END;
  END;
  INSERT INTO correspondents (account_id, address, name, sent, replied, last_at)
    SELECT account_id, address, max(name), sum(sent), sum(replied), max(last_at) FROM (
      SELECT m.account_id, lower(json_extract(j.value, '$.address')) AS address,
        coalesce(json_extract(j.value, '$.name'), '') AS name, 1 AS sent, 0 AS replied, coalesce(m.date, 0) AS last_at
      FROM messages m JOIN folders f ON f.account_id = m.account_id AND f.path = m.folder AND f.special_use = 'sent',
        json_each(m.to_json) AS j
      UNION ALL
      SELECT m.account_id, lower(json_extract(j.value, '$.address')), coalesce(json_extract(j.value, '$.name'), ''),
        1, 0, coalesce(m.date, 0)
      FROM messages m JOIN folders f ON f.account_id = m.account_id AND f.path = m.folder AND f.special_use = 'sent',
        json_each(m.cc_json) AS j
      UNION ALL
      SELECT account_id, lower(from_addr), from_name, 0, 1, coalesce(date, 0) FROM messages WHERE answered = 1
    ) WHERE address LIKE '%@%' GROUP BY account_id, address;
  `,
  // 13: the list row's importance and preview line (docs/sync.md "Importance and snippet"). importance comes from the
  // header batch (src/mail/importance.ts: 1 high, 0 normal, -1 low); rows cached before this stay normal until fetched
  // again. snippet is written with the body (src/mail/snippet.ts), NULL while no body is cached; rows whose body was
  // cached before this are filled once by src/mail/snippetFill.ts (SQL cannot compute it).
  `
  ALTER TABLE messages ADD COLUMN importance INTEGER NOT NULL DEFAULT 0 CHECK (importance IN (-1, 0, 1));
  ALTER TABLE messages ADD COLUMN snippet TEXT;
  `,
  // 14: conversation view (src/mail/threadList.ts, docs/search.md "Conversation view"): a folder's threads and, per
  // thread, its newest message (the largest doc_id, which follows the date) are one index seek each.
  `
  CREATE INDEX message_docs_folder_thread ON message_docs (account_id, folder, thread_id, doc_id);
  `,
];
