// Pure helpers of the i18n layer (no React, no DOM), so Node tests can import them.
import { errorMessage, isErrorCode, type ApiError, type Lang } from '../../src/api/errors.ts';
import { en } from './en.ts';
import { vi, type MessageKey, type Messages } from './vi.ts';

export type { Lang, MessageKey };
export const languages: readonly Lang[] = ['vi', 'en'];
export const defaultLang: Lang = 'vi';

const catalogs: Record<Lang, Messages> = { vi, en };

export type Vars = Readonly<Record<string, string | number>>;

/** Looks up `key` in `lang` and fills {placeholders}; an unknown placeholder is left as written, so it shows in review. */
export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const template = catalogs[lang][key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : typeof value === 'number' ? formatNumber(value, lang) : value;
  });
}

export function isLang(value: unknown): value is Lang {
  return value === 'vi' || value === 'en';
}

/**
 * The user-facing text of an API error in the current language. The code is translated from the contract's table
 * (src/api/errors.ts), so switching language re-translates errors already on screen. A VALIDATION error keeps the
 * field list the boundary appended, since it says what to fix.
 */
export function errorText(error: ApiError, lang: Lang): string {
  if (!isErrorCode(error.code)) return error.message;
  const base = errorMessage(error.code, lang);
  if (error.code === 'VALIDATION') {
    const fields = /\(([^()]*)\)\s*$/.exec(error.message);
    if (fields) return `${base} (${fields[1]})`;
  }
  return base;
}

/** Vietnamese groups thousands with '.', English with ','. */
export function formatNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }).format(n);
}
