// Walking catchments of the bus stops: the road network and every stop's walk of a radius, built on demand and kept
// until the roads, the stops or the walk's settings change (then the cached walking coverage goes stale with them).
import type { Database, Queryable } from '../../db/database.js';
import { loadQueries } from '../../db/queries.js';
import { distributedTables } from '../../db/distribution.js';
import { AREA_LEVELS, areaTable } from '../area-levels.js';
import { fillIdentifiers } from '../sql-template.js';
import { reachedDistances, type WalkEdge, type WalkEntry } from './walk-search.js';

const sql = loadQueries(new URL('./walk.sql', import.meta.url), [
  'freshness', 'buildNetwork', 'locateStops', 'recordState', 'previousWarnings', 'edges', 'entries',
  'storeReached', 'pgRoutingReached', 'pgRoutingStore', 'buildCatchments', 'recordSet', 'catchmentSets', 'stopsWithout',
  'forgetReached', 'snapshotWalk', 'staleCatchments', 'changedShapes', 'drawnShapes', 'walkVersion', 'carryCoverage',
  'hasPgRouting', 'status',
] as const);

/** The catchment model whose cached coverage these catchments make (catchment-models.ts WALK_MODEL takes its name from here). */
export const WALK_MODEL_NAME = 'bus_stops_walk';
/** Its cover is read from stop_walk_catchments; its nearest stop is measured again when coverage is carried over a rebuild. */
export const WALK_NEAREST_FUNCTION = 'atlas_bus_stops_walk_nearest_m';

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

/** The TypeScript search over the edges read from the store (the embedded store, or a server without pgRouting); `only`: these stops. */
export async function searchInTypeScript(client: Queryable, radiusM: number, only?: readonly string[]): Promise<Reached> {
  const edges = (await client.query<WalkEdge>(sql.edges)).rows;
  let entries = (await client.query<WalkEntry>(sql.entries)).rows;
  if (only) {
    const wanted = new Set(only);
    entries = entries.filter((e) => wanted.has(e.stopCode));
  }
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

/**
 * Brings the walk up to date. When the roads or the stops changed, the network and the entry points are rebuilt and
 * only the catchments a change reached go (staleCatchments): a changed edge their walk touched, or a moved entry.
 * Then every radius kept so far, and the one asked for, gets the catchments it lacks.
 */
async function build(client: Queryable, kind: Database['kind'], radiusM: number, accessM: number): Promise<void> {
  if (kind === 'server') await client.query("SELECT pg_advisory_xact_lock(hashtext('atlas-walk-catchments'))");
  const fresh = (await client.query<Freshness>(sql.freshness, [radiusM, accessM])).rows[0];
  const sets: { radius_m: number; access_m: number }[] = [];
  let carry: { from: number; accessKept: boolean } | undefined;
  if (!fresh.network_fresh || !fresh.entries_fresh) {
    const previous = (await client.query<{ version: number; access_m: number | null }>(sql.walkVersion)).rows[0];
    carry = { from: Number(previous.version), accessKept: previous.access_m !== null && previous.access_m === fresh.access_m };
    await client.query(sql.changedShapes);
    await client.query(sql.snapshotWalk);
    let warnings: unknown = (await client.query<{ warnings: unknown }>(sql.previousWarnings)).rows[0].warnings;
    if (!fresh.network_fresh) {
      warnings = (await client.query<{ warnings: unknown }>(sql.buildNetwork, [fresh.snap_m])).rows[0].warnings;
      for (const warning of warnings as string[]) console.warn(`[walk] roads: ${warning}`);
    }
    await client.query(sql.locateStops, [fresh.max_stop_m]);
    await client.query(sql.staleCatchments, [!fresh.network_fresh]);
    await client.query(sql.recordState, [fresh.snap_m, fresh.max_stop_m, fresh.access_m, JSON.stringify(warnings)]);
    sets.push(...(await client.query<{ radius_m: number; access_m: number }>(sql.catchmentSets)).rows);
  } else if (fresh.set_built) {
    return;
  }
  if (!sets.some((set) => set.radius_m === radiusM && set.access_m === accessM)) sets.push({ radius_m: radiusM, access_m: accessM });
  const withPgRouting = kind === 'server' && (await hasPgRouting(client));
  for (const set of sets) await fillCatchments(client, withPgRouting, set.radius_m, set.access_m, Boolean(carry));
  // On Citus the cache is a reference table, which Citus will not update with STABLE functions of its columns (the
  // nearest stop measured again): nothing is carried there, and the walking coverage is computed again when asked, as
  // the importer's carry-forward does (correct, colder).
  if (carry?.accessKept && (await distributedTables(client)).size === 0) await carryWalkCoverage(client, carry.from);
}

/**
 * The cached walking coverage a rebuild leaves valid goes to the catchments' new version (recordState moved it by
 * one): an area no changed catchment reaches keeps its numbers, with its nearest stop measured again. A changed road
 * edge thus makes stale only the coverage of areas a catchment that reached it touches; a moved stop, only the areas
 * its old or new catchment touches. After a change of the access distance nothing is carried.
 */
async function carryWalkCoverage(client: Queryable, from: number): Promise<number> {
  let carried = 0;
  for (const level of AREA_LEVELS) {
    const text = fillIdentifiers(sql.carryCoverage, { areas: areaTable(level), nearest: WALK_NEAREST_FUNCTION });
    carried += (await client.query(text, [WALK_MODEL_NAME, from, from + 1, level])).rowCount ?? 0;
  }
  return carried;
}

const CATCHMENTS_PER_STATEMENT = 250;

/** Searches and draws the catchments of (radius, access) that the stops on the network lack, then records the set. */
async function fillCatchments(client: Queryable, withPgRouting: boolean, radiusM: number, accessM: number, recordDrawn: boolean): Promise<void> {
  const missing = (await client.query<{ stop_code: string }>(sql.stopsWithout, [radiusM, accessM])).rows.map((r) => r.stop_code);
  if (missing.length > 0) {
    await client.query(sql.forgetReached, [radiusM, missing]);
    if (withPgRouting) await client.query(sql.pgRoutingStore, [radiusM, missing]);
    else await storeReached(client, radiusM, await searchInTypeScript(client, radiusM, missing));
    // In parts: a city's stops drawn in one statement ran past the statement timeout (the demo's 5,554 stops on a busy server).
    for (let start = 0; start < missing.length; start += CATCHMENTS_PER_STATEMENT) {
      await client.query(sql.buildCatchments, [radiusM, accessM, missing.slice(start, start + CATCHMENTS_PER_STATEMENT)]);
    }
    if (recordDrawn) await client.query(sql.drawnShapes, [radiusM, accessM, missing]);
  }
  await client.query(sql.recordSet, [radiusM, accessM]);
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
