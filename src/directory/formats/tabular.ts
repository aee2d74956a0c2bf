// CSV and XLSX share one table layout: a header row, then one row per entry or group. Headers may be the English keys
// of the interchange JSON or their Vietnamese names ("Tên", "Địa chỉ thư", "Tên viết tắt"…), in any case, with or
// without diacritics. Rows whose kind is "group" (nhóm) define groups. Lists (aliases, groups) are separated by ";" or
// a line break inside the cell. docs/directory.md has the full table.
import type { Directory } from '../../api/types-directory.ts';
import { fold } from '../../text/index.ts';
import { ENTRY_FIELDS, parseIssue, type RawDirectory, type RawRecord } from './raw.ts';

export const COLUMNS = ENTRY_FIELDS;
export type Column = (typeof COLUMNS)[number];

/** Vietnamese headers written on export (the first name of each column below). */
export const VI_HEADERS: Record<Column, string> = {
  id: 'Mã',
  kind: 'Loại',
  name: 'Tên',
  address: 'Địa chỉ thư',
  aliases: 'Tên viết tắt',
  groups: 'Nhóm',
  status: 'Trạng thái',
  successor: 'Đơn vị kế thừa',
  unit: 'Thuộc đơn vị',
  title: 'Chức vụ',
  example: 'Địa chỉ ví dụ',
  note: 'Ghi chú',
  since: 'Từ ngày',
  until: 'Đến ngày',
};

// Accepted headers, compared after fold() and collapsing punctuation to single spaces.
const HEADER_NAMES: Record<Column, string[]> = {
  id: ['id', 'ma', 'ma dinh danh', 'ma so', 'ma don vi', 'uid'],
  kind: ['kind', 'type', 'loai', 'kieu', 'loai muc'],
  name: ['name', 'ten', 'ho ten', 'ho va ten', 'ten co quan', 'ten don vi', 'ten day du', 'full name', 'fn'],
  address: [
    'address',
    'email',
    'e mail',
    'mail',
    'dia chi thu',
    'dia chi email',
    'dia chi e mail',
    'thu dien tu',
    'dia chi thu dien tu',
    'hop thu',
  ],
  aliases: ['aliases', 'alias', 'ten viet tat', 'viet tat', 'ten khac', 'ten goi khac', 'bi danh', 'abbreviations'],
  groups: ['groups', 'group', 'nhom', 'cac nhom', 'thuoc nhom'],
  status: ['status', 'trang thai', 'tinh trang'],
  successor: ['successor', 'ke thua', 'don vi ke thua', 'co quan ke thua', 'thay the boi', 'ke nhiem'],
  unit: ['unit', 'don vi', 'co quan', 'thuoc don vi', 'thuoc co quan', 'don vi cong tac', 'organization', 'org'],
  title: ['title', 'chuc vu', 'chuc danh'],
  example: ['example', 'vi du', 'dia chi vi du', 'chua xac nhan'],
  note: ['note', 'notes', 'ghi chu'],
  since: ['since', 'tu ngay', 'hieu luc tu'],
  until: ['until', 'den ngay', 'het hieu luc'],
};

