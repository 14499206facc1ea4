// Reads a CSV with longitude/latitude columns (English or Chinese headers) into source rows.
import { parse } from 'csv-parse/sync';
import { ImportRefusedError, type SourceRow } from './rows.js';

const LONGITUDE_HEADERS = ['lon', 'lng', 'long', 'longitude', 'x', 'stop_lon', '经度'];
const LATITUDE_HEADERS = ['lat', 'latitude', 'y', 'stop_lat', '纬度'];

function findColumn(headers: string[], candidates: string[]): string | undefined {
  return headers.find((h) => candidates.includes(h.trim().toLowerCase()));
}

export function parseCsv(text: string, file: string): SourceRow[] {
  let records: Record<string, string>[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    throw new ImportRefusedError(file, [{ row: line, message: `the CSV could not be read: ${(error as Error).message}` }], 'Check that every row has as many columns as the header, and that quotes are closed.');
  }
  if (records.length === 0) return [];
  const headers = Object.keys(records[0]);
  const lonColumn = findColumn(headers, LONGITUDE_HEADERS);
  const latColumn = findColumn(headers, LATITUDE_HEADERS);
  if (!lonColumn || !latColumn) {
    throw new ImportRefusedError(file, [{ row: 1, message: `no longitude/latitude columns among: ${headers.join(', ')}` }], `Name the coordinate columns one of ${LONGITUDE_HEADERS.join('/')} and ${LATITUDE_HEADERS.join('/')}.`);
  }
  return records.map((record, index) => {
    const { [lonColumn]: lonText, [latColumn]: latText, ...properties } = record;
    const lon = lonText === '' ? NaN : Number(lonText);
    const lat = latText === '' ? NaN : Number(latText);
    return {
      row: index + 2,
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties,
    };
  });
}
