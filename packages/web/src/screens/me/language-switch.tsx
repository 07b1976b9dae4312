import { useState } from 'react';
import { localePreference, setLocalePreference, useT, type LocalePreference } from '../../i18n/i18n';

/** Chooses the app's language: follow the browser, English or Simplified Chinese. */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const [value, setValue] = useState<LocalePreference>(localePreference());
  return (
    <label className={compact ? 'language-switch language-compact' : 'language-switch cell'}>
      <span className="cell-label">{t('settings.language')}</span>
      <select
        value={value}
        onChange={(event) => {
          const next = event.target.value as LocalePreference;
          setValue(next);
          setLocalePreference(next);
        }}
      >
        <option value="auto">{t('settings.languageAuto')}</option>
        <option value="en">English</option>
        <option value="zh-CN">简体中文</option>
      </select>
    </label>
  );
}
