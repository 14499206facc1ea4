// `atlas seed`: generates the demo city inside the real Shenyang districts and loads it through the importer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import type { QueryResultRow } from 'pg';
import type { Database, Queryable } from '../db/database.js';
import { distributedTables } from '../db/distribution.js';
import { loadQueries } from '../db/queries.js';
import { importFile, type ImportOptions } from '../ingest/import.service.js';
import type { LayerName } from '../layers.js';
import { readConfig } from '../config.js';
import { WHOLE_STORE } from '../auth/viewer.js';
import { createContext } from '../request/context.js';
import { apportionPlan } from '../analysis/standards/renovation.service.js';
import { chooseServedRoads, describeStops, stopSpacingM, type StopPosition } from './bus-stops.js';
import { cameraRequests, describeCameras, type CameraPosition } from './cameras.js';
import { describeCommunities, type CommunityAttributes, type CommunityCell, type GeneratedCommunity } from './communities.js';
import { writeCsv, writeGeoJson, writeText, type WrittenFile } from './files.js';
import { describeGridCells, gridCellRequests, type GridCellRow } from './grid-cells.js';
import { createRandom } from './random.js';
import { describeSites, planSites, siteShapes } from './renovation-sites.js';
import { describeRoads, INNER_STREETS_FROM_M2, MIN_ROAD_LENGTH_M, type GeneratedRoad, type SharedEdge } from './roads.js';
import { SCALE_TARGETS, type SeedScale } from './scales.js';
import { cityCentreWgs84, communityRequests, districtsOf, zoneParameters, type DistrictInfo, type ZoneArea } from './zones.js';
import { GENERATED_DISTRICTS } from './districts.js';

const communitySql = loadQueries(new URL('./communities.sql', import.meta.url), ['createZones', 'zoneAreas', 'communityCells'] as const);
const gridSql = loadQueries(new URL('./grid-cells.sql', import.meta.url), ['gridCells'] as const);
const roadSql = loadQueries(new URL('./roads.sql', import.meta.url), ['sharedEdges', 'sharedEdgesAcrossShards', 'innerEdges'] as const);
const stopSql = loadQueries(new URL('./bus-stops.sql', import.meta.url), ['stopPositions'] as const);
const cameraSql = loadQueries(new URL('./cameras.sql', import.meta.url), ['cameraPositions'] as const);
const siteSql = loadQueries(new URL('./renovation-sites.sql', import.meta.url), ['siteGeometries'] as const);

/** The real district boundaries shipped with the project (see data-sources/README.md). */
export const DISTRICTS_FILE = new URL('../../data-sources/shenyang-districts.gcj02.geojson', import.meta.url);
/** Every layer of the demo is imported under this source, so a re-seed replaces exactly the demo's own rows. */
export const DEMO_SOURCE = 'atlas-demo';
/** The seed of the city every fresh hub shows, unless told otherwise. */
export const DEFAULT_SEED = 1;

export interface SeedOptions {
  scale: SeedScale;
  seed: number;
  /** Where the generated files are written; a new temporary folder when omitted. */
  workDir?: string;
  onProgress?: (message: string) => void;
}

export interface SeedLayerSummary {
  layer: LayerName;
  file: string;
  rows: number;
  bytes: number;
  sha256: string;
  rowsWritten: number;
  generateMs: number;
  importMs: number;
}

export interface SeedSummary {
  scale: SeedScale;
  seed: number;
  workDir: string;
  layers: SeedLayerSummary[];
  totalMs: number;
}

interface Step {
  db: Database;
  seed: number;
  say: (message: string) => void;
  layers: SeedLayerSummary[];
}

/**
 * Runs generation SQL in one transaction with JIT off: the planner's guesses for set-returning functions
 * (ST_Dump, generate_series) are so large that a server would spend seconds compiling what runs in milliseconds.
 */
async function generateWith<T>(db: Database, work: (client: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (client) => {
    await client.query('SET LOCAL jit = off');
    return work(client);
  });
}

async function rowsOf<Row extends QueryResultRow>(db: Database, text: string, values: unknown[]): Promise<Row[]> {
  return generateWith(db, async (client) => (await client.query<Row>(text, values)).rows);
}

/**
 * Checks that a generation query returned every row asked for. The embedded PostGIS answers a geometry operation
 * that fails inside GEOS with no rows instead of an error, and a demo with holes in it must not load silently.
 */
