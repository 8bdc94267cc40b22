'use client';

import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { dictionaries, type Lang, type MessageKey } from './messages';

const langKey = 'jiyul.lang';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

/** The stored choice, else the browser's language: Korean for any `ko*`, English otherwise. */
function initialLang(): Lang {
  const stored = window.localStorage.getItem(langKey);
  if (stored === 'ko' || stored === 'en') {
    return stored;
  }
  return navigator.language.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>('en');

  useEffect(() => {
    setLangState(initialLang());
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    window.localStorage.setItem(langKey, next);
    setLangState(next);
  }, []);

  const t = useCallback<Translate>(
    (key, values) => {
      let text: string = dictionaries[lang][key];
      for (const [name, value] of Object.entries(values ?? {})) {
        text = text.replace(`{${name}}`, String(value));
      }
      return text;
    },
    [lang],
  );

  return <I18nContext.Provider value={{ lang, setLang, t }}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) {
    throw new Error('useI18n outside I18nProvider');
  }
  return value;
}
