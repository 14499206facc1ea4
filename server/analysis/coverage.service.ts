// Coverage of areas by bus stops or cameras: batched per request, served from the versioned cache, aggregated upward.
import os from 'node:os';
import { AtlasError, AtlasErrorCode } from '../errors.js';
import { districtsOf, rememberDistricts } from '../db/distribution.js';
import { loadQueries } from '../db/queries.js';
import { LAYERS } from '../layers.js';
import type { AtlasContext } from '../request/context.js';
import { areaScopeConditions } from '../auth/scope.js';
import { maySeeCoverageShapes } from '../auth/policy.js';
import { parameters, whereClause } from '../store/layer-query.js';
import { areaTable, PARENT_LEVEL, type AreaLevel } from './area-levels.js';
import { cacheVersionLayer, paramsKey, type CoverageRequest } from './catchment-models.js';
import { fillIdentifiers } from './sql-template.js';

const sql = loadQueries(new URL('./coverage.sql', import.meta.url), ['areaCoverage', 'cachedCoverage', 'cachedCoverageRange', 'cachedGaps', 'cachedGapsTogether', 'geometryGaps'] as const);

/** Where the uncovered polygons of a result can be fetched from, at any minimum sliver area. */
export type GapSource =
  | { from: 'cache'; level: AreaLevel; request: CoverageRequest; codes: string[] }
  | { from: 'geometry'; ewkb: Buffer[]; cached?: { level: AreaLevel; request: CoverageRequest; codes: string[] } };

export interface CoverageResult {
  areaM2: number;
  coveredAreaM2: number;
  uncoveredAreaM2: number;
  coveredShare: number;
  nearestMeters: number | null;
  /** null when the caller may not see the shapes (camera gaps reveal where cameras stand). */
  gapSource: GapSource | null;
}

interface CoverageRow {
  code: string;
  area_m2: number;
  covered_m2: number;
  nearest_m: number | null;
}

/**
 * True when the caller may see the shapes (gaps, nearest distances) of this coverage, over areas their row scope let
 * them read: the one rule is auth/policy.ts coverageDetail.
 */
export function maySeeShapes(ctx: AtlasContext, request: CoverageRequest): boolean {
  return maySeeCoverageShapes(ctx.viewer, request.model.sourceLayer);
}

/**
 * True when the caller may see the shapes of one area's coverage. Every viewer reads every district (a public fact),
 * so a district's own code is its district; communities and grid cells are read within the viewer's row scope.
 */
export function maySeeShapesOf(ctx: AtlasContext, request: CoverageRequest, level: AreaLevel, code: string): boolean {
  return maySeeCoverageShapes(ctx.viewer, request.model.sourceLayer, level === 'districts' ? code : undefined);
}

export function resultOf(areaM2: number, coveredM2: number, nearestM: number | null, gapSource: GapSource | null): CoverageResult {
  const covered = Math.min(Math.max(coveredM2, 0), areaM2);
  return {
    areaM2,
    coveredAreaM2: covered,
    uncoveredAreaM2: areaM2 - covered,
    coveredShare: areaM2 > 0 ? covered / areaM2 : 0,
    nearestMeters: nearestM,
    gapSource,
  };
}

/** Areas computed per statement: a cold city (thousands of grid cells) stays well inside the statement timeout. */
const AREAS_PER_STATEMENT = 250;

/**
 * Statements run side by side for one cold computation: a real PostgreSQL runs each on its own backend, so a cold city
 * uses every core (ATLAS_ANALYSIS_CONNECTIONS, default the machine's cores, at most 8); the embedded store has one
 * connection and runs them in turn.
 */
export function analysisConcurrency(kind: 'server' | 'embedded', env: NodeJS.ProcessEnv = process.env): number {
  if (kind === 'embedded') return 1;
  const configured = Number(env.ATLAS_ANALYSIS_CONNECTIONS);
  if (Number.isInteger(configured) && configured >= 1) return Math.min(configured, 8);
  return Math.max(1, Math.min(os.availableParallelism(), 8));
}

