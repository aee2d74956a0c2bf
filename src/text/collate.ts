// The sort key of Vietnamese text (the message list's sort by sender or subject, docs/text.md "Sorting"). Compared as
// plain strings (SQLite's BINARY collation on the stored key: UTF-8 byte order is code point order), it orders:
//
// - by the Vietnamese alphabet first: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y (Bộ GD&ĐT; f j w z,
//   which only loanwords use, in their Latin places), so "Đ…" comes after every "D…" and "Ư…" after "U…";
// - ignoring tones at that level, so "Ánh" sits next to "Anh", "Hòa" next to "Hoa" (then the tone decides: ngang,
//   huyền, sắc, hỏi, ngã, nặng, the order of Vietnamese dictionaries);
// - ignoring case.
//
// Other letters fold to their base Latin letter (fold.ts), digits and punctuation keep their code points (before
// every letter). Pure; the letters come from letters.ts.
import { fold } from './fold.ts';
import { LETTERS } from './letters.ts';

const ALPHABET = 'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz';
/** Letters are written from U+0100 up, above ASCII punctuation and digits, in alphabet order. */
const LETTER_BASE = 0x100;
const RANK = new Map<string, string>([...ALPHABET].map((c, i) => [c, String.fromCharCode(LETTER_BASE + i)]));

/** Separates the letters from the tones: lower than any character of the first part. */
const LEVEL_SEPARATOR = '\u0000';

export function sortKey(text: string): string {
  let primary = '';
  let tones = '';
  for (const ch of text.normalize('NFC')) {
    const info = LETTERS.get(ch);
    if (info) {
      primary += RANK.get(info.base) ?? info.base;
      tones += String(info.tone);
      continue;
    }
    for (const f of fold(ch)) {
      const rank = RANK.get(f);
      primary += rank ?? f;
      if (rank) tones += '0';
    }
  }
  return `${primary}${LEVEL_SEPARATOR}${tones}`;
}
