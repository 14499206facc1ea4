// Turns the records of a table (a CSV or a worksheet) into source rows: lon/lat columns or WKT, blank rows skipped.
import { wktToGeoJSON } from 'betterknown';
import type { Geometry } from 'geojson';
import { DEGREES_FORMATS, readDegrees } from './degrees.js';
import { ImportRefusedError, type SourceRow } from './rows.js';

export const LONGITUDE_HEADERS = ['lon', 'lng', 'long', 'longitude', 'x', 'stop_lon', '经度', '东经'];
export const LATITUDE_HEADERS = ['lat', 'latitude', 'y', 'stop_lat', '纬度', '北纬'];
export const WKT_HEADERS = ['wkt', 'geom', 'geometry', 'the_geom', 'shape', 'geom_wkt', '几何', '空间信息'];
const WKT_START = /^\s*(SRID=\d+;\s*)?(MULTI)?(POINT|LINESTRING|POLYGON)\b/i;

/** One record of a table, by header, with the row a person sees in the file (the header is row 1). */
export interface TableRecord {
  record: Record<string, unknown>;
  row: number;
}

export interface TableRead {
  rows: SourceRow[];
  notes: string[];
}

function findColumn(headers: string[], candidates: string[]): string | undefined {
  for (const candidate of candidates) {
    const found = headers.find((h) => h.trim().toLowerCase() === candidate);
    if (found) return found;
  }
  return undefined;
}

const isBlank = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

function parseWkt(text: unknown): Pick<SourceRow, 'geometry' | 'geometryProblem'> {
  const trimmed = isBlank(text) ? '' : String(text).trim();
  if (!trimmed) return { geometry: null };
  try {
    return { geometry: (wktToGeoJSON(trimmed.replace(/^SRID=\d+;\s*/i, '')) as Geometry | null) ?? null };
  } catch (error) {
    return { geometry: null, geometryProblem: `the WKT "${trimmed.slice(0, 40)}${trimmed.length > 40 ? '…' : ''}" could not be read (${(error as Error).message})` };
  }
}

function plainNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
}

/** A point from the row's longitude and latitude cells, or the reason there is none, naming the file's own columns. */
function pointFrom(record: Record<string, unknown>, lonColumn: string, latColumn: string): Pick<SourceRow, 'geometry' | 'geometryProblem'> {
  // Decimal degrees, what nearly every cell holds, without the reader's objects (100,000 rows a second matter here).
  const lonNumber = plainNumber(record[lonColumn]);
  const latNumber = plainNumber(record[latColumn]);
  if (Number.isFinite(lonNumber) && Number.isFinite(latNumber)) return { geometry: { type: 'Point', coordinates: [lonNumber, latNumber] } };
  const lon = readDegrees(record[lonColumn]);
  const lat = readDegrees(record[latColumn]);
  if ('value' in lon && 'value' in lat) return { geometry: { type: 'Point', coordinates: [lon.value, lat.value] } };
  const problems: string[] = [];
  if ('empty' in lon && 'empty' in lat) problems.push(`${lonColumn} and ${latColumn} are empty`);
  else {
    for (const [column, read] of [[lonColumn, lon], [latColumn, lat]] as const) {
      if ('empty' in read) problems.push(`${column} is empty`);
      if ('unreadable' in read) problems.push(`${column} "${read.unreadable.slice(0, 40)}" is not a coordinate: write ${DEGREES_FORMATS}`);
    }
  }
  return { geometry: null, geometryProblem: problems.join('; ') };
}

/** A header list short enough for a message, whatever the file held. */
export function listHeaders(headers: string[]): string {
  const shown = headers.slice(0, 30).map((h) => (h.length > 40 ? `${h.slice(0, 40)}…` : h));
  return shown.join(', ') + (headers.length > 30 ? `, … (${headers.length} columns)` : '');
}

/** Says how many rows were skipped as empty, and which (the first few). */
export function blankRowsNote(rows: number[]): string[] {
  if (rows.length === 0) return [];
  const shown = rows.slice(0, 5).join(', ') + (rows.length > 5 ? ', …' : '');
  return [`${rows.length} empty row(s) skipped (row ${shown})`];
}

/**
 * The source rows of a table. Rows whose every cell is empty (the `,,,,` Excel and WPS leave at the end of a sheet)
 * are skipped and counted. A WKT column wins over longitude/latitude columns when it holds WKT: the hub's own CSV of a
 * polygon layer has both, the lon/lat being a label point for spreadsheet users.
 */
export function tableRows(headers: string[], records: TableRecord[], file: string, blankRows: number[] = []): TableRead {
  const skipped = [...blankRows];
  for (const r of records) if (headers.every((h) => isBlank(r.record[h]))) skipped.push(r.row);
  const kept = skipped.length === blankRows.length ? records : records.filter((r) => !headers.every((h) => isBlank(r.record[h])));
  skipped.sort((a, b) => a - b);
  const notes = blankRowsNote(skipped);
  if (kept.length === 0) return { rows: [], notes };
  const lonColumn = findColumn(headers, LONGITUDE_HEADERS);
  const latColumn = findColumn(headers, LATITUDE_HEADERS);
  const firstValue = (h: string) => kept.find((r) => !isBlank(r.record[h]))?.record[h];
  const holdsWkt = (h: string) => WKT_START.test(String(firstValue(h) ?? ''));
  const namedWkt = findColumn(headers, WKT_HEADERS);
  const wktColumn = namedWkt !== undefined && (!(lonColumn && latColumn) || holdsWkt(namedWkt)) ? namedWkt : headers.find(holdsWkt);
  if ((!lonColumn || !latColumn) && !wktColumn) {
    throw new ImportRefusedError(
      file,
      [{ row: 1, message: `no longitude/latitude or WKT column among: ${listHeaders(headers)}` }],
      `Name the coordinate columns one of ${LONGITUDE_HEADERS.join('/')} and ${LATITUDE_HEADERS.join('/')}, or put WKT in a column named ${WKT_HEADERS.slice(0, 3).join('/')}.`,
    );
  }
  const rows: SourceRow[] = new Array(kept.length);
  for (let i = 0; i < kept.length; i++) {
    const { record, row } = kept[i];
    const read = wktColumn && (!(lonColumn && latColumn) || !isBlank(record[wktColumn])) ? parseWkt(record[wktColumn]) : pointFrom(record, lonColumn!, latColumn!);
    rows[i] = read.geometryProblem === undefined ? { row, geometry: read.geometry, properties: record } : { row, geometry: read.geometry, geometryProblem: read.geometryProblem, properties: record };
  }
  return { rows, notes };
}
