// Reads a GeoJSON FeatureCollection (or newline-delimited features) into source rows.
import type { Feature, Geometry } from 'geojson';
import { ImportRefusedError, type SourceRow } from './rows.js';

const CUT_SHORT_HINT = 'Export the file again from its source and import the complete file; nothing was written.';

function firstLineIsFeature(text: string): boolean {
  const firstLine = text.split('\n', 1)[0].trim();
  try {
    const parsed = JSON.parse(firstLine) as { type?: string };
    return parsed?.type === 'Feature' || (parsed?.type !== undefined && parsed.type !== 'FeatureCollection');
  } catch {
    return false;
  }
}

export function parseGeoJson(text: string, file: string): SourceRow[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (error) {
    if (trimmed.includes('\n') && firstLineIsFeature(trimmed)) return parseNewlineDelimited(trimmed, file);
    throw new ImportRefusedError(file, [{ row: 0, message: `not valid JSON (${(error as Error).message}); the file may be cut short` }], CUT_SHORT_HINT);
  }
  const collection = parsed as { type?: string; features?: unknown };
  if (collection?.type === 'Feature') return [featureRow(collection as unknown as Feature, 1)];
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new ImportRefusedError(
      file,
      [{ row: 0, message: `expected a GeoJSON FeatureCollection, found ${collection?.type ?? typeof parsed}` }],
      'Save the layer as a GeoJSON FeatureCollection and import it again.',
    );
  }
  return (collection.features as Feature[]).map((feature, index) => featureRow(feature, index + 1));
}

function parseNewlineDelimited(text: string, file: string): SourceRow[] {
  const lines = text.split('\n');
  return lines
    .map((line, index) => ({ line: line.trim(), row: index + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, row }) => {
      try {
        return featureRow(JSON.parse(line) as Feature, row);
      } catch (error) {
        const last = row === lines.length;
        throw new ImportRefusedError(
          file,
          [{ row, message: `not a JSON feature (${(error as Error).message})${last ? '; the file may be cut short' : ''}` }],
          last ? CUT_SHORT_HINT : undefined,
        );
      }
    });
}

/** One GeoJSON feature as a source row (its `id` kept as a property when the properties have none). */
export function featureRow(feature: Feature<Geometry | null> | undefined, row: number): SourceRow {
  const loose = feature as { type?: string } | null | undefined;
  if (!feature || typeof feature !== 'object' || (loose?.type !== 'Feature' && !('geometry' in feature))) {
    return { row, geometry: null, geometryProblem: `is a ${loose?.type ?? typeof feature}, not a GeoJSON Feature`, properties: {} };
  }
  return {
    row,
    geometry: (feature.geometry ?? null) as Geometry | null,
    properties: { ...(feature.properties ?? {}), ...(feature.id !== undefined && feature.properties?.id === undefined ? { id: feature.id } : {}) },
  };
}
