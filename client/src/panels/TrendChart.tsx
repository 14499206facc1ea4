// One standard's pass share month by month as a small SVG line: axis 0–100 %, months (and years) labelled, a dot per snapshot.
import type { TrendPointFacts } from '../api/trend-query';
import { cityMonthOf, fillIn, formatMonth, formatShare } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { PALETTE } from '../map/layers/palette';

const WIDTH = 220;
const HEIGHT = 118;
const LEFT = 30;
const RIGHT = 8;
const TOP = 8;
const BOTTOM = 30;

const monthIndex = (month: string) => {
  const [year, index] = month.split('-').map(Number);
  return year * 12 + index - 1;
};

/** Month labels kept apart: about four along the axis, the last always, the first when it is not crowded. */
function labelledMonths(count: number): Set<number> {
  const step = Math.max(1, Math.ceil(count / 4));
  const chosen = new Set<number>();
  for (let i = count - 1; i >= 0; i -= step) chosen.add(i);
  if (!chosen.has(0) && Math.min(...chosen) >= Math.ceil(step / 2) + 1) chosen.add(0);
  return chosen;
}

export function TrendChart({ ruleId, title, points }: { ruleId: string; title: string; points: readonly TrendPointFacts[] }) {
  const { t, language } = useLanguage();
  const months = points.map((point) => cityMonthOf(point.at));
  const first = months.length ? monthIndex(months[0]) : 0;
  const span = months.length ? Math.max(1, monthIndex(months[months.length - 1]) - first) : 1;
  const x = (month: string) => (months.length === 1 ? (LEFT + WIDTH - RIGHT) / 2 : LEFT + ((monthIndex(month) - first) / span) * (WIDTH - LEFT - RIGHT));
  const y = (share: number) => TOP + (1 - share) * (HEIGHT - TOP - BOTTOM);
  const measured = points.map((point, index) => ({ point, month: months[index] })).filter(({ point }) => point.passShare !== null);
  const labels = labelledMonths(months.length);
  const shortMonth = (month: string) => {
    const index = Number(month.slice(5));
    return language === 'zh' ? `${index}月` : new Date(Date.UTC(2000, index - 1, 15)).toLocaleDateString('en-GB', { month: 'short', timeZone: 'UTC' });
  };
  return (
    <figure className="trend-chart" data-testid={`trend-${ruleId}`} data-points={points.length}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${title}: ${points.map((p, i) => `${formatMonth(months[i], language)} ${formatShare(p.passShare, language)}`).join(', ')}`}>
        {[0, 0.5, 1].map((share) => (
          <g key={share}>
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(share)} y2={y(share)} stroke={share === 0 ? '#888' : '#e1e5e8'} />
            <text x={LEFT - 4} y={y(share) + 3.5} textAnchor="end" fontSize={9} fill="#555">
              {share * 100}%
            </text>
          </g>
        ))}
        {months.map((month, index) =>
          labels.has(index) ? (
            <g key={month}>
              <text x={x(month)} y={HEIGHT - BOTTOM + 12} textAnchor="middle" fontSize={9} fill="#333">
                {shortMonth(month)}
              </text>
              {(index === Math.min(...labels) || month.endsWith('-01')) && (
                <text x={x(month)} y={HEIGHT - BOTTOM + 23} textAnchor="middle" fontSize={8.5} fill="#777">
                  {month.slice(0, 4)}
                </text>
              )}
            </g>
          ) : null,
        )}
        {measured.length > 1 && (
          <polyline fill="none" stroke={PALETTE.bus} strokeWidth={1.8} points={measured.map(({ point, month }) => `${x(month).toFixed(1)},${y(point.passShare!).toFixed(1)}`).join(' ')} />
        )}
        {measured.map(({ point, month }) => (
          <circle
            key={point.at}
            cx={x(month)}
            cy={y(point.passShare!)}
            r={2.8}
            fill={PALETTE.bus}
            data-testid="trend-point"
            data-at={point.at}
            data-month={month}
            data-passed={point.passed}
            data-evaluated={point.evaluated}
            data-share={point.passShare!}
          >
            <title>{fillIn(t('trendPoint'), { month: formatMonth(month, language), passed: point.passed, evaluated: point.evaluated, share: formatShare(point.passShare, language) })}</title>
          </circle>
        ))}
      </svg>
    </figure>
  );
}