function expectRows(what: string, got: number, expected: number | string | undefined): void {
  if (got === 0 && expected === undefined) throw new Error(`Generating ${what} gave no rows: the database dropped them. Try another --seed, or a PostGIS server.`);
  if (expected === undefined) return;
  if (got !== Number(expected)) {
    throw new Error(`Generating ${what} gave ${got} rows where ${expected} were asked for: the database dropped some. Try another --seed, or a PostGIS server.`);
  }
}

/** Writes one layer's file (timing its generation) and imports it as one transaction through the ordinary importer. */
async function generateAndLoad(step: Step, layer: LayerName, generate: () => Promise<WrittenFile>, importOptions: Partial<ImportOptions> = {}) {
  const started = performance.now();
  const file = await generate();
  const generated = performance.now();
  step.say(`${layer}: wrote ${file.rows} rows to ${path.basename(file.path)} in ${Math.round(generated - started)} ms; importing…`);
  const summary = await importFile(step.db, {
    layer, fileName: path.basename(file.path), content: file.content, source: DEMO_SOURCE, replace: true, actor: 'atlas seed',
    // The upload limits guard the hub against strangers' files; the generator's own files may be larger (a province's
    // million cameras).
    limits: { maxFeatures: Number.MAX_SAFE_INTEGER, maxBytes: Number.MAX_SAFE_INTEGER },
    ...importOptions,
  });
  const importMs = performance.now() - generated;
  step.say(`${layer}: imported ${summary.rowsWritten} rows in ${Math.round(importMs)} ms`);
  step.layers.push({
    layer, file: file.path, rows: file.rows, bytes: file.bytes, sha256: file.sha256, rowsWritten: summary.rowsWritten,
    generateMs: Math.round(generated - started), importMs: Math.round(importMs),
  });
}

async function generateCommunities(step: Step, districts: DistrictInfo[], target: number): Promise<GeneratedCommunity[]> {
  const random = createRandom(step.seed, 'communities');
  const [centreLon, centreLat] = cityCentreWgs84();
  const cells = await generateWith(step.db, async (client) => {
    await client.query(communitySql.createZones, [centreLon, centreLat, JSON.stringify(zoneParameters(districts, random))]);
    const zones = (await client.query<ZoneArea>(communitySql.zoneAreas)).rows;
    expectRows('the zones of the districts', zones.length, 3 * districts.length);
    const requests = communityRequests(zones, target, random);
    const cells = (await client.query<CommunityCell>(communitySql.communityCells, [JSON.stringify(requests)])).rows;
    expectRows('communities', cells.length, cells[0]?.expected_rows);
    return cells;
  });
  return describeCommunities(cells, random);
}

/** The real districts; at the province scale also the generated counties west of 120°E (two UTM zones). */
function districtsFileText(scale: SeedScale): string {
  const text = fs.readFileSync(DISTRICTS_FILE, 'utf8');
  if (scale !== 'province') return text;
  const file = JSON.parse(text) as FeatureCollection;
  return JSON.stringify({ ...file, features: [...file.features, ...GENERATED_DISTRICTS] });
}

/**
 * Generates the demo city for a seed and loads it, layer by layer in dependency order, through the importer.
 * The same seed on the same store gives byte-identical files.
 */
