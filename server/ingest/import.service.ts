// Imports one file into one layer in a single transaction: it lands whole, or nothing is written (unless skipInvalid).
import path from 'node:path';
import type { Database, Queryable } from '../db/database.js';
import { loadQueries } from '../db/queries.js';
import { AtlasError } from '../errors.js';
import { layerByName, type Layer, type LayerName } from '../layers.js';
import { resolveCrs } from './crs.js';
import { parseFormat, type ImportFormat } from './formats.js';
import { formatBytes, importLimits, type ImportLimits } from './limits.js';
import type { FieldMap } from './map-fields.js';
import { rowPreparer, type PreparedRow, type RejectedRow } from './prepare.js';
import { readOffThread, sha256Of } from './read-off-thread.js';
import { readableText } from './readable-text.js';
import { ImportRefusedError, type RowProblem, type SourceRow } from './rows.js';
import { checkWhereabouts } from './sanity.js';
import { sourceTakeovers, TAKEOVER_HINT } from './source-takeover.js';
import { writeSettings } from '../db/distribution.js';
import { refuseRowsOutsideDistricts, relinkChildren } from './links.js';
import { linkPlans, stagedAnchors, parentsInExtentSql, replaceSql, upsertParts, upsertSql } from './upsert.js';
import { beginChangeSet, finishChangeSet, layerVersions, recordBefore, recordRemovals, recordVersionExtents, recordWritten, upsertRecorded, type ChangeCounts } from './change-sets.js';
import { carryCoverageForward } from '../analysis/coverage-carry.js';

export type { ImportFormat } from './formats.js';
export { detectFormat } from './formats.js';

const sql = loadQueries(new URL('./stage.sql', import.meta.url), [
  'createStage', 'stageChunk', 'invalidRows', 'repairPolygons', 'repairLines', 'remeasureRows', 'anchorRows',
  'indexAnchors', 'indexPointAnchors', 'emptyRows', 'dropRows', 'beginRun', 'finishRun', 'recordFailedRun', 'bumpVersions',
] as const);

export type ImportPhase = 'read' | 'check' | 'stage' | 'write' | 'link';

export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
}

export interface ImportOptions {
  layer: LayerName;
  /** The file's name as the person knows it: every message names it. */
  fileName: string;
  /** A Buffer of 4 MB or more is moved to the reader's worker thread and is empty once importFile has begun. */
  content: Buffer | string;
  format?: ImportFormat | string;
  /** wgs84 (default), gcj02, bd09, cgcs2000 or EPSG:n; a Shapefile's .prj is used when this is not given. */
  crs?: string;
  /** Force the text encoding (utf-8, gbk, gb18030); detected when not given. */
  encoding?: string;
  /** Who sent the data; re-imports from the same source update in place. Defaults to the file's base name. */
  source?: string;
  fieldMap?: FieldMap;
  /** Who ran the import (a user name, "cli", "seed"). */
  actor?: string;
  /** Remove what this source loaded before and is not in this file. */
  replace?: boolean;
  /** Write the good rows and return the refused ones, instead of refusing the whole file. */
  skipInvalid?: boolean;
  /** The sheet of an .xlsx workbook, or the feature table of a GeoPackage (default: the first). */
  sheet?: string;
  /** Give every row without a code the code `<source>-<row>` instead of refusing it. */
  generateCodes?: boolean;
  limits?: Partial<ImportLimits>;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * With replace: codes this source still sends that the file leaves out (a live source's sync passes only what
   * changed, server/sources/apply.ts). A file of no features is then allowed: a sync that only removes.
   */
  keep?: readonly string[];
  /** Runs in the import's transaction once its rows are written: a sync records what it applied here, all or nothing. */
  inTransaction?: (client: Queryable, summary: ImportSummary) => Promise<void>;
  /** False only to measure what recording the change set costs (bench): the set is then left empty. */
  recordChanges?: boolean;
}

export interface ImportSummary {
  runId: number;
  layer: LayerName;
  fileName: string;
  source: string;
  format: ImportFormat;
  /** The coordinate system the file was read in: wgs84, gcj02, bd09, cgcs2000, EPSG:n or prj:<name>. */
  crs: string;
  encoding: string | null;
  sha256: string;
  rowsRead: number;
  rowsWritten: number;
  /** Rows identical to what the store already held from an earlier import. */
  rowsUnchanged: number;
  rowsRepaired: number;
  rowsRefused: number;
  rowsRemoved: number;
  repairs: RowProblem[];
  /** Rows not written (only with skipInvalid), with their reasons and what the file said. */
  rejected: RejectedRow[];
  warnings: string[];
  notes: string[];
  /** The change set this import recorded (empty when the file matched the store). */
  changeSetId: number;
  changes: ChangeCounts;
}

