// The change set of an import: opened before its rows are written, closed after, in the import's transaction.
import type { Queryable } from '../db/database.js';
import { loadQueries } from '../db/queries.js';
import type { Layer } from '../layers.js';

const sql = loadQueries(new URL('./change-sets.sql', import.meta.url), ['begin', 'finish', 'versions', 'recordExtents'] as const);

export interface ChangeCounts {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
}

/** Opens the change set of import run `runId`: the layer table's triggers record every row written until it closes. */
export async function beginChangeSet(client: Queryable, layer: Layer, runId: number): Promise<number> {
  const { rows } = await client.query<{ id: string }>(sql.begin, [layer.name, runId, layer.table]);
  return Number(rows[0].id);
}

/** Closes a change set with its counts; `unchanged` is the file's rows that matched the store already. */
export async function finishChangeSet(client: Queryable, changeSetId: number, unchanged: number): Promise<ChangeCounts> {
  const { rows } = await client.query<ChangeCounts>(sql.finish, [changeSetId, unchanged]);
  return rows[0];
}

/** The current versions of layers (read before they move, so caches can carry their entries forward). */
export async function layerVersions(client: Queryable, layers: readonly string[]): Promise<Map<string, number>> {
  const { rows } = await client.query<{ layer: string; version: number }>(sql.versions, [layers]);
  return new Map(rows.map((r) => [r.layer, Number(r.version)]));
}

/** Records where the change lies for each layer whose version just moved (tile ETags elsewhere stay as they were). */
export async function recordVersionExtents(client: Queryable, changeSetId: number, layers: readonly string[]): Promise<void> {
  await client.query(sql.recordExtents, [changeSetId, layers]);
}
