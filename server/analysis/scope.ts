// Resolves a scope (one community, grid cell or district, or the whole city) to the areas coverage is summed over.
import { badInput, notFound } from '../errors.js';
import type { AtlasContext } from '../request/context.js';
import { loadRow } from '../store/rows.js';
import type { AreaLevel } from './area-levels.js';
import { scopeAreas } from './coverage.service.js';

export interface ScopeInput {
  communityCode?: string | null;
  gridCode?: string | null;
  districtCode?: string | null;
}

export interface ResolvedScope {
  level: AreaLevel;
  codes: string[];
  /** The district the scope lies in, when it is one district or smaller. */
  districtCode: string | null;
}

export async function resolveScope(ctx: AtlasContext, scope: ScopeInput | null | undefined): Promise<ResolvedScope> {
  const given = Object.entries(scope ?? {}).filter(([, v]) => v !== null && v !== undefined);
  if (given.length > 1) throw badInput(`Give one of communityCode, gridCode or districtCode for the scope, not ${given.map(([k]) => k).join(' and ')}; leave all out for the whole city.`);
  if (scope?.communityCode) {
    const community = await loadRow(ctx, 'communities', scope.communityCode);
    if (!community) throw notFound(`There is no community "${scope.communityCode}" you may read.`);
    return { level: 'communities', codes: [community.code], districtCode: (community.districtCode as string | null) ?? null };
  }
  if (scope?.gridCode) {
    const cell = await loadRow(ctx, 'grid-cells', scope.gridCode);
    if (!cell) throw notFound(`There is no grid cell "${scope.gridCode}" you may read.`);
    return { level: 'grid-cells', codes: [cell.code], districtCode: (cell.districtCode as string | null) ?? null };
  }
  const districtCode = scope?.districtCode ?? null;
  for (const level of ['districts', 'communities'] as const) {
    const areas = await scopeAreas(ctx, level, districtCode);
    if (areas.length > 0) return { level, codes: areas.map((a) => a.code), districtCode };
  }
  throw notFound(districtCode ? `There is no district "${districtCode}" you may read, and no community in it.` : 'The store has no districts or communities yet. Import some first.');
}
