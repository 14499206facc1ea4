// The tile layers: every data layer plus the derived ones (catchments, camera sectors, coverage gaps), with their zooms and rules.
import { coverageRequest, paramsKey, type CoverageKind } from '../analysis/catchment-models.js';
import { LAYER_NAMES, type LayerName } from '../layers.js';
import type { Database } from '../db/database.js';
import { ensureWalkCatchments } from '../analysis/walk/walk-catchments.js';

export type DerivedTileLayerName = 'stop-catchments' | 'camera-sectors' | 'coverage-gaps' | 'stop-walk-catchments';
export type TileLayerName = LayerName | DerivedTileLayerName;

export type TileQueryName =
  | 'districts' | 'communities' | 'gridCells' | 'cameras' | 'busStops' | 'renovationSites' | 'roads'
  | 'stopCatchments' | 'cameraSectors' | 'coverageGaps' | 'stopWalkCatchments';

/** Values a request may vary beyond z/x/y, already checked. */
export interface TileOptions {
  /** Catchment and gap radius in metres (stop-catchments, coverage-gaps, and communities' bus coverage share). */
  radiusM: number;
  /** The range of a camera whose record has none. */
  defaultCameraRangeM: number;
}

export interface TileLayer {
  name: TileLayerName;
  description: string;
  query: TileQueryName;
  /** Below this zoom the layer's tiles are empty (too many features to be useful or quick). */
  minZoom: number;
  geometry: 'polygon' | 'point' | 'line' | 'polygon-or-point';
  /** The data layer whose rows the tile draws: its scope (auth/scope.ts rowScope) decides which of them a viewer gets
   *  (none of the cameras' for the public: camera and camera-sector tiles are empty for them, and TileJSON leaves them out). */
  rowsOf: LayerName;
  /** The data layers whose version makes this layer's tiles new. */
  dependsOn: readonly LayerName[];
  /** The query's parameters after $1..$4 (z, x, y, district). */
  extraParams(options: TileOptions): unknown[];
  /** Whether the tile's content depends on `options.radiusM` (it joins the cache key). */
  usesRadius: boolean;
  /** Coverage (server/analysis, coverage_cache) that must be computed for the tile's communities before the query runs. */
  coverage: readonly CoverageKind[];
  /** The properties each feature carries (TileJSON `vector_layers[].fields`): name → meaning. */
  fields: Readonly<Record<string, string>>;
  /** Brings derived data the query reads up to date before a tile is rendered (the walking catchments). */
  prepare?: (db: Database, options: TileOptions) => Promise<void>;
}

const none = () => [];

/** The coverage requests behind a tile, as the analysis module keys them in coverage_cache. */
export function coverageRequests(options: TileOptions): Record<CoverageKind, ReturnType<typeof coverageRequest>> {
  return { 'bus-stops': coverageRequest('bus-stops', options.radiusM), cameras: coverageRequest('cameras', options.defaultCameraRangeM) };
}

const cacheKeyParams = (options: TileOptions, kind: CoverageKind) => {
  const request = coverageRequests(options)[kind];
  return [request.model.name, paramsKey(request)];
};

