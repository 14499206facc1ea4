// What-if (coverage with proposed sites added and existing ones removed) and suggested sites; nothing is written.
import { checkMetres } from '../metres.js';
import { requireCoverageShapes } from '../auth/policy.js';
import { scopeSql } from '../auth/scope.js';
import { loadQueries } from '../db/queries.js';
import { badInput, notFound } from '../errors.js';
import type { AtlasContext } from '../request/context.js';
import { LAYERS } from '../layers.js';
import { areaTable, type AreaLevel } from './area-levels.js';
import { MAX_REACH_M, paramsKey, type CoverageRequest } from './catchment-models.js';
import { aggregateCoverage, loadAreaCoverage, maySeeShapes, resultOf, scopeAreas, type CoverageResult } from './coverage.service.js';
import { resolveScope, type ScopeInput } from './scope.js';
import { fillIdentifiers } from './sql-template.js';
import { proposedWalkShapes, walkReachBoundM, walkSettings } from './walk/proposed-walks.js';

const sql = loadQueries(new URL('./scenarios.sql', import.meta.url), ['whatIf', 'longestCameraRangeM', 'suggestSites', 'walkCandidates', 'suggestFromShapes'] as const);

export interface ProposedSite {
  lon: number;
  lat: number;
  directionDeg?: number | null;
  fovDeg?: number | null;
  rangeM?: number | null;
}

/** A proposed site as the cover functions read it; a stop proposed with the walking model carries its walk's shape. */
interface AddedSite extends ProposedSite {
  walkEwkb?: string | null;
}

export const MAX_PROPOSED_SITES = 500;
export const MAX_SUGGESTIONS = 50;
const MAX_CANDIDATES = 4000;
/** Candidates of suggested stops along the roads: each is a walk searched and drawn, so fewer than circles. */
const MAX_WALK_CANDIDATES = 200;

function checkProposed(sites: ProposedSite[]): void {
  if (sites.length > MAX_PROPOSED_SITES) throw badInput(`Propose at most ${MAX_PROPOSED_SITES} sites at once; got ${sites.length}.`);
  sites.forEach((s, i) => {
    const where = `Proposed site ${i + 1}`;
    if (!(Math.abs(s.lon) <= 180 && Math.abs(s.lat) <= 90)) throw badInput(`${where} is at lon ${s.lon}, lat ${s.lat}: give WGS84 degrees.`);
    if (s.directionDeg != null && !(s.directionDeg >= 0 && s.directionDeg < 360)) throw badInput(`${where}: directionDeg must be from 0 up to 360 (clockwise from north); got ${s.directionDeg}.`);
    if (s.fovDeg != null && !(s.fovDeg > 0 && s.fovDeg <= 360)) throw badInput(`${where}: fovDeg must be above 0 and at most 360; got ${s.fovDeg}.`);
    if (s.rangeM != null && !(s.rangeM > 0 && s.rangeM <= MAX_REACH_M)) throw badInput(`${where}: rangeM must be above 0 and at most ${MAX_REACH_M} metres; got ${s.rangeM}.`);
  });
}

interface WhatIfRow {
  code: string;
  area_m2: number;
  affected: boolean;
  nearest_m: number | null;
  uncovered_m2: number | null;
  gaps_ewkb: Buffer | null;
}

/**
 * How far a change can reach: the stop radius (walking: the walk, its access distance and the farthest a stop may
 * stand from its road), or the longest camera range among existing and proposed ones.
 */
async function reachBound(ctx: AtlasContext, request: CoverageRequest, added: ProposedSite[]): Promise<number> {
  if (request.model.name === 'bus_stops_walk') return walkReachBoundM(ctx.db, request.reachM);
  if (request.model.kind !== 'cameras') return request.reachM;
  const longest = (await ctx.db.query<{ range_m: number | null }>(sql.longestCameraRangeM)).rows[0]?.range_m ?? 0;
  return Math.max(request.reachM, longest, ...added.map((a) => a.rangeM ?? 0));
}

/** Proposed stops of the walking model get their walk over the network; other proposals go as they are. */
async function withWalks(ctx: AtlasContext, request: CoverageRequest, added: ProposedSite[]): Promise<AddedSite[]> {
  if (request.model.name !== 'bus_stops_walk') return added;
  const shapes = await proposedWalkShapes(ctx.db, request.reachM, added);
  return added.map((site, i) => ({ ...site, walkEwkb: shapes[i] }));
}