const CHUNK_ROWS = 2000;
const PROBLEMS_KEPT = 100;

/** What is known about a run before it lands: also what a failed run records. */
interface RunFacts {
  layer: Layer;
  source: string;
  fileName: string;
  /** Known once the file is read (on a worker for a big file); null when it was refused before. */
  sha256: string | null;
  format?: ImportFormat;
  crs?: string;
  encoding?: string;
  rowsRead: number;
  actor: string | null;
  options: Record<string, unknown>;
  warnings: string[];
}

/** Rows per staging statement: points are small (about 150 bytes of JSON each), other shapes can be large. */
const POINT_CHUNK_ROWS = 10_000;

const stagePayload = (rows: PreparedRow[]) => JSON.stringify(rows.map((r) =>
  r.geometry.type === 'Point'
    ? { row: r.row, lon: r.geometry.coordinates[0], lat: r.geometry.coordinates[1], attrs: r.attrs }
    : { row: r.row, geometry: JSON.stringify(r.geometry), attrs: r.attrs },
));

/**
 * Checks the file's rows a part at a time and stages each part's good rows while the next part is checked (the store
 * parses one part, Node checks the next: 100,000 cameras spend about 0.4 s in each). Once a row is refused and refused
 * rows refuse the file, nothing more is staged, but every row is still checked, so the refusal names every problem.
 */
async function checkAndStageRows(
  client: Queryable, layer: Layer, rows: SourceRow[], prepare: ReturnType<typeof rowPreparer>, skipInvalid: boolean, onProgress?: (p: ImportProgress) => void,
): Promise<{ prepared: PreparedRow[]; rejected: RejectedRow[] }> {
  await client.query(sql.createStage);
  const size = layer.geometry === 'point' ? POINT_CHUNK_ROWS : CHUNK_ROWS;
  const prepared: PreparedRow[] = [];
  const rejected: RejectedRow[] = [];
  let previous: Promise<unknown> = Promise.resolve();
  for (let start = 0; start < rows.length; start += size) {
    const part = prepare(rows.slice(start, start + size));
    for (const r of part.prepared) prepared.push(r);
    for (const r of part.rejected) rejected.push(r);
    if (rejected.length > 0 && !skipInvalid) continue;
    const payload = stagePayload(part.prepared);
    await previous;
    const done = Math.min(rows.length, start + size);
    previous = client.query(sql.stageChunk, [payload]).then(() => onProgress?.({ phase: 'stage', done, total: rows.length }));
  }
  await previous;
  return { prepared, rejected };
}

/** Repairs invalid geometries with ST_MakeValid; returns the repairs and the rows that could not be repaired. */
async function repairStaged(client: Queryable, layer: Layer): Promise<{ repairs: RowProblem[]; unrepairable: RowProblem[] }> {
  // A point whose coordinates passed the row checks (finite, in range) is valid: only other shapes are checked here.
  if (layer.geometry === 'point') return { repairs: [], unrepairable: [] };
  const invalid = (await client.query<{ row: number; reason: string }>(sql.invalidRows)).rows;
  if (invalid.length === 0) return { repairs: [], unrepairable: [] };
  const repair = layer.geometry === 'line' ? sql.repairLines : sql.repairPolygons;
  await client.query(repair, [invalid.map((r) => r.row)]);
  await client.query(sql.remeasureRows, [invalid.map((r) => r.row)]);
  const empty = new Set((await client.query<{ row: number }>(sql.emptyRows)).rows.map((r) => r.row));
  return {
    repairs: invalid.filter((r) => !empty.has(r.row)).map((r) => ({ row: r.row, field: 'geometry', message: `repaired with ST_MakeValid: ${r.reason}` })),
    unrepairable: invalid.filter((r) => empty.has(r.row)).map((r) => ({ row: r.row, field: 'geometry', message: `invalid (${r.reason}) and nothing is left after repair: redraw it` })),
  };
}

async function recordFailedRun(db: Database, facts: RunFacts, error: unknown): Promise<void> {
  const problems = error instanceof ImportRefusedError ? error.problems : [];
  const refusedRows = new Set(problems.map((p) => p.row)).size;
  // Every run is recorded: a reason quoting a binary file's bytes is made readable (and storable) first.
  const message = readableText(error instanceof ImportRefusedError || error instanceof AtlasError ? error.message : `internal error: ${(error as Error)?.message ?? error}`);
  const kept = problems.slice(0, PROBLEMS_KEPT).map((p) => ({ ...p, message: readableText(p.message, 500), ...(p.field ? { field: readableText(p.field, 100) } : {}) }));
  try {
    await db.query(sql.recordFailedRun, [
      facts.layer.name, readableText(facts.source, 200), readableText(facts.fileName, 500), facts.sha256, facts.format ?? null, facts.crs ?? null, facts.rowsRead, facts.actor,
      facts.encoding ?? null, JSON.stringify(facts.options), refusedRows, JSON.stringify(kept), JSON.stringify(facts.warnings.map((w) => readableText(w, 500))), message,
    ]);
  } catch (recordError) {
    console.error('[import] could not record the failed run:', (recordError as Error).message);
  }
}

