// Preview lines of rows whose body was cached before migration 13 (snippets are otherwise written with the body, in
// src/mail/message.ts fetchBody). One statement driven by the bodies table (a few hundred to a few thousand rows,
// each joined to its message by primary key), with the snippet function lent to SQLite for it; run once per process
// by the list query, the same way as the sort keys (src/mail/sortKeys.ts).
import type { Db } from '../cache/db.ts';
import { makeSnippet } from './snippet.ts';

export function fillSnippets(db: Db): number {
  db.function('tcv_snippet', { deterministic: true }, (text) => makeSnippet(String(text ?? '')));
  const r = db
    .prepare(
      `UPDATE messages SET snippet = tcv_snippet(b.text) FROM bodies b
       WHERE messages.snippet IS NULL AND messages.account_id = b.account_id AND messages.folder = b.folder
         AND messages.uid = b.uid`,
    )
    .run();
  return Number(r.changes);
}
