// The data version of a tile layer, from layer_versions (bumped by every import that changes a layer): the root of ETags and cache keys.
import type { Database } from '../db/database.js';
import type { LayerName } from '../layers.js';

/**
 * A short tag naming the state of `layers`. The change times join the versions so that a store rebuilt
 * from scratch (versions back at 0) never repeats an old tag.
 */
export async function dataVersionTag(db: Database, layers: readonly LayerName[]): Promise<string> {
  const { rows } = await db.query<{ layer: string; version: number; changed_ms: number }>(
    `SELECT layer, version, floor(extract(epoch FROM changed_at) * 1000)::bigint AS changed_ms
     FROM layer_versions WHERE layer = ANY($1::text[]) ORDER BY layer`,
    [layers],
  );
  return rows.map((r) => `${r.version}@${r.changed_ms.toString(36)}`).join('.');
}