/** How the parent's gaps are cut before a grid cell is intersected with them (db/migrations/050_coverage_unions.sql). */
export type ParentClip = 'atlas_clip_to_box' | 'atlas_no_clip';

/**
 * The precision grid of the coverage overlays (`ST_Intersection`/`ST_Difference`'s gridSize), in metres; -1 is GEOS's
 * own floating precision. The embedded engine (PGlite 0.5.8, PostGIS 3.6 in WebAssembly) loses every overlay that GEOS
 * computes through its fallbacks: GEOS catches its own exception to retry with snapping, which the WebAssembly build
 * cannot do, and the statement then returns no row and no error (a demo grid cell and its community's stop gaps, both
 * valid: `SELECT ST_Area(ST_Intersection(a, b))` returned zero rows; 1,530 of the demo's 2,152 grid cells lost
 * their row this way and were computed again on their own). With a fixed grid GEOS snap-rounds from the start and never
 * throws: every row comes back, and a 1 mm grid moves a cell's area by about 1e-9. The server keeps floating precision:
 * on PostGIS 3.3 the 1 mm grid took 1.6–2.2× as long for the same 2,154 cells.
 */
export function overlayGridM(kind: 'server' | 'embedded'): number {
  return kind === 'embedded' ? 0.001 : -1;
}

/** How the statement is built: the parent's clip, whether to go through the parent's gaps, the overlay grid. */
export interface AreaCoverageOptions {
  clip?: ParentClip;
  throughParent?: boolean;
  /** overlayGridM(store kind); -1 (floating) when not given. */
  gridM?: number;
  /** The areas' districts, when known (districtsOf): the statement then reads only their shards on Citus. */
  districts?: string[] | null;
}

/** The column naming an area's district: its own code for a district. */
const districtColumn = (level: AreaLevel): string => (level === 'districts' ? 'code' : 'district_code');

/** The SQL and values that compute (or read from the cache) the coverage of `codes`, areas of one level. */
export function areaCoverageQuery(level: AreaLevel, codes: readonly string[], request: CoverageRequest, options: AreaCoverageOptions = {}): { text: string; values: unknown[] } {
  const { clip = 'atlas_clip_to_box', throughParent = true, gridM = -1, districts = null } = options;
  const parent = throughParent ? PARENT_LEVEL[level] : undefined;
  const text = fillIdentifiers(sql.areaCoverage, {
    areas: areaTable(level),
    // Without a parent level the join matches nothing ($7 is NULL); the slots still need plain identifiers.
    parent_table: parent ? areaTable(parent.level) : areaTable(level),
    parent_link: parent ? parent.link : 'code',
    parent_district: districtColumn(parent ? parent.level : level),
    area_district: districtColumn(level),
    cover: request.model.coverFunction,
    nearest: request.model.nearestFunction,
    clip,
  });
  return { text, values: [codes, request.reachM, level, cacheVersionLayer(request.model), request.model.name, paramsKey(request), parent?.level ?? null, gridM, districts] };
}

/** Areas per statement at least: a request for a few dozen areas stays one statement. */
const MIN_AREAS_PER_STATEMENT = 50;

/** Splits codes into batches of 50 to 250, into enough batches that every connection gets several (for balance). */
export function batchesOf(codes: readonly string[], concurrency: number): string[][] {
  const size = Math.max(MIN_AREAS_PER_STATEMENT, Math.min(AREAS_PER_STATEMENT, Math.ceil(codes.length / (concurrency * 4))));
  const batches: string[][] = [];
  for (let start = 0; start < codes.length; start += size) batches.push(codes.slice(start, start + size));
  return batches;
}

/** Runs `work` over `items`, at most `concurrency` at a time, in order of the items. */
export async function inTurns<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/**
 * One batch's statement, and a second for the areas it returned no row for (the embedded engine drops the row of an
 * area whose overlay fails instead of raising an error; see overlayGridM) or whose overlay GEOS refused: those are
 * computed on their own catchments (no clip, no parent), with the store's overlay grid.
 */
