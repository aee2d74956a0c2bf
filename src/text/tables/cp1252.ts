// Windows-1252, the code page most Vietnamese legacy text is mis-read as: bytes 0x00–0x7F are ASCII, 0xA0–0xFF are
// Latin-1 (U+00A0–U+00FF), and 0x80–0x9F hold the typographic characters below.
// SOURCE: Unicode Consortium, MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1252.TXT (Microsoft cp1252 to Unicode table);
// WHATWG Encoding Standard, index-windows-1252 (maps the five undefined bytes 0x81 0x8D 0x8F 0x90 0x9D to the C1
// controls U+0081…, which is what a browser or Node's TextDecoder('windows-1252') produces, so we do the same).

/** Unicode for bytes 0x80–0x9F; the five bytes Windows leaves undefined read as their C1 control. */
export const CP1252_80_9F =
  '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F' + // 0x80
  '\u0090‘’“”•–—˜™š›œ\u009DžŸ'; // 0x90
