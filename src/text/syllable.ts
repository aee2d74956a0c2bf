// Vietnamese syllable validator: onset + rhyme + tone, with the orthographic rules that decide whether a written
// word can be one Vietnamese syllable. Used by the legacy-encoding detector to score candidate decodings and by
// normalize() to re-attach a stray tone mark.
//
// Sources for the facts below (facts, not code):
// - Onsets, rhymes, spelling rules (k/gh/ngh before i e ê, c/g/ng elsewhere; qu; gi; iê/yê; ia/ya): Đoàn Thiện Thuật,
//   "Ngữ âm tiếng Việt" (NXB ĐHQG Hà Nội), ch. 3–4, and the rhyme tables taught in "Tiếng Việt 1" (Bộ GD&ĐT).
//   Summary in vi.wikipedia "Chữ Quốc ngữ" and "Âm vị học tiếng Việt".
// - Tone placement (both "kiểu cũ" hòa/thủy/khỏe and "kiểu mới" hoà/thuỷ/khoẻ are accepted; they differ only for the
//   open rhymes oa, oe, uy): vi.wikipedia "Quy tắc đặt dấu thanh của chữ Quốc ngữ"; QĐ 240/QĐ (Bộ GD, 1984).
// - Stop codas (c, ch, p, t) take only sắc or nặng: same sources (âm tiết khép / "tắc" codas).

import { LETTERS, type Tone } from './letters.ts';

const VOWELS = new Set('aăâeêioôơuưy');
const SHAPED = new Set('ăâêôơư');

// Onsets, longest first so that 'ngh' is tried before 'ng' and 'n'.
const ONSETS = [
  'ngh',
  'ch',
  'gh',
  'gi',
  'kh',
  'ng',
  'nh',
  'ph',
  'qu',
  'th',
  'tr',
  'b',
  'c',
  'd',
  'đ',
  'g',
  'h',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'x',
  '',
];

// Rhymes (vần) without the tone, grouped by main vowel. A rhyme here is everything after the onset, including the
// medial glide o/u where there is one.
const PLAIN_RHYMES = [
  // a ă â
  'a ac ach ai am an ang anh ao ap at au ay',
  'ăc ăm ăn ăng ăp ăt',
  'âc âm ân âng âp ât âu ây',
  // e ê
  'e ec em en eng eo ep et',
  'ê êch êm ên ênh êp êt êu',
  // i / y and the diphthong iê (ia when open; yê/ya without onset or after the glide u)
  'i ia ich im in inh ip it iu',
  'iêc iêm iên iêng iêp iêt iêu',
  'y yêm yên yêng yêt yêu',
  // o oo ô ơ
  'o oc oi om on ong op ot ooc oong',
  'ô ôc ôi ôm ôn ông ôp ôt',
  'ơ ơi ơm ơn ơp ơt',
  // u and uô (ua when open)
  'u ua uc ui um un ung up ut',
  'uôc uôi uôm uôn uông uôt',
  // ư and ươ (ưa when open)
  'ư ưa ưc ưi ưm ưn ưng ưt ưu',
  'ươc ươi ươm ươn ương ươp ươt ươu',
];
// Rhymes with the medial glide written o (before a ă e) or u (before â ê y ơ, and yê/ya).
const GLIDE_RHYMES = [
  'oa oac oach oai oam oan oang oanh oap oat oay oăc oăm oăn oăng oăt oe oen oeo oet',
  'uân uâng uât uây uê uêch uênh uy uych uynh uyp uyt uyu uya uyên uyêt uơ',
];
// After "qu" the glide is already written by the u of the onset: quá, quyết, quốc, quơ ("qui" is an older spelling of quy).
const QU_RHYMES = [
  'a ac ach ai am an ang anh ao ap at au ay ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây',
  'e ec em en eng eo ep et ê êch ênh êt êu',
  'y ych ynh yp yt yu yên yêt i',
  'ô ôc ôn ông ơ ơi ơn',
];

function words(lines: string[]): Set<string> {
  return new Set(lines.join(' ').split(' '));
}
const RHYMES = new Set([...words(PLAIN_RHYMES), ...words(GLIDE_RHYMES)]);
const RHYMES_AFTER_QU = words(QU_RHYMES);

const STOP_CODAS = ['c', 'ch', 'p', 't'];

/** A parsed syllable. `base` is lower case, toneless; indices point into it. */
export interface Syllable {
  base: string;
  onset: string;
  rhyme: string;
  tone: Tone;
  /** Index in `base` of the letter carrying the tone (-1 for ngang). */
  toneIndex: number;
  /** Indices in `base` where a tone may be written (both placement styles). */
  tonePositions: number[];
}

