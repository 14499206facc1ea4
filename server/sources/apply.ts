// Applies a source's difference in one transaction through the import core (staging, checks, upsert, links,
// import_runs, layer_versions), recording the sync's own state and run in that same transaction.
import type { Database, Queryable } from '../db/database.js';
import { loadQueries } from '../db/queries.js';
import { importFile, type ImportSummary } from '../ingest/import.service.js';
import { LAYERS, layerByName } from '../layers.js';
import { diffAsGeoJson, type FeatureValues, type SourceDiff } from './diff.js';
import { syncFieldMap, toSyncRun, type SourceRecord, type SyncRunRecord } from './sources.service.js';

const sql = loadQueries(new URL('./sources.sql', import.meta.url), ['forgetFeatures', 'rememberFeatures', 'rememberSourceAnswer', 'finishSyncRun'] as const);

/** Where this sync's rows come from, kept with the run. */
export interface SyncProvenance {
  runId: number;
  url: string;
  pages: number;
  bytes: number;
  sha256: string;
  etag?: string;
  lastModified?: string;
  /** The layer's attributes the source fed this time. */
  columns: string[];
}

/** The name a source's rows carry in the layer's `source` column (what --replace and the sync's removals key on). */
export const storeSourceName = (source: Pick<SourceRecord, 'id'>) => `sync:${source.id}`;

/** What the store holds now for these codes, read before they change: the difference's "before" values. */
export async function readBefore(db: Pick<Database, 'query'>, layerName: string, codes: string[]): Promise<Map<string, FeatureValues>> {
  if (codes.length === 0) return new Map();
  const layer = LAYERS[layerByName(layerName).name];
  const attributes = layer.attributes.map((a) => `'${a.name}', ${a.name}`).join(', ');
  const { rows } = await db.query<{ code: string; geometry: FeatureValues['geometry']; attributes: Record<string, unknown> }>(
    `SELECT code, ST_AsGeoJSON(geom)::json AS geometry, json_build_object(${attributes}) AS attributes FROM ${layer.table} WHERE code = ANY($1::text[])`,
    [codes],
  );
  return new Map(rows.map((r) => [r.code, r]));
}

/** Fills in the difference's before values from the store. */
export async function withBefore(db: Pick<Database, 'query'>, layerName: string, diff: SourceDiff): Promise<SourceDiff> {
  const before = await readBefore(db, layerName, [...diff.changed.map((c) => c.after.code), ...diff.removed.map((r) => r.code)]);
  return {
    ...diff,
    changed: diff.changed.map((c) => ({ ...c, before: before.get(c.after.code) })),
    removed: diff.removed.map((r) => ({ ...r, before: before.get(r.code) })),
  };
}

/**
 * The one place a sync writes: the added and changed features go through importFile as a GeoJSON file of just those,
 * with replace and the unchanged codes kept, so the import core removes exactly what the source no longer sends.
 * Inside the import's transaction the source's feature hashes, its conditional-GET answer and the run (APPLIED)
 * are recorded, so a failure anywhere leaves all of it as it was. A change set of the difference is recorded here too.
 */
export async function applySourceDiff(db: Database, source: SourceRecord, diff: SourceDiff, provenance: SyncProvenance): Promise<{ run: SyncRunRecord; summary: ImportSummary }> {
  let run: SyncRunRecord | undefined;
  const summary = await importFile(db, {
    layer: layerByName(source.layer).name,
    fileName: provenance.url,
    content: diffAsGeoJson(diff),
    format: 'geojson',
    crs: source.crs ?? undefined,
    source: storeSourceName(source),
    fieldMap: syncFieldMap(source),
    actor: `sync:${source.id}`,
    replace: true,
    keep: diff.unchanged,
    inTransaction: async (client: Queryable, written: ImportSummary) => {
      await client.query(sql.forgetFeatures, [source.id, diff.removed.map((r) => r.code)]);
      const kept = [...diff.added, ...diff.changed];
      await client.query(sql.rememberFeatures, [source.id, kept.map((k) => k.after.code), kept.map((k) => k.hash)]);
      await client.query(sql.rememberSourceAnswer, [source.id, provenance.etag ?? null, provenance.lastModified ?? null, JSON.stringify(provenance.columns)]);
      const finished = await client.query(sql.finishSyncRun, [
        provenance.runId, 'APPLIED', diff.added.length, diff.changed.length, diff.removed.length, diff.unchanged.length,
        `applied as import run ${written.runId}: ${written.rowsWritten} rows written, ${written.rowsRemoved} removed`,
        provenance.pages, provenance.bytes, provenance.sha256, written.runId,
      ]);
      run = toSyncRun(finished.rows[0]);
    },
  });
  return { run: run!, summary };
}
