// The dashboard's history: a small trend line per standard (pass share month by month, from the hub's snapshots), printed with the report.
import type { SchemaFields } from '../api/schema-fields';
import { useStandardsTrend } from '../api/useStandardsTrend';
import { useLanguage } from '../i18n/useLanguage';
import { TrendChart } from './TrendChart';

export interface TrendRule {
  id: string;
  title: string;
}

export function DashboardTrends({ rules, district, token, fields }: { rules: readonly TrendRule[]; district: string | null; token: string | null; fields: SchemaFields | null }) {
  const { t } = useLanguage();
  const { trends, error } = useStandardsTrend(
    rules.map((rule) => rule.id),
    district,
    token,
    fields,
  );
  if (!trends && !error) return null;
  const empty = trends !== null && [...trends.values()].every((points) => points.length === 0);
  return (
    <section className="trend-section" data-testid="trends">
      <h3>{t('trend')}</h3>
      {error && <p className="error" role="alert">{`${t('error')}: ${error}`}</p>}
      {empty && <p className="hint">{t('trendNoSnapshots')}</p>}
      {trends && !empty && (
        <div className="trends">
          {rules.map((rule) => (
            <TrendChart key={rule.id} ruleId={rule.id} title={rule.title} points={trends.get(rule.id) ?? []} />
          ))}
        </div>
      )}
    </section>
  );
}
