// The live sources the hub keeps: adding, listing and removing them, and reading their sync runs.
import type { Database } from '../db/database.js';
import { loadQueries } from '../db/queries.js';
import { badInput, notFound } from '../errors.js';
import { resolveCrs } from '../ingest/crs.js';
import type { FieldMap } from '../ingest/map-fields.js';
import { layerByName, LAYER_NAMES } from '../layers.js';
import { detectKind } from './detect-kind.js';
import { SOURCE_KINDS, type SourceKind } from './fetched.js';
import { checkSourceUrl, SyncFailure } from './http.js';
import { checkSchedule, DEFAULT_TIME_ZONE } from './schedule.js';

const sql = loadQueries(new URL('./sources.sql', import.meta.url), [
  'insertSource', 'listSources', 'sourceById', 'deleteSource', 'syncRuns', 'countSyncRuns', 'lastRuns', 'lastFailures',
] as const);

export interface SourceRecord {
  id: number;
  layer: string;
  url: string;
  kind: SourceKind;
  fieldMap: FieldMap;
  crs: string | null;
  /** 'id' (the OGC feature id), 'code' (the layer's code column) or a property's name. */
  idField: string;
  schedule: string | null;
  timeZone: string;
  createdBy: string | null;
  createdAt: Date;
  etag: string | null;
  lastModified: string | null;
  /** The layer's attributes the last applied sync found. */
  columns: string[];
}

export type SyncStatus = 'RUNNING' | 'APPLIED' | 'UNCHANGED' | 'FAILED';

export interface SyncRunRecord {
  id: number;
  sourceId: number;
  status: SyncStatus;
  trigger: 'manual' | 'schedule';
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  message: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  pages: number;
  bytes: number;
  url: string;
  contentSha256: string | null;
  importRunId: number | null;
}

export function toSource(row: Record<string, any>): SourceRecord {
  return {
    id: Number(row.id), layer: row.layer, url: row.url, kind: row.kind, fieldMap: row.field_map ?? {}, crs: row.crs, idField: row.id_field,
    schedule: row.schedule, timeZone: row.time_zone, createdBy: row.created_by, createdAt: row.created_at, etag: row.etag,
    lastModified: row.last_modified, columns: row.columns ?? [],
  };
}

export function toSyncRun(row: Record<string, any>): SyncRunRecord {
  return {
    id: Number(row.id), sourceId: Number(row.source_id), status: row.status, trigger: row.trigger, added: row.added, changed: row.changed,
    removed: row.removed, unchanged: row.unchanged, message: row.message, startedAt: row.started_at, finishedAt: row.finished_at,
    pages: row.pages, bytes: Number(row.bytes), url: row.url, contentSha256: row.content_sha256, importRunId: row.import_run_id === null ? null : Number(row.import_run_id),
  };
}

export interface NewSource {
  layer: string;
  url: string;
  kind?: string;
  /** A cron expression; none: synced only when asked. */
  schedule?: string;
  timeZone?: string;
  crs?: string;
  fieldMap?: FieldMap;
  idField?: string;
  createdBy?: string;
}

/** The field map a sync imports with: the id field, unless it is the layer's own code, feeds `code`. */
export function syncFieldMap(source: Pick<SourceRecord, 'fieldMap' | 'idField'>): FieldMap {
  return source.idField === 'code' ? source.fieldMap : { ...source.fieldMap, code: source.idField };
}

export async function addSource(db: Database, input: NewSource): Promise<SourceRecord> {
  let layer;
  try {
    layer = layerByName(input.layer);
  } catch {
    throw badInput(`There is no layer "${input.layer}". The layers are: ${LAYER_NAMES.join(', ')}.`);
  }
  const url = input.url.trim();
  try {
    checkSourceUrl(url);
  } catch (error) {
    throw badInput((error as SyncFailure).message);
  }
  const kind = input.kind ? input.kind.toUpperCase() : await detectKind(url);
  if (!SOURCE_KINDS.includes(kind as SourceKind)) throw badInput(`Unknown kind "${input.kind}". Use one of: ${SOURCE_KINDS.join(', ')}.`);
  const timeZone = input.timeZone?.trim() || DEFAULT_TIME_ZONE;
  const schedule = input.schedule?.trim() ? checkSchedule(input.schedule, timeZone) : null;
  if (input.crs) await resolveCrs(db, input.crs);
  const idField = input.idField?.trim() || 'code';
  const fieldMap = input.fieldMap ?? {};
  if (idField !== 'code' && fieldMap.code !== undefined && fieldMap.code !== idField) {
    throw badInput(`--id-field ${idField} and --map code=${fieldMap.code} disagree: a source's features are keyed on the layer's code; give one of them.`);
  }
  for (const name of Object.keys(fieldMap)) {
    if (!layer.attributes.some((a) => a.name === name)) throw badInput(`--map ${name}=…: the layer ${layer.name} has no attribute "${name}". Its attributes are: ${layer.attributes.map((a) => a.name).join(', ')}.`);
  }
  const { rows } = await db.query(sql.insertSource, [layer.name, url, kind, JSON.stringify(fieldMap), input.crs ?? null, idField, schedule, timeZone, input.createdBy ?? null]);
  return toSource(rows[0]);
}

export async function listSources(db: Pick<Database, 'query'>): Promise<SourceRecord[]> {
  return (await db.query(sql.listSources)).rows.map(toSource);
}

export async function sourceById(db: Pick<Database, 'query'>, id: number): Promise<SourceRecord> {
  const row = (await db.query(sql.sourceById, [id])).rows[0];
  if (!row) throw notFound(`There is no source ${id}. \`npx atlas source list\` shows the sources.`);
  return toSource(row);
}

/** Removes the source and its runs; the rows it brought stay in the layer (as an import's do). */
export async function removeSource(db: Pick<Database, 'query'>, id: number): Promise<boolean> {
  const { rowCount } = await db.query(sql.deleteSource, [id]);
  if (!rowCount) throw notFound(`There is no source ${id}. \`npx atlas source list\` shows the sources.`);
  return true;
}

export async function syncRuns(db: Pick<Database, 'query'>, sourceId: number | null, first: number, after: number | null): Promise<SyncRunRecord[]> {
  return (await db.query(sql.syncRuns, [sourceId, after, first])).rows.map(toSyncRun);
}

export async function countSyncRuns(db: Pick<Database, 'query'>, sourceId: number | null): Promise<number> {
  return (await db.query<{ n: number }>(sql.countSyncRuns, [sourceId])).rows[0].n;
}

export async function latestRuns(db: Pick<Database, 'query'>, ids: number[], failedOnly: boolean): Promise<Map<number, SyncRunRecord>> {
  const runs = (await db.query(failedOnly ? sql.lastFailures : sql.lastRuns, [ids])).rows.map(toSyncRun);
  return new Map(runs.map((r) => [r.sourceId, r]));
}
