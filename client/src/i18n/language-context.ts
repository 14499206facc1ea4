// The React context carrying the chosen language and its translate function.
import { createContext } from 'react';
import { MESSAGES, type Language, type MessageKey } from './messages';

export interface LanguageContextValue {
  language: Language;
  setLanguage(language: Language): void;
  t(key: MessageKey): string;
}

export const LanguageContext = createContext<LanguageContextValue>({
  language: 'zh',
  setLanguage: () => undefined,
  t: (key) => MESSAGES.zh[key],
});
