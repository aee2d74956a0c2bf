// Types of contacts.suggest (docs/compose.md "Recipients"): what the recipient fields offer as the user types.

/** Someone the user wrote to (Sent folder) or answered, from the cache. */
export interface RecentSuggestion {
  kind: 'recent';
  name: string;
  address: string;
  /** Messages in Sent to this address, and messages from it the user answered. */
  sent: number;
  replied: number;
  /** Newest such message (epoch ms). */
  lastAt: number;
}

/** An active entry of the city directory with a mailbox (a unit or a person). */
export interface DirectorySuggestion {
  kind: 'directory';
  id: string;
  entryKind: 'unit' | 'person';
  name: string;
  address: string;
  /** A person's title (chức vụ), else null. */
  title: string | null;
}

/** A directory group ("Các sở, ban, ngành"): choosing it writes to its members (directory.members). */
export interface GroupSuggestion {
  kind: 'group';
  id: string;
  name: string;
  /** Members in the group, and those of them that can be written to (active, with an address). */
  members: number;
}

export type ContactSuggestion = RecentSuggestion | DirectorySuggestion | GroupSuggestion;
