// Reading and writing a directory file in any supported format: pick the format (extension, then content), decode the
// text (BOMs, UTF-16 as Excel's "Unicode text", legacy Vietnamese code pages as old Excel CSV exports), parse, validate.
import type { Directory, DirectoryFormat, ValidationIssue } from '../api/types-directory.ts';
import { detect } from '../text/index.ts';
import { readCsv, writeCsv } from './formats/csv.ts';
import { readJson, writeJson } from './formats/json.ts';
import type { RawDirectory } from './formats/raw.ts';
import { readVcard, writeVcard } from './formats/vcard.ts';
import { readXlsx, writeXlsx } from './formats/xlsx.ts';
import { validateRaw, type Validated } from './validate.ts';

export const FORMATS: readonly DirectoryFormat[] = ['json', 'csv', 'xlsx', 'vcard'];

export function formatFromName(name: string): DirectoryFormat | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  switch (ext) {
    case 'json':
      return 'json';
    case 'csv':
    case 'tsv':
      return 'csv';
    case 'xlsx':
      return 'xlsx';
    case 'vcf':
    case 'vcard':
      return 'vcard';
    default:
      return null;
  }
}

export function sniffFormat(bytes: Uint8Array): DirectoryFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  const head = decodeText(bytes.subarray(0, 512)).text.trimStart();
  if (/^BEGIN:VCARD/i.test(head)) return 'vcard';
  if (head.startsWith('{')) return 'json';
  return 'csv';
}

/** Bytes → text. UTF-8 (with or without BOM) and UTF-16 with a BOM; anything else goes through legacy detection. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    const d = detect(bytes);
    return { text: d.text, encoding: d.encoding };
  }
}

export interface ReadOptions {
  format?: DirectoryFormat | 'auto';
  /** The file's name, for the format guess and the report. */
  file?: string | null;
}

export function parseDirectory(bytes: Uint8Array, opts: ReadOptions = {}): RawDirectory {
  const format =
    opts.format && opts.format !== 'auto'
      ? opts.format
      : ((opts.file && formatFromName(opts.file)) ?? sniffFormat(bytes));
  if (format === 'xlsx') return readXlsx(bytes);
  const { text, encoding } = decodeText(bytes);
  const raw = format === 'json' ? readJson(text) : format === 'vcard' ? readVcard(text) : readCsv(text);
  if (encoding !== 'utf-8' && encoding !== 'utf-16le' && encoding !== 'utf-16be') {
    const note: ValidationIssue = {
      severity: 'warning',
      code: 'legacy-encoding',
      line: null,
      id: null,
      field: null,
      message: `Tệp không phải UTF-8; đã đọc theo bảng mã ${encoding}. Nên lưu lại tệp ở dạng UTF-8.`,
    };
    raw.issues.push(note);
  }
  return raw;
}

/** Parse and validate. The directory is complete only when `report.ok`. */
export function readDirectory(bytes: Uint8Array, opts: ReadOptions = {}): Validated {
  return validateRaw(parseDirectory(bytes, opts), opts.file ?? null);
}

export function writeDirectory(
  dir: Directory,
  format: DirectoryFormat,
  opts: { vcardVersion?: '3.0' | '4.0' } = {},
): Uint8Array {
  switch (format) {
    case 'json':
      return new TextEncoder().encode(writeJson(dir));
    case 'csv':
      return new TextEncoder().encode(writeCsv(dir));
    case 'xlsx':
      return writeXlsx(dir);
    case 'vcard':
      return new TextEncoder().encode(writeVcard(dir, opts.vcardVersion ?? '4.0'));
  }
}
