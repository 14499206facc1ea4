// The title block of the printed report (hidden on screen): hub, district, the report's date and the data's date and time.
import { useEffect, useState } from 'react';
import { useLanguage } from '../i18n/useLanguage';
import { useDataVersion } from '../api/useDataVersion';

export function PrintHeader({ districtName, token }: { districtName: string | null; token: string | null }) {
  const { t, language } = useLanguage();
  const version = useDataVersion(token);
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const refresh = () => setNow(new Date());
    window.addEventListener('beforeprint', refresh);
    return () => window.removeEventListener('beforeprint', refresh);
  }, []);
  return (
    <div className="print-header" aria-hidden="true">
      <h1>
        {t('appTitle')} · {t('dashboard')}
        {districtName ? <span lang="zh"> · {districtName}</span> : ` · ${t('allDistricts')}`}
      </h1>
      <p>
        {t('reportDate')}: {now.toLocaleDateString(language === 'zh' ? 'zh-CN' : 'en-GB', { year: 'numeric', month: 'long', day: 'numeric' })} · {t('dataVersion')}:{' '}
        <span data-testid="data-version">
          {version ? new Date(version).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' }) : '–'}
        </span>
      </p>
    </div>
  );
}
