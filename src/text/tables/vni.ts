// VNI-Windows (the VNI-Times / VNI-Helve … font encoding): a toned or shaped vowel is an ASCII base letter followed by
// one "mark" byte; ơ ư đ and the i/ỵ letters have single bytes. Upper-case letters use the upper-case mark byte
// (mark − 0x20). Shown here as the Windows-1252 characters of the bytes, which is also how VNI text looks in a mail
// client that read it as Windows-1252 ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam").
// SOURCE: VNI Software Company, VNI-Windows font encoding (VNI for Windows 4.x). Transcribed from the Unicode → VNI
// mapping facts in duydev/vietnamese-conversion src/charsets.ts (MIT; commit ad55b356199a…, via
// ../shared/domain/encodings/duydev_vietnamese-conversion_map.csv) with its ỷ/ỹ error corrected per the UniKey VnConv
// table (ỷ = y + 0xFB "û", ỹ = y + 0xF5 "õ", consistent with ả = "aû", ã = "aõ"); see encodings/README.md
// "Cross-checks". test/text/tables.test.ts checks every one of the 134 letters against that CSV.
// glibc iconv has no VNI charset, so there is no iconv cross-check for this table.

/** Mark bytes after a plain vowel (a e o u y ơ ư), indexed by tone: [none, huyền, sắc, hỏi, ngã, nặng]. */
export const VNI_TONE = ['', '\u00F8', '\u00F9', '\u00FB', '\u00F5', '\u00EF'] as const; // '' ø ù û õ ï
/** Mark bytes for â ê ô: circumflex alone, then circumflex + each tone. */
export const VNI_CIRCUMFLEX = ['\u00E2', '\u00E0', '\u00E1', '\u00E5', '\u00E3', '\u00E4'] as const; // â à á å ã ä
/** Mark bytes for ă: breve alone, then breve + each tone. */
export const VNI_BREVE = ['\u00EA', '\u00E8', '\u00E9', '\u00FA', '\u00FC', '\u00EB'] as const; // ê è é ú ü ë
/** Single bytes for i with each tone (the font draws a dotless i under the mark). */
export const VNI_I = ['i', '\u00EC', '\u00ED', '\u00E6', '\u00F3', '\u00F2'] as const; // i ì í æ ó ò
/** Single-byte letters (lower case; the capital is the byte − 0x20). */
export const VNI_O_HORN = '\u00F4'; // ô → ơ
export const VNI_U_HORN = '\u00F6'; // ö → ư
export const VNI_D_BAR = '\u00F1'; // ñ → đ
export const VNI_Y_DOT = '\u00EE'; // î → ỵ
