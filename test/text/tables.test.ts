// The character tables are facts from standards: check each one against an independent source.
// - VISCII, TCVN3 (⊂ TCVN 5712:1993 VN1), CP1258: glibc iconv, run here over every byte. When iconv is missing or lacks
//   the charset we say so LOUDLY and fall back to the stored iconv output in test/fixtures/text/.
// - VNI-Windows: glibc has no VNI; checked against the duydev (MIT) mapping facts, with the documented ỷ/ỹ fix.
// - Windows-1252: Node's TextDecoder (WHATWG).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { cp1252Decode, decodeLegacy, encodeLegacyAsCp1252 } from '../../src/text/legacy.ts';
import { VN1_EXTRA_A0_FF } from '../../src/text/tables/tcvn3.ts';
import { fixture } from './fixtures.ts';

type ByteMap = Map<number, string>; // byte → Unicode; absent = iconv rejects the byte

/** Every byte except LF/CR through `iconv -f charset`, one per line (so nothing composes across bytes). */
function iconvTable(charset: string): ByteMap | null {
  const bytes: number[] = [];
  const order: number[] = [];
  for (let b = 0; b < 256; b++) {
    if (b === 0x0a || b === 0x0d) continue;
    bytes.push(b, 0x0a);
    order.push(b);
  }
  const r = spawnSync('iconv', ['-c', '-f', charset, '-t', 'UTF-8'], { input: Buffer.from(bytes) });
  if (r.error !== undefined || r.status === null || (r.status !== 0 && r.status !== 1)) return null;
  const out = r.stdout.toString('utf8').split('\n');
  if (out.length < order.length) return null;
  const m: ByteMap = new Map();
  order.forEach((b, i) => {
    const s = out[i] as string;
    if (s !== '') m.set(b, s);
  });
  return m;
}

function storedTable(charset: string): ByteMap {
  const json = JSON.parse(fixture('glibc_iconv_VISCII_TCVN5712-1_CP1258.json')) as Record<
    string,
    Record<string, string>
  >;
  const t = json[charset] as Record<string, string>;
  return new Map(Object.entries(t).map(([hex, s]) => [parseInt(hex, 16), s]));
}

function reference(charset: string): { table: ByteMap; from: string } {
  const listed = spawnSync('iconv', ['-l']);
  const names = listed.error === undefined ? listed.stdout.toString() : '';
  if (new RegExp(`(^|[\\s,])${charset}//`, 'im').test(names)) {
    const t = iconvTable(charset);
    if (t !== null) return { table: t, from: 'iconv' };
  }
  console.warn(
    `\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n` +
      `!!! SKIPPING the live iconv check for ${charset}: this machine's iconv is missing or lacks it.\n` +
      `!!! Falling back to the stored glibc iconv output in test/fixtures/text/.\n` +
      `!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n`,
  );
  return { table: storedTable(charset), from: 'stored iconv output' };
}

const bytesOf = (...b: number[]): Uint8Array => Uint8Array.from(b);

test('VISCII table equals glibc iconv VISCII on all 256 bytes', () => {
  const { table, from } = reference('VISCII');
  let checked = 0;
  for (let b = 0; b < 256; b++) {
    if (b === 0x0a || b === 0x0d) continue;
    const want = table.get(b);
    assert.ok(want !== undefined, `${from} has byte ${b}`);
    assert.equal(decodeLegacy(bytesOf(b), 'viscii'), want.normalize('NFC'), `VISCII 0x${b.toString(16)} vs ${from}`);
    checked++;
  }
  assert.equal(checked, 254);
});

test('TCVN3 table: every VN3 byte equals glibc iconv TCVN5712-1; the VN1 extras too; 0x80–0x9F read as Windows-1252', () => {
  const { table, from } = reference('TCVN5712-1');
  const vn1Only = new Set(VN1_EXTRA_A0_FF.map(([b]) => b));
  let vn3 = 0;
  for (let b = 0xa0; b < 256; b++) {
    const want = table.get(b);
    assert.ok(want !== undefined, `${from} has byte 0x${b.toString(16)}`);
    const got = decodeLegacy(bytesOf(b), 'tcvn3', { restoreCapitals: false });
    assert.equal(got, want.normalize('NFC'), `TCVN3 0x${b.toString(16)} vs ${from}`);
    if (!vn1Only.has(b) && b !== 0xa0) vn3++;
  }
  assert.equal(vn3, 74, '67 lower-case letters + Ă Â Ê Ô Ơ Ư Đ');
  for (let b = 0x80; b < 0xa0; b++) {
    assert.equal(decodeLegacy(bytesOf(b), 'tcvn3'), new TextDecoder('windows-1252').decode(bytesOf(b)));
  }
  for (let b = 0x20; b < 0x7f; b++) assert.equal(decodeLegacy(bytesOf(b), 'tcvn3'), String.fromCharCode(b));
});

test('CP1258 table equals glibc iconv CP1258 (base letters; combining marks compose under NFC)', () => {
  const { table, from } = reference('CP1258');
  for (let b = 0; b < 256; b++) {
    if (b === 0x0a || b === 0x0d) continue;
    const want = table.get(b);
    const got = decodeLegacy(bytesOf(b), 'cp1258');
    if (want === undefined) {
      assert.equal(got, String.fromCharCode(b), `undefined byte 0x${b.toString(16)} reads as its C1 control`);
      continue;
    }
    assert.equal(got, want.normalize('NFC'), `CP1258 0x${b.toString(16)} vs ${from}`);
  }
  assert.equal(decodeLegacy(bytesOf(0x61, 0xec), 'cp1258'), 'á', 'base + combining acute composes');
});

test('VNI-Windows table matches the 134 letters of the duydev map, with the documented ỷ/ỹ fix', () => {
  const rows = fixture('duydev_vietnamese-conversion_map.csv').trim().split('\n').slice(1);
  assert.equal(rows.length, 134);
  const fixed: Record<string, string> = { ỷ: 'yû', ỹ: 'yõ', Ỷ: 'YÛ', Ỹ: 'YÕ' };
  for (const row of rows) {
    const [uni, vni, tcvn3, viqr] = row.split(',') as [string, string, string, string];
    const expectedVni = fixed[uni] ?? vni;
    assert.equal(encodeLegacyAsCp1252(uni, 'vni'), expectedVni, `VNI ${uni}`);
    assert.equal(decodeLegacy(expectedVni, 'vni'), uni, `VNI decode ${expectedVni}`);
    assert.equal(encodeLegacyAsCp1252(uni, 'viqr'), viqr, `VIQR ${uni}`);
    // duydev writes capitals without a TCVN3 code as two characters; we follow VN3/UniKey (lower-case code).
    if (uni === uni.toLowerCase()) assert.equal(encodeLegacyAsCp1252(uni, 'tcvn3'), tcvn3, `TCVN3 ${uni}`);
  }
});

test('Windows-1252 helper equals WHATWG TextDecoder("windows-1252") for all bytes', () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  assert.equal(cp1252Decode(all), new TextDecoder('windows-1252').decode(all));
});