const headerKey = (s: string) =>
  fold(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const HEADER_LOOKUP = new Map<string, Column>();
for (const c of COLUMNS) for (const h of HEADER_NAMES[c]) HEADER_LOOKUP.set(h, c);

export function columnOf(header: string): Column | null {
  return HEADER_LOOKUP.get(headerKey(header)) ?? null;
}

// Cell values that mean the same as the JSON enums.
const KIND_VALUES: Record<string, 'unit' | 'person' | 'group'> = {
  unit: 'unit',
  'don vi': 'unit',
  'co quan': 'unit',
  'to chuc': 'unit',
  org: 'unit',
  person: 'person',
  'ca nhan': 'person',
  nguoi: 'person',
  individual: 'person',
  group: 'group',
  nhom: 'group',
};
const STATUS_VALUES: Record<string, 'active' | 'historical' | 'recalled'> = {
  active: 'active',
  'hoat dong': 'active',
  'dang hoat dong': 'active',
  'con hoat dong': 'active',
  historical: 'historical',
  'lich su': 'historical',
  cu: 'historical',
  'da giai the': 'historical',
  'da sap nhap': 'historical',
  'da hop nhat': 'historical',
  'khong con': 'historical',
  recalled: 'recalled',
  'thu hoi': 'recalled',
  'da thu hoi': 'recalled',
};
const TRUE_VALUES = new Set(['true', '1', 'x', 'yes', 'co', 'dung', 'vi du']);
const FALSE_VALUES = new Set(['false', '0', 'no', 'khong', 'sai', '']);

export function kindValue(s: string): string {
  return KIND_VALUES[headerKey(s)] ?? s;
}
export function statusValue(s: string): string {
  return STATUS_VALUES[headerKey(s)] ?? s;
}
export function boolValue(s: string): boolean | string {
  const k = headerKey(s);
  if (TRUE_VALUES.has(k)) return true;
  if (FALSE_VALUES.has(k)) return false;
  return s;
}
export function listValue(s: string): string[] {
  return s
    .split(/[;\n\r]+/)
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
}

export interface TableRow {
  cells: string[];
  line: number;
}

/** Rows (header first) → records shaped like the interchange JSON. */
export function readTable(rows: TableRow[], format: 'csv' | 'xlsx'): RawDirectory {
  const raw: RawDirectory = { format, entries: [], groups: [], top: {}, issues: [], lenient: true };
  const nonEmpty = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const header = nonEmpty[0];
  if (!header) {
    raw.issues.push(parseIssue(1, 'Tệp không có dòng tiêu đề.'));
    return raw;
  }
  const cols: Array<Column | null> = header.cells.map((h) => columnOf(h));
  const seen = new Set<Column>();
  header.cells.forEach((h, i) => {
    const c = cols[i];
    if (c === null || c === undefined) {
      if (h.trim() !== '')
        raw.issues.push({
          severity: 'warning',
          code: 'unknown-key',
          line: header.line,
          id: null,
          field: h,
          message: `Cột "${h}" không được nhận diện và bị bỏ qua.`,
        });
    } else if (seen.has(c)) {
      raw.issues.push(parseIssue(header.line, `Cột "${h}" trùng với một cột khác (${c}).`));
      cols[i] = null;
    } else seen.add(c);
  });
  if (!seen.has('name')) raw.issues.push(parseIssue(header.line, 'Thiếu cột "Tên" (name).'));
  for (const row of nonEmpty.slice(1)) {
    const rec: Record<string, unknown> = {};
    cols.forEach((c, i) => {
      if (!c) return;
      const v = (row.cells[i] ?? '').trim();
      switch (c) {
        case 'aliases':
        case 'groups':
          rec[c] = listValue(v);
          break;
        case 'kind':
          if (v !== '') rec[c] = kindValue(v);
          break;
        case 'status':
          if (v !== '') rec[c] = statusValue(v);
          break;
        case 'example': {
          const b = boolValue(v);
          if (b !== false) rec[c] = b;
          break;
        }
        default:
          rec[c] = v === '' ? null : v;
      }
    });
    const record: RawRecord = { value: rec, line: row.line };
    if (rec.kind === 'group') {
      // A group row uses id, name, aliases and note; other cells should be empty (the validator reports any that are not).
      delete rec.kind;
      for (const [k, v] of Object.entries(rec)) {
        const empty = v === null || (Array.isArray(v) && v.length === 0);
        if (empty && k !== 'aliases') delete rec[k];
      }
      raw.groups.push(record);
    } else raw.entries.push(record);
  }
  return raw;
}

/** The directory as table rows (Vietnamese headers; a row per entry, then a row per group with kind "group"). */
export function writeTable(dir: Directory): string[][] {
  const rows: string[][] = [COLUMNS.map((c) => VI_HEADERS[c])];
  for (const e of dir.entries) {
    rows.push(
      COLUMNS.map((c) => {
        switch (c) {
          case 'aliases':
          case 'groups':
            return e[c].join('; ');
          case 'example':
            return e.example ? 'x' : '';
          default:
            return (e[c] as string | null | undefined) ?? '';
        }
      }),
    );
  }
  for (const g of dir.groups) {
    rows.push(
      COLUMNS.map((c) => {
        if (c === 'id') return g.id;
        if (c === 'kind') return 'group';
        if (c === 'name') return g.name;
        if (c === 'aliases') return g.aliases.join('; ');
        if (c === 'note') return g.note ?? '';
        return '';
      }),
    );
  }
  return rows;
}
