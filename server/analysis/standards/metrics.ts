// The metric functions rules name: each measures one community, batched with every other community of the request.
import type { AtlasContext } from '../../request/context.js';
import { districtsOf } from '../../db/distribution.js';
import { coverageRequest, DEFAULT_STOP_RADIUS_M, parseAlong } from '../catchment-models.js';
import { loadAreaCoverage } from '../coverage.service.js';
import { sql, type StandardRule } from './rules.js';

export interface Measure {
  /** The value in the rule's unit; null when the data needed is missing. */
  value: number | null;
  /** What the value is made of, for a person reading the result. */
  detail: string | null;
}

interface Attributes {
  code: string;
  kind: string | null;
  households: number | null;
  population: number | null;
  elderly: number | null;
  service_area_m2: number | null;
  office_area_m2: number | null;
  activity_area_m2: number | null;
  social_orgs: number | null;
  volunteers: number | null;
  care_beds: number | null;
}

interface GridStats {
  code: string;
  cells: number;
  without_worker: number;
  gap_m2: number;
  overlap_m2: number;
}

function batched<Row extends { code: string }>(ctx: AtlasContext, key: string, run: (codes: string[]) => Promise<Row[]>) {
  return (code: string) =>
    ctx.loaders
      .get<string, Row | null>(key, async (codes) => {
        const byCode = new Map((await run([...codes])).map((r) => [r.code, r]));
        return codes.map((c) => byCode.get(c) ?? null);
      })
      .load(code);
}

export const loadAttributes = (ctx: AtlasContext, code: string) =>
  batched<Attributes>(ctx, 'standards:attributes', async (codes) => (await ctx.db.query<Attributes>(sql.communityAttributes, [codes, districtsOf(ctx.loaders, 'communities', codes)])).rows)(code);

const loadGridStats = (ctx: AtlasContext, code: string) =>
  batched<GridStats>(ctx, 'standards:grid', async (codes) => (await ctx.db.query<GridStats>(sql.gridStats, [codes, districtsOf(ctx.loaders, 'communities', codes)])).rows)(code);

const loadChecklistStats = (ctx: AtlasContext, code: string) =>
  batched<{ code: string; completed: number; incomplete: number }>(ctx, 'standards:checklist', async (codes) =>
    (await ctx.db.query(sql.checklistStats, [codes])).rows as { code: string; completed: number; incomplete: number }[])(code);

const ratio = (numerator: number | null, denominator: number | null, per = 1): number | null =>
  numerator === null || denominator === null || denominator <= 0 ? null : (numerator / denominator) * per;

const fromAttributes = (measure: (a: Attributes) => Measure) => async (ctx: AtlasContext, _rule: StandardRule, code: string): Promise<Measure> => {
  const attributes = await loadAttributes(ctx, code);
  return attributes ? measure(attributes) : { value: null, detail: 'community not found' };
};

export type Metric = (ctx: AtlasContext, rule: StandardRule, code: string) => Promise<Measure>;

/** Every metric a rule may name. A new standard that needs a new measure adds one here. */
export const METRICS: Record<string, Metric> = {
  async bus_stop_coverage(ctx, rule, code) {
    const radius = Number(rule.params.radiusMeters ?? DEFAULT_STOP_RADIUS_M);
    // The city chooses the model: params.along "roads" measures the walk along the road network.
    const along = parseAlong(rule.params.along, `standard ${rule.id}: params.along`);
    const coverage = await loadAreaCoverage(ctx, 'communities', code, coverageRequest('bus-stops', radius, along));
    if (!coverage) return { value: null, detail: 'community not found' };
    if (along === 'ROADS') {
      const nearest = coverage.nearestMeters === null ? 'no bus stop on the road network' : `nearest stop on the network ${Math.round(coverage.nearestMeters)} m away`;
      return { value: coverage.coveredShare, detail: `${Math.round(coverage.uncoveredAreaM2)} m² beyond a ${radius} m walk along the roads from a stop; ${nearest}` };
    }
    const nearest = coverage.nearestMeters === null ? 'no bus stop at all' : `nearest stop ${Math.round(coverage.nearestMeters)} m away`;
    return { value: coverage.coveredShare, detail: `${Math.round(coverage.uncoveredAreaM2)} m² beyond ${radius} m of a stop; ${nearest}` };
  },
  async camera_coverage(ctx, _rule, code) {
    const coverage = await loadAreaCoverage(ctx, 'communities', code, coverageRequest('cameras', ctx.config.defaultCameraRangeM));
    if (!coverage) return { value: null, detail: 'community not found' };
    return { value: coverage.coveredShare, detail: `${Math.round(coverage.uncoveredAreaM2)} m² seen by no camera` };
  },
  async grid_cells_without_worker(ctx, _rule, code) {
    const stats = await loadGridStats(ctx, code);
    if (!stats || stats.cells === 0) return { value: null, detail: 'no grid cells recorded for this community' };
    return { value: stats.without_worker, detail: `${stats.without_worker} of ${stats.cells} grid cells have no worker` };
  },
  async grid_tiling_m2(ctx, _rule, code) {
    const stats = await loadGridStats(ctx, code);
    if (!stats || stats.cells === 0) return { value: null, detail: 'no grid cells recorded for this community' };
    const gap = Math.max(0, stats.gap_m2);
    const overlap = Math.max(0, stats.overlap_m2);
    return { value: gap + overlap, detail: `${Math.round(gap)} m² in no grid cell, ${Math.round(overlap)} m² in more than one` };
  },
  service_area_per_100_households: fromAttributes((a) => ({
    value: ratio(a.service_area_m2, a.households, 100),
    detail: `${a.service_area_m2 ?? '?'} m² for ${a.households ?? '?'} households`,
  })),
  office_and_activity_area_m2: fromAttributes((a) => ({
    value: a.office_area_m2 === null || a.activity_area_m2 === null ? null : Math.min(a.office_area_m2, a.activity_area_m2),
    detail: `office ${a.office_area_m2 ?? '?'} m², activity ${a.activity_area_m2 ?? '?'} m² (the smaller counts)`,
  })),
  households: fromAttributes((a) => ({ value: a.households, detail: `${a.kind ?? 'unknown kind'} community` })),
  social_orgs: fromAttributes((a) => ({ value: a.social_orgs, detail: `${a.kind ?? 'unknown kind'} community` })),
  volunteers_share: fromAttributes((a) => ({
    value: ratio(a.volunteers, a.population),
    detail: `${a.volunteers ?? '?'} volunteers among ${a.population ?? '?'} residents`,
  })),
  care_beds_per_1000_elderly: fromAttributes((a) => ({
    value: ratio(a.care_beds, a.elderly, 1000),
    detail: `${a.care_beds ?? '?'} beds for ${a.elderly ?? '?'} elderly residents`,
  })),
  async renovation_sites_incomplete(ctx, _rule, code) {
    const stats = await loadChecklistStats(ctx, code);
    if (!stats || stats.completed === 0) return { value: null, detail: 'no completed renovation site' };
    return { value: stats.incomplete, detail: `${stats.incomplete} of ${stats.completed} completed sites miss checklist items` };
  },
};
