// Import from JSON, CSV, XLSX and vCard gives the same directory (issue 5 acceptance), and export → import round-trips
// in every format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  COLUMNS,
  columnOf,
  parseCsv,
  parseXlsx,
  readDirectory,
  readZip,
  writeDirectory,
  writeZip,
} from '../../src/directory/index.ts';
import { encodeLegacy } from '../../src/text/index.ts';
import { CAN_THO, canonical, fixture, load } from './helpers.ts';

const reference = () => {
  const v = readDirectory(fixture('sample.json'), { file: 'sample.json' });
  assert.equal(v.report.ok, true, JSON.stringify(v.report.issues));
  return v.directory;
};

test('JSON, CSV, XLSX (written by openpyxl) and vCard fixtures import to the same directory', () => {
  const ref = canonical(reference());
  assert.equal(ref.entries.length, 12);
  assert.equal(ref.groups.length, 2);
  for (const f of ['sample.csv', 'sample.xlsx', 'sample.vcf']) {
    const v = readDirectory(fixture(f), { file: f });
    assert.equal(v.report.errors, 0, `${f}: ${JSON.stringify(v.report.issues)}`);
    assert.deepEqual(canonical(v.directory), ref, f);
  }
});

test('the vCard fixture resolves units given by name, with a warning for each', () => {
  const v = readDirectory(fixture('sample.vcf'), { file: 'sample.vcf' });
  const resolved = v.report.issues.filter((i) => i.code === 'resolved-by-name');
  assert.deepEqual(
    resolved.map((i) => [i.id, i.field]),
    [
      ['p-an', 'unit'],
      ['p-binh', 'unit'],
    ],
  );
});

test('export then import round-trips in every format (vCard 3.0 and 4.0)', () => {
  const dir = reference();
  for (const [format, opts] of [
    ['json', {}],
    ['csv', {}],
    ['xlsx', {}],
    ['vcard', { vcardVersion: '4.0' }],
    ['vcard', { vcardVersion: '3.0' }],
  ] as const) {
    const bytes = writeDirectory(dir, format, opts);
    const back = readDirectory(bytes, { format });
    assert.equal(back.report.errors, 0, `${format}: ${JSON.stringify(back.report.issues)}`);
    assert.equal(back.report.warnings, 0, `${format}: ${JSON.stringify(back.report.issues)}`);
    assert.deepEqual(canonical(back.directory), canonical(dir), `${format} ${JSON.stringify(opts)}`);
    // And the format is recognised from the content alone.
    assert.deepEqual(canonical(readDirectory(bytes).directory), canonical(dir), `${format} sniffed`);
  }
});

test('the shipped Cần Thơ directory round-trips through every format', () => {
  const v = load(CAN_THO);
  for (const format of ['json', 'csv', 'xlsx', 'vcard'] as const) {
    const back = readDirectory(writeDirectory(v.directory, format), { format });
    assert.equal(back.report.ok, true, format);
    assert.deepEqual(canonical(back.directory), canonical(v.directory), format);
  }
});

