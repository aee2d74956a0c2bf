// Windows-1258 (Microsoft's Vietnamese code page): Latin-1-like, with ă â ê ô ơ ư đ precomposed and the five tones as
// combining marks (0xCC grave, 0xD2 hook, 0xDE tilde, 0xEC acute, 0xF2 dot below), so a toned letter is base + mark.
// SOURCE: Unicode Consortium, MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1258.TXT; cross-checked against glibc iconv CP1258
// (test/text/tables.test.ts) and ../shared/domain/encodings/glibc_iconv_VISCII_TCVN5712-1_CP1258.json. Bytes the
// code page leaves undefined (0x81 0x8A 0x8D–0x90 0x9A 0x9D 0x9E) read as their C1 control, as in WHATWG's
// index-windows-1258.

/** Unicode for bytes 0x80–0xFF, sixteen per row; '\u0000' marks the undefined bytes. */
export const CP1258_80_FF = [
  '€\u0000‚ƒ„…†‡ˆ‰\u0000‹Œ\u0000\u0000\u0000', // 0x80
  '\u0000‘’“”•–—˜™\u0000›œ\u0000\u0000Ÿ', // 0x90
  '\u00A0¡¢£¤¥¦§¨©ª«¬\u00AD®¯', // 0xA0
  '°±²³´µ¶·¸¹º»¼½¾¿', // 0xB0
  'ÀÁÂĂÄÅÆÇÈÉÊË\u0300ÍÎÏ', // 0xC0
  'ĐÑ\u0309ÓÔƠÖ×ØÙÚÛÜƯ\u0303ß', // 0xD0
  'àáâăäåæçèéêë\u0301íîï', // 0xE0
  'đñ\u0323óôơö÷øùúûüư₫ÿ', // 0xF0
].join('');
