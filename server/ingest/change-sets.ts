// The change set of an import, written by the import's own statements in its transaction (set-based, on every store:
// PGlite, PostgreSQL and a Citus coordinator, db/migrations/140): the rows the file names as they stood, read before
// the upsert; what the upsert added and changed, read after it; what --replace removes, read before the removal.
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

/** Columns a change does not keep among its attributes: the row's key, its geometries (kept apart) and bookkeeping. */
const NOT_RECORDED = ['id', 'geom', 'geom_m', 'view_m', 'updated_at', 'import_run_id', 'source_row'];

/**
 * What an open change set records of its layer's rows: every column of the table but those above, as a JSON object
 * built column by column (to_jsonb(row) would send every geometry column through PostGIS's GeoJSON cast, which cost more
 * than the import itself), and the district the change belongs to (an official reads their district's changes).
 */
export interface ChangeRecorder {
  changeSetId: number;
  layer: Layer;
  /** False only to measure what recording costs (bench/history-import-cost.ts): the set is opened and closed, empty. */
  recording: boolean;
  columns: string[];
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const attrsOf = (columns: readonly string[], alias: string) => `jsonb_build_object(${columns.map((c) => `'${c.replace(/'/g, "''")}', ${alias}.${ident(c)}`).join(', ')})`;
const districtOf = (recorder: ChangeRecorder, alias: string) =>
  recorder.columns.includes('district_code') ? `${alias}.district_code` : recorder.layer.table === 'districts' ? `${alias}.code` : 'NULL::text';

/** Opens the change set of import run `runId`. */
export async function beginChangeSet(client: Queryable, layer: Layer, runId: number, recording = true): Promise<ChangeRecorder> {
  const { rows } = await client.query<{ id: string; columns: string[] }>(sql.begin, [layer.name, runId, layer.table, NOT_RECORDED]);
  return { changeSetId: Number(rows[0].id), layer, recording, columns: rows[0].columns };
}

/**
 * Before the upsert: the stored rows of the codes the file sends (`codes`), as they stand (columns as stored; their
 * attributes are built after the upsert, for the rows it changed only).
 *
 * These statements must not depend on the layer table's statistics, which are stale inside an import (a table analysed
 * while it was empty, before this transaction wrote 10,000 rows into it): a join with the staged rows planned on them
 * scanned the whole table once per staged row (10,000 new cameras: 10 s instead of 0.6 s). So no statement here joins
 * the layer table: it is read once, by `code = ANY` or by the import run, and the full join of the written rows with
 * the rows before (which no nested loop can run) pairs them.
 */
export async function recordBefore(client: Queryable, recorder: ChangeRecorder, codes: readonly string[]): Promise<void> {
  if (!recorder.recording) return;
  const columns = recorder.columns.map((c) => `r.${ident(c)}`).join(', ');
  await client.query(`CREATE TEMP TABLE change_before ON COMMIT DROP AS
    SELECT r.geom, ${columns} FROM ${recorder.layer.table} r WHERE r.code = ANY($1::text[])`, [codes]);
}

/**
 * After the upsert: each row it wrote (import run `runId`), added when it was not there before, changed when its
 * attributes or geometry differ from what stood (a write that changed nothing recorded is no change).
 */
export async function recordWritten(client: Queryable, recorder: ChangeRecorder, runId: number): Promise<void> {
  if (!recorder.recording) return;
  await client.query(`WITH n AS MATERIALIZED (
      SELECT r.code, r.geom, ${districtOf(recorder, 'r')} AS district, ${attrsOf(recorder.columns, 'r')} AS attrs
      FROM ${recorder.layer.table} r WHERE r.import_run_id = $3)
    INSERT INTO feature_changes (change_set_id, layer, code, kind, district_code, geom_before, geom_after, attrs_before, attrs_after)
    SELECT $1, $2, x.code, CASE WHEN x.before_code IS NULL THEN 'added' ELSE 'changed' END, x.district, x.geom_before, x.geom, x.attrs_before, x.attrs
    FROM (SELECT n.code, n.geom, n.district, n.attrs, b.code AS before_code, b.geom AS geom_before, b.attrs AS attrs_before
          FROM n FULL JOIN (SELECT b.code, b.geom, ${attrsOf(recorder.columns, 'b')} AS attrs FROM change_before b) b ON b.code = n.code
          OFFSET 0) x
    WHERE x.code IS NOT NULL AND (x.before_code IS NULL OR x.attrs_before IS DISTINCT FROM x.attrs OR NOT ST_OrderingEquals(x.geom_before, x.geom))`,
  [recorder.changeSetId, recorder.layer.name, runId]);
}

