// The catchment models coverage can be measured with: which sites, which shape, which SQL functions build it.
import { checkMetres } from '../metres.js';
import { badInput } from '../errors.js';
import type { LayerName } from '../layers.js';

export type CoverageKind = 'bus-stops' | 'cameras';

/**
 * A catchment model names a pair of SQL functions of one signature (db/migrations/010_coverage.sql):
 * `cover(area, reach_m, removed, added)` and `nearest(area, removed, added)`. Walking distance along the road
 * network will be another model for bus stops, with its own functions; nothing else changes.
 */
export interface CatchmentModel {
  /** Stored in the coverage cache; also the stem of the SQL functions. */
  name: 'bus_stops_radius' | 'camera_sectors';
  kind: CoverageKind;
  /** The layer whose sites make the catchments: its version keys the cache. */
  sourceLayer: LayerName;
  coverFunction: 'atlas_bus_stops_radius_cover' | 'atlas_camera_sectors_cover';
  nearestFunction: 'atlas_bus_stops_radius_nearest_m' | 'atlas_camera_sectors_nearest_m';
  /** Whether the exact catchment shapes may be shown to anonymous callers (camera positions are sensitive). */
  publicShapes: boolean;
}

export const CATCHMENT_MODELS: Record<CoverageKind, CatchmentModel> = {
  'bus-stops': {
    name: 'bus_stops_radius',
    kind: 'bus-stops',
    sourceLayer: 'bus-stops',
    coverFunction: 'atlas_bus_stops_radius_cover',
    nearestFunction: 'atlas_bus_stops_radius_nearest_m',
    publicShapes: true,
  },
  cameras: {
    name: 'camera_sectors',
    kind: 'cameras',
    sourceLayer: 'cameras',
    coverFunction: 'atlas_camera_sectors_cover',
    nearestFunction: 'atlas_camera_sectors_nearest_m',
    publicShapes: false,
  },
};

/** What to measure: a model and its reach (stop radius, or the default range of cameras that have none). */
export interface CoverageRequest {
  model: CatchmentModel;
  reachM: number;
}

export const DEFAULT_STOP_RADIUS_M = 500;
export const MAX_REACH_M = 5000;

export function coverageRequest(kind: CoverageKind, reachM: number): CoverageRequest {
  checkMetres('radiusMeters', reachM, { aboveMin: true, max: MAX_REACH_M });
  return { model: CATCHMENT_MODELS[kind], reachM };
}

/** The cache key of a request's parameters. */
export const paramsKey = (request: CoverageRequest) => `reach=${request.reachM}`;