export async function importFile(db: Database, options: ImportOptions): Promise<ImportSummary> {
  const layer = layerByName(options.layer);
  const buffer = typeof options.content === 'string' ? Buffer.from(options.content, 'utf8') : options.content;
  const limits = { ...importLimits(), ...options.limits };
  const facts: RunFacts = {
    layer,
    source: options.source?.trim() || path.basename(options.fileName).replace(/\.[^.]+$/, ''),
    fileName: options.fileName,
    sha256: null,
    rowsRead: 0,
    actor: options.actor ?? null,
    options: { crs: options.crs ?? null, format: options.format ?? null, fieldMap: options.fieldMap ?? {}, replace: Boolean(options.replace), skipInvalid: Boolean(options.skipInvalid), sheet: options.sheet ?? null, generateCodes: Boolean(options.generateCodes) },
    warnings: [],
  };
  try {
    return await runImport(db, options, layer, buffer, limits, facts);
  } catch (error) {
    await recordFailedRun(db, facts, error);
    throw error;
  }
}

async function runImport(db: Database, options: ImportOptions, layer: Layer, buffer: Buffer, limits: ImportLimits, facts: RunFacts): Promise<ImportSummary> {
  const { fileName } = options;
  if (buffer.length > limits.maxBytes) {
    facts.sha256 = sha256Of(buffer);
    throw new ImportRefusedError(fileName, [{ row: 0, message: `the file is ${formatBytes(buffer.length)}; the limit is ${formatBytes(limits.maxBytes)}` }], 'Split the file, or raise ATLAS_MAX_UPLOAD_BYTES; nothing was written.');
  }
  options.onProgress?.({ phase: 'read', done: 0, total: buffer.length });
  const read = await readOffThread(buffer, { fileName, format: parseFormat(options.format), encoding: options.encoding, sheet: options.sheet, maxFeatures: limits.maxFeatures }, (sha256) => {
    facts.sha256 = sha256;
  });
  Object.assign(facts, { format: read.format, encoding: read.encoding, rowsRead: read.rows.length });
  if (read.rows.length === 0 && !options.keep) throw new ImportRefusedError(fileName, [{ row: 0, message: 'the file has no features' }], 'Check that this is the file you meant; nothing was written.');
  const crs = await resolveCrs(db, options.crs ?? read.crs, read.prj);
  facts.crs = crs.label;
  options.onProgress?.({ phase: 'check', done: 0, total: read.rows.length });
  const prepare = rowPreparer(layer, read.rows, crs, options.fieldMap, { fileName, source: facts.source, generateCodes: options.generateCodes });

  const summary = await db.transaction(async (client) => {
    // The statements below are planned once and run once: compiling them (JIT) costs more than it saves (1.1 s of a
    // 100,000-camera INSERT). The link joins group 100,000 rows: in memory, not in an external merge sort.
    await client.query('SET LOCAL jit = off');
    await client.query(`SET LOCAL work_mem = '32MB'`);
    const { distributed } = db.capabilities;
    for (const setting of writeSettings(distributed)) await client.query(setting);
    // Rows are staged as they are checked, each with its metric geometry in its own zone.
    const { prepared, rejected } = await checkAndStageRows(client, layer, read.rows, prepare, Boolean(options.skipInvalid), options.onProgress);
    // A refused file rolls back what was staged: nothing is written.
    if (rejected.length > 0 && !options.skipInvalid) throw new ImportRefusedError(fileName, rejected.flatMap((r) => r.problems));
    // A code another source sent is taken over only on purpose (--replace), never silently.
    if (!options.replace) {
      const takeovers = await sourceTakeovers(client, layer, facts.source);
      if (takeovers.length > 0) throw new ImportRefusedError(fileName, takeovers, TAKEOVER_HINT);
    }
    const whereabouts = await checkWhereabouts(client, layer, prepared, crs.label);
    if (whereabouts.refusal) throw new ImportRefusedError(fileName, [whereabouts.refusal], 'Swap the coordinate columns (or fix the export) and import again; nothing was written.');
    facts.warnings = whereabouts.warnings;
    const runId = Number((await client.query<{ id: string }>(sql.beginRun, [
      layer.name, facts.source, fileName, facts.sha256, read.format, crs.label, read.rows.length, facts.actor, read.encoding ?? null, JSON.stringify(facts.options),
    ])).rows[0].id);
    const { repairs, unrepairable } = await repairStaged(client, layer);
    if (unrepairable.length > 0) {
      if (!options.skipInvalid) throw new ImportRefusedError(fileName, unrepairable);
      await client.query(sql.dropRows, [unrepairable.map((p) => p.row)]);
      const byRow = new Map(read.rows.map((r) => [r.row, r]));
      rejected.push(...unrepairable.map((p) => ({ row: p.row, problems: [p], source: byRow.get(p.row)! })));
    }
    options.onProgress?.({ phase: 'write', done: 0, total: prepared.length });
    let plans: ReturnType<typeof linkPlans> = {};
    if (layer.links.length > 0) {
      const anchors = stagedAnchors(layer);
      if (anchors.table === 'import_anchors') await client.query(sql.anchorRows);
      plans = linkPlans(layer, prepared.length - unrepairable.length, (await client.query(parentsInExtentSql(layer))).rows[0]);
      // The staged anchors' index serves the parents-outer links only.
      if (Object.values(plans).includes('parents-outer')) await client.query(anchors.table === 'import_anchors' ? sql.indexAnchors : sql.indexPointAnchors);
    }
    const recorder = await beginChangeSet(client, layer, runId, options.recordChanges ?? true);
    const { changeSetId } = recorder;
    if (distributed.has(layer.table)) await refuseRowsOutsideDistricts(client, layer, fileName);
    const dropped = new Set(unrepairable.map((p) => p.row));
    const kept = prepared.filter((r) => !dropped.has(r.row)).map((r) => r.attrs.code as string);
    let written: number;
    if (recorder.recording && distributed.size === 0) {
      written = await upsertRecorded(client, recorder, upsertParts(layer, plans, distributed), [runId, facts.source]);
    } else {
      await recordBefore(client, recorder, kept);
      written = (await client.query(upsertSql(layer, plans, distributed), [runId, facts.source])).rowCount ?? 0;
      if (written > 0) await recordWritten(client, recorder, runId);
    }
    const keptToo = options.keep ?? [];
    let removed = 0;
    if (options.replace) {
      const keptCodes = keptToo.length ? [...kept, ...keptToo] : kept;
      await recordRemovals(client, recorder, facts.source, keptCodes);
      removed = (await client.query(replaceSql(layer), [facts.source, keptCodes])).rowCount ?? 0;
    }
    // Unchanged: the file's rows that changed nothing recorded (Citus rewrites an identical area row: written, not changed).
    const changes = await finishChangeSet(client, recorder, recorder.recording ? null : kept.length - written, kept.length);
    options.onProgress?.({ phase: 'link', done: 0, total: 1 });
    const changedSomething = recorder.recording ? changes.added + changes.changed + changes.removed > 0 : written + removed > 0;
    const changedLayers = changedSomething ? await relinkChildren(client, layer.name, distributed) : [];
    if (changedLayers.length > 0) {
      // What the change cannot reach keeps its cached coverage (the entries move to the new versions with the layers).
      const before = await layerVersions(client, changedLayers);
      // On Citus the cache is a reference table, which Citus will not update from the coordinator's change set: every
      // entry of the moved layers is computed again when next asked (docs/SCALING.md).
      if (distributed.size === 0) await carryCoverageForward(client, { changeSetId, layer: layer.name, moved: changedLayers, before });
      await client.query(sql.bumpVersions, [changedLayers]);
      await recordVersionExtents(client, changeSetId, changedLayers);
    }
    const problems = [...repairs, ...rejected.flatMap((r) => r.problems)].slice(0, PROBLEMS_KEPT);
    await client.query(sql.finishRun, [runId, written, repairs.length, rejected.length, removed, JSON.stringify(problems), JSON.stringify(facts.warnings)]);
    rejected.sort((a, b) => a.row - b.row);
    const done: ImportSummary = {
      runId, layer: layer.name, fileName, source: facts.source, format: read.format, crs: crs.label, encoding: read.encoding ?? null, sha256: facts.sha256!,
      rowsRead: read.rows.length, rowsWritten: written, rowsUnchanged: changes.unchanged, rowsRepaired: repairs.length, rowsRefused: rejected.length,
      rowsRemoved: removed, repairs, rejected, warnings: facts.warnings, notes: read.notes, changeSetId, changes,
    };
    await options.inTransaction?.(client, done);
    return done;
  });
  db.markDataChanged();
  return summary;
}
