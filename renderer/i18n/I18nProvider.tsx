import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ApiError } from '../../src/api/errors.ts';
import { defaultLang, errorText, translate, type Lang, type MessageKey, type Vars } from './translate.ts';

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, vars?: Vars): string;
  /** The Vietnamese (or English) message for an API error, from the contract's error table. */
  err(error: ApiError): string;
}

const I18nContext = createContext<I18n | null>(null);

/**
 * The language is the user's preference (features/settings): the app passes it as `lang` and stores a change through
 * `onLangChange`. Without `onLangChange` the provider keeps the choice itself (isolated screens, tests).
 */
export function I18nProvider({
  children,
  lang: given,
  onLangChange,
}: {
  children: ReactNode;
  lang?: Lang;
  onLangChange?(lang: Lang): void;
}) {
  const [own, setOwn] = useState<Lang>(() => given ?? defaultLang);
  const lang = onLangChange && given ? given : own;

  useEffect(() => {
    // Screen readers pick their voice from the lang attribute: Vietnamese text read with an English voice is unusable.
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback(
    (next: Lang) => {
      if (onLangChange) onLangChange(next);
      else setOwn(next);
    },
    [onLangChange],
  );

  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      err: (error) => errorText(error, lang),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
