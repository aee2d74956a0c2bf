// Who "Viết thư" writes to, shared by the directory UI and tests (pure; no Node, no DOM). Only active entries with an
// address are written to: a historical body has no mailbox (QĐ 50/2009 Điều 5: a withdrawn mailbox is not used), so
// the UI offers its current successor instead, explicitly. Addresses are compared without case (RFC 5321 domains; local
// parts of agency mailboxes are case-insensitive in practice) and each is written once.
import type { Address } from '../api/types.ts';
import type { DirectoryEntry } from '../api/types-directory.ts';

export function canWriteTo(e: DirectoryEntry): boolean {
  return e.status === 'active' && e.address !== null && e.address !== '';
}

export function writeRecipients(entries: readonly DirectoryEntry[]): Address[] {
  const seen = new Set<string>();
  const out: Address[] = [];
  for (const e of entries) {
    if (!canWriteTo(e) || e.address === null) continue;
    const key = e.address.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ name: e.name, address: e.address });
  }
  return out;
}
