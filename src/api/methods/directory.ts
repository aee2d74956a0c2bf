import { z } from 'zod';
import type {
  DirectoryEntryDetail,
  DirectoryExportResult,
  DirectoryGroupMembers,
  DirectoryGroupSummary,
  DirectoryImportResult,
  DirectoryInfo,
  DirectorySearchResult,
  MatchResult,
  ValidationReport,
} from '../types-directory.ts';
import { method } from './define.ts';

// The city directory (issue 5). Files are named by path: main/ picks them with a dialog, the CLI from its arguments.
const path = z.string().min(1).max(4096);
const format = z.enum(['auto', 'json', 'csv', 'xlsx', 'vcard']).default('auto');
const id = z.string().min(1).max(320);

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
  'directory.get': method<DirectoryEntryDetail>()(z.object({ id })),
  'directory.groups': method<DirectoryGroupSummary[]>()(z.object({})),
  'directory.members': method<DirectoryGroupMembers>()(z.object({ groupId: id })),
  'directory.validate': method<ValidationReport>()(z.object({ path, format })),
  /** Replaces the profile's directory with the file's, unless the file has errors (then nothing changes). */
  'directory.import': method<DirectoryImportResult>()(z.object({ path, format, dryRun: z.boolean().default(false) })),
  'directory.export': method<DirectoryExportResult>()(
    z.object({
      path,
      format: z.enum(['json', 'csv', 'xlsx', 'vcard']),
      vcardVersion: z.enum(['3.0', '4.0']).default('4.0'),
    }),
  ),
} as const;
