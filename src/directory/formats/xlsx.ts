// XLSX (Office Open XML, ECMA-376 Part 1 §18.3 worksheets, §18.4 shared strings): the first worksheet, read as a table
// with the same columns as CSV (tabular.ts). Only what a directory needs: strings (shared, inline, formula results),
// numbers and booleans as text. Namespace prefixes ("x:row") are accepted because some writers (Open XML SDK) use them.
import type { Directory } from '../../api/types-directory.ts';
import type { RawDirectory } from './raw.ts';
import { parseIssue } from './raw.ts';
import { readTable, writeTable, type TableRow } from './tabular.ts';
import { ZipError, readZip, writeZip } from './zip.ts';

const P = '(?:[A-Za-z_][\\w.-]*:)?';
const utf8 = new TextDecoder('utf-8');

function decodeXml(s: string): string {
  return s
    .replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(lt|gt|amp|quot|apos));/g, (_m, hex: string, dec: string, named: string) => {
      if (hex) return String.fromCodePoint(parseInt(hex, 16));
      if (dec) return String.fromCodePoint(parseInt(dec, 10));
      return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[named as 'lt'];
    })
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? decodeXml(m[2] ?? m[3] ?? '') : null;
}

/** Text of an <si> or <is>: every <t>, without phonetic runs (<rPh>). */
function richText(xml: string): string {
  const noPh = xml.replace(new RegExp(`<${P}rPh\\b[\\s\\S]*?</${P}rPh>`, 'g'), '');
  let out = '';
  for (const m of noPh.matchAll(new RegExp(`<${P}t\\b[^>]*?(?:/>|>([\\s\\S]*?)</${P}t>)`, 'g')))
    out += decodeXml(m[1] ?? '');
  return out;
}

function colIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.toUpperCase()) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

export function parseXlsx(buf: Uint8Array): TableRow[] {
  const zip = readZip(buf);
  const text = (name: string): string | null => {
    const get = zip.get(name);
    return get ? utf8.decode(get()) : null;
  };
  const workbook = text('xl/workbook.xml');
  if (workbook === null) throw new ZipError('không thấy xl/workbook.xml: đây không phải tệp XLSX');
  const rels = text('xl/_rels/workbook.xml.rels') ?? '';
  const relTargets = new Map<string, { target: string; type: string }>();
  for (const m of rels.matchAll(new RegExp(`<${P}Relationship\\b([^>]*)/?>`, 'g'))) {
    const a = m[1] ?? '';
    const id = attr(a, 'Id');
    const target = attr(a, 'Target');
    if (id && target)
      relTargets.set(id, { target: resolveTarget('xl/workbook.xml', target), type: attr(a, 'Type') ?? '' });
  }
  const firstSheet = new RegExp(`<${P}sheet\\b([^>]*)/?>`).exec(workbook);
  const rid = firstSheet ? attr(firstSheet[1] ?? '', 'id') : null;
  const sheetPath = (rid && relTargets.get(rid)?.target) || 'xl/worksheets/sheet1.xml';
  const sheet = text(sheetPath);
  if (sheet === null) throw new ZipError(`không thấy trang tính ${sheetPath}`);

  const ssPath =
    [...relTargets.values()].find((r) => r.type.endsWith('/sharedStrings'))?.target ?? 'xl/sharedStrings.xml';
  const shared: string[] = [];
  const ss = text(ssPath);
  if (ss !== null)
    for (const m of ss.matchAll(new RegExp(`<${P}si\\b[^>]*?(?:/>|>([\\s\\S]*?)</${P}si>)`, 'g')))
      shared.push(richText(m[1] ?? ''));

  const rows: TableRow[] = [];
  let nextRow = 1;
  const rowRe = new RegExp(`<${P}row\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${P}row>)`, 'g');
  const cellRe = new RegExp(`<${P}c\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${P}c>)`, 'g');
  const vRe = new RegExp(`<${P}v\\b[^>]*>([\\s\\S]*?)</${P}v>`);
  const isRe = new RegExp(`<${P}is\\b[^>]*>([\\s\\S]*?)</${P}is>`);
  for (const rm of sheet.matchAll(rowRe)) {
    const r = Number(attr(rm[1] ?? '', 'r') ?? nextRow);
    nextRow = r + 1;
    const cells: string[] = [];
    let nextCol = 0;
    for (const cm of (rm[2] ?? '').matchAll(cellRe)) {
      const a = cm[1] ?? '';
      const ref = attr(a, 'r');
      const col = ref ? colIndex(ref) : nextCol;
      nextCol = col + 1;
      const t = attr(a, 't') ?? 'n';
      const body = cm[2] ?? '';
      let value = '';
      if (t === 'inlineStr') value = richText(isRe.exec(body)?.[1] ?? '');
      else {
        const v = vRe.exec(body)?.[1];
        if (v !== undefined) {
          const raw = decodeXml(v);
          if (t === 's') value = shared[Number(raw)] ?? '';
          else if (t === 'b') value = raw === '1' ? 'TRUE' : 'FALSE';
          else value = raw;
        }
      }
      while (cells.length < col) cells.push('');
      cells[col] = value;
    }
    rows.push({ cells, line: r });
  }
  return rows;
}

export function readXlsx(buf: Uint8Array): RawDirectory {
  try {
    return readTable(parseXlsx(buf), 'xlsx');
  } catch (err) {
    // A damaged or hostile file (bad offsets, bad deflate data, too large) is a report for IT, not a crash.
    return {
      format: 'xlsx',
      entries: [],
      groups: [],
      top: {},
      issues: [parseIssue(null, `Không đọc được tệp XLSX: ${(err as Error).message}.`)],
      lenient: true,
    };
  }
}

/** XML text for a cell: markup escaped; control characters (not allowed in XML 1.0) and a literal "_xHHHH_" written
 * the OOXML way (ECMA-376 Part 1 §22.9.2.19, ST_Xstring), so they come back as they were. */
function esc(s: string): string {
  let out = '';
  for (const ch of s.replace(/_x([0-9A-Fa-f]{4})_/g, '_x005F_x$1_')) {
    const c = ch.charCodeAt(0);
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d)
      out += `_x${c.toString(16).padStart(4, '0').toUpperCase()}_`;
    else out += ch;
  }
  return out;
}

function colName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A one-sheet workbook ("Danh bạ") with inline strings and a bold header row. */
export function writeXlsx(dir: Directory): Uint8Array {
  const rows = writeTable(dir);
  const sheetRows = rows
    .map(
      (r, ri) =>
        `<row r="${ri + 1}">` +
        r
          .map((v, ci) =>
            v === ''
              ? ''
              : `<c r="${colName(ci)}${ri + 1}" t="inlineStr"${ri === 0 ? ' s="1"' : ''}><is><t xml:space="preserve">${esc(v)}</t></is></c>`,
          )
          .join('') +
        '</row>',
    )
    .join('');
  const widths = [14, 10, 48, 30, 28, 24, 12, 16, 16, 20, 10, 40, 12, 12];
  const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  const files: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh bạ" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    'xl/styles.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>',
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>${cols}</cols><sheetData>${sheetRows}</sheetData></worksheet>`,
  };
  const enc = new TextEncoder();
  return writeZip(Object.entries(files).map(([name, s]) => ({ name, data: enc.encode(s) })));
}
