// Reply and forward prefixes of subjects, the one rule used by replies (src/mail/reply.ts) and threading
// (src/mail/threads.ts). Vietnamese clients and users write "Re:", "RE:", "TL:", "Trả lời:", "Tra loi:", "Fwd:", "FW:",
// "Chuyển tiếp:"...; they are recognised through fold() (src/text, the one fold), so any case and diacritics match.
import { fold, foldWithMap, nfc } from '../text/index.ts';

// On folded text. A count may follow the word ("Re[2]:", "Re(2):", "Re^2:"), spaces may precede the colon
// ("Re :", French style), and the full-width colon appears in text typed with some IMEs.
const PREFIX = /^\s*(re|fwd|fw|tl|tra\s+loi|chuyen\s+tiep)\s*(?:\[\d{1,3}\]|\(\d{1,3}\)|\^\d{1,3})?\s*[:\uFF1A]\s*/;

/** The subject without any leading reply or forward prefixes (NFC, surrounding spaces trimmed). */
export function stripPrefixes(subject: string): string {
  let s = nfc(subject).replace(/[\r\n\t]+/g, ' ');
  for (let guard = 0; guard < 50; guard++) {
    const fm = foldWithMap(s);
    const m = PREFIX.exec(fm.folded);
    if (!m) break;
    const end = m[0].length;
    s = end < fm.map.length ? s.slice(fm.map[end]) : '';
  }
  return s.trim();
}

/** True when the subject starts with a reply or forward prefix. */
export function hasPrefix(subject: string): boolean {
  return PREFIX.test(fold(nfc(subject)));
}
