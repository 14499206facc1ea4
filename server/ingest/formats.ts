// Which parser reads a file: from --format, else the file's name, else its first bytes.
import path from 'node:path';
import { badInput } from '../errors.js';

export type ImportFormat = 'geojson' | 'csv' | 'gtfs' | 'shapefile';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['geojson', 'csv', 'gtfs', 'shapefile'];

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((byte, index) => bytes[index] === byte);
}

/** A GTFS stops.txt is a CSV whose header has stop_id, stop_lat and stop_lon. */
export function isGtfsStopsHeader(firstLine: string): boolean {
  const columns = firstLine.replace(/^\uFEFF/, '').split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  return ['stop_id', 'stop_lat', 'stop_lon'].every((c) => columns.includes(c));
}

export function parseFormat(text: string | undefined): ImportFormat | undefined {
  if (text === undefined) return undefined;
  const value = text.toLowerCase().replace(/^shp$/, 'shapefile').replace(/^(ndjson|geojsonl|json)$/, 'geojson');
  if (!IMPORT_FORMATS.includes(value as ImportFormat)) throw badInput(`Unknown format "${text}". Use one of: ${IMPORT_FORMATS.join(', ')}.`);
  return value as ImportFormat;
}

/**
 * Recognises the format. A zip is a GTFS feed when it holds stops.txt, else a Shapefile; a text file is GeoJSON when it
 * starts with `{` or `[`, a GTFS stops.txt when its header says so, else CSV. The extension only decides between
 * what the content leaves open.
 */
export function detectFormat(fileName: string, bytes: Buffer, zipEntryNames?: () => string[]): ImportFormat {
  const extension = path.extname(fileName).toLowerCase();
  if (isZip(bytes)) {
    const names = zipEntryNames?.() ?? [];
    if (names.some((n) => path.basename(n).toLowerCase() === 'stops.txt')) return 'gtfs';
    return 'shapefile';
  }
  const head = bytes.subarray(0, 4096).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return 'geojson';
  if (isGtfsStopsHeader(head.split(/\r?\n/)[0] ?? '')) return 'gtfs';
  if (['.geojson', '.json', '.ndjson', '.geojsonl'].includes(extension)) return 'geojson';
  return 'csv';
}
