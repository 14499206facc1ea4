// Reads a GeoJSON FeatureCollection (or newline-delimited features) into source rows.
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { ImportRefusedError, type SourceRow } from './rows.js';

export function parseGeoJson(text: string, file: string): SourceRow[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (error) {
    if (trimmed.startsWith('{') && trimmed.includes('\n')) return parseNewlineDelimited(trimmed, file);
    throw new ImportRefusedError(file, [{ row: 0, message: `not valid JSON (${(error as Error).message}); the file may be cut short` }], 'Export the file again from its source and import the complete file.');
  }
  const collection = parsed as Partial<FeatureCollection> & { type?: string };
  if ((collection as { type?: string })?.type === 'Feature') return [toRow(collection as unknown as Feature, 1)];
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new ImportRefusedError(file, [{ row: 0, message: `expected a GeoJSON FeatureCollection, found ${collection?.type ?? typeof parsed}` }], 'Save the layer as a GeoJSON FeatureCollection and import it again.');
  }
  return collection.features.map((feature, index) => toRow(feature, index + 1));
}

function parseNewlineDelimited(text: string, file: string): SourceRow[] {
  return text
    .split('\n')
    .map((line, index) => ({ line: line.trim(), row: index + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, row }) => {
      try {
        return toRow(JSON.parse(line) as Feature, row);
      } catch (error) {
        throw new ImportRefusedError(file, [{ row, message: `not a JSON feature (${(error as Error).message})` }]);
      }
    });
}

function toRow(feature: Feature | undefined, row: number): SourceRow {
  return {
    row,
    geometry: (feature?.geometry ?? null) as Geometry | null,
    properties: { ...(feature?.properties ?? {}), ...(feature?.id !== undefined && feature.properties?.id === undefined ? { id: feature.id } : {}) },
  };
}
