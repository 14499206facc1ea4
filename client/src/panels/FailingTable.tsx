// The communities that fail one standard, largest shortfall first (as the hub ranks them), each a button that selects it.
import type { FailingResult } from '../api/dashboard-query';
import { useLanguage } from '../i18n/useLanguage';
import { formatInUnit } from '../standards/standard-units';

export function FailingTable({ rows, ruleId, onCommunity }: { rows: readonly FailingResult[]; ruleId: string; onCommunity(code: string): void }) {
  const { t, language } = useLanguage();
  if (!rows.length) return <p className="hint">{t('none')}</p>;
  return (
    <table className="failing" data-testid="failing-table" data-standard={ruleId}>
      <thead>
        <tr>
          <th scope="col">{t('rank')}</th>
          <th scope="col">{t('community')}</th>
          <th scope="col">{t('value')}</th>
          <th scope="col">{t('shortfall')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={row.communityCode} data-code={row.communityCode}>
            <td className="number">{index + 1}</td>
            <td>
              <button type="button" className="link-button" onClick={() => onCommunity(row.communityCode)}>
                <span lang="zh">{row.communityName ?? row.communityCode}</span>
              </button>
            </td>
            <td className="number">{formatInUnit(row.value, row.unit, language)}</td>
            <td className="number shortfall-cell">{formatInUnit(row.shortfall, row.unit, language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
