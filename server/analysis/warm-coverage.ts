// Fills the coverage cache for every community after start, so the first map colours and dashboards answer from it.
import type { AtlasConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { createContext } from '../request/context.js';
import { coverageRequest, DEFAULT_STOP_RADIUS_M } from './catchment-models.js';
import { coverageRanking } from './coverage.service.js';

/** Computes (or confirms from the cache) community coverage by stops and cameras; returns the seconds it took. */
export async function warmCoverage(db: Database, config: AtlasConfig): Promise<number> {
  const started = performance.now();
  // The analyst role sees every area; the cache holds numbers, not rights, and every read applies the caller's scope.
  const ctx = createContext(db, config, { role: 'analyst' });
  await coverageRanking(ctx, 'communities', coverageRequest('bus-stops', DEFAULT_STOP_RADIUS_M), null, 1);
  await coverageRanking(ctx, 'communities', coverageRequest('cameras', config.defaultCameraRangeM), null, 1);
  return (performance.now() - started) / 1000;
}