async function coverageBatch(ctx: AtlasContext, level: AreaLevel, codes: string[], request: CoverageRequest): Promise<CoverageRow[]> {
  const gridM = overlayGridM(ctx.db.kind);
  // Cells through their parent's gaps take the store's grid at once: on the embedded store 46–71 % of the demo's cells
  // lost their row in floating precision (their edges run along their community's). An area less its catchments (no
  // parent) has not been seen to fail, and there floating precision is twice as fast on the embedded store; an area
  // that still comes back without a row is computed again below, on its own, with the store's grid.
  const districts = districtsOf(ctx.loaders, level, codes);
  const query = areaCoverageQuery(level, codes, request, { gridM: PARENT_LEVEL[level] ? gridM : -1, districts });
  let rows: CoverageRow[] = [];
  try {
    rows = (await ctx.db.query<CoverageRow>(query.text, query.values)).rows;
    if (rows.length === codes.length) return rows;
  } catch (error) {
    if (!/GEOS|Topology|geometry|invalid/i.test((error as Error).message)) throw error;
    console.warn(`[coverage] ${level}: an overlay was refused (${(error as Error).message}); computing ${codes.length} areas on their own`);
  }
  const have = new Set(rows.map((r) => r.code));
  const missing = codes.filter((code) => !have.has(code));
  const alone = areaCoverageQuery(level, missing, request, { clip: 'atlas_no_clip', throughParent: false, gridM, districts: districtsOf(ctx.loaders, level, missing) });
  return [...rows, ...(await ctx.db.query<CoverageRow>(alone.text, alone.values)).rows];
}

/**
 * From this many codes the cache is read as a range (cachedCoverageRange): a page of 5,000 grid cells took 13–17 ms as
 * 5,000 probes of the key (15,000 buffers), 3 ms as one range (390 buffers). A few scattered codes stay probes.
 */
const RANGE_READ_AT = 500;

/**
 * Coverage of many areas of one level, cache first, in batches run side by side (analysisConcurrency). Areas with a
 * parent level (grid cells) first bring all their parents' coverage up to date, so that their own is an intersection
 * with it.
 */
export async function computeAreaCoverage(ctx: AtlasContext, level: AreaLevel, allCodes: readonly string[], request: CoverageRequest): Promise<Map<string, CoverageRow>> {
  const found = new Map<string, CoverageRow>();
  if (allCodes.length === 0) return found;
  await request.model.prepare?.(ctx.db, request.reachM);
  // Cache first, in one plain statement for all the codes: a warm page of 5,000 grid cells was 20 compute-or-store
  // statements and 4–14 more for their communities (96 statements, 1.5 s for the warm city listing under load).
  // Many codes (a page) are read as one range of the cache's key, not one index descent per code; the range may hold
  // other areas' rows, which are left out here.
  const many = allCodes.length >= RANGE_READ_AT;
  const { rows: hits } = await ctx.db.query<CoverageRow>(many ? sql.cachedCoverageRange : sql.cachedCoverage, [allCodes, level, cacheVersionLayer(request.model), request.model.name, paramsKey(request)]);
  const wanted = many ? new Set(allCodes) : undefined;
  for (const row of hits) if (!wanted || wanted.has(row.code)) found.set(row.code, row);
  if (found.size === allCodes.length) return found;
  const codes = allCodes.filter((code) => !found.has(code));
  const parent = PARENT_LEVEL[level];
  const concurrency = analysisConcurrency(ctx.db.kind);
  if (parent && codes.length > 0) {
    const { rows } = await ctx.db.query<{ code: string }>(
      `SELECT DISTINCT ${parent.link} AS code FROM ${areaTable(level)} WHERE code = ANY($1::text[]) AND ${parent.link} IS NOT NULL ORDER BY 1`,
      [codes],
    );
    if (rows.length > 0) await computeAreaCoverage(ctx, parent.level, rows.map((r) => r.code), request);
  }
  await inTurns(batchesOf(codes, concurrency), concurrency, async (batch) => {
    for (const row of await coverageBatch(ctx, level, batch, request)) found.set(row.code, row);
  });
  return found;
}

