// The catchment models coverage can be measured with: which sites, which shape, which SQL functions build it.
import { checkMetres } from '../metres.js';
import { badInput } from '../errors.js';
import type { Database } from '../db/database.js';
import type { LayerName } from '../layers.js';
import { ensureWalkCatchments, WALK_MODEL_NAME, WALK_NEAREST_FUNCTION } from './walk/walk-catchments.js';

export type CoverageKind = 'bus-stops' | 'cameras';

/**
 * A catchment model names a pair of SQL functions of one signature (db/migrations/110_area_boxes.sql):
 * `cover(area, area_box, reach_m, removed, added)` and `nearest(area, area_box, removed, added)`, where area_box is the
 * area's lon/lat search box, atlas_reach_box(area, 0), built once per area by the statement that calls them. Walking distance along the road
 * network will be another model for bus stops, with its own functions; nothing else changes.
 */
export interface CatchmentModel {
  /** Stored in the coverage cache; also the stem of the SQL functions. */
  name: 'bus_stops_radius' | 'camera_sectors' | 'bus_stops_walk';
  kind: CoverageKind;
  /** The layer whose sites make the catchments: its version keys the cache. */
  sourceLayer: LayerName;
  coverFunction: 'atlas_bus_stops_radius_cover' | 'atlas_camera_sectors_cover' | 'atlas_bus_stops_walk_cover';
  nearestFunction: 'atlas_bus_stops_radius_nearest_m' | 'atlas_camera_sectors_nearest_m' | 'atlas_bus_stops_walk_nearest_m';
  /** The layer_versions row the cached coverage keys on, where it is not the source layer's own. */
  versionLayer?: 'walk-catchments';
  /** Brings what the cover function reads up to date before coverage is read or computed. */
  prepare?: (db: Database, reachM: number) => Promise<void>;
}

export const CATCHMENT_MODELS: Record<CoverageKind, CatchmentModel> = {
  'bus-stops': {
    name: 'bus_stops_radius',
    kind: 'bus-stops',
    sourceLayer: 'bus-stops',
    coverFunction: 'atlas_bus_stops_radius_cover',
    nearestFunction: 'atlas_bus_stops_radius_nearest_m',
  },
  cameras: {
    name: 'camera_sectors',
    kind: 'cameras',
    sourceLayer: 'cameras',
    coverFunction: 'atlas_camera_sectors_cover',
    nearestFunction: 'atlas_camera_sectors_nearest_m',
  },
};

/** What to measure: a model and its reach (stop radius, or the default range of cameras that have none). */
export interface CoverageRequest {
  model: CatchmentModel;
  reachM: number;
}

/**
 * Bus stops, walking distance along the road network (db/migrations/090_walk_network.sql): each stop's walk of the
 * radius from its nearest point on the network, widened by the access distance (atlas_walk_access_m, 50 m).
 */
export const WALK_MODEL: CatchmentModel = {
  name: WALK_MODEL_NAME,
  kind: 'bus-stops',
  sourceLayer: 'bus-stops',
  coverFunction: 'atlas_bus_stops_walk_cover',
  nearestFunction: WALK_NEAREST_FUNCTION,
  versionLayer: 'walk-catchments',
  prepare: (db, reachM) => ensureWalkCatchments(db, reachM),
};

/** How a stop's reach is measured: a circle, or a walk along the roads. */
export type CoverageAlong = 'STRAIGHT_LINE' | 'ROADS';

/**
 * `along` as an export query, a CLI option or a standard's parameter spells it: `roads` or `straight-line` (any case,
 * `_` for `-`); `name` says where it came from in the refusal.
 */
export function parseAlong(value: unknown, name: string): CoverageAlong {
  if (value === undefined || value === null || value === '') return 'STRAIGHT_LINE';
  const spelled = typeof value === 'string' ? value.trim().toUpperCase().replace(/-/g, '_') : '';
  if (spelled === 'ROADS' || spelled === 'STRAIGHT_LINE') return spelled;
  throw badInput(`${name} must be "roads" (walking along the road network) or "straight-line"; got ${JSON.stringify(value)}.`);
}

/** The version row coverage of a model is cached against. */
export const cacheVersionLayer = (model: CatchmentModel): string => model.versionLayer ?? model.sourceLayer;

export const DEFAULT_STOP_RADIUS_M = 500;
export const MAX_REACH_M = 5000;

export function coverageRequest(kind: CoverageKind, reachM: number, along: CoverageAlong = 'STRAIGHT_LINE'): CoverageRequest {
  checkMetres('radiusMeters', reachM, { aboveMin: true, max: MAX_REACH_M });
  return { model: kind === 'bus-stops' && along === 'ROADS' ? WALK_MODEL : CATCHMENT_MODELS[kind], reachM };
}

/** The cache key of a request's parameters. */
export const paramsKey = (request: CoverageRequest) => `reach=${request.reachM}`;
