// The two SQL shapes of a tile: ST_AsMVT on a PostGIS that has it, or tile-coordinate GeoJSON rows for the JS encoder.
import { forStore } from '../db/distribution.js';
import { loadQueries } from '../db/queries.js';
import type { TileQueryName } from './tile-layers.js';

export const TILE_EXTENT = 4096;
/** Pixels (in tile units) kept around the tile so that strokes and labels do not stop at its edge. */
export const TILE_BUFFER = 64;
/** Simplification tolerance as a fraction of the tile's width: half a pixel on a 512-pixel tile. */
const TOLERANCE_PER_TILE_WIDTH = 1 / 1024;

const QUERY_NAMES: readonly TileQueryName[] = [
  'districts', 'communities', 'gridCells', 'cameras', 'busStops', 'renovationSites', 'roads',
  'stopCatchments', 'cameraSectors', 'coverageGaps', 'stopWalkCatchments',
];
const FEATURES = loadQueries(new URL('./tile-features.sql', import.meta.url), QUERY_NAMES);

// $1..$3 are z, x, y. A Web Mercator tile is a lon/lat rectangle, so env_4326 is the tile exactly; layers whose
// shapes reach out from their sites (catchments, sectors) widen it by their reach (atlas_expand_by_m).
const BOUNDS = `bounds AS (
  SELECT env, ST_Transform(env, 4326) AS env_4326,
         width * ${TOLERANCE_PER_TILE_WIDTH} AS tolerance
  FROM (SELECT e AS env, ST_XMax(e) - ST_XMin(e) AS width FROM ST_TileEnvelope($1::integer, $2::integer, $3::integer) AS e) tile
)`;

/**
 * The queries drawn from coverage_cache: their features carry `coverage_missing`, and their statements count the
 * communities of the tile whose coverage must be computed first (`missing`), so that a warm tile is one statement.
 */
export const COVERAGE_QUERIES: ReadonlySet<TileQueryName> = new Set(['communities', 'coverageGaps']);

// The versions coverage_cache entries must carry to be fresh (as server/analysis/coverage.sql checks them).
const COVERAGE_VERSIONS = `coverage_versions AS (
  SELECT coalesce((SELECT version FROM layer_versions WHERE layer = 'communities'), 0) AS communities,
         coalesce((SELECT version FROM layer_versions WHERE layer = 'bus-stops'), 0) AS bus_stops,
         coalesce((SELECT version FROM layer_versions WHERE layer = 'cameras'), 0) AS cameras
)`;

// `distributed` (Citus: the tables distributed by district) picks the lines of the features' SQL this store runs.
// The features are MATERIALIZED for ST_AsMVT: gathered first, they are encoded where the statement runs (on Citus
// the coordinator, from the shards' rows), and a row of them is then a local composite value, which Citus cannot
// ship from a shard ("input of anonymous composite types is not implemented"); on one server they are the same rows.
const withClause = (query: TileQueryName, distributed: ReadonlySet<string>, features: 'MATERIALIZED' | '') =>
  `WITH ${BOUNDS},${COVERAGE_QUERIES.has(query) ? `\n${COVERAGE_VERSIONS},` : ''}
features AS ${features ? `${features} ` : ''}(${forStore(FEATURES[query], distributed)})`;

/**
 * One bytea `mvt` (the encoded layer, empty when no feature), the feature count `n`, and `missing`: how many of the
 * tile's communities lack fresh coverage (always 0 outside COVERAGE_QUERIES). `$layerParam` names the layer.
 */
export function mvtSql(query: TileQueryName, layerParam: number, distributed: ReadonlySet<string> = new Set()): string {
  const missing = COVERAGE_QUERIES.has(query) ? '(SELECT count(*) FROM features WHERE coverage_missing)::integer' : '0';
  return `${withClause(query, distributed, 'MATERIALIZED')}
SELECT ST_AsMVT(tile, $${layerParam}::text, ${TILE_EXTENT}, 'geom', 'id') AS mvt, count(*)::integer AS n, ${missing} AS missing
FROM (
  SELECT f.id, f.properties, ST_AsMVTGeom(f.geom, b.env, ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS geom
  FROM features f CROSS JOIN bounds b
) tile
WHERE tile.geom IS NOT NULL`;
}

/**
 * One row per feature: `id`, `properties`, and `geometry` as GeoJSON in integer tile coordinates (y down). For
 * COVERAGE_QUERIES every row also carries `missing` (as in mvtSql), and a tile without features is one row whose
 * `geometry` is NULL, so that the count still arrives.
 */
export function featureRowsSql(query: TileQueryName, distributed: ReadonlySet<string> = new Set()): string {
  const tile = `SELECT f.id, f.properties, atlas_tile_geometry(f.geom, b.env, ${TILE_EXTENT}, ${TILE_BUFFER}) AS geom
  FROM features f CROSS JOIN bounds b`;
  if (!COVERAGE_QUERIES.has(query)) {
    return `${withClause(query, distributed, '')}
SELECT tile.id, tile.properties, ST_AsGeoJSON(tile.geom, 0) AS geometry, 0 AS missing
FROM (
  ${tile}
) tile
WHERE tile.geom IS NOT NULL
ORDER BY tile.id`;
  }
  return `${withClause(query, distributed, '')}
SELECT tile.id, tile.properties, ST_AsGeoJSON(tile.geom, 0) AS geometry, m.missing
FROM (SELECT count(*) FILTER (WHERE coverage_missing)::integer AS missing FROM features) m
LEFT JOIN (
  ${tile}
) tile ON tile.geom IS NOT NULL
ORDER BY tile.id`;
}
