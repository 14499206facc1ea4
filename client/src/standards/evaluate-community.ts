// Judges one community against the standards of STANDARDS.md from its figures, for the community panel.
// Targets are Shenyang's (SY) where documents differ; the server's own evaluation replaces this when the schema offers one.
import { formatArea, formatMeters, formatNumber, formatShare } from '../i18n/format';
import type { Language } from '../i18n/messages';
import type { CommunityFacts, CoverageFacts } from './community-facts';
import type { StandardRow } from './standard-row';
import { STANDARD_LABELS } from './standard-labels';

/** Coverage counts as full above this share: edge slivers of a few m² are not a planner's shortfall. */
export const FULL_COVERAGE_SHARE = 0.995;

const SIZE_RANGES: Record<string, [number, number]> = { urban: [2000, 4000], town: [700, 2000], rural: [300, 1500] };

function coverageRow(id: string, coverage: CoverageFacts | undefined, language: Language): StandardRow | null {
  if (!coverage) return null;
  const pass = coverage.coveredShare >= FULL_COVERAGE_SHARE;
  return {
    id,
    label: STANDARD_LABELS[id][language],
    value: formatShare(coverage.coveredShare, language),
    target: '100%',
    pass,
    shortfall: pass ? null : `${formatShare(1 - coverage.coveredShare, language)} · ${formatArea(coverage.uncoveredAreaM2, language)}`,
    raw: coverage.coveredShare,
  };
}

function minimumRow(id: string, value: number | null, target: number, language: Language, unit: (n: number) => string): StandardRow {
  const label = STANDARD_LABELS[id][language];
  if (value == null || !Number.isFinite(value)) return { id, label, value: '–', target: `≥ ${unit(target)}`, pass: null, shortfall: null };
  const pass = value >= target;
  return { id, label, value: unit(value), target: `≥ ${unit(target)}`, pass, shortfall: pass ? null : unit(target - value) };
}

export function evaluateCommunity(facts: CommunityFacts, language: Language): StandardRow[] {
  const rows: (StandardRow | null)[] = [];
  rows.push(coverageRow('bus-stop-500m', facts.busStopCoverage, language));
  const nearest = facts.busStopCoverage?.nearestMeters;
  if (nearest != null && nearest > 0 && rows[0]) rows[0] = { ...rows[0], value: `${rows[0].value} (${formatMeters(nearest, language)})` };
  rows.push(coverageRow('camera-public-area', facts.cameraCoverage, language));

  const withoutWorker = facts.gridCells.filter((cell) => (cell.workers ?? 0) < 1).length;
  rows.push({
    id: 'grid-one-worker',
    label: STANDARD_LABELS['grid-one-worker'][language],
    value: `${facts.gridCells.length - withoutWorker} / ${facts.gridCells.length}`,
    target: '100%',
    pass: facts.gridCells.length ? withoutWorker === 0 : null,
    shortfall: withoutWorker ? `${withoutWorker} ${language === 'zh' ? '个网格' : 'grid cells'}` : null,
  });

  const per100 = facts.serviceAreaM2 != null && facts.households ? facts.serviceAreaM2 / (facts.households / 100) : null;
  rows.push(minimumRow('service-area-per-100-households', per100, 30, language, (n) => `${formatNumber(n, language, 1)} m²`));
  const officeLeast = facts.officeAreaM2 == null || facts.activityAreaM2 == null ? null : Math.min(facts.officeAreaM2, facts.activityAreaM2);
  rows.push(minimumRow('office-400', officeLeast, 400, language, (n) => `${formatNumber(n, language)} m²`));

  const range = facts.kind ? SIZE_RANGES[facts.kind] : undefined;
  if (range && facts.households != null) {
    const [low, high] = range;
    const pass = facts.households >= low && facts.households <= high;
    rows.push({
      id: 'community-size',
      label: STANDARD_LABELS['community-size'][language],
      value: formatNumber(facts.households, language),
      target: `${formatNumber(low, language)}–${formatNumber(high, language)}`,
      pass,
      shortfall: pass ? null : formatNumber(facts.households < low ? low - facts.households : facts.households - high, language),
    });
  }
  const orgTarget = facts.kind === 'rural' ? 4 : 8;
  rows.push(minimumRow('social-orgs', facts.socialOrgs, orgTarget, language, (n) => formatNumber(n, language)));
  const volunteerShare = facts.volunteers != null && facts.population ? facts.volunteers / facts.population : null;
  rows.push(minimumRow('volunteers-13pct', volunteerShare, 0.13, language, (n) => formatShare(n, language)));
  const bedsPer1000 = facts.careBeds != null && facts.elderly ? facts.careBeds / (facts.elderly / 1000) : null;
  rows.push(minimumRow('elderly-beds', bedsPer1000, 35, language, (n) => formatNumber(n, language, 1)));

  if (facts.renovationSites.length) {
    const done = facts.renovationSites.filter((site) => site.status === 'completed').length;
    rows.push({
      id: 'renovation-city',
      label: STANDARD_LABELS['renovation-city'][language],
      value: `${done} / ${facts.renovationSites.length}`,
      target: '100%',
      pass: done === facts.renovationSites.length,
      shortfall: done === facts.renovationSites.length ? null : `${facts.renovationSites.length - done}`,
    });
  }
  return rows.filter((row): row is StandardRow => row !== null);
}
