// How many grid cells each community gets, and their codes, workers and households.
import type { CommunityAttributes, CommunityKind } from './communities.js';
import type { Random } from './random.js';

export interface GridCellRow {
  community_code: string;
  geometry: string;
  area_m2: number;
  expected_rows: string;
}

export interface GridCellAttributes {
  code: string;
  name: string;
  community_code: string;
  workers: number;
  households: number;
}

/** 一格一员: cells per community by kind (4–10, STANDARDS.md grid-one-worker), and how often a cell has no worker. */
const CELLS: Record<CommunityKind, { min: number; max: number; withoutWorker: number }> = {
  urban: { min: 7, max: 10, withoutWorker: 0.05 },
  town: { min: 4, max: 8, withoutWorker: 0.1 },
  rural: { min: 4, max: 6, withoutWorker: 0.15 },
};

export function gridCellRequests(communities: readonly CommunityAttributes[], random: Random) {
  return communities.map((c) => ({ code: c.code, count: random.int(CELLS[c.kind].min, CELLS[c.kind].max), seed: random.postgisSeed() }));
}

/** Numbers each community's cells (community code + 2 digits) and shares its households among them by area. */
export function describeGridCells(rows: readonly GridCellRow[], communities: readonly CommunityAttributes[], random: Random) {
  const byCode = new Map(communities.map((c) => [c.code, c]));
  const byCommunity = new Map<string, GridCellRow[]>();
  for (const row of rows) byCommunity.set(row.community_code, [...(byCommunity.get(row.community_code) ?? []), row]);
  const features: { properties: GridCellAttributes; geometry: string }[] = [];
  for (const [communityCode, cells] of byCommunity) {
    const community = byCode.get(communityCode)!;
    const weights = cells.map((cell) => cell.area_m2 * random.between(0.6, 1.4));
    const total = weights.reduce((sum, w) => sum + w, 0);
    let left = community.households;
    cells.forEach((cell, index) => {
      const households = index === cells.length - 1 ? left : Math.min(left, Math.round((community.households * weights[index]) / total));
      left -= households;
      const workers = random.chance(CELLS[community.kind].withoutWorker) ? 0 : random.chance(0.2) ? 2 : 1;
      features.push({
        properties: { code: `${communityCode}${String(index + 1).padStart(2, '0')}`, name: `${community.name}第${index + 1}网格`, community_code: communityCode, workers, households },
        geometry: cell.geometry,
      });
    });
  }
  return features;
}
