// The Vietnamese alphabet as data: every letter is a base letter (a, ă, â, b, …, đ, …, ư, y, with its shape mark) plus
// at most one tone mark. The tables below are built once from Unicode's own canonical decompositions
// (String.prototype.normalize), so no precomposed code point is typed by hand here.
//
// Facts used (Vietnamese orthography, "chữ Quốc ngữ"):
// - 29 letters: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y (Bộ GD&ĐT alphabet; f j w z only in loanwords).
// - Six tones: ngang (no mark), huyền U+0300, sắc U+0301, hỏi U+0309, ngã U+0303, nặng U+0323.
// - Shape marks: circumflex U+0302 (â ê ô), breve U+0306 (ă), horn U+031B (ơ ư). đ/Đ (U+0111/U+0110) have no decomposition.

/** Tone numbers: 0 ngang, 1 huyền (grave), 2 sắc (acute), 3 hỏi (hook above), 4 ngã (tilde), 5 nặng (dot below). */
export type Tone = 0 | 1 | 2 | 3 | 4 | 5;

/** Combining tone marks, indexed by Tone (index 0 unused). */
export const TONE_MARKS = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'] as const;

/** The 12 vowel letters that can carry a tone. */
export const BASE_VOWELS = 'aăâeêioôơuưy';
/** Consonant letters of the Vietnamese alphabet (plus f j w z, which only loanwords use). */
export const CONSONANTS = 'bcdđghklmnpqrstvx';

export interface LetterInfo {
  /** Lower-case base letter with its shape mark, without tone: 'ấ' → 'â', 'Đ' → 'đ'. */
  base: string;
  tone: Tone;
  upper: boolean;
}

const toneOfMark = new Map<string, Tone>([
  ['\u0300', 1],
  ['\u0301', 2],
  ['\u0309', 3],
  ['\u0303', 4],
  ['\u0323', 5],
]);

/** Every Vietnamese letter (NFC, both cases, 186 + consonants) → its parts. */
export const LETTERS: ReadonlyMap<string, LetterInfo> = (() => {
  const m = new Map<string, LetterInfo>();
  for (const base of BASE_VOWELS) {
    for (let t = 0 as Tone; t <= 5; t = (t + 1) as Tone) {
      const lower = (base + TONE_MARKS[t]).normalize('NFC');
      m.set(lower, { base, tone: t, upper: false });
      m.set(lower.toUpperCase(), { base, tone: t, upper: true });
    }
  }
  for (const c of CONSONANTS) {
    m.set(c, { base: c, tone: 0, upper: false });
    m.set(c.toUpperCase(), { base: c, tone: 0, upper: true });
  }
  return m;
})();

/** Compose a lower-case base letter and a tone into one NFC letter, upper-cased if asked. */
export function composeLetter(base: string, tone: Tone, upper = false): string {
  const s = (base + TONE_MARKS[tone]).normalize('NFC');
  return upper ? s.toUpperCase() : s;
}

/** The tone of a combining mark (U+0300 …), or undefined for any other character. */
export function toneOfCombining(ch: string): Tone | undefined {
  return toneOfMark.get(ch);
}

/** True for the 134 toned/shaped Vietnamese letters and the plain vowels, either case. */
export function isVowelLetter(ch: string): boolean {
  const info = LETTERS.get(ch);
  return info !== undefined && BASE_VOWELS.includes(info.base);
}
