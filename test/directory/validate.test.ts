// `tcv directory validate`: every planted error is found, on its line, and nothing else is called an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseJsonWithLines, readDirectory } from '../../src/directory/index.ts';
import { encodeLegacyAsCp1252 } from '../../src/text/index.ts';
import { CAN_THO, FIXTURES, fixture, load } from './helpers.ts';

interface Expected {
  errors: Array<{ line: number; code: string; id: string }>;
}

for (const [file, expectedFile] of [
  ['planted-errors.json', 'planted-errors.expected.json'],
  ['planted-errors.csv', 'planted-errors.csv.expected.json'],
] as const) {
  test(`every planted error in ${file} is found on its line`, () => {
    const expected = (JSON.parse(readFileSync(FIXTURES + expectedFile, 'utf8')) as Expected).errors;
    const { report } = readDirectory(fixture(file), { file });
    const found = report.issues
      .filter((i) => i.severity === 'error')
      .map((i) => ({ line: i.line, code: i.code, id: i.id }));
    assert.equal(report.ok, false);
    assert.deepEqual(found, expected);
    assert.equal(report.errors, expected.length);
    for (const i of report.issues) assert.ok(i.message.length > 10, 'each issue has a Vietnamese message');
  });
}

test('the shipped Cần Thơ directory validates with no error and no warning', () => {
  const { report, directory } = load(CAN_THO);
  assert.deepEqual(report.issues, []);
  assert.equal(report.ok, true);
  assert.ok(directory.entries.length >= 80);
  // Every active address is marked as an example: none of them is confirmed (04_can_tho_agencies.md §3).
  for (const e of directory.entries) if (e.address) assert.equal(e.example, true, e.id);
  assert.ok(directory.note?.includes('VÍ DỤ'));
});

test('JSON syntax errors give the line', () => {
  const text = '{\n  "entries": [\n    { "id": "a", "kind": "unit", "name": "A" }\n    { "id": "b" }\n  ]\n}\n';
  const { report } = readDirectory(new TextEncoder().encode(text), { format: 'json' });
  assert.equal(report.ok, false);
  assert.deepEqual(
    report.issues.map((i) => [i.code, i.line]),
    [['parse', 4]],
  );
  assert.throws(() => parseJsonWithLines('{"a": 1, "a": 2}'), /lặp/);
  assert.deepEqual(parseJsonWithLines('{"a": "\\u0110\\u00e0 N\\u1eb5ng"}').value, { a: 'Đà Nẵng' });
});

test('warnings do not block: missing address, historical without successor, unknown keys, legacy text', () => {
  const dir = {
    entries: [
      { id: 'a', kind: 'unit', name: 'Sở A', address: null, color: 'red' },
      { id: 'b', kind: 'unit', name: 'Sở B', status: 'historical' },
      {
        id: 'c',
        kind: 'unit',
        name: encodeLegacyAsCp1252('Sở Tài chính thành phố Cần Thơ', 'tcvn3'),
        address: 'c@x.vn',
      },
      { id: 'd', kind: 'unit', name: 'Sở D', address: 'd@x.vn', successor: 'a' },
    ],
    extra: 1,
  };
  const { report } = readDirectory(new TextEncoder().encode(JSON.stringify(dir)), { format: 'json' });
  assert.equal(report.ok, true);
  assert.deepEqual(report.issues.map((i) => i.code).sort(), [
    'historical-without-successor',
    'legacy-encoding',
    'no-address',
    'successor-on-active',
    'unknown-key',
    'unknown-key',
  ]);
});

test('JSON requires ids; tabular files get generated ids and names resolved', () => {
  const json = readDirectory(new TextEncoder().encode('{"entries":[{"kind":"unit","name":"A"}]}'), { format: 'json' });
  assert.equal(json.report.issues[0]?.code, 'missing-field');
  const csv = readDirectory(
    new TextEncoder().encode(
      'Tên,Địa chỉ thư,Thuộc đơn vị,Chức vụ\nSở Tài chính,stc@cantho.gov.vn,,\nNguyễn Văn A,a@cantho.gov.vn,Sở Tài chính,Chuyên viên\nSở Y tế,,,\n',
    ),
    { format: 'csv' },
  );
  assert.equal(csv.report.ok, true);
  assert.deepEqual(
    csv.directory.entries.map((e) => [e.id, e.kind, e.unit]),
    [
      ['stc@cantho.gov.vn', 'unit', null],
      ['a@cantho.gov.vn', 'person', 'stc@cantho.gov.vn'],
      ['so-y-te', 'unit', null],
    ],
  );
  assert.deepEqual(csv.report.issues.map((i) => i.code).sort(), ['generated-id', 'no-address', 'resolved-by-name']);
});

test('vCard structure errors are parse errors with the line', () => {
  const text = 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nBEGIN:VCARD\r\nFN:B\r\nEND:VCARD\r\nstray line\r\n';
  const { report } = readDirectory(new TextEncoder().encode(text), { format: 'vcard' });
  assert.deepEqual(
    report.issues.filter((i) => i.code === 'parse').map((i) => i.line),
    [1, 7],
  );
});

test('addresses: what an agency mailbox may and may not look like', async () => {
  const { isValidAddress } = await import('../../src/directory/index.ts');
  for (const ok of ['stc@cantho.gov.vn', 'ubnd.ninhkieu@cantho.gov.vn', 'mttq.tanhoa@cantho.gov.vn', "o'neil+x@a.vn"])
    assert.equal(isValidAddress(ok), true, ok);
  for (const bad of [
    'sở.tc@cantho.gov.vn',
    'stc@@cantho.gov.vn',
    'stc@cantho..gov.vn',
    'stc cantho.gov.vn',
    'stc@cantho',
    '.stc@cantho.gov.vn',
    'stc.@cantho.gov.vn',
    'stc@-cantho.gov.vn',
    'Sở Tài chính <stc@cantho.gov.vn>',
  ])
    assert.equal(isValidAddress(bad), false, bad);
});
