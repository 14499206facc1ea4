// Fills coverage_cache for a tile's communities through the analysis module (so tiles and GraphQL show the same numbers),
// when the tile statement reported some missing or stale.
// The analysis module reaches GraphQL classes (type-graphql decorators need the metadata polyfill loaded first).
import 'reflect-metadata';
import { computeAreaCoverage } from '../analysis/coverage.service.js';
import type { AtlasConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { loadQueries } from '../db/queries.js';
import { createContext } from '../request/context.js';
import type { Viewer } from '../auth/viewer.js';
import type { TileAddress } from './tile-address.js';
import { TILE_LAYERS, coverageRequests, type TileOptions } from './tile-layers.js';

const sql = loadQueries(new URL('./tile-coverage.sql', import.meta.url), ['communitiesInTile'] as const);

export async function prepareCoverage(
  db: Database,
  config: AtlasConfig,
  viewer: Viewer,
  address: TileAddress,
  districtCode: string | null,
  options: TileOptions,
): Promise<void> {
  const kinds = TILE_LAYERS[address.layer].coverage;
  if (kinds.length === 0) return;
  const { rows } = await db.query<{ code: string }>(sql.communitiesInTile, [address.z, address.x, address.y, districtCode]);
  if (rows.length === 0) return;
  const codes = rows.map((r) => r.code);
  const ctx = createContext(db, config, viewer);
  const requests = coverageRequests(options);
  // One after the other: the embedded store has one connection, and a real server gains little from two big unions at once.
  for (const kind of kinds) await computeAreaCoverage(ctx, 'communities', codes, requests[kind]);
}
