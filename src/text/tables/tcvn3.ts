// TCVN3 ("ABC", the .VnTime/.VnArial font encoding): the VN3 subset of TCVN 5712:1993.
// SOURCE: TCVN 5712:1993 "Công nghệ thông tin – Bộ mã chuẩn 8-bit kí tự Việt dùng trong trao đổi thông tin", table VN3
// (the subset for 8-bit fonts that keep ASCII and the Windows symbols). Cross-checked: every VN3 byte below equals
// glibc iconv's TCVN5712-1 (test/text/tables.test.ts runs iconv over all bytes); the UniKey TCVN3 table agrees on every
// lower-case letter (../shared/domain/encodings/README.md, "Cross-checks"); the sample "Céng hoµ x· héi chñ nghÜa ViÖt
// Nam" decodes to "Cộng hoà xã hội chủ nghĩa Việt Nam".
//
// THE CAPITAL LIMIT: VN3 has codes for only seven capitals, Ă Â Ê Ô Ơ Ư Đ (0xA1–0xA7). A capital letter with a tone
// (À Ấ Ộ Ủ …) has no code: users switched to the capitals font (.VnTimeH), which draws the LOWER-case codes as capitals.
// So plain TCVN3 bytes cannot say whether "ñ" is ủ or Ủ; we encode toned capitals with the lower-case code (as UniKey
// does) and decode to lower case, then restore upper case only where a whole word or line is evidently in capitals
// (see restoreTcvn3Capitals in ../legacy.ts).

/**
 * VN3 letters for bytes 0xA0–0xFF, sixteen per row; '\u0000' marks a byte VN3 does not use for a letter.
 * 0xA0 is NBSP, as in Windows-1252.
 */
export const TCVN3_A0_FF = [
  '\u00A0ĂÂÊÔƠƯĐăâêôơưđ\u0000', // 0xA0
  '\u0000\u0000\u0000\u0000\u0000àảãáạ\u0000ằẳẵắ\u0000', // 0xB0
  '\u0000\u0000\u0000\u0000\u0000\u0000ặầẩẫấậè\u0000ẻẽ', // 0xC0
  'éẹềểễếệìỉ\u0000\u0000\u0000ĩíịò', // 0xD0
  '\u0000ỏõóọồổỗốộờởỡớợù', // 0xE0
  '\u0000ủũúụừửữứựỳỷỹýỵ\u0000', // 0xF0
].join('');

/**
 * The rest of 0xA0–0xFF in the full TCVN 5712:1993 VN1 set (capitals and, at 0xB0–0xB4, the combining tone marks).
 * Never produced by our encoder; accepted when decoding, since some files were made with VN1 fonts.
 * SOURCE: TCVN 5712:1993 table VN1, as implemented by glibc iconv TCVN5712-1.
 */
export const VN1_EXTRA_A0_FF: ReadonlyArray<readonly [number, string]> = [
  [0xaf, 'Ằ'],
  [0xb0, '\u0300'],
  [0xb1, '\u0309'],
  [0xb2, '\u0303'],
  [0xb3, '\u0301'],
  [0xb4, '\u0323'],
  [0xba, 'Ẳ'],
  [0xbf, 'Ẵ'],
  [0xc0, 'Ắ'],
  [0xc1, 'Ầ'],
  [0xc2, 'Ẩ'],
  [0xc3, 'Ẫ'],
  [0xc4, 'Ấ'],
  [0xc5, 'Ề'],
  [0xcd, 'Ể'],
  [0xd9, 'Ễ'],
  [0xda, 'Ế'],
  [0xdb, 'Ồ'],
  [0xe0, 'Ổ'],
  [0xf0, 'Ỗ'],
  [0xff, 'Ố'],
];
// VN1 also puts capitals on 0x01–0x17 and 0x80–0x9F. In .VnTime documents 0x80–0x9F are the Windows-1252 symbols
// (“ ” – — … are common in them) and 0x01–0x17 are controls, so the decoder reads those bytes as Windows-1252 does.
