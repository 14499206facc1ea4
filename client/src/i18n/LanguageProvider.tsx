// Holds the interface language, remembered in localStorage, and sets <html lang> so screen readers and fonts follow.
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { LanguageContext } from './language-context';
import { MESSAGES, type Language, type MessageKey } from './messages';

const STORAGE_KEY = 'atlas.language';

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'zh' || stored === 'en') return stored;
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
    document.title = `${MESSAGES[language].appTitle} · ${MESSAGES[language === 'zh' ? 'en' : 'zh'].appTitle}`;
  }, [language]);
  const value = useMemo(() => ({ language, setLanguage, t: (key: MessageKey) => MESSAGES[language][key] }), [language, setLanguage]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}
