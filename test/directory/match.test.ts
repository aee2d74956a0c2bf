// match() for "Nơi nhận" items: the abbreviations of 06_noi_nhan_abbreviations.md, the "Sở X" / "Ủy ban nhân dân X"
// forms, punctuation and diacritic variants, historical names with their successors, and never a silent pick between
// close candidates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Directory, DirectoryEntry, MatchResult } from '../../src/api/types-directory.ts';
import { DirectoryIndex } from '../../src/directory/index.ts';
import { canThoIndex } from './helpers.ts';

function expectEntry(m: MatchResult, id: string, text: string) {
  assert.equal(
    m.status,
    'matched',
    `${text}: ${m.status} ${JSON.stringify(m.candidates.map((c) => c.entry?.id ?? c.group?.id))}`,
  );
  assert.equal(m.group, null, text);
  assert.deepEqual(
    m.entries.map((e) => e.id),
    [id],
    text,
  );
}

test('abbreviations from 06_noi_nhan_abbreviations.md resolve against the Cần Thơ directory', () => {
  const idx = canThoIndex();
  const cases: Array<[string, string]> = [
    // UBND / HĐND
    ['UBND thành phố', 'ubnd-tp'],
    ['UBND TP', 'ubnd-tp'],
    ['UBND TP. Cần Thơ', 'ubnd-tp'],
    ['Ủy ban nhân dân thành phố Cần Thơ', 'ubnd-tp'],
    ['Uỷ ban nhân dân TP Cần Thơ', 'ubnd-tp'],
    ['HĐND thành phố', 'hdnd-tp'],
    ['Hội đồng nhân dân thành phố Cần Thơ', 'hdnd-tp'],
    ['HDND TP', 'hdnd-tp'],
    // VPUB / VP UBND
    ['VPUB', 'vp-ubnd'],
    ['VP UBND', 'vp-ubnd'],
    ['VP UBND TP', 'vp-ubnd'],
    ['VP UBND thành phố', 'vp-ubnd'],
    ['Văn phòng UBND thành phố', 'vp-ubnd'],
    ['Văn phòng Ủy ban nhân dân thành phố', 'vp-ubnd'],
    // UB MTTQ VN TP
    ['UB MTTQ VN TP', 'ubmttq'],
    ['Ủy ban MTTQ Việt Nam thành phố', 'ubmttq'],
    ['UBMTTQVN thành phố Cần Thơ', 'ubmttq'],
    // Sở TT&TT, Sở KH&CN, Sở GD&ĐT, NN&MT and the other "Sở X" forms
    ['Sở TT&TT', 'sttt'],
    ['Sở TT và TT', 'sttt'],
    ['Sở KH&CN', 'skhcn'],
    ['Sở KH và CN', 'skhcn'],
    ['Sở Khoa học và Công nghệ', 'skhcn'],
    ['Sở Khoa học & Công nghệ TP Cần Thơ', 'skhcn'],
    ['SKHCN', 'skhcn'],
    ['Sở GD&ĐT', 'sgddt'],
    ['Sở GD-ĐT', 'sgddt'],
    ['Sở Giáo dục và Đào tạo', 'sgddt'],
    ['Sở NN&MT', 'snnmt'],
    ['Sở Nông nghiệp và Môi trường', 'snnmt'],
    ['Sở XD', 'sxd'],
    ['Sở Xây dựng', 'sxd'],
    ['Sở TC', 'stc'],
    ['STC', 'stc'],
    ['Sở Tài chính', 'stc'],
    ['Sở Tư pháp', 'stp'],
    ['Sở TP', 'stp'],
    ['Sở Nội vụ', 'snv'],
    ['Sở NV', 'snv'],
    ['Sở Ngoại vụ', 'sngv'],
    ['Sở VH,TT&DL', 'svhttdl'],
    ['Sở VH, TT và DL', 'svhttdl'],
    ['Sở Văn hóa - Thể thao và Du lịch', 'svhttdl'],
    ['Sở Văn hoá, Thể thao và Du lịch', 'svhttdl'],
    ['Sở DT&TG', 'sdttg'],
    ['Thanh tra TP', 'tttp'],
    ['Thanh tra thành phố', 'tttp'],
    ['Công an thành phố', 'catp'],
    // Historical bodies (see the successor test)
    ['Sở NN&PTNT', 'snnptnt'],
    ['Sở GTVT', 'sgtvt'],
    ['Sở TN&MT', 'stnmt'],
    ['Sở KH&ĐT', 'skhdt'],
    ['Sở LĐ-TB&XH', 'sldtbxh'],
    // "Ủy ban nhân dân X" forms
    ['UBND phường Ninh Kiều', 'ubnd-p-ninh-kieu'],
    ['UBND P. Ninh Kiều', 'ubnd-p-ninh-kieu'],
    ['Ủy ban nhân dân phường Long Phú 1', 'ubnd-p-long-phu-1'],
    ['UBND xã Cờ Đỏ', 'ubnd-x-co-do'],
    ['Uỷ ban nhân dân xã Hoả Lựu', 'ubnd-x-hoa-luu'],
    ['UBND quận Ninh Kiều', 'ubnd-q-ninh-kieu'],
    ['UBND Q. Ninh Kiều', 'ubnd-q-ninh-kieu'],
    ['UBND huyện Phong Điền', 'ubnd-h-phong-dien'],
    ['UBND tỉnh Sóc Trăng', 'ubnd-tinh-soc-trang'],
  ];
  for (const [text, id] of cases) expectEntry(idx.match(text), id, text);
});

