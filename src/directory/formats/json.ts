// The interchange format (issue 5; data/directory/schema.json). A small JSON parser that remembers the line of every
// object, so validation can say "dòng 12" for the entry at fault: JSON.parse forgets positions.
import type { Directory } from '../../api/types-directory.ts';
import { parseIssue, type RawDirectory, type RawRecord } from './raw.ts';

class JsonSyntaxError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

interface Parsed {
  value: unknown;
  /** Line of each object and array, by identity. */
  lines: WeakMap<object, number>;
}

export function parseJsonWithLines(text: string): Parsed {
  const lines = new WeakMap<object, number>();
  let i = 0;
  let line = 1;
  const n = text.length;

  const fail = (msg: string): never => {
    throw new JsonSyntaxError(msg, line);
  };
  const ws = () => {
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) line++;
      else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) break;
    }
  };
  const str = (): string => {
    // At the opening quote.
    i++;
    let out = '';
    let start = i;
    for (;;) {
      if (i >= n) fail('chuỗi chưa đóng (thiếu ")');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(start, i);
        i++;
        return out;
      }
      if (c === 0x0a) fail('xuống dòng trong chuỗi');
      if (c === 0x5c) {
        out += text.slice(start, i);
        const e = text[i + 1];
        const map: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        if (e !== undefined && e in map) {
          out += map[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else fail('ký tự thoát không hợp lệ trong chuỗi');
        start = i;
        continue;
      }
      i++;
    }
  };
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === '{') {
      const obj: Record<string, unknown> = {};
      lines.set(obj, line);
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('cần tên khóa trong dấu ngoặc kép');
        const key = str();
        ws();
        if (text[i] !== ':') fail('thiếu dấu ":" sau tên khóa');
        i++;
        const v = value();
        if (Object.hasOwn(obj, key)) fail(`khóa "${key}" bị lặp trong cùng đối tượng`);
        Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail('thiếu dấu "," hoặc "}"');
      }
    }
    if (c === '[') {
      const arr: unknown[] = [];
      lines.set(arr, line);
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail('thiếu dấu "," hoặc "]"');
      }
    }
    if (c === '"') return str();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!m) return fail(i >= n ? 'tệp kết thúc giữa chừng' : `giá trị không hợp lệ gần "${text.slice(i, i + 12)}"`);
    i += m[0].length;
    if (m[0] === 'true') return true;
    if (m[0] === 'false') return false;
    if (m[0] === 'null') return null;
    return Number(m[0]);
  };

  if (text.charCodeAt(0) === 0xfeff) i = 1;
  const v = value();
  ws();
  if (i < n) fail('còn dữ liệu sau khi kết thúc JSON');
  return { value: v, lines };
}

export function readJson(text: string): RawDirectory {
  const raw: RawDirectory = { format: 'json', entries: [], groups: [], top: {}, issues: [], lenient: false };
  let parsed: Parsed;
  try {
    parsed = parseJsonWithLines(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) {
      raw.issues.push(parseIssue(err.line, `Lỗi cú pháp JSON: ${err.message}.`));
      return raw;
    }
    throw err;
  }
  const { value, lines } = parsed;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    raw.issues.push(parseIssue(1, 'Tệp JSON phải là một đối tượng { "entries": [...], "groups": [...] }.'));
    return raw;
  }
  const top = value as Record<string, unknown>;
  const list = (key: 'entries' | 'groups'): RawRecord[] => {
    const v = top[key];
    if (v === undefined) {
      if (key === 'entries') raw.issues.push(parseIssue(1, 'Thiếu mảng "entries".'));
      return [];
    }
    if (!Array.isArray(v)) {
      raw.issues.push(parseIssue(lineOf(lines, v, 1), `"${key}" phải là một mảng.`));
      return [];
    }
    const at = lines.get(v) ?? 1;
    return v.map((item) => ({ value: item, line: lineOf(lines, item, at) }));
  };
  raw.entries = list('entries');
  raw.groups = list('groups');
  for (const [k, v] of Object.entries(top)) if (k !== 'entries' && k !== 'groups') raw.top[k] = v;
  return raw;
}

function lineOf(lines: WeakMap<object, number>, v: unknown, fallback: number): number {
  return v !== null && typeof v === 'object' ? (lines.get(v) ?? fallback) : fallback;
}

/** The interchange JSON, stable key order, one entry per line block (diff-friendly for IT). */
export function writeJson(dir: Directory): string {
  const out: Record<string, unknown> = {};
  if (dir.name !== undefined) out.name = dir.name;
  if (dir.note !== undefined) out.note = dir.note;
  out.entries = dir.entries.map((e) => {
    const o: Record<string, unknown> = {
      id: e.id,
      kind: e.kind,
      name: e.name,
      address: e.address,
      aliases: e.aliases,
      groups: e.groups,
      status: e.status,
      successor: e.successor,
      unit: e.unit,
      title: e.title,
    };
    if (e.example) o.example = true;
    if (e.note !== undefined) o.note = e.note;
    if (e.since !== undefined) o.since = e.since;
    if (e.until !== undefined) o.until = e.until;
    return o;
  });
  out.groups = dir.groups.map((g) => {
    const o: Record<string, unknown> = { id: g.id, name: g.name, aliases: g.aliases };
    if (g.note !== undefined) o.note = g.note;
    return o;
  });
  return JSON.stringify(out, null, 2) + '\n';
}
