// VISCII 1.1 (Vietnamese Standard Code for Information Interchange): all 134 precomposed Vietnamese letters in one
// byte. 0x80–0xFF are all letters; six capitals sit on C0 control positions (0x02 0x05 0x06 0x14 0x19 0x1E), the rest
// of 0x00–0x7F is ASCII.
// SOURCE: RFC 1456 "Conventions for Encoding the Vietnamese Language" (Vietnamese Standardization Working Group, May
// 1993), Table 1 "VISCII 8-bit Encoding Table (v1.1)". Cross-checked byte by byte against glibc iconv's VISCII
// (test/text/tables.test.ts runs `iconv -f VISCII -t UTF-8` over all 256 bytes) and the copy of that output in
// ../shared/domain/encodings/glibc_iconv_VISCII_TCVN5712-1_CP1258.json.

/** Unicode for bytes 0x80–0xFF, sixteen per row. */
export const VISCII_80_FF = [
  'ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐ', // 0x80
  'ỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ', // 0x90
  'Õắằặấầẩậẽẹếềểễệố', // 0xA0
  'ồổỗỠƠộờởịỰỨỪỬơớƯ', // 0xB0
  'ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳ', // 0xC0
  'ĐứÒÓÔạỷừửÙÚỹỵÝỡư', // 0xD0
  'àáâãảăữẫèéêẻìíĩỉ', // 0xE0
  'đựòóôõỏọụùúũủýợỮ', // 0xF0
].join('');

/** The six capitals on C0 control positions (RFC 1456 Table 1, rows x2 x5 x6 of column 0x, x4 x9 xE of column 1x). */
export const VISCII_C0: ReadonlyArray<readonly [number, string]> = [
  [0x02, 'Ẳ'],
  [0x05, 'Ẵ'],
  [0x06, 'Ẫ'],
  [0x14, 'Ỷ'],
  [0x19, 'Ỹ'],
  [0x1e, 'Ỵ'],
];
