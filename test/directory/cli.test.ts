// `tcv text …` and `tcv directory …` as IT scripts call them (issue 5 "CLI"): command lines, --json shapes, exit codes
// (0 ok, 1 failure with the error code on stderr, 2 usage). No mail server or keychain is needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeLegacy, encodeLegacyAsCp1252 } from '../../src/text/index.ts';
import { tcv } from '../support/cli.ts';
import { CAN_THO, FIXTURES } from './helpers.ts';

const profile = () => mkdtempSync(join(tmpdir(), 'tcv-dir-cli-'));

test('tcv text fold / detect / convert', async () => {
  const P = profile();
  const fold = await tcv(['--profile', P, 'text', 'fold', 'Uỷ ban nhân dân', 'Đồng Tháp']);
  assert.equal(fold.code, 0, fold.stderr);
  assert.equal(fold.stdout, 'uy ban nhan dan dong thap\n');
  const foldJson = JSON.parse((await tcv(['--profile', P, 'text', 'fold', 'Thuỷ', '--json'])).stdout);
  assert.deepEqual(foldJson, { input: 'Thuỷ', folded: 'thuy' });

  const line = 'Cộng hòa xã hội chủ nghĩa Việt Nam, Độc lập - Tự do - Hạnh phúc';
  // Raw TCVN3 bytes in a file.
  const raw = join(P, 'tcvn3.txt');
  writeFileSync(raw, encodeLegacy(line, 'tcvn3'));
  const det = await tcv(['--profile', P, 'text', 'detect', raw, '--json']);
  assert.equal(det.code, 0, det.stderr);
  const d = JSON.parse(det.stdout);
  assert.deepEqual(Object.keys(d), ['encoding', 'confidence', 'text']);
  assert.equal(d.encoding, 'tcvn3');
  assert.ok(d.confidence > 0.8);
  assert.equal(d.text, line);
  // Mojibake that was saved as UTF-8 (the usual way it reaches us), from stdin.
  const viaStdin = await tcv(['--profile', P, 'text', 'detect', '-', '--json'], encodeLegacyAsCp1252(line, 'vni'));
  assert.equal(JSON.parse(viaStdin.stdout).encoding, 'vni');
  assert.equal(JSON.parse(viaStdin.stdout).text, line);
  // Unicode stays Unicode.
  const uni = JSON.parse((await tcv(['--profile', P, 'text', 'detect', '-', '--json'], line)).stdout);
  assert.deepEqual([uni.encoding, uni.text], ['unicode', line]);

  for (const enc of ['tcvn3', 'vni', 'viscii'] as const) {
    const conv = await tcv(['--profile', P, 'text', 'convert', '--from', enc, '-'], encodeLegacy(line + '\n', enc));
    assert.equal(conv.code, 0, conv.stderr);
    assert.equal(conv.stdout, line + '\n', enc);
  }
  const viqr = await tcv(['--profile', P, 'text', 'convert', '--from', 'viqr', '-'], 'Co^.ng ho`a\n');
  assert.equal(viqr.stdout, 'Cộng hòa\n');
  const auto = await tcv(['--profile', P, 'text', 'convert', '--from', 'auto', raw]);
  assert.equal(auto.stdout, line);

  assert.equal((await tcv(['--profile', P, 'text', 'convert', '--from', 'vps', raw])).code, 2);
  assert.equal((await tcv(['--profile', P, 'text', 'detect'])).code, 2);
  assert.equal((await tcv(['--profile', P, 'text', 'fold'])).code, 2);
  assert.equal((await tcv(['--profile', P, 'text', 'frobnicate'])).code, 2);
});