/** The coverage of `codes` as results (null: no such area), as the caller may see them. */
async function areaCoverageResults(ctx: AtlasContext, level: AreaLevel, codes: readonly string[], request: CoverageRequest): Promise<(CoverageResult | null)[]> {
  const rows = await computeAreaCoverage(ctx, level, codes, request);
  return codes.map((c) => {
    const row = rows.get(c);
    if (!row) return null;
    const shapes = maySeeShapesOf(ctx, request, level, c);
    return resultOf(row.area_m2, row.covered_m2, shapes ? row.nearest_m : null, shapes ? { from: 'cache', level, request, codes: [c] } : null);
  });
}

/** The coverage of one area, batched with every other area of the same level and request in this GraphQL request. */
export function loadAreaCoverage(ctx: AtlasContext, level: AreaLevel, code: string, request: CoverageRequest): Promise<CoverageResult | null> {
  const known = knownAreaCoverage(ctx, level, code, request);
  if (known !== undefined) return Promise.resolve(known);
  return ctx.loaders
    .get<string, CoverageResult | null>(coverageKey(level, request), (codes) => areaCoverageResults(ctx, level, codes, request))
    .load(code);
}

/** One key per level, model and parameters: the request's DataLoader for them, and the results a page prefetched. */
const coverageKey = (level: AreaLevel, request: CoverageRequest) => `coverage:${level}:${request.model.name}:${paramsKey(request)}`;

/** Results a request already read for a whole page: by the request's loaders, then coverageKey, then code. */
const knownByRequest = new WeakMap<object, Map<string, Map<string, CoverageResult | null>>>();

/**
 * Reads the coverage of a page's areas at once (the same cache-first statement a DataLoader batch runs), so that
 * `knownAreaCoverage` answers each area's field synchronously: a page of 5,000 areas then costs no promise, DataLoader
 * entry and microtask per area.
 */
export async function prefetchAreaCoverage(ctx: AtlasContext, level: AreaLevel, codes: readonly string[], request: CoverageRequest): Promise<void> {
  const results = await areaCoverageResults(ctx, level, codes, request);
  let byKey = knownByRequest.get(ctx.loaders);
  if (!byKey) knownByRequest.set(ctx.loaders, (byKey = new Map()));
  const key = coverageKey(level, request);
  let byCode = byKey.get(key);
  if (!byCode) byKey.set(key, (byCode = new Map()));
  for (let i = 0; i < codes.length; i++) byCode.set(codes[i], results[i]);
}

/** An area's coverage if this request has prefetched it (null: no such area), else undefined. */
export function knownAreaCoverage(ctx: AtlasContext, level: AreaLevel, code: string, request: CoverageRequest): CoverageResult | null | undefined {
  return knownByRequest.get(ctx.loaders)?.get(coverageKey(level, request))?.get(code);
}

/** Many areas' coverage added up: areas and covered areas sum, the nearest distance is the least. */
export function aggregateCoverage(parts: CoverageResult[], gapSource: GapSource | null): CoverageResult {
  const areaM2 = parts.reduce((sum, p) => sum + p.areaM2, 0);
  const coveredM2 = parts.reduce((sum, p) => sum + p.coveredAreaM2, 0);
  const distances = parts.map((p) => p.nearestMeters).filter((d): d is number => d !== null);
  return resultOf(areaM2, coveredM2, distances.length > 0 ? Math.min(...distances) : null, gapSource);
}

export interface ScopedArea {
  code: string;
  name: string | null;
  districtCode: string | null;
}

/** The areas of a level an analysis of the caller sums over (auth/scope.ts areaScopeConditions), optionally within one district. */
export async function scopeAreas(ctx: AtlasContext, level: AreaLevel, districtCode?: string | null): Promise<ScopedArea[]> {
  const layer = LAYERS[level];
  const { values, param } = parameters();
  const conditions = [...whereClause(layer, districtCode ? { districtCode } : {}, ctx.viewer, values), ...areaScopeConditions(layer, ctx.viewer, param)];
  const district = level === 'districts' ? 't.code' : 't.district_code';
  const { rows } = await ctx.db.query<ScopedArea>(
    `SELECT t.code, t.name, ${district} AS "districtCode" FROM ${layer.table} t ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY t.code`,
    values,
  );
  // What the request now knows of these areas' districts: its statements by code can name them (districtsOf).
  rememberDistricts(ctx.loaders, level, rows);
  return rows;
}

