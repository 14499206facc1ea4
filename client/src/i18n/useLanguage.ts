// The current language, its switch and translate function `t`.
import { useContext } from 'react';
import { LanguageContext, type LanguageContextValue } from './language-context';

export function useLanguage(): LanguageContextValue {
  return useContext(LanguageContext);
}
