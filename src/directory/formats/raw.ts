// What every reader produces before validation: JSON-shaped records, each with the line it came from, so that one
// validator (validate.ts) checks every format the same way and reports line numbers.
import type { DirectorySourceFormat, ValidationIssue } from '../../api/types-directory.ts';

export interface RawRecord {
  value: unknown;
  /** 1-based line (JSON: the entry's opening brace; CSV/XLSX: the row; vCard: BEGIN:VCARD). */
  line: number | null;
}

export interface RawDirectory {
  format: DirectorySourceFormat;
  entries: RawRecord[];
  groups: RawRecord[];
  /** Top-level keys other than entries/groups (name, note, $schema). */
  top: Record<string, unknown>;
  /** Problems found while reading (syntax errors, unreadable rows). */
  issues: ValidationIssue[];
  /**
   * Tabular and vCard files often lack ids and refer to units and successors by name: the validator may then make ids
   * and resolve names (with a warning). JSON is the strict interchange format: ids are required there.
   */
  lenient: boolean;
}

export function parseIssue(line: number | null, message: string): ValidationIssue {
  return { severity: 'error', code: 'parse', line, id: null, field: null, message };
}

/** Every field an entry may carry, in the interchange order (JSON keys, CSV/XLSX columns, validation). */
export const ENTRY_FIELDS = [
  'id',
  'kind',
  'name',
  'address',
  'aliases',
  'groups',
  'status',
  'successor',
  'unit',
  'title',
  'example',
  'note',
  'since',
  'until',
] as const;