test('tcv directory validate reports every planted error with its line and exits 1', async () => {
  const P = profile();
  const expected = JSON.parse(readFileSync(join(FIXTURES, 'planted-errors.expected.json'), 'utf8')).errors as Array<{
    line: number;
    code: string;
  }>;
  const r = await tcv(['--profile', P, 'directory', 'validate', join(FIXTURES, 'planted-errors.json'), '--json']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Lỗi \[DIRECTORY_INVALID\]/);
  const report = JSON.parse(r.stdout);
  assert.equal(report.ok, false);
  assert.deepEqual(
    report.issues
      .filter((i: { severity: string }) => i.severity === 'error')
      .map((i: { line: number; code: string }) => ({ line: i.line, code: i.code })),
    expected.map((e) => ({ line: e.line, code: e.code })),
  );
  const human = await tcv(['--profile', P, 'directory', 'validate', join(FIXTURES, 'planted-errors.csv')]);
  assert.equal(human.code, 1);
  assert.match(human.stdout, /dòng 4\tLỖI\t\[duplicate-id\] stc/);
  const ok = await tcv(['--profile', P, 'directory', 'validate', CAN_THO]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /0 lỗi, 0 cảnh báo/);
  assert.equal((await tcv(['--profile', P, 'directory', 'validate'])).code, 2);
  assert.equal((await tcv(['--profile', P, 'directory', 'validate', CAN_THO, '--format', 'pdf'])).code, 2);
  const missing = await tcv(['--profile', P, 'directory', 'validate', join(P, 'none.json')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /\[FILE_UNREADABLE\]/);
});

test('tcv directory import, search and match', async () => {
  const P = profile();
  const refused = await tcv(['--profile', P, 'directory', 'import', join(FIXTURES, 'planted-errors.csv'), '--json']);
  assert.equal(refused.code, 1);
  assert.equal(JSON.parse(refused.stdout).imported, false);

  const imp = await tcv(['--profile', P, 'directory', 'import', CAN_THO]);
  assert.equal(imp.code, 0, imp.stderr);
  assert.match(imp.stdout, /Đã nhập danh bạ: \d+ mục, 4 nhóm/);

  for (const q of ['stc', 'so tai chinh', 'Sở TC']) {
    const s = await tcv(['--profile', P, 'directory', 'search', q, '--json']);
    assert.equal(s.code, 0, s.stderr);
    const r = JSON.parse(s.stdout);
    assert.equal(r.query, q);
    assert.equal(r.hits[0].entry.id, 'stc', q);
    assert.equal(r.hits[0].entry.name, 'Sở Tài chính thành phố Cần Thơ');
  }
  const human = await tcv(['--profile', P, 'directory', 'search', 'Sở', 'TT&TT']);
  assert.match(
    human.stdout,
    /^sttt\tSở Thông tin và Truyền thông .*\[không còn hoạt động\] → Sở Khoa học và Công nghệ/m,
  );

  const m = JSON.parse((await tcv(['--profile', P, 'directory', 'match', 'Sở TT&TT (để b/c)', '--json'])).stdout);
  assert.equal(m.status, 'matched');
  assert.deepEqual([m.entries[0].id, m.successors[0].id, m.notes[0]], ['sttt', 'skhcn', 'để b/c']);
  const g = await tcv(['--profile', P, 'directory', 'match', 'UBND các phường, xã']);
  assert.equal(g.code, 0);
  assert.match(g.stdout, /Khớp nhóm "UBND các phường, xã" \(48 thành viên\)/);
  const un = JSON.parse((await tcv(['--profile', P, 'directory', 'match', 'UBND TP. Hồ Chí Minh', '--json'])).stdout);
  assert.equal(un.status, 'unmatched');

  const info = JSON.parse((await tcv(['--profile', P, 'directory', 'info', '--json'])).stdout);
  assert.equal(info.source, CAN_THO);
  const out = join(P, 'danh-ba.xlsx');
  const exp = await tcv(['--profile', P, 'directory', 'export', out]);
  assert.equal(exp.code, 0, exp.stderr);
  const back = await tcv(['--profile', P, 'directory', 'validate', out, '--json']);
  assert.equal(JSON.parse(back.stdout).entries, info.entries);
  assert.equal((await tcv(['--profile', P, 'directory', 'show', 'skhcn'])).code, 0);
  assert.equal((await tcv(['--profile', P, 'directory', 'show', 'nope'])).code, 1);
  assert.equal((await tcv(['--profile', P, 'directory', 'search'])).code, 2);
  assert.equal((await tcv(['--profile', P, 'directory', 'match'])).code, 2);
  assert.equal((await tcv(['--profile', P, 'directory', 'frobnicate'])).code, 2);
});
