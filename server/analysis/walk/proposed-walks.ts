// Walks of stops that are only proposed (what-if, suggested sites): entered at the nearest point of the network,
// searched as the stored stops are (pgRouting on a server that has it, else the TypeScript search) and drawn by the
// same SQL (atlas_walk_shape); nothing is written.
import type { Database } from '../../db/database.js';
import { loadQueries } from '../../db/queries.js';
import { ensureWalkCatchments, hasPgRouting } from './walk-catchments.js';
import { reachedDistances, type WalkEdge } from './walk-search.js';

const sql = loadQueries(new URL('./walk.sql', import.meta.url), ['settings', 'locateProposed', 'pgRoutingFrom', 'proposedShapes', 'edges'] as const);

export interface WalkSettings {
  accessM: number;
  maxStopM: number;
}

export async function walkSettings(db: Database): Promise<WalkSettings> {
  return (await db.query<WalkSettings>(sql.settings)).rows[0];
}

/**
 * How far a stop's walk of `reachM` can reach from where the stop stands: the walk itself, the access distance, and
 * the farthest a stop may stand from the road it enters.
 */
export async function walkReachBoundM(db: Database, reachM: number): Promise<number> {
  const settings = await walkSettings(db);
  return reachM + settings.accessM + settings.maxStopM;
}

/**
 * The walk shape (hex EWKB, in the stop's own UTM zone) of each proposed stop, in the order given; null for a stop
 * farther than walk_max_stop_m from every road, or one whose walk reaches nothing.
 */
export async function proposedWalkShapes(db: Database, reachM: number, sites: readonly { lon: number; lat: number }[]): Promise<(string | null)[]> {
  if (sites.length === 0) return [];
  await ensureWalkCatchments(db, reachM);
  const lons = sites.map((s) => s.lon);
  const lats = sites.map((s) => s.lat);
  const entries = (await db.query<{ edgeId: number | null; positionM: number | null }>(sql.locateProposed, [lons, lats])).rows;
  const onNetwork = entries.flatMap((e, i) => (e.edgeId === null ? [] : [{ index: i + 1, edgeId: e.edgeId, positionM: e.positionM! }]));
  const starts: number[] = [];
  const nodes: number[] = [];
  const distances: number[] = [];
  if (onNetwork.length > 0) {
    if (db.kind === 'server' && (await hasPgRouting(db.pool))) {
      const { rows } = await db.query<{ start: number; node_id: number; distance_m: number }>(sql.pgRoutingFrom, [
        onNetwork.map((e) => e.edgeId), onNetwork.map((e) => e.positionM), reachM,
      ]);
      for (const row of rows) {
        starts.push(onNetwork[row.start - 1].index);
        nodes.push(row.node_id);
        distances.push(row.distance_m);
      }
    } else {
      const edges = (await db.query<WalkEdge>(sql.edges)).rows;
      const reached = reachedDistances(edges, onNetwork.map((e) => ({ stopCode: String(e.index), edgeId: e.edgeId, positionM: e.positionM })), reachM);
      for (const [index, byNode] of reached) {
        for (const [node, distance] of byNode) {
          starts.push(Number(index));
          nodes.push(node);
          distances.push(distance);
        }
      }
    }
  }
  const { accessM } = await walkSettings(db);
  const { rows } = await db.query<{ i: number; walkEwkb: string }>(sql.proposedShapes, [
    lons, lats, entries.map((e) => e.edgeId), entries.map((e) => e.positionM), starts, nodes, distances, reachM, accessM,
  ]);
  const shapes: (string | null)[] = sites.map(() => null);
  for (const row of rows) shapes[row.i - 1] = row.walkEwkb;
  return shapes;
}
