// One validator for every format (issue 5 "tcv directory validate"): the shape of each record, then the checks across
// records: duplicate ids and addresses, bad addresses, successors, groups and units that point nowhere, successor
// cycles. Each finding carries the line of the record (formats/raw.ts). Errors block an import; warnings do not.
import type {
  Directory,
  DirectoryEntry,
  DirectoryGroup,
  ValidationCode,
  ValidationIssue,
  ValidationReport,
} from '../api/types-directory.ts';
import { fold, looksLegacy, nfc } from '../text/index.ts';
import { ENTRY_FIELDS, type RawDirectory, type RawRecord } from './formats/raw.ts';

const ENTRY_KEYS = new Set<string>(ENTRY_FIELDS);
const GROUP_KEYS = new Set(['id', 'name', 'aliases', 'note']);
const TOP_KEYS = new Set(['$schema', 'name', 'note', 'entries', 'groups']);

// RFC 5321 §4.1.2 dot-atom local part and a DNS domain with a TLD: what an agency mailbox looks like. Diacritics,
// spaces and doubled dots are the usual typing mistakes this catches ("sở.tc@cantho.gov.vn", "stc@cantho..gov.vn").
const LOCAL = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*";
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const ADDRESS = new RegExp(`^${LOCAL}@(?:${LABEL}\\.)+[A-Za-z]{2,63}$`);
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isValidAddress(a: string): boolean {
  return a.length <= 254 && ADDRESS.test(a) && (a.split('@')[0] as string).length <= 64;
}

export interface Validated {
  directory: Directory;
  report: ValidationReport;
}

