// The data version of a tile layer, from layer_versions (bumped by every import that changes a layer): the root of ETags and cache keys.
import type { Database } from '../db/database.js';
import type { LayerName } from '../layers.js';

/**
 * How long a version read from the store is trusted when this process has changed nothing. Imports through this
 * hub are seen at once (Database.markDataChanged); one by another process on the same PostgreSQL (the CLI, another
 * instance) shows within this time. Without it every cached tile costs a round trip to the store.
 */
export const VERSION_TRUST_MS = 1000;

/** A lon/lat box: [west, south, east, north]. */
export type LonLatBox = readonly [number, number, number, number];

interface VersionExtent {
  part: string;
  box: LonLatBox;
}

interface KnownVersions {
  /** Each layer's `version@changed` part of a tag. */
  byLayer: Map<string, string>;
  /** Each layer's current version number. */
  numbers: Map<string, number>;
  /** Where each recent version's change lies, per layer and version (db/migrations/102_version_extents.sql). */
  extents: Map<string, Map<number, VersionExtent>>;
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
  // The layers' versions (extent NULL) and the extents of their recent versions, in one statement.
  const { rows: all } = await db.query<{ layer: string; version: number; changed_ms: number; west: number | null; south: number; east: number; north: number }>(
    `SELECT layer, version, floor(extract(epoch FROM changed_at) * 1000)::bigint AS changed_ms, NULL::float8 AS west, NULL::float8 AS south, NULL::float8 AS east, NULL::float8 AS north
     FROM layer_versions
     UNION ALL
     SELECT e.layer, e.version, floor(extract(epoch FROM e.changed_at) * 1000)::bigint, e.west, e.south, e.east, e.north
     FROM layer_version_extents e JOIN layer_versions v ON v.layer = e.layer
     WHERE e.version > v.version - ${EXTENTS_KEPT}`,
  );
  const rows = all.filter((r) => r.west === null);
  const byLayer = new Map(rows.map((r) => [r.layer, `${r.version}@${Number(r.changed_ms).toString(36)}`]));
  const numbers = new Map(rows.map((r) => [r.layer, Number(r.version)]));
  const extents = new Map<string, Map<number, VersionExtent>>();
  for (const r of all) {
    if (r.west === null) continue;
    let byVersion = extents.get(r.layer);
    if (!byVersion) extents.set(r.layer, (byVersion = new Map()));
    byVersion.set(Number(r.version), { part: `${r.version}@${Number(r.changed_ms).toString(36)}`, box: [r.west, r.south, r.east, r.north] });
  }
  const versions: KnownVersions = { byLayer, numbers, extents, tags: new Map(), readAt: now, generation };
  const current = known.get(db);
  if (!current || current.generation <= generation) known.set(db, versions);
  return versions;
}

/**
 * A short tag naming the state of `layers`. The change times join the versions so that a store rebuilt
 * from scratch (versions back at 0) never repeats an old tag.
 */
export async function dataVersionTag(db: Database, layers: readonly LayerName[], now = Date.now(), box?: LonLatBox): Promise<string> {
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
  if (box) return [...layers].sort().flatMap((layer) => partReaching(versions, layer, box) ?? []).join('.');
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

/** Versions back from the current one whose extents are kept, per layer. */
const EXTENTS_KEPT = 256;

const overlaps = (a: LonLatBox, b: LonLatBox) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/**
 * The tag part of the newest version of `layer` whose change reaches `box`: versions whose change lies elsewhere are
 * stepped over while the version before them is known (its extent row gives its tag as it was). A version with no
 * extent (changed outside an import) reaches everywhere.
 */
function partReaching(versions: KnownVersions, layer: string, box: LonLatBox): string | undefined {
  let part = versions.byLayer.get(layer);
  const byVersion = versions.extents.get(layer);
  let version = versions.numbers.get(layer);
  if (part === undefined || !byVersion || version === undefined) return part;
  for (let extent = byVersion.get(version); extent && !overlaps(extent.box, box); extent = byVersion.get(version)) {
    const previous = byVersion.get(version - 1);
    if (!previous) break;
    part = previous.part;
    version -= 1;
  }
  return part;
}
