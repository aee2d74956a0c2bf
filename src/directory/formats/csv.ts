// CSV (RFC 4180): quoted fields may hold the delimiter, quotes ("") and line breaks. The delimiter is guessed from the
// header row: "," by default, ";" as Excel writes it under locales with a decimal comma, or a tab ("Unicode text").
import type { Directory } from '../../api/types-directory.ts';
import type { RawDirectory } from './raw.ts';
import { readTable, writeTable, type TableRow } from './tabular.ts';

export function parseCsv(text: string): TableRow[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const delim = [',', ';', '\t'].reduce((best, d) => (count(d) > count(best) ? d : best), ',');

  const rows: TableRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let i = 0;
  let quoted = false;
  const n = text.length;
  const endRow = () => {
    cells.push(cell);
    rows.push({ cells, line: rowLine });
    cells = [];
    cell = '';
  };
  while (i < n) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (c === '\n') line++;
      cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
      i++;
    } else if (c === delim) {
      cells.push(cell);
      cell = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
    } else {
      cell += c;
      i++;
    }
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}

export function readCsv(text: string): RawDirectory {
  return readTable(parseCsv(text), 'csv');
}

function quote(v: string): string {
  return /[",\r\n;]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

/** UTF-8 with a BOM, CRLF: what Excel on Windows opens correctly with Vietnamese text. */
export function writeCsv(dir: Directory): string {
  return (
    '\ufeff' +
    writeTable(dir)
      .map((r) => r.map(quote).join(',') + '\r\n')
      .join('')
  );
}