/** Coverage of the whole city (or one district) as the sum of its districts, or of its communities where there are no districts. */
export async function scopeCoverage(ctx: AtlasContext, request: CoverageRequest, districtCode?: string | null): Promise<CoverageResult> {
  let level: AreaLevel = 'districts';
  let areas = await scopeAreas(ctx, level, districtCode);
  if (areas.length === 0) {
    level = 'communities';
    areas = await scopeAreas(ctx, level, districtCode);
  }
  const codes = areas.map((a) => a.code);
  const results = await Promise.all(codes.map((c) => loadAreaCoverage(ctx, level, c, request)));
  // Every area in scope must have a result: a sum over fewer areas would be a wrong number that looks right.
  // (The embedded engine can drop a row whose geometry operation failed instead of raising an error.)
  const missing = codes.filter((_, i) => results[i] === null);
  if (missing.length > 0) {
    console.error(`[coverage] no result for ${missing.length} ${level} (${missing.slice(0, 5).join(', ')}…)`);
    throw new AtlasError(AtlasErrorCode.Internal, `Coverage could not be computed for ${missing.length} of ${codes.length} areas (first: ${missing[0]}). Check their boundaries (npx atlas import reports invalid geometry) and try again.`);
  }
  const parts = results.filter((p): p is CoverageResult => p !== null);
  return aggregateCoverage(parts, maySeeShapes(ctx, request) ? { from: 'cache', level, request, codes } : null);
}

export interface RankedArea extends ScopedArea {
  coverage: CoverageResult;
}

/** Areas of a level, worst covered first (least share, then most uncovered area). */
export async function coverageRanking(ctx: AtlasContext, level: AreaLevel, request: CoverageRequest, districtCode: string | null | undefined, first: number): Promise<{ totalCount: number; nodes: RankedArea[] }> {
  const areas = await scopeAreas(ctx, level, districtCode);
  const coverages = await Promise.all(areas.map((a) => loadAreaCoverage(ctx, level, a.code, request)));
  const ranked = areas
    .map((area, i) => ({ ...area, coverage: coverages[i]! }))
    .filter((a) => a.coverage)
    .sort((a, b) => a.coverage.coveredShare - b.coverage.coveredShare || b.coverage.uncoveredAreaM2 - a.coverage.uncoveredAreaM2 || a.code.localeCompare(b.code));
  return { totalCount: ranked.length, nodes: ranked.slice(0, Math.max(0, first)) };
}

/** The uncovered polygons of a result as GeoJSON (WGS84), without parts smaller than `minAreaM2`, batched. */
export async function loadGaps(ctx: AtlasContext, source: GapSource, minAreaM2: number): Promise<string | null> {
  if (source.from === 'geometry') {
    const cached = source.cached;
    const { rows } = await ctx.db.query<{ geojson: string }>(sql.geometryGaps, [
      source.ewkb, minAreaM2, cached?.level ?? '', cached?.request.model.name ?? '', cached ? paramsKey(cached.request) : '', cached?.codes ?? [],
    ]);
    return rows[0]?.geojson ?? null;
  }
  const { level, request, codes } = source;
  const params = [level, request.model.name, paramsKey(request)];
  if (codes.length !== 1) {
    const { rows } = await ctx.db.query<{ geojson: string }>(sql.cachedGapsTogether, [...params, codes, minAreaM2]);
    return rows[0]?.geojson ?? null;
  }
  return ctx.loaders
    .get<string, string | null>(`gaps:${level}:${request.model.name}:${paramsKey(request)}:${minAreaM2}`, async (keys) => {
      const { rows } = await ctx.db.query<{ code: string; geojson: string }>(sql.cachedGaps, [...params, [...keys], minAreaM2]);
      const byCode = new Map(rows.map((r) => [r.code, r.geojson]));
      return keys.map((k) => byCode.get(k) ?? null);
    })
    .load(codes[0]);
}
