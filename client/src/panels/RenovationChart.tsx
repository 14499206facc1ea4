// A small bar chart of the renovation programme: per plan year, the annual plan (dashed outline) against completed (solid) and in progress.
import { useLanguage } from '../i18n/useLanguage';
import { PALETTE } from '../map/layers/palette';
import type { RenovationYearFacts } from '../api/dashboard-query';

const WIDTH = 320;
const HEIGHT = 150;
const AXIS = 22;

export function RenovationChart({ years }: { years: readonly RenovationYearFacts[] }) {
  const { t } = useLanguage();
  if (!years.length) return null;
  const max = Math.max(1, ...years.map((year) => Math.max(year.planned, year.completed + year.inProgress)));
  const slot = (WIDTH - 30) / years.length;
  const bar = Math.min(36, slot * 0.6);
  const y = (value: number) => HEIGHT - AXIS - (value / max) * (HEIGHT - AXIS - 14);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${t('renovationProgress')}: ${t('annualPlan')} / ${t('completed')}`}>
        <line x1={24} x2={WIDTH} y1={HEIGHT - AXIS} y2={HEIGHT - AXIS} stroke="#888" />
        <text x={20} y={y(max) + 4} textAnchor="end" fontSize={10} fill="#555">
          {max}
        </text>
        {years.map((year, index) => {
          const x = 30 + index * slot + (slot - bar) / 2;
          return (
            <g key={year.year}>
              <rect x={x} y={y(year.planned)} width={bar} height={HEIGHT - AXIS - y(year.planned)} fill="#ffffff" stroke={PALETTE.planned} strokeWidth={1.5} strokeDasharray="4 2" />
              <rect x={x} y={y(year.completed + year.inProgress)} width={bar} height={HEIGHT - AXIS - y(year.completed + year.inProgress)} fill={PALETTE.inProgress} opacity={0.55} />
              <rect x={x} y={y(year.completed)} width={bar} height={HEIGHT - AXIS - y(year.completed)} fill={PALETTE.completed} />
              <text x={x + bar / 2} y={y(Math.max(year.planned, year.completed + year.inProgress)) - 3} textAnchor="middle" fontSize={10} fill="#333">
                {year.completed}/{year.planned}
              </text>
              <text x={x + bar / 2} y={HEIGHT - 6} textAnchor="middle" fontSize={11} fill="#333">
                {year.year}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="legend legend-inline">
        <span>
          <span className="swatch" style={{ border: `1.5px dashed ${PALETTE.planned}` }} /> {t('annualPlan')}
        </span>
        <span>
          <span className="swatch" style={{ background: PALETTE.inProgress, opacity: 0.55 }} /> {t('inProgress')}
        </span>
        <span>
          <span className="swatch" style={{ background: PALETTE.completed }} /> {t('completed')}
        </span>
      </figcaption>
    </figure>
  );
}
