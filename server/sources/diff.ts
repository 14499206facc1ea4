// What a source changed since its last applied sync: by feature id, then by a hash of its attributes and geometry.
import crypto from 'node:crypto';
import type { Feature, Geometry } from 'geojson';
import type { Layer } from '../layers.js';
import type { PreparedRow } from '../ingest/prepare.js';
import type { SourceRow } from '../ingest/rows.js';

/** A feature as the store holds it (before) or as the source sends it now (after), in WGS84. */
export interface FeatureValues {
  code: string;
  geometry: Geometry;
  attributes: Record<string, unknown>;
}

export interface SourceDiff {
  added: { after: FeatureValues; source: SourceRow; hash: string }[];
  changed: { before?: FeatureValues; after: FeatureValues; source: SourceRow; hash: string }[];
  removed: { code: string; before?: FeatureValues }[];
  /** Codes sent again exactly as last time. */
  unchanged: string[];
}

/** The hash of one prepared row: its attributes in the layer's order and its WGS84 geometry. */
export function contentHash(layer: Layer, row: PreparedRow): string {
  const values = layer.attributes.map((a) => row.attrs[a.name] ?? null);
  return crypto.createHash('sha1').update(JSON.stringify([values, row.geometry])).digest('base64');
}

/** Compares the rows the source sent (prepared, with the source rows they came from) with the hashes of last time. */
export function computeDiff(layer: Layer, rows: { prepared: PreparedRow; source: SourceRow }[], previous: Map<string, string>): SourceDiff {
  const diff: SourceDiff = { added: [], changed: [], removed: [], unchanged: [] };
  const sent = new Set<string>();
  for (const { prepared, source } of rows) {
    const code = String(prepared.attrs.code);
    sent.add(code);
    const hash = contentHash(layer, prepared);
    const after = { code, geometry: prepared.geometry, attributes: prepared.attrs };
    const before = previous.get(code);
    if (before === undefined) diff.added.push({ after, source, hash });
    else if (before !== hash) diff.changed.push({ after, source, hash });
    else diff.unchanged.push(code);
  }
  for (const code of previous.keys()) if (!sent.has(code)) diff.removed.push({ code });
  return diff;
}

export const isEmptyDiff = (diff: SourceDiff) => diff.added.length + diff.changed.length + diff.removed.length === 0;

/** The source rows of what is added or changed, as a GeoJSON FeatureCollection the import core reads like a file. */
export function diffAsGeoJson(diff: SourceDiff): string {
  const features: Feature[] = [...diff.added, ...diff.changed].map(({ source }) => ({ type: 'Feature', geometry: source.geometry!, properties: source.properties }));
  return JSON.stringify({ type: 'FeatureCollection', features });
}
