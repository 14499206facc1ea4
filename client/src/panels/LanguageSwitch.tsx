// The 中文 / English switch; the choice is remembered by LanguageProvider.
import { useLanguage } from '../i18n/useLanguage';

export function LanguageSwitch() {
  const { language, setLanguage, t } = useLanguage();
  return (
    <button type="button" className="header-button" onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')} aria-label={t('languageLabel')} data-testid="language-switch" lang={language === 'zh' ? 'en' : 'zh'}>
      {t('language')}
    </button>
  );
}
