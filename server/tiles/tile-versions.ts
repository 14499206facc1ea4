// The data version of a tile layer, from layer_versions (bumped by every import that changes a layer): the root of ETags and cache keys.
import type { Database } from '../db/database.js';
import type { LayerName } from '../layers.js';

/**
 * How long a version read from the store is trusted when this process has changed nothing. Imports through this
 * hub are seen at once (Database.markDataChanged); one by another process on the same PostgreSQL (the CLI, another
 * instance) shows within this time. Without it every cached tile costs a round trip to the store.
 */
export const VERSION_TRUST_MS = 1000;

interface KnownVersion {
  tag: string;
  readAt: number;
  generation: number;
}

const known = new WeakMap<Database, Map<string, KnownVersion>>();

/**
 * A short tag naming the state of `layers`. The change times join the versions so that a store rebuilt
 * from scratch (versions back at 0) never repeats an old tag.
 */
export async function dataVersionTag(db: Database, layers: readonly LayerName[], now = Date.now()): Promise<string> {
  const key = layers.join(',');
  let byLayers = known.get(db);
  if (!byLayers) known.set(db, (byLayers = new Map()));
  const cached = byLayers.get(key);
  if (cached && cached.generation === db.dataGeneration && now - cached.readAt < VERSION_TRUST_MS) return cached.tag;
  const generation = db.dataGeneration;
  const { rows } = await db.query<{ layer: string; version: number; changed_ms: number }>(
    `SELECT layer, version, floor(extract(epoch FROM changed_at) * 1000)::bigint AS changed_ms
     FROM layer_versions WHERE layer = ANY($1::text[]) ORDER BY layer`,
    [layers],
  );
  const tag = rows.map((r) => `${r.version}@${r.changed_ms.toString(36)}`).join('.');
  byLayers.set(key, { tag, readAt: now, generation });
  return tag;
}