export function validateRaw(raw: RawDirectory, file: string | null = null): Validated {
  const issues: ValidationIssue[] = [...raw.issues];
  const add = (
    severity: 'error' | 'warning',
    code: ValidationCode,
    line: number | null,
    id: string | null,
    field: string | null,
    message: string,
  ) => issues.push({ severity, code, line, id, field, message });

  for (const k of Object.keys(raw.top))
    if (!TOP_KEYS.has(k)) add('warning', 'unknown-key', 1, null, k, `Khóa "${k}" ở cấp ngoài cùng không được dùng.`);
  const dir: Directory = { entries: [], groups: [] };
  if (typeof raw.top.name === 'string') dir.name = nfc(raw.top.name);
  if (typeof raw.top.note === 'string') dir.note = nfc(raw.top.note);

  // --- shape of each record ------------------------------------------------------------------------------------
  const str = (
    rec: Record<string, unknown>,
    key: string,
    line: number | null,
    id: string | null,
    required: boolean,
  ) => {
    const v = rec[key];
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      if (required) add('error', 'missing-field', line, id, key, `Thiếu "${key}".`);
      return null;
    }
    if (typeof v !== 'string') {
      add('error', 'bad-value', line, id, key, `"${key}" phải là chuỗi.`);
      return null;
    }
    return nfc(v.trim());
  };
  const list = (rec: Record<string, unknown>, key: string, line: number | null, id: string | null): string[] => {
    const v = rec[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      add('error', 'bad-value', line, id, key, `"${key}" phải là mảng chuỗi.`);
      return [];
    }
    return [...new Set((v as string[]).map((x) => nfc(x.trim())).filter((x) => x !== ''))];
  };
  const asObject = (r: RawRecord, what: string): Record<string, unknown> | null => {
    if (r.value === null || typeof r.value !== 'object' || Array.isArray(r.value)) {
      add('error', 'bad-value', r.line, null, null, `Mỗi ${what} phải là một đối tượng JSON.`);
      return null;
    }
    return r.value as Record<string, unknown>;
  };

  const groupLines = new Map<string, number | null>();
  let generated = 0;
  const usedIds = new Set<string>();
  for (const r of raw.entries) {
    const rec = r.value as Record<string, unknown> | null;
    if (rec && typeof rec === 'object' && typeof rec.id === 'string' && rec.id.trim()) usedIds.add(rec.id.trim());
  }
  for (const r of raw.groups) {
    const rec = r.value as Record<string, unknown> | null;
    if (rec && typeof rec === 'object' && typeof rec.id === 'string' && rec.id.trim()) usedIds.add(rec.id.trim());
  }
  const makeId = (base: string): string => {
    const stem =
      fold(base)
        .replace(/[^a-z0-9@.]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60) || 'muc';
    let id = stem;
    for (let k = 2; usedIds.has(id); k++) id = `${stem}-${k}`;
    usedIds.add(id);
    generated++;
    return id;
  };

  for (const r of raw.groups) {
    const rec = asObject(r, 'nhóm');
    if (!rec) continue;
    let id = str(rec, 'id', r.line, null, !raw.lenient);
    const name = str(rec, 'name', r.line, id, true);
    if (id === null && raw.lenient && name !== null) id = makeId(name);
    for (const k of Object.keys(rec))
      if (!GROUP_KEYS.has(k)) add('warning', 'unknown-key', r.line, id, k, `Khóa "${k}" không dùng cho nhóm.`);
    if (id === null || name === null) continue;
    if (groupLines.has(id)) {
      add(
        'error',
        'duplicate-group-id',
        r.line,
        id,
        'id',
        `Mã nhóm "${id}" trùng với nhóm ở ${where(groupLines.get(id))}.`,
      );
      continue;
    }
    groupLines.set(id, r.line);
    const g: DirectoryGroup = { id, name, aliases: list(rec, 'aliases', r.line, id) };
    const note = str(rec, 'note', r.line, id, false);
    if (note !== null) g.note = note;
    dir.groups.push(g);
  }

  const entryLines = new Map<string, number | null>();
  const lineOf = new Map<DirectoryEntry, number | null>();
  for (const r of raw.entries) {
    const rec = asObject(r, 'mục');
    if (!rec) continue;
    let id = str(rec, 'id', r.line, null, !raw.lenient);
    const name = str(rec, 'name', r.line, id, true);
    for (const k of Object.keys(rec))
      if (!ENTRY_KEYS.has(k)) add('warning', 'unknown-key', r.line, id, k, `Khóa "${k}" không được dùng.`);
    let address = str(rec, 'address', r.line, id, false);
    if (address !== null && address.toLowerCase().startsWith('mailto:')) address = address.slice(7);
    if (id === null && raw.lenient && name !== null) id = makeId(address ?? name);
    if (id === null || name === null) continue;

    let kind = rec.kind;
    if ((kind === undefined || kind === null || kind === '') && raw.lenient)
      kind = rec.title || rec.unit ? 'person' : 'unit';
    if (kind !== 'unit' && kind !== 'person') {
      if (kind === undefined || kind === null) add('error', 'missing-field', r.line, id, 'kind', 'Thiếu "kind".');
      else
        add(
          'error',
          'bad-value',
          r.line,
          id,
          'kind',
          `"kind" phải là "unit" hoặc "person", không phải "${String(kind)}".`,
        );
      kind = 'unit';
    }
    let status = rec.status ?? 'active';
    if (status !== 'active' && status !== 'historical' && status !== 'recalled') {
      add(
        'error',
        'bad-value',
        r.line,
        id,
        'status',
        `"status" phải là "active", "historical" hoặc "recalled", không phải "${String(status)}".`,
      );
      status = 'active';
    }
    const e: DirectoryEntry = {
      id,
      kind: kind as DirectoryEntry['kind'],
      name,
      address,
      aliases: list(rec, 'aliases', r.line, id),
      groups: list(rec, 'groups', r.line, id),
      status: status as DirectoryEntry['status'],
      successor: str(rec, 'successor', r.line, id, false),
      unit: str(rec, 'unit', r.line, id, false),
      title: str(rec, 'title', r.line, id, false),
    };
    if (rec.example !== undefined && rec.example !== null) {
      if (typeof rec.example !== 'boolean')
        add('error', 'bad-value', r.line, id, 'example', '"example" phải là true hoặc false.');
      else if (rec.example) e.example = true;
    }
    const note = str(rec, 'note', r.line, id, false);
    if (note !== null) e.note = note;
    for (const k of ['since', 'until'] as const) {
      const d = str(rec, k, r.line, id, false);
      if (d === null) continue;
      if (!DATE.test(d)) add('error', 'bad-value', r.line, id, k, `"${k}" phải có dạng YYYY-MM-DD, không phải "${d}".`);
      else e[k] = d;
    }
    for (const [field, text] of [['name', e.name], ...e.aliases.map((a) => ['aliases', a])] as Array<
      [string, string]
    >) {
      if (looksLegacy(text)) {
        add(
          'warning',
          'legacy-encoding',
          r.line,
          id,
          field,
          `"${text}" có vẻ là chữ mã cũ (TCVN3/VNI…) chứ không phải Unicode: hãy chuyển mã (tcv text convert).`,
        );
        break;
      }
    }
    if (entryLines.has(id)) {
      add('error', 'duplicate-id', r.line, id, 'id', `Mã "${id}" trùng với mục ở ${where(entryLines.get(id))}.`);
      continue;
    }
    entryLines.set(id, r.line);
    lineOf.set(e, r.line);
    dir.entries.push(e);
  }
  if (generated > 0)
    add(
      'warning',
      'generated-id',
      null,
      null,
      'id',
      `${generated} mục/nhóm không có mã (id): đã tạo mã tự động từ địa chỉ thư hoặc tên. Nên thêm cột "Mã" để mã không đổi giữa các lần nhập.`,
    );

  // --- across records ------------------------------------------------------------------------------------------
  const byId = new Map(dir.entries.map((e) => [e.id, e]));
  const groupIds = new Set(dir.groups.map((g) => g.id));
  // Lenient formats may name a unit, successor or group instead of giving its id; resolve an exact, unique name.
  const entryByName = new Map<string, DirectoryEntry | null>();
  for (const e of dir.entries)
    for (const n of [e.name, ...e.aliases]) {
      const k = fold(n).replace(/\s+/g, ' ').trim();
      const prev = entryByName.get(k);
      entryByName.set(k, prev === undefined || prev === e ? e : null);
    }
  const groupByName = new Map<string, string | null>();
  for (const g of dir.groups)
    for (const n of [g.name, ...g.aliases]) {
      const k = fold(n).replace(/\s+/g, ' ').trim();
      const prev = groupByName.get(k);
      groupByName.set(k, prev === undefined || prev === g.id ? g.id : null);
    }

  const addresses = new Map<string, { id: string; line: number | null }>();
  for (const e of dir.entries) {
    const line = lineOf.get(e) ?? null;
    if (e.address !== null) {
      if (!isValidAddress(e.address)) {
        add('error', 'bad-address', line, e.id, 'address', `Địa chỉ thư "${e.address}" không hợp lệ.`);
      } else {
        const key = e.address.toLowerCase();
        const first = addresses.get(key);
        if (first)
          add(
            'error',
            'duplicate-address',
            line,
            e.id,
            'address',
            `Địa chỉ thư "${e.address}" trùng với mục "${first.id}" ở ${where(first.line)}.`,
          );
        else addresses.set(key, { id: e.id, line });
      }
    } else if (e.status === 'active') {
      add('warning', 'no-address', line, e.id, 'address', `"${e.name}" đang hoạt động nhưng chưa có địa chỉ thư.`);
    }

    const resolve = (field: 'successor' | 'unit'): DirectoryEntry | null => {
      const ref = e[field];
      if (ref === null) return null;
      const hit = byId.get(ref);
      if (hit) return hit;
      if (raw.lenient) {
        const byName = entryByName.get(fold(ref).replace(/\s+/g, ' ').trim());
        if (byName) {
          e[field] = byName.id;
          add(
            'warning',
            'resolved-by-name',
            line,
            e.id,
            field,
            `"${ref}" được hiểu là mục "${byName.id}" (${byName.name}).`,
          );
          return byName;
        }
      }
      const code = field === 'successor' ? 'dangling-successor' : 'dangling-unit';
      const label = field === 'successor' ? 'Đơn vị kế thừa' : 'Đơn vị';
      add('error', code, line, e.id, field, `${label} "${ref}" không có trong danh bạ.`);
      return null;
    };
    const succ = resolve('successor');
    if (e.successor === e.id)
      add('error', 'self-successor', line, e.id, 'successor', 'Một mục không thể kế thừa chính nó.');
    const unit = resolve('unit');
    if (unit && unit.kind !== 'unit')
      add(
        'error',
        'unit-is-person',
        line,
        e.id,
        'unit',
        `"unit" trỏ tới "${unit.id}", là cá nhân chứ không phải đơn vị.`,
      );
    if (unit === e) add('error', 'dangling-unit', line, e.id, 'unit', 'Một mục không thể thuộc chính nó.');

    e.groups = e.groups.map((g) => {
      if (groupIds.has(g)) return g;
      if (raw.lenient) {
        const gid = groupByName.get(fold(g).replace(/\s+/g, ' ').trim());
        if (gid) {
          add('warning', 'resolved-by-name', line, e.id, 'groups', `Nhóm "${g}" được hiểu là nhóm "${gid}".`);
          return gid;
        }
      }
      add('error', 'dangling-group', line, e.id, 'groups', `Nhóm "${g}" không có trong danh sách nhóm.`);
      return g;
    });
    e.groups = [...new Set(e.groups)];

    if (e.status === 'historical' && e.successor === null)
      add(
        'warning',
        'historical-without-successor',
        line,
        e.id,
        'successor',
        `"${e.name}" không còn hoạt động nhưng không có đơn vị kế thừa.`,
      );
    if (e.status === 'active' && e.successor !== null && succ)
      add(
        'warning',
        'successor-on-active',
        line,
        e.id,
        'successor',
        `"${e.name}" đang hoạt động nhưng có đơn vị kế thừa.`,
      );
  }

  // Successor chains: no cycles, and they should end at an entry that is active.
  const reported = new Set<string>();
  for (const e of dir.entries) {
    if (e.successor === null || e.successor === e.id || !byId.has(e.successor)) continue;
    const seen = new Set<string>([e.id]);
    let cur = byId.get(e.successor);
    let cycle = false;
    while (cur) {
      if (seen.has(cur.id)) {
        cycle = true;
        break;
      }
      seen.add(cur.id);
      if (cur.successor === null || cur.successor === cur.id) break;
      cur = byId.get(cur.successor);
    }
    if (cycle) {
      if (![...seen].some((x) => reported.has(x)))
        add(
          'error',
          'successor-cycle',
          lineOf.get(e) ?? null,
          e.id,
          'successor',
          `Chuỗi kế thừa lặp vòng: ${[...seen].join(' → ')} → ${cur?.id ?? ''}.`,
        );
      for (const x of seen) reported.add(x);
    } else if (cur && cur.status !== 'active') {
      add(
        'warning',
        'successor-not-active',
        lineOf.get(e) ?? null,
        e.id,
        'successor',
        `Chuỗi kế thừa của "${e.name}" kết thúc ở "${cur.id}", mục không còn hoạt động.`,
      );
    }
  }

  issues.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  const errors = issues.filter((i) => i.severity === 'error').length;
  return {
    directory: dir,
    report: {
      ok: errors === 0,
      file,
      format: raw.format,
      entries: dir.entries.length,
      groups: dir.groups.length,
      errors,
      warnings: issues.length - errors,
      issues,
    },
  };
}

function where(line: number | null | undefined): string {
  return line ? `dòng ${line}` : 'một mục trước';
}