async function runWhatIf(ctx: AtlasContext, level: AreaLevel, codes: string[], request: CoverageRequest, removed: string[], added: AddedSite[], bound: number): Promise<WhatIfRow[]> {
  // The cached coverage must be there for the areas the changes do not reach.
  await Promise.all(codes.map((c) => loadAreaCoverage(ctx, level, c, request)));
  const text = fillIdentifiers(sql.whatIf, {
    areas: areaTable(level),
    sources: LAYERS[request.model.sourceLayer].table,
    cover: request.model.coverFunction,
    nearest: request.model.nearestFunction,
  });
  const addedJson = JSON.stringify(added.map((a) => ({ lon: a.lon, lat: a.lat, directionDeg: a.directionDeg ?? null, fovDeg: a.fovDeg ?? 360, rangeM: a.rangeM ?? null, walkEwkb: a.walkEwkb ?? null })));
  const { rows } = await ctx.db.query<WhatIfRow>(text, [codes, request.reachM, removed, addedJson, bound, level, request.model.name, paramsKey(request)]);
  return rows;
}

/** Sites removed by code must be ones the caller may read (auth/scope.ts): an official removes their district's cameras only. */
async function checkRemovable(ctx: AtlasContext, request: CoverageRequest, removed: string[]): Promise<void> {
  if (removed.length === 0) return;
  const layer = LAYERS[request.model.sourceLayer];
  const { conditions, values } = scopeSql(layer, ctx.viewer, 2);
  const { rows } = await ctx.db.query<{ code: string }>(
    `SELECT t.code FROM ${layer.table} t WHERE ${['t.code = ANY($1::text[])', ...conditions].join(' AND ')}`,
    [removed, ...values],
  );
  const readable = new Set(rows.map((r) => r.code));
  const unknown = [...new Set(removed)].filter((code) => !readable.has(code));
  if (unknown.length > 0) {
    const what = request.model.kind === 'cameras' ? 'camera' : 'bus stop';
    const listed = unknown.slice(0, 5).map((c) => `"${c}"`).join(', ') + (unknown.length > 5 ? `, and ${unknown.length - 5} more` : '');
    throw notFound(`removeCodes: there is no ${what} ${listed} you may read. Give the codes of existing ${what}s (the ${layer.name} layer).`);
  }
}

export interface AreaChange {
  level: AreaLevel;
  code: string;
  name: string | null;
  before: CoverageResult;
  after: CoverageResult;
}

export interface WhatIfResult {
  before: CoverageResult;
  after: CoverageResult;
  /** Communities (in the scope) whose coverage the changes reach, most gained first. */
  communities: AreaChange[];
}

export async function whatIf(ctx: AtlasContext, request: CoverageRequest, scopeInput: ScopeInput | null | undefined, proposed: ProposedSite[], removed: string[]): Promise<WhatIfResult> {
  checkProposed(proposed);
  // A proposed or removed camera, and the share that moves with it, tells whether cameras already look there.
  requireCoverageShapes(ctx.viewer, request.model.sourceLayer, `What-if with ${request.model.kind}`);
  await checkRemovable(ctx, request, removed);
  const scope = await resolveScope(ctx, scopeInput);
  const shapes = maySeeShapes(ctx, request);
  const added = await withWalks(ctx, request, proposed);
  const bound = await reachBound(ctx, request, added);
  const before = (await Promise.all(scope.codes.map((c) => loadAreaCoverage(ctx, scope.level, c, request)))).filter((c): c is CoverageResult => c !== null);
  const rows = await runWhatIf(ctx, scope.level, scope.codes, request, removed, added, bound);
  const afterParts = rows.map((r) => resultOf(r.area_m2, r.area_m2 - (r.uncovered_m2 ?? r.area_m2), shapes ? r.nearest_m : null, null));
  const gapSource = shapes
    ? { from: 'geometry' as const, ewkb: rows.filter((r) => r.gaps_ewkb).map((r) => r.gaps_ewkb!), cached: { level: scope.level, request, codes: rows.filter((r) => !r.affected).map((r) => r.code) } }
    : null;
  const beforeSource = shapes ? { from: 'cache' as const, level: scope.level, request, codes: scope.codes } : null;

  // The communities of the scope the changes reach, each before and after.
  let communities: AreaChange[] = [];
  if (scope.level !== 'grid-cells') {
    const inScope = scope.level === 'communities' ? scope.codes.map((code) => ({ code, name: null })) : await scopeAreas(ctx, 'communities', scope.districtCode);
    const names = new Map(inScope.map((a) => [a.code, a.name]));
    const changed = (await runWhatIf(ctx, 'communities', inScope.map((a) => a.code), request, removed, added, bound)).filter((r) => r.affected);
    communities = await Promise.all(
      changed.map(async (r) => ({
        level: 'communities' as const,
        code: r.code,
        name: names.get(r.code) ?? null,
        before: (await loadAreaCoverage(ctx, 'communities', r.code, request))!,
        after: resultOf(r.area_m2, r.area_m2 - (r.uncovered_m2 ?? r.area_m2), shapes ? r.nearest_m : null, shapes && r.gaps_ewkb ? { from: 'geometry', ewkb: [r.gaps_ewkb] } : null),
      })),
    );
    communities.sort((a, b) => b.after.coveredAreaM2 - b.before.coveredAreaM2 - (a.after.coveredAreaM2 - a.before.coveredAreaM2) || a.code.localeCompare(b.code));
  }
  return { before: aggregateCoverage(before, beforeSource), after: aggregateCoverage(afterParts, gapSource), communities };
}

