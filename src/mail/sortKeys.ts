// The stored sort keys of a message row (migration 11): the message list sorts by sender and subject on these, in
// Vietnamese order (src/text/collate.ts), through an index (src/mail/queries.ts). One place computes them, for the
// header upsert (sync.ts) and for the one-time fill of rows cached before the keys existed.
import type { Db } from '../cache/db.ts';
import { sortKey } from '../text/collate.ts';

/** The sender as the list shows it: the display name, else the address. */
export function senderSortKey(name: string | null | undefined, address: string | null | undefined): string {
  return sortKey(name || address || '');
}

export function subjectSortKey(subject: string | null | undefined): string {
  return sortKey(subject ?? '');
}

/**
 * Fills the keys of rows that have none (cached before migration 11), in one statement: the key function is lent to
 * SQLite for it. About a second for 100,000 rows, once per profile.
 */
export function fillSortKeys(db: Db): number {
  db.function('tcv_sender_key', { deterministic: true }, (name, address) =>
    senderSortKey(name as string | null, address as string | null),
  );
  db.function('tcv_subject_key', { deterministic: true }, (subject) => subjectSortKey(subject as string | null));
  const r = db
    .prepare(
      `UPDATE messages SET sender_key = tcv_sender_key(from_name, from_addr), subject_key = tcv_subject_key(subject)
       WHERE sender_key IS NULL OR subject_key IS NULL`,
    )
    .run();
  return Number(r.changes);
}
