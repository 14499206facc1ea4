// Walking catchments of the bus stops: the road network and every stop's walk of a radius, built on demand and kept
// until the roads, the stops or the walk's settings change (then the cached walking coverage goes stale with them).
import type { Database, Queryable } from '../../db/database.js';
import { loadQueries } from '../../db/queries.js';
import { reachedDistances, type WalkEdge, type WalkEntry } from './walk-search.js';

const sql = loadQueries(new URL('./walk.sql', import.meta.url), [
  'freshness', 'buildNetwork', 'locateStops', 'clearCatchments', 'recordState', 'previousWarnings', 'edges', 'entries',
  'storeReached', 'pgRoutingReached', 'pgRoutingStore', 'buildCatchments', 'hasPgRouting', 'status',
] as const);

/** Defaults of the walk's settings (atlas_settings keys walk_access_m, walk_snap_m, walk_max_stop_m). */
export const DEFAULT_WALK_ACCESS_M = 50;
export const DEFAULT_WALK_SNAP_M = 1;
export const DEFAULT_WALK_MAX_STOP_M = 200;

interface Freshness {
  network_fresh: boolean;
  entries_fresh: boolean;
  set_built: boolean;
  access_m: number;
  snap_m: number;
  max_stop_m: number;
}

/** Reached distances per stop and node, as either search gives them. */
export type Reached = Map<string, Map<number, number>>;

/** pgRouting's search (the server store with the extension). */
export async function searchWithPgRouting(client: Queryable, radiusM: number): Promise<Reached> {
  const { rows } = await client.query<{ stop_code: string; node_id: number; distance_m: number }>(sql.pgRoutingReached, [radiusM]);
  const reached: Reached = new Map();
  for (const row of rows) {
    let nodes = reached.get(row.stop_code);
    if (!nodes) reached.set(row.stop_code, (nodes = new Map()));
    nodes.set(row.node_id, row.distance_m);
  }
  return reached;
}

/** The TypeScript search over the edges read from the store (the embedded store, or a server without pgRouting). */
export async function searchInTypeScript(client: Queryable, radiusM: number): Promise<Reached> {
  const edges = (await client.query<WalkEdge>(sql.edges)).rows;
  const entries = (await client.query<WalkEntry>(sql.entries)).rows;
  return reachedDistances(edges, entries, radiusM);
}

export async function hasPgRouting(client: Queryable): Promise<boolean> {
  return (await client.query<{ present: boolean }>(sql.hasPgRouting)).rows[0].present;
}

async function storeReached(client: Queryable, radiusM: number, reached: Reached): Promise<void> {
  const codes: string[] = [];
  const nodes: number[] = [];
  const distances: number[] = [];
  for (const [code, byNode] of reached) {
    for (const [node, distance] of byNode) {
      codes.push(code);
      nodes.push(node);
      distances.push(distance);
    }
  }
  const chunk = 50_000;
  for (let start = 0; start < codes.length; start += chunk) {
    await client.query(sql.storeReached, [radiusM, codes.slice(start, start + chunk), nodes.slice(start, start + chunk), distances.slice(start, start + chunk)]);
  }
}

/** One build at a time per store in this process (the server's advisory lock covers other processes). */
const building = new WeakMap<Database, Promise<void>>();

/**
 * Makes sure the walking catchments of `radiusM` exist for the current roads, stops and settings: rebuilds the
 * network when the roads changed, relocates the stops when they changed, then searches and draws the missing radius.
 * `accessM` widens the reached streets on both sides (default: the store's setting, 50 m).
 */
export async function ensureWalkCatchments(db: Database, radiusM: number, accessM?: number): Promise<void> {
  for (;;) {
    const fresh = (await db.query<Freshness>(sql.freshness, [radiusM, accessM ?? null])).rows[0];
    if (fresh.network_fresh && fresh.entries_fresh && fresh.set_built) return;
    const pending = building.get(db);
    if (pending) {
      await pending.catch(() => {});
      continue;
    }
    const work = db.transaction((client) => build(client, db.kind, radiusM, accessM ?? fresh.access_m)).finally(() => building.delete(db));
    building.set(db, work);
    return work;
  }
}

async function build(client: Queryable, kind: Database['kind'], radiusM: number, accessM: number): Promise<void> {
  if (kind === 'server') await client.query("SELECT pg_advisory_xact_lock(hashtext('atlas-walk-catchments'))");
  const fresh = (await client.query<Freshness>(sql.freshness, [radiusM, accessM])).rows[0];
  if (!fresh.network_fresh || !fresh.entries_fresh) {
    let warnings: unknown = (await client.query<{ warnings: unknown }>(sql.previousWarnings)).rows[0].warnings;
    if (!fresh.network_fresh) {
      warnings = (await client.query<{ warnings: unknown }>(sql.buildNetwork, [fresh.snap_m])).rows[0].warnings;
      for (const warning of warnings as string[]) console.warn(`[walk] roads: ${warning}`);
    }
    await client.query(sql.locateStops, [fresh.max_stop_m]);
    await client.query(sql.clearCatchments);
    await client.query(sql.recordState, [fresh.snap_m, fresh.max_stop_m, fresh.access_m, JSON.stringify(warnings)]);
  } else if (fresh.set_built) {
    return;
  }
  await client.query('DELETE FROM walk_reached WHERE radius_m = $1', [radiusM]);
  const withPgRouting = kind === 'server' && (await hasPgRouting(client));
  const entries = (await client.query(sql.entries)).rowCount ?? 0;
  if (entries > 0) {
    if (withPgRouting) await client.query(sql.pgRoutingStore, [radiusM]);
    else await storeReached(client, radiusM, await searchInTypeScript(client, radiusM));
  }
  await client.query(sql.buildCatchments, [radiusM, accessM]);
}

export interface WalkNetworkStatus {
  nodeCount: number;
  edgeCount: number;
  lengthM: number;
  warnings: string[];
  snapToleranceM: number;
  maxStopDistanceM: number;
  accessMeters: number;
  stopsOffNetwork: { code: string; name: string | null; distanceM: number | null }[];
}

/** The network as last built (building it first if the roads or stops changed). */
export async function walkNetworkStatus(db: Database, radiusM: number): Promise<WalkNetworkStatus> {
  await ensureWalkCatchments(db, radiusM);
  return (await db.query<WalkNetworkStatus>(sql.status)).rows[0];
}
