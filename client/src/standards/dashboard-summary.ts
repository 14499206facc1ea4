// Turns the dashboard's data into what officials read: failing communities by standard, worst first; pass shares; renovation by year.
import type { DashboardData } from '../api/dashboard-query';
import { FULL_COVERAGE_SHARE } from './evaluate-community';

export type DashboardStandard = 'bus' | 'camera' | 'grid';

export interface FailingCommunity {
  code: string;
  name: string;
  /** The figure the list is sorted by, largest first: uncovered m², or grid cells without a worker. */
  shortfall: number;
  /** Share covered (coverage standards) or share of grid cells staffed. */
  share: number;
}

export interface PassShare {
  standard: DashboardStandard;
  passing: number;
  total: number;
}

export interface RenovationYear {
  year: number;
  listed: number;
  completed: number;
  inProgress: number;
}

export function failingCommunities(data: DashboardData, standard: DashboardStandard): FailingCommunity[] | null {
  if (standard === 'grid') {
    return data.communities.nodes
      .map((community) => {
        const without = community.gridCells.filter((cell) => (cell.workers ?? 0) < 1).length;
        const cells = community.gridCells.length;
        return { code: community.code, name: community.name, shortfall: without, share: cells ? 1 - without / cells : 0 };
      })
      .filter((row) => row.shortfall > 0)
      .sort((a, b) => b.shortfall - a.shortfall || a.code.localeCompare(b.code));
  }
  const ranking = standard === 'bus' ? data.bus : data.camera;
  if (!ranking) return null;
  return ranking.nodes
    .filter((area) => area.coverage.coveredShare < FULL_COVERAGE_SHARE)
    .map((area) => ({ code: area.code, name: area.name ?? area.code, shortfall: area.coverage.uncoveredAreaM2, share: area.coverage.coveredShare }))
    .sort((a, b) => b.shortfall - a.shortfall || a.code.localeCompare(b.code));
}

export function passShares(data: DashboardData): PassShare[] {
  const total = data.communities.totalCount;
  const shares: PassShare[] = [];
  for (const standard of ['bus', 'camera', 'grid'] as const) {
    const failing = failingCommunities(data, standard);
    if (failing) shares.push({ standard, passing: total - failing.length, total });
  }
  return shares;
}

export function renovationByYear(data: DashboardData): RenovationYear[] {
  const years = new Map<number, RenovationYear>();
  for (const site of data.renovationSites.nodes) {
    if (site.planYear == null) continue;
    const year = years.get(site.planYear) ?? { year: site.planYear, listed: 0, completed: 0, inProgress: 0 };
    year.listed += 1;
    if (site.status === 'completed') year.completed += 1;
    else if (site.status === 'in_progress') year.inProgress += 1;
    years.set(site.planYear, year);
  }
  return [...years.values()].sort((a, b) => a.year - b.year);
}
