// The admin's live sources through GraphQL: the records of server/sources shaped as the schema's types.
import { requireAdmin } from '../../auth/policy.js';
import { badInput } from '../../errors.js';
import { nextRunAt } from '../../sources/schedule.js';
import { sourcesChanged } from '../../sources/scheduler.js';
import {
  addSource, countSyncRuns, latestRuns, listSources, removeSource, syncRuns, type SourceRecord, type SyncRunRecord,
} from '../../sources/sources.service.js';
import { syncSource } from '../../sources/sync.service.js';
import { decodeCursor, encodeCursor } from '../connection.js';
import type { AtlasContext } from '../../request/context.js';
import type { SourceInput } from './source.input.js';
import { Source, SourceKind, SyncRun, SyncStatus, type SyncRunConnection } from './source.type.js';

export function toSyncRunType(run: SyncRunRecord): SyncRun {
  return {
    ...run, id: String(run.id), sourceId: String(run.sourceId), status: run.status as SyncStatus,
    importRunId: run.importRunId === null ? null : String(run.importRunId),
  };
}

function toSourceType(source: SourceRecord, last?: SyncRunRecord, failure?: SyncRunRecord): Source {
  return {
    id: String(source.id), layer: source.layer, url: source.url, kind: source.kind as SourceKind, schedule: source.schedule, timeZone: source.timeZone,
    crs: source.crs, idField: source.idField, map: Object.entries(source.fieldMap).map(([field, column]) => ({ field, column })),
    nextRunAt: nextRunAt(source.schedule, source.timeZone), lastRun: last ? toSyncRunType(last) : null, lastFailure: failure ? toSyncRunType(failure) : null,
  };
}

function sourceId(id: string): number {
  const value = Number(id);
  if (!Number.isInteger(value) || value <= 0) throw badInput(`"${id}" is not a source id; \`sources\` lists them.`);
  return value;
}

export async function sourcesList(ctx: AtlasContext): Promise<Source[]> {
  requireAdmin(ctx.viewer, 'see the live sources');
  const sources = await listSources(ctx.db);
  const ids = sources.map((s) => s.id);
  const [last, failures] = await Promise.all([latestRuns(ctx.db, ids, false), latestRuns(ctx.db, ids, true)]);
  return sources.map((s) => toSourceType(s, last.get(s.id), failures.get(s.id)));
}

export async function addSourceFromInput(ctx: AtlasContext, input: SourceInput): Promise<Source> {
  requireAdmin(ctx.viewer, 'add sources');
  const added = await addSource(ctx.db, {
    layer: input.layer, url: input.url, kind: input.kind, schedule: input.schedule, timeZone: input.timeZone, crs: input.crs, idField: input.idField,
    fieldMap: Object.fromEntries((input.map ?? []).map((m) => [m.field, m.column])), createdBy: `graphql:${ctx.viewer.role}`,
  });
  sourcesChanged(ctx.db);
  return toSourceType(added);
}

export async function removeSourceById(ctx: AtlasContext, id: string): Promise<boolean> {
  requireAdmin(ctx.viewer, 'remove sources');
  await removeSource(ctx.db, sourceId(id));
  sourcesChanged(ctx.db);
  return true;
}

export async function syncSourceNow(ctx: AtlasContext, id: string): Promise<SyncRun> {
  requireAdmin(ctx.viewer, 'sync sources');
  return toSyncRunType(await syncSource(ctx.db, sourceId(id)));
}

export async function syncRunPage(ctx: AtlasContext, id: string | undefined, first: number, after: string | undefined): Promise<SyncRunConnection> {
  requireAdmin(ctx.viewer, 'see sync runs');
  if (first < 1 || first > 500) throw badInput(`first must be between 1 and 500; got ${first}.`);
  const source = id === undefined ? null : sourceId(id);
  const afterId = after === undefined ? null : Number(decodeCursor(after));
  if (afterId !== null && !Number.isInteger(afterId)) throw badInput(`after "${after}" is not a cursor of syncRuns; pass a pageInfo.endCursor.`);
  const [runs, total] = await Promise.all([syncRuns(ctx.db, source, first + 1, afterId), countSyncRuns(ctx.db, source)]);
  const nodes = runs.slice(0, first).map(toSyncRunType);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    totalCount: total, nodes, edges,
    pageInfo: { hasNextPage: runs.length > first, hasPreviousPage: afterId !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