test('punctuation, list dashes, purpose notes and "Đ/c" around an item do not matter, and notes are kept', () => {
  const idx = canThoIndex();
  const m = idx.match('- Sở Tài chính (để b/c);');
  expectEntry(m, 'stc', 'purpose note');
  assert.deepEqual(m.notes, ['để b/c']);
  assert.equal(m.text, 'Sở Tài chính');
  expectEntry(idx.match('– SỞ TÀI CHÍNH.'), 'stc', 'upper case, en dash');
  expectEntry(idx.match('Sở Tài chính,'), 'stc', 'trailing comma');
  expectEntry(idx.match('  Sở   Tài   chính  '), 'stc', 'spaces');
  // Decomposed (NFD) input, as from some PDF extractions.
  expectEntry(idx.match('Sở Tài chính'.normalize('NFD')), 'stc', 'NFD');
  expectEntry(idx.match('stc@cantho.gov.vn'), 'stc', 'address');
  expectEntry(idx.match('Sở Tài chính <STC@cantho.gov.vn>'), 'stc', 'name and address');
});

test('historical names answer with the entry and its current successor, and warn', () => {
  const idx = canThoIndex();
  const pairs: Array<[string, string, string]> = [
    ['Sở Thông tin và Truyền thông', 'sttt', 'skhcn'],
    ['Sở TT&TT', 'sttt', 'skhcn'],
    ['Sở Kế hoạch và Đầu tư', 'skhdt', 'stc'],
    ['Sở Tài nguyên và Môi trường', 'stnmt', 'snnmt'],
    ['Sở Nông nghiệp và Phát triển nông thôn', 'snnptnt', 'snnmt'],
    ['Sở Giao thông vận tải', 'sgtvt', 'sxd'],
    ['Sở Lao động - Thương binh và Xã hội', 'sldtbxh', 'snv'],
    ['Ban Dân tộc thành phố', 'bdt', 'sdttg'],
    ['UBND quận Ninh Kiều', 'ubnd-q-ninh-kieu', 'ubnd-p-ninh-kieu'],
    ['UBND huyện Vĩnh Thạnh', 'ubnd-h-vinh-thanh', 'ubnd-x-vinh-thanh'],
    ['UBND tỉnh Hậu Giang', 'ubnd-tinh-hau-giang', 'ubnd-tp'],
  ];
  for (const [text, id, succ] of pairs) {
    const m = idx.match(text);
    expectEntry(m, id, text);
    assert.equal(m.entries[0]?.status, 'historical', text);
    assert.deepEqual(
      m.successors.map((e) => e.id),
      [succ],
      text,
    );
    const w = m.warnings.find((x) => x.code === 'historical');
    assert.equal(w?.successor, succ, text);
    assert.match(w?.message ?? '', /không còn hoạt động/);
  }
});

test('groups: collective addressees expand to their active members', () => {
  const idx = canThoIndex();
  for (const [text, id] of [
    ['Các Sở, ban, ngành Thành phố', 'so-ban-nganh'],
    ['Các sở, ban, ngành', 'so-ban-nganh'],
    ['Các Sở, ban, ngành TP;', 'so-ban-nganh'],
    ['UBND các phường, xã; (để ph/h th/h)', 'ubnd-phuong-xa'],
    ['Ủy ban nhân dân các phường, xã', 'ubnd-phuong-xa'],
    ['Thường trực Thành ủy', 'thuong-truc-thanh-uy'],
    ['Thường trực Thành ủy; (để b/c)', 'thuong-truc-thanh-uy'],
    ['TT.TU', 'thuong-truc-thanh-uy'],
    ['TT. Thành ủy', 'thuong-truc-thanh-uy'],
    ['Thường trực HĐND Thành phố', 'thuong-truc-hdnd'],
    ['TT.HĐND', 'thuong-truc-hdnd'],
    ['Thường trực Hội đồng nhân dân thành phố', 'thuong-truc-hdnd'],
  ] as const) {
    const m = idx.match(text);
    assert.equal(m.status, 'matched', text);
    assert.equal(m.group?.id, id, text);
    assert.ok(m.entries.length >= 1, text);
    assert.ok(
      m.entries.every((e) => e.status === 'active' && e.groups.includes(id)),
      text,
    );
  }
  assert.equal(idx.match('UBND các phường, xã').entries.length, 48);
});

