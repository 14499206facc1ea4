// The communities that fail one standard, worst first, each a button that selects it on the map.
import { formatArea, formatShare } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import type { DashboardStandard, FailingCommunity } from '../standards/dashboard-summary';

export function FailingTable({ rows, standard, onCommunity }: { rows: readonly FailingCommunity[]; standard: DashboardStandard; onCommunity(code: string): void }) {
  const { t, language } = useLanguage();
  if (!rows.length) return <p className="hint">{t('none')}</p>;
  return (
    <table className="failing" data-testid="failing-table" data-standard={standard}>
      <thead>
        <tr>
          <th scope="col">{t('rank')}</th>
          <th scope="col">{t('community')}</th>
          <th scope="col">{standard === 'grid' ? t('workers') : t('coveredShare')}</th>
          <th scope="col">{t('shortfall')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={row.code} data-code={row.code}>
            <td className="number">{index + 1}</td>
            <td>
              <button type="button" className="link-button" onClick={() => onCommunity(row.code)}>
                <span lang="zh">{row.name}</span>
              </button>
            </td>
            <td className="number">{formatShare(row.share, language)}</td>
            <td className="number">{standard === 'grid' ? `${row.shortfall} ${language === 'zh' ? '个网格无员' : 'without worker'}` : formatArea(row.shortfall, language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