/**
 * The upsert and its recording in one statement, where no table is distributed (PGlite, PostgreSQL): the upsert
 * (`upsert`, upsert.ts upsertParts; $1 run id, $2 source) is a CTE whose RETURNING gives the rows it wrote, and the
 * layer table joined with them is read as it stood before the upsert (every part of a statement sees the same
 * snapshot), so nothing is copied beforehand and a row the upsert left alone costs nothing to record. On Citus, whose
 * modifying CTEs are restricted, recordBefore and recordWritten record around the plain upsert instead. Returns the
 * rows the upsert wrote.
 *
 * The join probes the layer's unique code index once per written row (a hash or merge join the stale statistics of
 * recordBefore's note cannot turn into a scan per row: the rows of `up` are not the table's).
 */
export async function upsertRecorded(client: Queryable, recorder: ChangeRecorder, upsert: { ctes: string[]; insert: string }, params: readonly unknown[]): Promise<number> {
  const table = recorder.layer.table;
  const statement = `WITH ${[...upsert.ctes,
    `up AS (${upsert.insert}
    RETURNING t.code, t.geom, ${districtOf(recorder, 't')} AS district, ${attrsOf(recorder.columns, 't')} AS attrs)`,
    `recorded AS (INSERT INTO feature_changes (change_set_id, layer, code, kind, district_code, geom_before, geom_after, attrs_before, attrs_after)
    SELECT $3, $4, x.code, CASE WHEN x.before_code IS NULL THEN 'added' ELSE 'changed' END, x.district, x.geom_before, x.geom, x.attrs_before, x.attrs
    FROM (SELECT u.code, u.geom, u.district, u.attrs, b.code AS before_code, b.geom AS geom_before,
                 CASE WHEN b.code IS NOT NULL THEN ${attrsOf(recorder.columns, 'b')} END AS attrs_before
          FROM up u LEFT JOIN ${table} b ON b.code = u.code
          OFFSET 0) x
    WHERE x.before_code IS NULL OR x.attrs_before IS DISTINCT FROM x.attrs OR NOT ST_OrderingEquals(x.geom_before, x.geom))`,
  ].join(',\n  ')}
  SELECT count(*)::int AS written FROM up`;
  const { rows } = await client.query<{ written: number }>(statement, [...params, recorder.changeSetId, recorder.layer.name]);
  return rows[0].written;
}

/** Before --replace's removal ($1 source, $2 the codes it keeps): what it is about to remove, as it stands. */
export async function recordRemovals(client: Queryable, recorder: ChangeRecorder, source: string, keptCodes: readonly string[]): Promise<void> {
  if (!recorder.recording) return;
  await client.query(`INSERT INTO feature_changes (change_set_id, layer, code, kind, district_code, geom_before, attrs_before)
    SELECT $1, $2, r.code, 'removed', ${districtOf(recorder, 'r')}, r.geom, ${attrsOf(recorder.columns, 'r')}
    FROM ${recorder.layer.table} r WHERE r.source = $3 AND r.code <> ALL($4::text[])`,
  [recorder.changeSetId, recorder.layer.name, source, keptCodes]);
}

/**
 * Closes a change set with its counts: `unchanged` is the file's rows that matched the store already, or null for the
 * file's `rows` less those the set added or changed.
 */
export async function finishChangeSet(client: Queryable, recorder: ChangeRecorder, unchanged: number | null, rows: number): Promise<ChangeCounts> {
  const { rows: counts } = await client.query<ChangeCounts>(sql.finish, [recorder.changeSetId, unchanged, rows]);
  return counts[0];
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