interface Letters {
  base: string;
  tone: Tone;
  toneIndex: number;
}

function splitLetters(word: string): Letters | null {
  let base = '';
  let tone: Tone = 0;
  let toneIndex = -1;
  for (const ch of word) {
    const info = LETTERS.get(ch);
    if (info === undefined) return null;
    if (info.tone !== 0) {
      if (tone !== 0) return null; // two tones
      tone = info.tone;
      toneIndex = base.length;
    }
    base += info.base;
  }
  return { base, tone, toneIndex };
}

/**
 * Where the tone goes in a rhyme (indices into the rhyme). Rules, from the sources in the header:
 * - a shaped vowel (ă â ê ô ơ ư) takes it; in ươ/uô/iê/yê the second one (ơ, ô, ê): always the last shaped vowel;
 * - otherwise, with a final consonant: the last vowel (hoàn, quyết, huỳnh);
 * - otherwise (open rhyme): one vowel → it; oa/oe/uy → either (hòa/hoà, khỏe/khoẻ, thủy/thuỷ);
 *   other two-vowel rhymes → the first (mái, cháo, mía, múa); three vowels → the middle (ngoái, khuỷu).
 */
function rhymeTonePositions(rhyme: string): number[] {
  let n = 0;
  while (n < rhyme.length && VOWELS.has(rhyme[n] as string)) n++;
  const cluster = rhyme.slice(0, n);
  for (let i = cluster.length - 1; i >= 0; i--) if (SHAPED.has(cluster[i] as string)) return [i];
  if (n < rhyme.length) return [n - 1];
  if (n === 1) return [0];
  if (n === 2) return cluster === 'oa' || cluster === 'oe' || cluster === 'uy' ? [0, 1] : [0];
  return [1];
}

function tryParse(l: Letters, onset: string): Syllable | null {
  const s = l.base;
  let rhyme = s.slice(onset.length);
  let offset = onset.length; // index in s of rhyme[0]
  const first = rhyme[0] ?? '';
  switch (onset) {
    case 'gi':
      // gi + i merges: gì, gìn, giếng (= gi + iêng). Otherwise gi + rhyme: gia, giữ, giường.
      if (rhyme === '' || (!RHYMES.has(rhyme) && RHYMES.has('i' + rhyme))) {
        rhyme = 'i' + rhyme;
        offset = 1;
      }
      break;
    case 'qu':
      if (!RHYMES_AFTER_QU.has(rhyme)) return null;
      break;
    case 'k':
      if (!'eêiy'.includes(first) || first === '') return null;
      break;
    case 'gh':
    case 'ngh':
      if (!'eêi'.includes(first) || first === '') return null;
      break;
    case 'c':
    case 'g':
    case 'ng':
      if ('eêiy'.includes(first)) return null;
      break;
  }
  if (onset !== 'qu' && !RHYMES.has(rhyme)) return null;
  // iê is written yê without an onset; ya/yê after a consonant only through the glide u (khuya, chuyện).
  if (onset === '' && rhyme.startsWith('iê')) return null;
  if (onset !== '' && onset !== 'qu' && rhyme.startsWith('y') && rhyme.length > 1) return null;
  if (l.tone !== 0) {
    if ((l.tone === 1 || l.tone === 3 || l.tone === 4) && STOP_CODAS.some((c) => rhyme.endsWith(c))) return null;
  }
  const tonePositions = rhymeTonePositions(rhyme).map((i) => i + offset);
  if (l.tone !== 0 && !tonePositions.includes(l.toneIndex)) return null;
  return { base: s, onset, rhyme, tone: l.tone, toneIndex: l.toneIndex, tonePositions };
}

/**
 * Parse one written word as a Vietnamese syllable, case-insensitively. Returns null when the word cannot be one
 * syllable (foreign letters, two tones, impossible onset/rhyme, tone on the wrong letter, hỏi on a stop coda…).
 */
export function parseSyllable(word: string): Syllable | null {
  if (word.length === 0 || word.length > 9) return null; // the longest syllable is "nghiêng" (7 letters)
  const w = word.normalize('NFC');
  const l = splitLetters(w);
  if (l === null) return null;
  for (const onset of ONSETS) {
    if (!l.base.startsWith(onset)) continue;
    if (onset.length === l.base.length && onset !== 'gi') continue;
    const p = tryParse(l, onset);
    if (p !== null) return p;
  }
  return null;
}

/** True when `word` can be written as one Vietnamese syllable (either tone-placement style accepted). */
export function isSyllable(word: string): boolean {
  return parseSyllable(word) !== null;
}
