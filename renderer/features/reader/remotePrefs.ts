// "Always load remote content from this sender": a user preference (`remoteSenders`, docs/settings.md), per account
// and sender address, and the `remoteContent` setting ("never" overrides the list). A From address can be forged, so
// the choice only ever loads images (the mail document's CSP still allows nothing else), never scripts or anything
// that could read the mail. Pure, tested in Node.
import type { Preferences } from '../../../src/api/types-settings.ts';

type Senders = Preferences['remoteSenders'];

/** A few hundred entries is plenty; the oldest go first beyond this (the schema's limit). */
const MAX_ENTRIES = 1000;

const norm = (sender: string) => sender.trim().toLowerCase();

export function isSenderAllowed(
  prefs: Pick<Preferences, 'remoteContent' | 'remoteSenders'>,
  accountId: string,
  sender: string,
): boolean {
  if (!sender || prefs.remoteContent === 'never') return false;
  const s = norm(sender);
  return prefs.remoteSenders.some((e) => e.accountId === accountId && e.sender === s);
}

/** The list with the sender added (at the end, as the newest) or removed. */
export function withSender(list: Senders, accountId: string, sender: string, allowed: boolean): Senders {
  const s = norm(sender);
  if (!s) return list;
  const rest = list.filter((e) => !(e.accountId === accountId && e.sender === s));
  return (allowed ? [...rest, { accountId, sender: s }] : rest).slice(-MAX_ENTRIES);
}