test('exported XLSX is a valid zip that our reader and its structure agree on', () => {
  const bytes = writeDirectory(reference(), 'xlsx');
  const zip = readZip(bytes);
  for (const part of ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml'])
    assert.ok(zip.has(part), part);
  const rows = parseXlsx(bytes);
  assert.deepEqual(rows[0]?.cells.slice(0, 4), ['Mã', 'Loại', 'Tên', 'Địa chỉ thư']);
  // Literal "_x0041_", control characters and markup survive.
  const odd = reference();
  (odd.entries[0] as { note?: string }).note = 'a _x0041_ <b> & "c" \u0001 đ';
  const back = readDirectory(writeDirectory(odd, 'xlsx'), { format: 'xlsx' });
  assert.equal(back.directory.entries[0]?.note, 'a _x0041_ <b> & "c" \u0001 đ');
  // Deterministic: the same directory gives the same bytes.
  assert.deepEqual(writeDirectory(reference(), 'xlsx'), bytes);
});

test('XLSX with shared strings, rich text, phonetic runs, namespace prefixes and gaps', () => {
  const enc = new TextEncoder();
  const ss =
    '<?xml version="1.0"?><x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<x:si><x:t>Mã</x:t></x:si><x:si><x:t>Tên</x:t></x:si><x:si><x:t>Địa chỉ thư</x:t></x:si>' +
    '<x:si><x:r><x:rPr><x:b/></x:rPr><x:t>Sở Tài </x:t></x:r><x:r><x:t>chính</x:t></x:r><x:rPh><x:t>IGNORED</x:t></x:rPh></x:si>' +
    '<x:si><x:t>stc@cantho.gov.vn</x:t></x:si><x:si><x:t xml:space="preserve">A &amp; B_x000D_</x:t></x:si></x:sst>';
  const sheet =
    '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
    '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="D1" t="s"><x:v>2</x:v></x:c></x:row>' +
    '<x:row r="3"><x:c r="A3" t="str"><x:f>LOWER("STC")</x:f><x:v>stc</x:v></x:c><x:c r="B3" t="s"><x:v>3</x:v></x:c><x:c r="D3" t="s"><x:v>4</x:v></x:c></x:row>' +
    '<x:row r="4"><x:c r="A4"><x:v>42</x:v></x:c><x:c r="B4" t="s"><x:v>5</x:v></x:c></x:row>' +
    '</x:sheetData></x:worksheet>';
  const workbook =
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="7" r:id="rId3"/></sheets></workbook>';
  const rels =
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/></Relationships>';
  const bytes = writeZip([
    { name: 'xl/workbook.xml', data: enc.encode(workbook) },
    { name: 'xl/_rels/workbook.xml.rels', data: enc.encode(rels) },
    { name: 'xl/strings.xml', data: enc.encode(ss) },
    { name: 'xl/worksheets/data.xml', data: enc.encode(sheet) },
  ]);
  const rows = parseXlsx(bytes);
  assert.deepEqual(rows, [
    { cells: ['Mã', 'Tên', '', 'Địa chỉ thư'], line: 1 },
    { cells: ['stc', 'Sở Tài chính', '', 'stc@cantho.gov.vn'], line: 3 },
    { cells: ['42', 'A & B\r'], line: 4 },
  ]);
  const v = readDirectory(bytes, { file: 'x.xlsx' });
  assert.equal(v.directory.entries[0]?.name, 'Sở Tài chính');
});

test('a damaged XLSX is a parse error in the report, not a crash', () => {
  const good = writeDirectory(reference(), 'xlsx');
  const bad = good.slice(0, good.length - 30);
  const v = readDirectory(bad, { format: 'xlsx' });
  assert.equal(v.report.ok, false);
  assert.equal(v.report.issues[0]?.code, 'parse');
  // A stored (method 0) entry is read too.
  const stored = readZip(writeZip([{ name: 'a', data: new TextEncoder().encode('x') }]));
  assert.equal(new TextDecoder().decode(stored.get('a')?.()), 'x');
});

test('CSV: ";" and tab delimiters, UTF-16 with BOM, Windows-1258 bytes, quoted line breaks', () => {
  const csv = 'Tên;Địa chỉ thư;Tên viết tắt\r\nSở Tài chính;stc@cantho.gov.vn;"STC\nSở TC"\r\n';
  const v = readDirectory(new TextEncoder().encode(csv), { file: 'a.csv' });
  assert.equal(v.report.errors, 0);
  assert.deepEqual(v.directory.entries[0]?.aliases, ['STC', 'Sở TC']);
  assert.equal(v.directory.entries[0]?.kind, 'unit');
  assert.equal(v.directory.entries[0]?.id, 'stc@cantho.gov.vn');

  const tsv = 'name\taddress\nSở Y tế\tsyt@cantho.gov.vn\n';
  const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(tsv, 'utf16le'))]);
  assert.equal(readDirectory(utf16, { file: 'b.csv' }).directory.entries[0]?.name, 'Sở Y tế');

  // Excel's "CSV" on a Vietnamese Windows is Windows-1258, not UTF-8.
  const cp = encodeLegacy('Tên,Địa chỉ thư\nSở Tài chính thành phố Cần Thơ,stc@cantho.gov.vn\n', 'cp1258');
  const r = readDirectory(cp, { file: 'c.csv' });
  assert.equal(r.directory.entries[0]?.name, 'Sở Tài chính thành phố Cần Thơ');
  assert.ok(r.report.issues.some((i) => i.code === 'legacy-encoding'));

  assert.deepEqual(
    parseCsv('a,b\n"x, ""y""\nz",w\n').map((r) => r.cells),
    [
      ['a', 'b'],
      ['x, "y"\nz', 'w'],
    ],
  );
});

test('Vietnamese and English headers are recognised, with or without diacritics', () => {
  for (const [h, c] of [
    ['Tên', 'name'],
    ['TEN', 'name'],
    ['Họ và tên', 'name'],
    ['Địa chỉ thư', 'address'],
    ['Địa chỉ e-mail', 'address'],
    ['E-mail', 'address'],
    ['Tên viết tắt', 'aliases'],
    ['tên viết tắt', 'aliases'],
    ['Chức vụ', 'title'],
    ['Đơn vị', 'unit'],
    ['Đơn vị kế thừa', 'successor'],
    ['Trạng thái', 'status'],
    ['Nhóm', 'groups'],
    ['Mã', 'id'],
    ['Loại', 'kind'],
  ] as const)
    assert.equal(columnOf(h), c, h);
  assert.equal(columnOf('Số điện thoại'), null);
});

test('data/directory/schema.json documents exactly the model the validator accepts', () => {
  const schema = JSON.parse(readFileSync(new URL('../../data/directory/schema.json', import.meta.url), 'utf8'));
  const entry = schema.$defs.entry;
  assert.deepEqual(Object.keys(entry.properties).sort(), [...COLUMNS].sort());
  assert.deepEqual(entry.required, ['id', 'kind', 'name']);
  assert.deepEqual(entry.properties.kind.enum, ['unit', 'person']);
  assert.deepEqual(entry.properties.status.enum, ['active', 'historical', 'recalled']);
  assert.equal(entry.additionalProperties, false);
  assert.deepEqual(Object.keys(schema.$defs.group.properties).sort(), ['aliases', 'id', 'name', 'note']);
  // Every shipped entry has the issue's keys, in the issue's order, then only optional ones.
  const data = JSON.parse(readFileSync(CAN_THO, 'utf8'));
  const issueKeys = ['id', 'kind', 'name', 'address', 'aliases', 'groups', 'status', 'successor', 'unit', 'title'];
  for (const e of data.entries) {
    assert.deepEqual(Object.keys(e).slice(0, 10), issueKeys, e.id);
    for (const k of Object.keys(e).slice(10)) assert.ok(['example', 'note', 'since', 'until'].includes(k), k);
  }
});