export const TILE_LAYERS: Record<TileLayerName, TileLayer> = {
  districts: {
    name: 'districts', rowsOf: 'districts', description: 'District boundaries (code, name).', query: 'districts', minZoom: 0, geometry: 'polygon',
    dependsOn: ['districts'], extraParams: none, usesRadius: false, coverage: [],
    fields: { code: 'String: administrative code', name: 'String' },
  },
  communities: {
    name: 'communities', rowsOf: 'communities',
    description: 'Community boundaries with kind, households and the standards: bus and camera coverage shares, grid workers pass/fail, renovation counts.',
    query: 'communities', minZoom: 8, geometry: 'polygon',
    dependsOn: ['communities', 'bus-stops', 'cameras', 'grid-cells', 'renovation-sites'],
    extraParams: (o) => [...cacheKeyParams(o, 'bus-stops'), ...cacheKeyParams(o, 'cameras')], usesRadius: true,
    coverage: ['bus-stops', 'cameras'],
    fields: {
      code: 'String', name: 'String', kind: 'String: urban, town or rural', households: 'Number', district_code: 'String', street: 'String',
      bus_coverage_share: 'Number 0..1: area within radius_m of a bus stop (?radius=, 500 by default)',
      camera_coverage_share: 'Number 0..1: area inside a camera view sector',
      grid_cells: 'Number', grid_cells_without_worker: 'Number',
      grid_workers_pass: 'Boolean: every grid cell has a worker (absent when the community has no grid cells)',
      renovation_sites: 'Number', renovation_completed: 'Number',
    },
  },
  'grid-cells': {
    name: 'grid-cells', rowsOf: 'grid-cells', description: 'Grid cells with workers and households.', query: 'gridCells', minZoom: 11, geometry: 'polygon',
    dependsOn: ['grid-cells'], extraParams: none, usesRadius: false, coverage: [],
    fields: { code: 'String', name: 'String', community_code: 'String', district_code: 'String', workers: 'Number', households: 'Number', has_worker: 'Boolean' },
  },
  cameras: {
    name: 'cameras', rowsOf: 'cameras', description: 'Camera positions with direction, field of view and range (not for anonymous visitors).',
    query: 'cameras', minZoom: 14, geometry: 'point', dependsOn: ['cameras'],
    extraParams: (o) => [o.defaultCameraRangeM], usesRadius: false, coverage: [],
    fields: { code: 'String', name: 'String', community_code: 'String', district_code: 'String', direction_deg: 'Number: clockwise from north (absent: all round)', fov_deg: 'Number', range_m: 'Number', operator: 'String' },
  },
  'bus-stops': {
    name: 'bus-stops', rowsOf: 'bus-stops', description: 'Bus stops with their routes.', query: 'busStops', minZoom: 11, geometry: 'point',
    dependsOn: ['bus-stops'], extraParams: none, usesRadius: false, coverage: [],
    fields: { code: 'String', name: 'String', routes: 'String', community_code: 'String', district_code: 'String' },
  },
  'renovation-sites': {
    name: 'renovation-sites', rowsOf: 'renovation-sites', description: 'Renovation sites with status, programme, plan year and checklist items done.',
    query: 'renovationSites', minZoom: 11, geometry: 'polygon-or-point', dependsOn: ['renovation-sites'],
    extraParams: none, usesRadius: false, coverage: [],
    fields: { code: 'String', name: 'String', community_code: 'String', district_code: 'String', status: 'String: planned, in_progress or completed', program: 'String: city or owner', plan_year: 'Number', completed_on: 'String: YYYY-MM-DD', households: 'Number', checklist_done: 'Number: checklist items done', checklist_total: 'Number: 11' },
  },
  roads: {
    name: 'roads', rowsOf: 'roads', description: 'Roads (code, name, kind).', query: 'roads', minZoom: 10, geometry: 'line', dependsOn: ['roads'],
    extraParams: none, usesRadius: false, coverage: [],
    fields: { code: 'String', name: 'String', kind: 'String' },
  },
  'stop-catchments': {
    name: 'stop-catchments', rowsOf: 'bus-stops', description: 'A circle of ?radius= metres (500 by default) around each bus stop.',
    query: 'stopCatchments', minZoom: 11, geometry: 'polygon', dependsOn: ['bus-stops'],
    extraParams: (o) => [o.radiusM], usesRadius: true, coverage: [],
    fields: { code: 'String: the stop', name: 'String', community_code: 'String', district_code: 'String', radius_m: 'Number' },
  },
  'stop-walk-catchments': {
    name: 'stop-walk-catchments', rowsOf: 'bus-stops',
    description: 'The streets within ?radius= metres (500 by default) of walking from each bus stop, widened by the access distance (50 m by default).',
    query: 'stopWalkCatchments', minZoom: 11, geometry: 'polygon', dependsOn: ['bus-stops', 'roads'],
    extraParams: (o) => [o.radiusM], usesRadius: true, coverage: [],
    prepare: (db, o) => ensureWalkCatchments(db, o.radiusM),
    fields: { code: 'String: the stop', name: 'String', community_code: 'String', district_code: 'String', radius_m: 'Number', access_m: 'Number', reached_length_m: 'Number: street length reached' },
  },
  'camera-sectors': {
    name: 'camera-sectors', rowsOf: 'cameras', description: "Each camera's view sector (a circle when it has no direction); not for anonymous visitors.",
    query: 'cameraSectors', minZoom: 14, geometry: 'polygon', dependsOn: ['cameras'],
    extraParams: (o) => [o.defaultCameraRangeM], usesRadius: false, coverage: [],
    fields: { code: 'String: the camera', community_code: 'String', district_code: 'String', direction_deg: 'Number', fov_deg: 'Number', range_m: 'Number' },
  },
  'coverage-gaps': {
    name: 'coverage-gaps', rowsOf: 'communities', description: 'The parts of each community farther than ?radius= metres (500 by default) from every bus stop.',
    query: 'coverageGaps', minZoom: 10, geometry: 'polygon', dependsOn: ['communities', 'bus-stops'],
    extraParams: (o) => [...cacheKeyParams(o, 'bus-stops'), o.radiusM], usesRadius: true,
    coverage: ['bus-stops'],
    fields: { community_code: 'String', name: 'String', district_code: 'String', standard: 'String: bus-stop-500m', radius_m: 'Number', uncovered_m2: 'Number', uncovered_share: 'Number 0..1' },
  },
};

export const TILE_LAYER_NAMES = Object.keys(TILE_LAYERS) as TileLayerName[];

/** Zooms the hub serves tiles for; MapLibre over-zooms the last level. */
export const MAX_TILE_ZOOM = 22;
/** The deepest zoom a TileJSON advertises: the data gains nothing from deeper tiles. */
export const TILEJSON_MAX_ZOOM = 16;

export function isTileLayerName(name: string): name is TileLayerName {
  return Object.hasOwn(TILE_LAYERS, name);
}

// Every data layer must have a tile layer: a new layer in server/layers.ts without one fails here at start.
for (const name of LAYER_NAMES) {
  if (!isTileLayerName(name)) throw new Error(`The data layer ${name} has no tile layer in server/tiles/tile-layers.ts.`);
}