test('names outside the directory, other cities and bare words stay unmatched, with suggestions', () => {
  const idx = canThoIndex();
  for (const text of [
    'UBND TP. Hồ Chí Minh',
    'Ủy ban nhân dân tỉnh Đồng Nai',
    'Sở Tài chính tỉnh Quảng Bình',
    'VP UBND tỉnh Quảng Bình',
    'Bộ NN&PTNT',
    'VPCP: BTCN, các PCN, Trợ lý TTg',
    'Thủ tướng, các Phó Thủ tướng Chính phủ',
    'HĐND, UBND các tỉnh, thành phố trực thuộc Trung ương',
    'Như trên',
    'Lưu: VT, HC (2).',
    'Sở',
    'Sở Tài',
    'Ban QLDA ĐTXD',
    '',
  ]) {
    const m = idx.match(text);
    assert.equal(m.status, 'unmatched', `${text}: ${m.entries.map((e) => e.id)}`);
    assert.deepEqual(m.entries, []);
  }
  const s = idx.match('Sở Tài');
  assert.equal(s.candidates[0]?.entry?.id, 'stc', 'a suggestion, not a match');
});

const person = (id: string, name: string, unit: string, title: string): DirectoryEntry => ({
  id,
  kind: 'person',
  name,
  address: `${id}@cantho.gov.vn`,
  aliases: [],
  groups: [],
  status: 'active',
  successor: null,
  unit,
  title,
});
const unit = (
  id: string,
  name: string,
  aliases: string[] = [],
  extra: Partial<DirectoryEntry> = {},
): DirectoryEntry => ({
  id,
  kind: 'unit',
  name,
  address: `${id}@cantho.gov.vn`,
  aliases,
  groups: [],
  status: 'active',
  successor: null,
  unit: null,
  title: null,
  ...extra,
});

test('two close candidates are never picked silently', () => {
  const dir: Directory = {
    entries: [
      unit('stc', 'Sở Tài chính thành phố Cần Thơ', ['STC']),
      unit('stoc', 'Sở Tổ chức thành phố Cần Thơ'),
      unit('vp', 'Văn phòng Ủy ban nhân dân thành phố Cần Thơ'),
      person('an1', 'Nguyễn Văn An', 'vp', 'Chánh Văn phòng'),
      person('an2', 'Nguyễn Văn An', 'stc', 'Chuyên viên'),
      unit('pnk', 'Ủy ban nhân dân phường Ninh Kiều'),
      unit('xnk', 'Ủy ban nhân dân xã Ninh Kiều'),
    ],
    groups: [],
  };
  const idx = new DirectoryIndex(dir);
  const ids = (m: MatchResult) => m.candidates.map((c) => c.entry?.id).sort();
  // "Sở TC" reads as Tài chính or Tổ chức: both are guesses of the same strength.
  let m = idx.match('Sở TC');
  assert.equal(m.status, 'ambiguous');
  assert.deepEqual(ids(m), ['stc', 'stoc']);
  assert.deepEqual(m.entries, []);
  // Two people with the same name.
  m = idx.match('Nguyễn Văn An');
  assert.equal(m.status, 'ambiguous');
  assert.deepEqual(ids(m), ['an1', 'an2']);
  // … told apart by the title and unit.
  expectEntry(idx.match('Chánh Văn phòng UBND thành phố'), 'an1', 'title + unit');
  // "Ninh Kiều" alone after UBND is not enough to choose between phường and xã.
  m = idx.match('UBND Ninh Kiều');
  assert.notEqual(m.status, 'matched');
  // But the full words still win over an abbreviation reading.
  expectEntry(idx.match('Sở Tài chính'), 'stc', 'full words');
  expectEntry(idx.match('STC'), 'stc', 'alias');
});

test('a historical body and its successor are one answer, not an ambiguity; a recalled mailbox warns', () => {
  const dir: Directory = {
    entries: [
      unit('sxd', 'Sở Xây dựng thành phố Cần Thơ'),
      unit('sxd-hg', 'Sở Xây dựng tỉnh Hậu Giang', [], { status: 'historical', successor: 'sxd' }),
      unit('sxd-st', 'Sở Xây dựng tỉnh Sóc Trăng', [], { status: 'historical', successor: 'sxd' }),
      { ...person('cuong', 'Lê Văn Cường', 'sxd', 'Chuyên viên'), status: 'recalled', successor: 'sxd' },
      unit('vp', 'Văn phòng Sở Xây dựng', [], { address: null }),
      unit('ex', 'Ban Quản lý dự án', [], { example: true }),
    ],
    groups: [],
  };
  const idx = new DirectoryIndex(dir);
  expectEntry(idx.match('Sở Xây dựng'), 'sxd', 'active one preferred among the same recipient');
  const hg = idx.match('Sở Xây dựng tỉnh Hậu Giang');
  expectEntry(hg, 'sxd-hg', 'named historical body');
  assert.deepEqual(
    hg.successors.map((e) => e.id),
    ['sxd'],
  );
  const c = idx.match('Lê Văn Cường');
  expectEntry(c, 'cuong', 'recalled');
  assert.equal(c.warnings[0]?.code, 'recalled');
  assert.equal(c.successors[0]?.id, 'sxd');
  assert.equal(idx.match('Văn phòng Sở Xây dựng').warnings[0]?.code, 'no-address');
  assert.equal(idx.match('Ban Quản lý dự án').warnings[0]?.code, 'example-address');
});
