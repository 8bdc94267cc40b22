'use client';

import { useI18n } from '@/lib/i18n';
import { dictionaries, type Lang } from '@/lib/messages';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{t('switchLanguage')}</span>
      <select value={lang} onChange={(e) => setLang(e.target.value as Lang)} data-testid="language">
        {(Object.keys(dictionaries) as Lang[]).map((l) => (
          <option key={l} value={l}>
            {dictionaries[l].languageName}
          </option>
        ))}
      </select>
    </label>
  );
}
