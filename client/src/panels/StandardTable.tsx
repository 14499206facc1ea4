// The report card table: each standard with the community's figure, the target, pass/fail and the shortfall.
import { useLanguage } from '../i18n/useLanguage';
import type { StandardRow } from '../standards/standard-row';

export function StandardTable({ rows }: { rows: readonly StandardRow[] }) {
  const { t } = useLanguage();
  return (
    <table className="standards" data-testid="standards-table">
      <thead>
        <tr>
          <th scope="col">{t('standard')}</th>
          <th scope="col">{t('value')}</th>
          <th scope="col">{t('target')}</th>
          <th scope="col">{t('result')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} data-standard={row.id}>
            <th scope="row" title={row.title}>
              {row.label}
            </th>
            <td className="number" data-testid={`value-${row.id}`} data-value={row.raw}>
              {row.value}
            </td>
            <td className="number">{row.target}</td>
            <td>
              {row.pass === null ? (
                <span className="badge badge-none">–</span>
              ) : row.pass ? (
                <span className="badge badge-pass">✓ {t('pass')}</span>
              ) : (
                <span className="badge badge-fail" title={row.shortfall ?? undefined}>
                  ✗ {row.verdict ?? t('fail')}
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
