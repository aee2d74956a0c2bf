// VIQR (VIetnamese Quoted-Readable): Vietnamese in 7-bit ASCII, each mark typed as an ASCII character after its vowel.
// SOURCE: RFC 1456 "Conventions for Encoding the Vietnamese Language", section "VIQR: VIetnamese Quoted-Readable
// Specification" (Viet-Std Group, 1992/1993): breve "(", circumflex "^", horn "+", acute "'", grave "`", hook above
// "?", tilde "~", dot below "."; "dd"/"DD" for đ/Đ; a backslash before a mark character keeps it literal. The
// Vietnet convention also used "*" for the horn; we accept it when decoding and never produce it.

import type { Tone } from '../letters.ts';

/** Shape mnemonics: base letter + mnemonic → shaped letter. */
export const VIQR_SHAPES: ReadonlyMap<string, string> = new Map([
  ['a(', 'ă'],
  ['a^', 'â'],
  ['e^', 'ê'],
  ['o^', 'ô'],
  ['o+', 'ơ'],
  ['u+', 'ư'],
  ['o*', 'ơ'],
  ['u*', 'ư'],
]);

/** Tone mnemonics. */
export const VIQR_TONES: ReadonlyMap<string, Tone> = new Map<string, Tone>([
  ['`', 1],
  ["'", 2],
  ['?', 3],
  ['~', 4],
  ['.', 5],
]);

/** Every character that can act as a mark and so needs a backslash to be literal after a vowel. */
export const VIQR_MARK_CHARS = "(^+*`'?~.";
