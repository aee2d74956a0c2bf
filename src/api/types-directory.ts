// Types of the city directory (danh bạ thư điện tử, QĐ 50/2009 Điều 4-5) as they cross the API: the interchange model
// of issue 5 plus the results of search, match, validation and import. Pure data, JSON-serialisable.
// The interchange JSON is documented by data/directory/schema.json; keep the two in step (a test checks it).

export type DirectoryEntryKind = 'unit' | 'person';
export type DirectoryEntryStatus = 'active' | 'historical' | 'recalled';

/** One entry of the directory: an agency with its unit mailbox, or a person with a personal mailbox. */
export interface DirectoryEntry {
  id: string;
  kind: DirectoryEntryKind;
  name: string;
  /** The mailbox; null when none is known (typical for historical bodies). */
  address: string | null;
  /** Abbreviations and other names ("STC", "Sở TC", "Sở TT&TT"). */
  aliases: string[];
  /** Ids of the groups the entry belongs to. */
  groups: string[];
  status: DirectoryEntryStatus;
  /** For historical or recalled entries: the id of the entry that took over (e.g. Sở TT&TT → Sở KH&CN). */
  successor: string | null;
  /** For people: the id of their unit; for units: the parent unit, if any. */
  unit: string | null;
  /** For people: the title (chức vụ). */
  title: string | null;
  // Optional keys (not in issue 5's list; absent means false / none):
  /** The address is an example, not confirmed by the agency or IT. */
  example?: boolean;
  note?: string;
  /** ISO dates (YYYY-MM-DD) the body started / stopped existing under this name. */
  since?: string;
  until?: string;
}

/** A collective addressee ("Các Sở, ban, ngành thành phố", "UBND các phường, xã"); members list its id in `groups`. */
export interface DirectoryGroup {
  id: string;
  name: string;
  aliases: string[];
  note?: string;
}

export interface Directory {
  entries: DirectoryEntry[];
  groups: DirectoryGroup[];
  /** Optional top-level description, e.g. that addresses marked `example` are not confirmed. */
  name?: string;
  note?: string;
}

export type DirectoryFormat = 'json' | 'csv' | 'xlsx' | 'vcard';
/** Where validated records came from: a file format, or the LDAP source (docs/ldap.md). */
export type DirectorySourceFormat = DirectoryFormat | 'ldap';

export interface DirectoryInfo {
  entries: number;
  groups: number;
  active: number;
  historical: number;
  recalled: number;
  /** Entries whose address is marked as an example. */
  examples: number;
  name: string | null;
  note: string | null;
  /** The file the directory was imported from, its format and when. Null when nothing was imported yet. */
  source: string | null;
  format: DirectoryFormat | null;
  importedAt: string | null;
  /** The last LDAP sync that changed the directory (docs/ldap.md); null when none. */
  ldap: { url: string; syncedAt: string; entries: number; groups: number } | null;
  /** The policy names an LDAP source (directory.ldap), so directory.syncLdap can run. */
  ldapConfigured: boolean;
}

export type ValidationSeverity = 'error' | 'warning';

export type ValidationCode =
  | 'parse'
  | 'missing-field'
  | 'bad-value'
  | 'unknown-key'
  | 'duplicate-id'
  | 'duplicate-group-id'
  | 'duplicate-address'
  | 'bad-address'
  | 'no-address'
  | 'dangling-successor'
  | 'dangling-group'
  | 'dangling-unit'
  | 'self-successor'
  | 'successor-cycle'
  | 'successor-not-active'
  | 'historical-without-successor'
  | 'successor-on-active'
  | 'unit-is-person'
  | 'legacy-encoding'
  | 'generated-id'
  | 'resolved-by-name';

export interface ValidationIssue {
  severity: ValidationSeverity;
  code: ValidationCode;
  /** 1-based line in the file: the entry's line for JSON, the row for CSV/XLSX, BEGIN:VCARD for vCard. */
  line: number | null;
  /** Id of the entry or group concerned, when known. */
  id: string | null;
  field: string | null;
  /** Vietnamese, for IT staff. */
  message: string;
  /** LDAP source: the DN of the entry concerned (line is then null). */
  dn?: string;
}