export interface SiteSuggestion {
  rank: number;
  lon: number;
  lat: number;
  newlyCoveredAreaM2: number;
  coveredShareAfter: number;
}

export interface SuggestionResult {
  before: CoverageResult;
  suggestions: SiteSuggestion[];
  candidatesConsidered: number;
  candidateSpacingM: number;
}

/**
 * Greedy maximal covering: `count` new sites (all round, covering `siteRadiusM`) that cover the most of the scope's gaps,
 * the existing sites kept.
 */
export async function suggestSites(ctx: AtlasContext, request: CoverageRequest, scopeInput: ScopeInput | null | undefined, count: number, siteRadiusM: number): Promise<SuggestionResult> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_SUGGESTIONS) throw badInput(`count must be a whole number from 1 to ${MAX_SUGGESTIONS}; got ${count}.`);
  // Every suggested camera stands inside a camera gap: a list of them maps where cameras do not look.
  requireCoverageShapes(ctx.viewer, request.model.sourceLayer, `Suggested sites for ${request.model.kind}`);
  const scope = await resolveScope(ctx, scopeInput);
  const parts = (await Promise.all(scope.codes.map((c) => loadAreaCoverage(ctx, scope.level, c, request)))).filter((c): c is CoverageResult => c !== null);
  const before = aggregateCoverage(parts, maySeeShapes(ctx, request) ? { from: 'cache', level: scope.level, request, codes: scope.codes } : null);
  // Fine enough to place a site within a quarter radius of the best spot, coarse enough to keep a few thousand candidates.
  checkMetres('radiusMeters', siteRadiusM, { aboveMin: true, max: MAX_REACH_M });
  if (request.model.name === 'bus_stops_walk') return suggestWalkSites(ctx, request, scope.level, scope.codes, before, count);
  const spacingM = Math.max(siteRadiusM / 4, Math.sqrt(before.areaM2 / (MAX_CANDIDATES * 0.75)));
  const { rows } = await ctx.db.query<{ rank: number; gain_m2: number; lon: number; lat: number; considered: number }>(sql.suggestSites, [
    scope.level, request.model.name, paramsKey(request), scope.codes, spacingM, count, siteRadiusM, MAX_CANDIDATES,
  ]);
  return { before, suggestions: ranked(before, rows), candidatesConsidered: rows[0]?.considered ?? 0, candidateSpacingM: spacingM };
}

/** The picked sites in order, each with the share covered once it and those before it are added. */
function ranked(before: CoverageResult, rows: { rank: number; gain_m2: number; lon: number; lat: number }[]): SiteSuggestion[] {
  let covered = before.coveredAreaM2;
  return rows.map((r) => {
    covered += r.gain_m2;
    return { rank: r.rank, lon: r.lon, lat: r.lat, newlyCoveredAreaM2: r.gain_m2, coveredShareAfter: before.areaM2 > 0 ? Math.min(1, covered / before.areaM2) : 0 };
  });
}

/**
 * Suggested stops along the roads: candidates are the network's nodes in the gaps or within the access distance of
 * them (a stop stands on a street), each covering its own walk over the network, drawn as a stored stop's is; then the same greedy covering.
 */
async function suggestWalkSites(ctx: AtlasContext, request: CoverageRequest, level: AreaLevel, codes: string[], before: CoverageResult, count: number): Promise<SuggestionResult> {
  // Every node of a small scope; a larger one keeps the node nearest the centre of each square of this side.
  const spacingM = Math.sqrt(before.areaM2 / (MAX_WALK_CANDIDATES * 0.75));
  const key = [level, request.model.name, paramsKey(request), codes] as const;
  const { accessM } = await walkSettings(ctx.db);
  const candidates = (await ctx.db.query<{ lon: number; lat: number }>(sql.walkCandidates, [...key, spacingM, MAX_WALK_CANDIDATES, accessM])).rows;
  const shapes = await proposedWalkShapes(ctx.db, request.reachM, candidates);
  const walkable = candidates.flatMap((site, i) => (shapes[i] ? [{ site, shape: shapes[i]! }] : []));
  const { rows } = await ctx.db.query<{ rank: number; gain_m2: number; candidate: number }>(sql.suggestFromShapes, [...key, walkable.map((w) => w.shape), count]);
  const picked = rows.map((r) => ({ ...r, ...walkable[r.candidate - 1].site }));
  return { before, suggestions: ranked(before, picked), candidatesConsidered: walkable.length, candidateSpacingM: spacingM };
}
