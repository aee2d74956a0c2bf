// Vietnamese text: normalisation, the search key, legacy encodings. Pure functions, no I/O (QĐ 50/2009 Điều 7).
// See docs/text.md.

export { nfc, normalize, type NormalizeResult, type Unrepairable } from './normalize.ts';
export { fold, foldWithMap, originalRange, tokenize, foldTokens, type FoldMap, type Token } from './fold.ts';
export { parseSyllable, isSyllable, type Syllable } from './syllable.ts';
export {
  detect,
  detectDetail,
  convert,
  looksLegacy,
  type DetectResult,
  type DetectDetail,
  type DetectedEncoding,
} from './detect.ts';
export {
  LEGACY_ENCODINGS,
  decodeLegacy,
  encodeLegacy,
  encodeLegacyAsCp1252,
  cp1252Decode,
  type LegacyEncoding,
  type EncodeOptions,
  type DecodeOptions,
} from './legacy.ts';
