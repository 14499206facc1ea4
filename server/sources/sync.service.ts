// One sync of a live source: read it whole, compare with what it sent last time, refuse what looks wrong, apply the rest.
import type { Database } from '../db/database.js';
import { loadQueries } from '../db/queries.js';
import { AtlasError, AtlasErrorCode } from '../errors.js';
import { resolveCrs } from '../ingest/crs.js';
import { resolveColumns } from '../ingest/map-fields.js';
import { rowPreparer } from '../ingest/prepare.js';
import { ImportRefusedError, type SourceRow } from '../ingest/rows.js';
import { layerByName } from '../layers.js';
import { applySourceDiff, storeSourceName, withBefore } from './apply.js';
import { computeDiff, isEmptyDiff } from './diff.js';
import { fetchDocument } from './fetch-document.js';
import { fetchOgcApi } from './fetch-ogcapi.js';
import { fetchWfs } from './fetch-wfs.js';
import type { FetchRequest, Fetched } from './fetched.js';
import { ReadBudget, SyncFailure } from './http.js';
import { syncLimits, type SyncLimits } from './limits.js';
import { withSourceLock } from './lock.js';
import { sourceById, syncFieldMap, toSyncRun, type SourceRecord, type SyncRunRecord } from './sources.service.js';

const sql = loadQueries(new URL('./sources.sql', import.meta.url), ['beginSyncRun', 'finishSyncRun', 'sourceState', 'rememberSourceAnswer'] as const);

export interface SyncOptions {
  trigger?: 'manual' | 'schedule';
  limits?: Partial<SyncLimits>;
}

export class SourceBusyError extends AtlasError {
  constructor(id: number) {
    super(AtlasErrorCode.StoreLocked, `Source ${id} is being synced right now (by this hub or another process); its run will appear in syncRuns when it ends.`);
  }
}

/** Syncs one source; a run is always recorded, and returned (FAILED with its reason when nothing was applied). */
export async function syncSource(db: Database, id: number, options: SyncOptions = {}): Promise<SyncRunRecord> {
  const source = await sourceById(db, id);
  const limits = { ...syncLimits(), ...options.limits };
  const outcome = await withSourceLock(db, id, () => runSync(db, source, limits, options.trigger ?? 'manual'));
  if (outcome.locked) throw new SourceBusyError(id);
  return outcome.value;
}

function fetchSource(source: SourceRecord, request: FetchRequest): Promise<Fetched> {
  switch (source.kind) {
    case 'OGCAPI':
      return fetchOgcApi(request);
    case 'WFS':
      return fetchWfs(request);
    case 'GEOJSON':
      return fetchDocument(request, 'geojson');
    case 'CSV':
      return fetchDocument(request, 'csv');
  }
}

/** The property a WFS's pages are sorted by: the one the features are keyed on (the OGC id cannot be sorted on). */
function wfsSortBy(source: SourceRecord): string | undefined {
  if (source.idField === 'id') return undefined;
  return source.idField === 'code' ? source.fieldMap.code ?? 'code' : source.idField;
}

function reasonOf(error: unknown): string {
  if (error instanceof SyncFailure) return error.message;
  if (error instanceof ImportRefusedError) return error.message.split('\n').slice(0, 6).join('\n');
  if (error instanceof AtlasError) return error.message;
  console.error('[sync] unexpected failure:', error);
  return `an internal error (${(error as Error)?.message ?? error}); it has been logged`;
}

async function runSync(db: Database, source: SourceRecord, limits: SyncLimits, trigger: 'manual' | 'schedule'): Promise<SyncRunRecord> {
  const runId = Number((await db.query(sql.beginSyncRun, [source.id, trigger, source.url])).rows[0].id);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  const budget = new ReadBudget(limits.maxBytes, controller.signal);
  const finish = async (status: 'UNCHANGED' | 'FAILED', counts: [number, number, number, number], message: string) =>
    toSyncRun((await db.query(sql.finishSyncRun, [runId, status, ...counts, message, budget.pages, budget.bytes, budget.pages ? budget.sha256() : null, null])).rows[0]);
  try {
    const layer = layerByName(source.layer);
    const crs = await resolveCrs(db, source.crs ?? undefined);
    const fieldMap = syncFieldMap(source);
    const previous = new Map((await db.query<{ feature_id: string; content_hash: string }>(sql.sourceState, [source.id])).rows.map((r) => [r.feature_id, r.content_hash]));
    const fetched = await fetchSource(source, { url: source.url, sortBy: wfsSortBy(source), etag: source.etag, lastModified: source.lastModified, limits, budget });
    if (fetched.notModified) return await finish('UNCHANGED', [0, 0, 0, previous.size], 'the source answered 304 Not Modified: nothing changed since the last sync');
    if (fetched.rows.length === 0) throw new SyncFailure('the source sent no features; the last good data is kept (an empty layer is more likely a broken export than a real one)');

    // A field the last sync was fed by and this one is not: the department changed its schema.
    const names = new Set<string>();
    for (const row of fetched.rows) for (const name of Object.keys(row.properties)) names.add(name);
    const columns = resolveColumns(layer, [...names], fieldMap);
    const fed = layer.attributes.filter((a) => columns.has(a)).map((a) => a.name);
    const lost = source.columns.filter((name) => !fed.includes(name));
    if (lost.length > 0) {
      throw new SyncFailure(`the source no longer sends a field for ${lost.map((n) => `"${n}"`).join(', ')} (its fields now: ${[...names].join(', ')}); its schema changed: map the new field with --map, or ask the department`);
    }

    const { prepared, rejected } = rowPreparer(layer, fetched.rows, crs, fieldMap, { fileName: source.url, source: storeSourceName(source) })(fetched.rows);
    if (rejected.length > 0) throw new ImportRefusedError(source.url, rejected.flatMap((r) => r.problems), 'Nothing was applied; the last good data is kept.');
    const byRow = new Map<number, SourceRow>(fetched.rows.map((r) => [r.row, r]));
    const diff = computeDiff(layer, prepared.map((p) => ({ prepared: p, source: byRow.get(p.row)! })), previous);
    const counts: [number, number, number, number] = [diff.added.length, diff.changed.length, diff.removed.length, diff.unchanged.length];
    if (previous.size > 0 && diff.removed.length / previous.size > limits.maxDropShare) {
      throw new SyncFailure(`the source dropped ${diff.removed.length} of the ${previous.size} features it sent last time (${(100 * diff.removed.length / previous.size).toFixed(1)} %), more than the ${Math.round(limits.maxDropShare * 100)} % a sync may remove; if the department did remove them, raise ATLAS_SYNC_MAX_DROP_SHARE and sync again`);
    }
    if (isEmptyDiff(diff)) {
      await db.query(sql.rememberSourceAnswer, [source.id, fetched.etag ?? null, fetched.lastModified ?? null, JSON.stringify(fed)]);
      return await finish('UNCHANGED', counts, `the source sent the same ${diff.unchanged.length} features as last time`);
    }
    if (controller.signal.aborted) throw new SyncFailure(`the sync took longer than its limit of ${limits.timeoutMs / 1000} s (ATLAS_SYNC_TIMEOUT_MS)`);
    const { run } = await applySourceDiff(db, source, await withBefore(db, layer.name, diff), {
      runId, url: source.url, pages: budget.pages, bytes: budget.bytes, sha256: budget.sha256(), etag: fetched.etag, lastModified: fetched.lastModified, columns: fed,
    });
    return run;
  } catch (error) {
    return await finish('FAILED', [0, 0, 0, 0], `Not applied: ${reasonOf(error)}`);
  } finally {
    clearTimeout(timer);
  }
}
