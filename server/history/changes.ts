// The history of the layers: the change sets imports recorded, and what each feature went through since a version.
import type { Database } from '../db/database.js';
import { loadQueries } from '../db/queries.js';
import { badInput } from '../errors.js';
import { layerByName, LAYER_NAMES, type LayerName } from '../layers.js';
import { rowScope, scopeConditions } from '../auth/scope.js';
import type { Viewer } from '../auth/viewer.js';

const sql = loadQueries(new URL('./changes.sql', import.meta.url), ['dataVersions', 'changeSet', 'firstSetSince', 'changes', 'counts'] as const);

export const MAX_PAGE = 1000;

export interface DataVersionRow {
  id: number;
  at: Date;
  layer: string;
  importRunId: number | null;
  fileName: string | null;
  source: string | null;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
}

export type ChangeKind = 'added' | 'changed' | 'removed';

export interface FeatureChangeRow {
  kind: ChangeKind;
  layer: string;
  code: string;
  version: number;
  at: Date;
  /** GeoJSON text (WGS84), or null where the feature did not exist. */
  before: string | null;
  after: string | null;
  attributesBefore: Record<string, unknown> | null;
  attributesAfter: Record<string, unknown> | null;
}

function checkLayer(layer: string): LayerName {
  if (!LAYER_NAMES.includes(layer as LayerName)) throw badInput(`There is no layer "${layer}". The layers are: ${LAYER_NAMES.join(', ')}.`);
  return layer as LayerName;
}

function checkFirst(first: number): void {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) throw badInput(`first must be a whole number from 0 to ${MAX_PAGE}; got ${first}.`);
}

function checkId(id: string, what: string): number {
  if (!/^\d{1,15}$/.test(id)) throw badInput(`${what} must be the id of a data version (a whole number, as dataVersions lists them); got "${id}".`);
  return Number(id);
}

/** Change sets, newest first. Counts only: what they changed is read through `changes`, in the caller's scope. */
export async function listDataVersions(db: Database, args: { layer?: string | null; first: number; after?: string | null; since?: Date | null }): Promise<DataVersionRow[]> {
  checkFirst(args.first);
  const layer = args.layer ? checkLayer(args.layer) : null;
  const after = args.after ? checkId(args.after, 'after') : null;
  const { rows } = await db.query(sql.dataVersions, [layer, after, args.first, args.since ?? null]);
  return rows.map((r) => ({
    id: Number(r.id), at: r.at, layer: r.layer, importRunId: r.import_run_id === null ? null : Number(r.import_run_id),
    fileName: r.file_name, source: r.source, added: r.added, changed: r.changed, removed: r.removed, unchanged: r.unchanged,
  }));
}

/**
 * The version "since" stands for: a data version's id, or a time (the last version before it). Refuses a version that
 * does not exist and a time in the future, with a sentence.
 */
export async function resolveSince(db: Database, since?: string | null, sinceTime?: Date | null): Promise<number> {
  if (since && sinceTime) throw badInput('Give since (a data version) or sinceTime (a date and time), not both.');
  if (since) {
    const id = checkId(since, 'since');
    if (id === 0) return 0;
    const { rows } = await db.query(sql.changeSet, [id]);
    if (rows.length === 0) throw badInput(`There is no data version ${id}. List them with dataVersions { nodes { id at layer } }, or pass since: "0" for every change.`);
    return id;
  }
  if (sinceTime) {
    if (Number.isNaN(sinceTime.getTime())) throw badInput('sinceTime is not a date and time.');
    if (sinceTime.getTime() > Date.now()) throw badInput(`sinceTime ${sinceTime.toISOString()} is in the future: nothing has changed since then yet.`);
    const { rows } = await db.query<{ id: string }>(sql.firstSetSince, [sinceTime]);
    return Number(rows[0].id);
  }
  return 0;
}

/**
 * What each feature of `layer` went through after version `sinceId` (or in version `only`): one change per feature,
 * from its state before the first change to its state after the last, newest first. The caller's scope applies as on
 * the layer itself (an official, their district; cameras, only for those who may see their positions).
 */
export async function listChanges(db: Database, viewer: Viewer, args: { layer: string; sinceId: number; first: number; after?: { version: number; code: string } | null; only?: number | null }): Promise<FeatureChangeRow[]> {
  checkFirst(args.first);
  const layer = layerByName(checkLayer(args.layer));
  const values: unknown[] = [layer.name, args.sinceId, args.after?.version ?? null, args.after?.code ?? null, args.first, args.only ?? null];
  // feature_changes has the layer's district column under the same name (district_code; a district's own code).
  const scope = scopeConditions(layer, viewer, (value) => { values.push(value); return `$${values.length}`; }, 'f');
  const text = sql.changes.replace('{{scope}}', scope.map((c) => `AND ${c}`).join(' '));
  const { rows } = await db.query(text, values);
  return rows.map((r) => ({
    kind: r.kind, layer: r.layer, code: r.code, version: Number(r.version), at: r.at,
    before: r.before, after: r.after,
    attributesBefore: r.attrs_before, attributesAfter: r.attrs_after,
  }));
}

export interface LayerChangeCountRow {
  layer: LayerName;
  added: number;
  changed: number;
  removed: number;
}

/**
 * How many features of each layer the viewer may read were added, changed and removed after version `sinceId` (or in
 * version `only`), counted as `listChanges` lists them, in the same scope; `district` keeps the changes that lay in
 * that district before or after. Layers the viewer reads nothing of (cameras for the public) are left out.
 */
export async function countChanges(db: Database, viewer: Viewer, args: { sinceId: number; only?: number | null; district?: string | null }): Promise<LayerChangeCountRow[]> {
  if (args.district !== undefined && args.district !== null && !/^[\w-]{1,40}$/.test(args.district)) throw badInput(`districtCode "${args.district}" is not a district code.`);
  const readable = LAYER_NAMES.filter((name) => rowScope(layerByName(name), viewer).rows !== 'none');
  return Promise.all(readable.map(async (name) => {
    const layer = layerByName(name);
    const values: unknown[] = [layer.name, args.sinceId, args.only ?? null, args.district ?? null];
    const scope = scopeConditions(layer, viewer, (value) => { values.push(value); return `$${values.length}`; }, 'f');
    const { rows } = await db.query<{ added: number; changed: number; removed: number }>(sql.counts.replace('{{scope}}', scope.map((c) => `AND ${c}`).join(' ')), values);
    return { layer: name, ...rows[0] };
  }));
}
