// The data version of a tile layer, from layer_versions (bumped by every import that changes a layer): the root of ETags and cache keys.
import type { Database } from '../db/database.js';
import type { LayerName } from '../layers.js';

/**
 * How long a version read from the store is trusted when this process has changed nothing. Imports through this
 * hub are seen at once (Database.markDataChanged); one by another process on the same PostgreSQL (the CLI, another
 * instance) shows within this time. Without it every cached tile costs a round trip to the store.
 */
export const VERSION_TRUST_MS = 1000;

interface KnownVersions {
  /** Each layer's `version@changed` part of a tag. */
  byLayer: Map<string, string>;
  /** Tags already joined, per list of layers. */
  tags: Map<string, string>;
  readAt: number;
  generation: number;
}

const known = new WeakMap<Database, KnownVersions>();
/**
 * One read of every layer's version per store at a time: concurrent requests after the trust window share it (never a
 * read begun before this process's last change).
 */
const reading = new WeakMap<Database, { generation: number; versions: Promise<KnownVersions> }>();

/**
 * Every layer's version in one statement (a handful of rows): a map view asks for up to ten tile layers, each
 * depending on its own set of layers, and read per set that was a statement per layer set per trust window (four in
 * the benchmark's round of street tiles, nine at the city view), now one.
 */
async function readVersions(db: Database, now: number): Promise<KnownVersions> {
  const generation = db.dataGeneration;
  const { rows } = await db.query<{ layer: string; version: number; changed_ms: number }>(
    `SELECT layer, version, floor(extract(epoch FROM changed_at) * 1000)::bigint AS changed_ms FROM layer_versions`,
  );
  const byLayer = new Map(rows.map((r) => [r.layer, `${r.version}@${r.changed_ms.toString(36)}`]));
  const versions: KnownVersions = { byLayer, tags: new Map(), readAt: now, generation };
  const current = known.get(db);
  if (!current || current.generation <= generation) known.set(db, versions);
  return versions;
}

/**
 * A short tag naming the state of `layers`. The change times join the versions so that a store rebuilt
 * from scratch (versions back at 0) never repeats an old tag.
 */
export async function dataVersionTag(db: Database, layers: readonly LayerName[], now = Date.now()): Promise<string> {
  let versions = known.get(db);
  if (!versions || versions.generation !== db.dataGeneration || now - versions.readAt >= VERSION_TRUST_MS) {
    let pending = reading.get(db);
    if (!pending || pending.generation !== db.dataGeneration) {
      const read: { generation: number; versions: Promise<KnownVersions> } = { generation: db.dataGeneration, versions: readVersions(db, now) };
      read.versions.finally(() => reading.get(db) === read && reading.delete(db)).catch(() => {});
      reading.set(db, (pending = read));
    }
    versions = await pending.versions;
  }
  const key = layers.join(',');
  const { byLayer, tags } = versions;
  let tag = tags.get(key);
  if (tag === undefined) {
    // A layer without a row (never imported) has no part, as when each set was read on its own.
    tag = [...layers].sort().flatMap((layer) => byLayer.get(layer) ?? []).join('.');
    tags.set(key, tag);
  }
  return tag;
}