export interface ValidationReport {
  /** True when there is no error (warnings allowed). */
  ok: boolean;
  file: string | null;
  format: DirectorySourceFormat;
  entries: number;
  groups: number;
  errors: number;
  warnings: number;
  issues: ValidationIssue[];
}

export interface DirectoryImportResult {
  /** False when the file had errors: nothing was changed. */
  imported: boolean;
  dryRun: boolean;
  report: ValidationReport;
  info: DirectoryInfo;
}

export interface DirectoryExportResult {
  path: string;
  format: DirectoryFormat;
  entries: number;
  groups: number;
}

export type MatchField = 'name' | 'alias' | 'address' | 'title';

export interface DirectorySearchHit {
  entry: DirectoryEntry;
  score: number;
  /** Which name matched, for highlighting. */
  field: MatchField;
  matched: string;
  /** For historical/recalled entries: the current entry at the end of the successor chain. */
  successor: DirectoryEntry | null;
}

export interface DirectoryGroupHit {
  group: DirectoryGroup;
  score: number;
  matched: string;
  members: number;
}

export interface DirectorySearchResult {
  query: string;
  hits: DirectorySearchHit[];
  groups: DirectoryGroupHit[];
}

export type MatchStatus = 'matched' | 'ambiguous' | 'unmatched';

export interface MatchCandidate {
  /** Exactly one of entry / group is set. */
  entry: DirectoryEntry | null;
  group: DirectoryGroup | null;
  score: number;
  matched: string;
}

export interface MatchWarning {
  code: 'historical' | 'recalled' | 'no-address' | 'example-address' | 'empty-group';
  id: string;
  /** The current entry to write to instead, when there is one. */
  successor: string | null;
  message: string;
}

export interface MatchResult {
  status: MatchStatus;
  /** The text as matched (trimmed, purpose notes such as "(để b/c)" removed). */
  text: string;
  /** Purpose notes removed from the text ("để b/c"), kept for the caller. */
  notes: string[];
  /** matched: the entry named (historical ones included), or the members of the group named. Otherwise empty. */
  entries: DirectoryEntry[];
  /** matched and the text names a group: that group. */
  group: DirectoryGroup | null;
  /** Current successors of the historical/recalled entries in `entries` (end of each successor chain). */
  successors: DirectoryEntry[];
  /** ambiguous: the close candidates (never one picked silently). unmatched: the nearest names, as suggestions. */
  candidates: MatchCandidate[];
  warnings: MatchWarning[];
}

export interface DirectoryEntryDetail {
  entry: DirectoryEntry;
  unit: DirectoryEntry | null;
  successor: DirectoryEntry | null;
  /** End of the successor chain when it differs from `successor`. */
  currentSuccessor: DirectoryEntry | null;
  /** Entries whose successor is this entry (the bodies it replaced). */
  predecessors: DirectoryEntry[];
  /** People and sub-units whose unit is this entry. */
  members: DirectoryEntry[];
  groups: DirectoryGroup[];
}

export interface DirectoryListPage {
  /** Entries in the whole list (with the same includeHistorical). */
  total: number;
  offset: number;
  entries: DirectoryEntry[];
}

export interface DirectoryGroupSummary {
  group: DirectoryGroup;
  members: number;
}

export interface DirectoryGroupMembers {
  group: DirectoryGroup;
  members: DirectoryEntry[];
}

/** `directory.syncLdap` (docs/ldap.md). */
export interface LdapSyncResult {
  /** False when the LDAP data had errors: nothing was changed. */
  synced: boolean;
  url: string;
  /** What the server returned, and in how many pages. */
  fetched: { units: number; persons: number; groups: number; pages: number };
  /** Validation of the LDAP records (format "ldap"; each issue names its DN). */
  report: ValidationReport;
  /** LDAP-sourced entries before and after the sync. */
  before: number;
  after: number;
  durationMs: number;
  /** What the profile holds now. */
  info: DirectoryInfo;
}
