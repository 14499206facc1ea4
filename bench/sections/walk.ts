// Walking distance along the roads at the run's scale, cold, on both stores: every stop's walking catchment (network,
// entries, search, polygons) and every community's coverage along the roads, against pgRouting's own
// pgr_drivingDistance run directly (the server) and the straight-line model; then the warm listing.
import type { Database } from '../../server/db/database.js';
import { ensureWalkCatchments, hasPgRouting } from '../../server/analysis/walk/walk-catchments.js';
import { compared, measureOf, notMeasured, type Figure } from '../lib/figures.js';
import { ok } from '../lib/graphql-checks.js';
import type { BenchHub } from '../lib/hub.js';
import type { BenchContext, Section } from '../lib/context.js';
import { median, timeMs } from '../lib/stats.js';

const SECTION = 'Walking distance along the roads';

/**
 * Forgets the walk (network, entries, catchments) and makes the cached bus-stop coverage of both models stale the way
 * a change does (their version rows move on); deleting coverage_cache rows under a running hub made it answer
 * "no longer in the store".
 */
async function coldStart(db: Database): Promise<void> {
  await db.query(`DELETE FROM walk_catchment_sets; DELETE FROM stop_walk_catchments; DELETE FROM walk_reached; DELETE FROM walk_stop_entries; DELETE FROM walk_state;
                  UPDATE layer_versions SET version = version + 1, changed_at = now() WHERE layer IN ('bus-stops', 'walk-catchments')`);
}

/** Every community's bus-stop coverage through GraphQL, page by page; returns how many. */
async function listCommunities(hub: BenchHub, along: 'ROADS' | 'STRAIGHT_LINE'): Promise<number> {
  let count = 0;
  let after: string | null = null;
  for (;;) {
    const data = ok(await hub.gql(
      `query($after: String) { communities(first: 1000, after: $after) { pageInfo { hasNextPage endCursor } nodes { code busStopCoverage(along: ${along}) { coveredShare } } } }`,
      { after },
    ), `communities busStopCoverage(along: ${along})`);
    count += data.communities.nodes.length;
    if (!data.communities.pageInfo.hasNextPage) return count;
    after = data.communities.pageInfo.endCursor;
  }
}

/** pgRouting's multi-source driving distance from every stop's nearest network node, over the same edges, run directly. */
const PGR_DIRECT = `
SELECT count(*)::integer AS reached FROM pgr_drivingDistance(
  'SELECT id, source, target, length_m AS cost FROM road_edges',
  (SELECT array_agg(DISTINCT e.source::bigint) FROM walk_stop_entries w JOIN road_edges e ON e.id = w.edge_id),
  500, directed := false)`;

async function onStore(ctx: BenchContext, name: 'server' | 'embedded', db: Database, hub: BenchHub): Promise<Figure[]> {
  const figures: Figure[] = [];
  await coldStart(db);
  const catchments = await timeMs(() => ensureWalkCatchments(db, 500));
  const stats = (await db.query<{ stops: number; edges: number; length_km: number }>(
    `SELECT (SELECT count(*) FROM stop_walk_catchments WHERE radius_m = 500)::integer AS stops, edge_count AS edges, length_m / 1000 AS length_km FROM walk_state`,
  )).rows[0];
  ctx.say(`    ${name}: ${stats.stops} stops' catchments over ${stats.edges} edges (${Math.round(stats.length_km)} km) in ${Math.round(catchments.ms)} ms`);
  const walkCoverage = await timeMs(() => listCommunities(hub, 'ROADS'));
  const straight = await timeMs(() => listCommunities(hub, 'STRAIGHT_LINE'));
  const note = `${ctx.scale} scale, ${walkCoverage.value} communities, ${stats.stops} stops, ${stats.edges} edges`;
  if (name === 'server' && (await hasPgRouting(db.pool))) {
    const direct: number[] = [];
    for (let i = 0; i < ctx.runs; i++) direct.push((await timeMs(() => db.query(PGR_DIRECT))).ms);
    figures.push(compared(SECTION, `${name}: every stop's walking catchment of 500 m, cold (network, entries, search, polygons), against pgr_drivingDistance alone`, 'ms',
      measureOf('the hub: ensureWalkCatchments', [catchments.ms]), measureOf('pgr_drivingDistance from every stop\'s nearest node, SQL run directly', direct), { note }));
  }
  figures.push(compared(SECTION, `${name}: every community's bus-stop coverage along the roads, cold (catchments built), against the straight line, cold`, 'ms',
    measureOf('along the roads (catchments + coverage)', [catchments.ms + walkCoverage.ms]), measureOf('straight line', [straight.ms]), { note }));
  // Warm, alternating with the straight line's warm listing of the same pages: what the walk adds to a warm read.
  const warm: number[] = [];
  const warmStraight: number[] = [];
  for (let i = 0; i < ctx.runs; i++) {
    warm.push((await timeMs(() => listCommunities(hub, 'ROADS'))).ms);
    warmStraight.push((await timeMs(() => listCommunities(hub, 'STRAIGHT_LINE'))).ms);
  }
  figures.push(compared(SECTION, `${name}: every community's coverage along the roads, warm, against the straight line, warm`, 'ms',
    measureOf('warm listing along the roads', warm), measureOf('warm listing, straight line', warmStraight),
    { target: '≤ 100 ms', met: median(warm) <= 100, note }));
  return figures;
}

export const walk: Section = {
  name: SECTION,
  async run(ctx: BenchContext): Promise<Figure[]> {
    const figures: Figure[] = [];
    // Each store's figures stand on their own: one store's failure is reported and the other's kept.
    const stores = [['server', ctx.server, ctx.serverHub], ['embedded', ctx.embedded, ctx.embeddedHub]] as const;
    for (const [name, store, hub] of stores) {
      if (!store || !hub) continue;
      try {
        figures.push(...(await onStore(ctx, name, store.db, hub)));
      } catch (error) {
        figures.push(notMeasured(SECTION, `${name}: walking catchments and coverage along the roads`, `failed: ${(error as Error).message}`));
      }
    }
    return figures;
  },
};
