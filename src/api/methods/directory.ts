import { z } from 'zod';
import type {
  DirectoryEntryDetail,
  DirectoryExportResult,
  DirectoryGroupMembers,
  DirectoryGroupSummary,
  DirectoryImportResult,
  DirectoryInfo,
  DirectoryListPage,
  DirectorySearchResult,
  LdapSyncResult,
  MatchResult,
  ValidationReport,
} from '../types-directory.ts';
import { method } from './define.ts';

// The city directory (issue 5). Files are named by path: main/ picks them with a dialog, the CLI from its arguments.
const path = z.string().min(1).max(4096);
const format = z.enum(['auto', 'json', 'csv', 'xlsx', 'vcard']).default('auto');
const id = z.string().min(1).max(320);
/** 20 MB of file (a city directory with tens of thousands of people is a few MB), as base64. */
const MAX_IMPORT_BASE64 = Math.ceil((20 * 1024 * 1024) / 3) * 4;

export const directoryMethods = {
  'directory.info': method<DirectoryInfo>()(z.object({})),
  'directory.search': method<DirectorySearchResult>()(
    z.object({
      query: z.string().max(500),
      limit: z.number().int().min(1).max(500).default(20),
      /** Historical and recalled entries are listed (after the active ones, with their successor) unless false. */
      includeHistorical: z.boolean().default(true),
    }),
  ),
  /** One "Nơi nhận" / "Kính gửi" item → matched / ambiguous / unmatched. */
  'directory.match': method<MatchResult>()(z.object({ text: z.string().max(2000) })),
  'directory.matchMany': method<MatchResult[]>()(z.object({ items: z.array(z.string().max(2000)).max(500) })),
  /** A page of the whole directory in its stored order (the UI's "all entries" list loads it as it scrolls). */
  'directory.list': method<DirectoryListPage>()(
    z.object({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
      includeHistorical: z.boolean().default(true),
    }),
  ),
  'directory.get': method<DirectoryEntryDetail>()(z.object({ id })),
  'directory.groups': method<DirectoryGroupSummary[]>()(z.object({})),
  'directory.members': method<DirectoryGroupMembers>()(z.object({ groupId: id })),
  'directory.validate': method<ValidationReport>()(z.object({ path, format })),
  /** Replaces the profile's directory with the file's, unless the file has errors (then nothing changes). */
  'directory.import': method<DirectoryImportResult>()(z.object({ path, format, dryRun: z.boolean().default(false) })),
  /**
   * The same from the file's bytes (base64), for the UI: the user picks the file in the window, so no path crosses.
   * `acceptErrors` imports the records without errors when the user chose that after seeing the report.
   */
  'directory.importData': method<DirectoryImportResult>()(
    z.object({
      name: z.string().min(1).max(1000),
      dataBase64: z
        .string()
        .max(MAX_IMPORT_BASE64)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
      format,
      dryRun: z.boolean().default(false),
      acceptErrors: z.boolean().default(false),
    }),
  ),
  'directory.export': method<DirectoryExportResult>()(
    z.object({
      path,
      format: z.enum(['json', 'csv', 'xlsx', 'vcard']),
      vcardVersion: z.enum(['3.0', '4.0']).default('4.0'),
    }),
  ),
  /** Replaces the LDAP-sourced entries with the server's (policy directory.ldap, docs/ldap.md); file entries stay. */
  'directory.syncLdap': method<LdapSyncResult>()(z.object({})),
  /** Stores the LDAP bind password in the keychain entry the policy names (for IT; never written anywhere else). */
  'directory.ldapPassword': method<{ keychainAccount: string }>()(z.object({ password: z.string().min(1).max(1024) })),
} as const;