export async function seedDemoCity(db: Database, options: SeedOptions): Promise<SeedSummary> {
  if (!Number.isSafeInteger(options.seed)) throw new Error(`The seed must be a whole number, not ${options.seed}.`);
  const targets = SCALE_TARGETS[options.scale];
  if (!targets) throw new Error(`Unknown scale "${options.scale}".`);
  const started = performance.now();
  const workDir = options.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-seed-'));
  fs.mkdirSync(workDir, { recursive: true });
  const step: Step = { db, seed: options.seed, say: options.onProgress ?? (() => {}), layers: [] };
  const file = (name: string) => path.join(workDir, name);
  step.say(`Seeding the demo city at scale ${options.scale} with seed ${options.seed}; files in ${workDir}`);

  const districtsText = districtsFileText(options.scale);
  const districts = districtsOf(JSON.parse(districtsText) as FeatureCollection);
  const districtNames = new Map(districts.map((d) => [d.code, d.name]));
  await generateAndLoad(step, 'districts', async () => writeText(file('districts.gcj02.geojson'), districtsText, districts.length), {
    // The real path: the file is in GCJ-02 and its codes are in `adcode`.
    crs: 'gcj02', fieldMap: { code: 'adcode' },
  });

  let communities: CommunityAttributes[] = [];
  await generateAndLoad(step, 'communities', async () => {
    const generated = await generateCommunities(step, districts, targets.communities);
    communities = generated.map((c) => c.properties);
    return writeGeoJson(file('communities.geojson'), generated);
  });

  await generateAndLoad(step, 'grid-cells', async () => {
    const random = createRandom(step.seed, 'grid-cells');
    const requests = gridCellRequests(communities, random);
    const rows = await rowsOf<GridCellRow>(db, gridSql.gridCells, [JSON.stringify(requests)]);
    expectRows('grid cells', rows.length, rows[0]?.expected_rows);
    return writeGeoJson(file('grid-cells.geojson'), describeGridCells(rows, communities, random));
  });

  let roads: GeneratedRoad[] = [];
  await generateAndLoad(step, 'roads', async () => {
    const edges = [
      ...(await rowsOf<SharedEdge>(db, (await distributedTables(db)).has('communities') ? roadSql.sharedEdgesAcrossShards : roadSql.sharedEdges, [DEMO_SOURCE, MIN_ROAD_LENGTH_M])),
      ...(await rowsOf<SharedEdge>(db, roadSql.innerEdges, [DEMO_SOURCE, MIN_ROAD_LENGTH_M, INNER_STREETS_FROM_M2])),
    ];
    roads = describeRoads(edges, communities, createRandom(step.seed, 'roads'));
    return writeGeoJson(file('roads.geojson'), roads);
  });

  await generateAndLoad(step, 'bus-stops', async () => {
    const served = chooseServedRoads(roads, createRandom(step.seed, 'bus-stops'));
    const spacingM = stopSpacingM(served, targets.busStops);
    const request = served.map((s) => ({ code: s.road.properties.code, spacingM }));
    const positions = await rowsOf<StopPosition>(db, stopSql.stopPositions, [JSON.stringify(request)]);
    return writeCsv(file('bus-stops.csv'), ['code', 'name', 'routes', 'lon', 'lat'], describeStops(positions, served));
  });

  await generateAndLoad(step, 'cameras', async () => {
    const random = createRandom(step.seed, 'cameras');
    const request = cameraRequests(communities, targets.cameras, random);
    const positions = await rowsOf<CameraPosition>(db, cameraSql.cameraPositions, [JSON.stringify(request)]);
    expectRows('cameras', positions.length, positions[0]?.expected_rows);
    const columns = ['code', 'name', 'direction_deg', 'fov_deg', 'range_m', 'operator', 'lon', 'lat'];
    return writeCsv(file('cameras.csv'), columns, describeCameras(positions, communities, districtNames, random));
  });

  await generateAndLoad(step, 'renovation-sites', async () => {
    const random = createRandom(step.seed, 'renovation-sites');
    const sites = planSites(communities, targets.renovationSites, targets.planShare, random);
    const { perCommunity, shapes } = siteShapes(sites, random);
    const rows = await rowsOf<{ community_code: string; ordinal: string; geometry: string }>(db, siteSql.siteGeometries, [JSON.stringify(perCommunity), JSON.stringify(shapes)]);
    expectRows('renovation sites', rows.length, sites.length);
    const geometries = new Map(rows.map((r) => [`${r.community_code}#${r.ordinal}`, r.geometry]));
    return writeGeoJson(file('renovation-sites.geojson'), describeSites(sites, geometries, random));
  });

  // Each district's share of the renovation plan is the share of the programme's sites it lists, as a city office would
  // apportion it; the districts that finished fewer of their own sites are then behind their plan.
  const admin = createContext(db, readConfig({}), WHOLE_STORE);
  await apportionPlan(admin, 'city', 'sites');
  await apportionPlan(admin, 'owner', 'sites');

  const totalMs = Math.round(performance.now() - started);
  step.say(`Seeded the demo city (${options.scale}) in ${(totalMs / 1000).toFixed(1)} s`);
  return { scale: options.scale, seed: options.seed, workDir, layers: step.layers, totalMs };
}
