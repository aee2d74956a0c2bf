// "Always load remote content from this sender": kept in the renderer's own storage for now (docs/reader.md "Remote
// content"), per account and sender address. A From address can be forged, so the choice only ever loads images
// (the mail document's CSP still allows nothing else), never scripts or anything that could read the mail.
// Pure over a Storage-like object, so it is tested in Node.

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const KEY = 'tcv.reader.remoteSenders';
/** A few hundred entries is plenty; the oldest go first beyond this. */
const MAX_ENTRIES = 1000;

function entry(accountId: string, sender: string): string {
  return `${accountId}\u0000${sender.trim().toLowerCase()}`;
}

function load(store: KeyValueStore): string[] {
  try {
    const v = JSON.parse(store.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function isSenderAllowed(store: KeyValueStore, accountId: string, sender: string): boolean {
  if (!sender) return false;
  return load(store).includes(entry(accountId, sender));
}

export function setSenderAllowed(store: KeyValueStore, accountId: string, sender: string, allowed: boolean): void {
  if (!sender) return;
  const key = entry(accountId, sender);
  const list = load(store).filter((x) => x !== key);
  if (allowed) list.push(key);
  store.setItem(KEY, JSON.stringify(list.slice(-MAX_ENTRIES)));
}

/** The storage the app uses (localStorage of the app's origin), or a no-op where there is none. */
export function appStore(): KeyValueStore {
  try {
    if (typeof localStorage !== 'undefined') return localStorage;
  } catch {
    // storage disabled
  }
  const mem = new Map<string, string>();
  return { getItem: (k) => mem.get(k) ?? null, setItem: (k, v) => void mem.set(k, v) };
}
