// Writes an export table as GeoJSON, CSV (UTF-8 with a byte-order mark, so Excel and WPS show Chinese) or Excel .xlsx.
import { stringify } from 'csv-stringify/sync';
import { geoJSONToWkt } from 'betterknown';
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import type { Geometry } from 'geojson';
import { badInput } from '../errors.js';
import type { ExportTable } from './table.js';

export type ExportFormat = 'geojson' | 'csv' | 'xlsx';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['geojson', 'csv', 'xlsx'];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  geojson: 'application/geo+json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Excel refuses cells longer than this; longer text is cut and says so. */
const EXCEL_CELL_MAX = 32_767;

export function parseExportFormat(text: string): ExportFormat {
  const value = text.toLowerCase().replace(/^json$/, 'geojson');
  if (!EXPORT_FORMATS.includes(value as ExportFormat)) throw badInput(`Unknown export format "${text}". Use one of: ${EXPORT_FORMATS.join(', ')}.`);
  return value as ExportFormat;
}

export function toGeoJson(table: ExportTable): string {
  const features = table.rows.map((row, i) => `{"type":"Feature","properties":${JSON.stringify(row)},"geometry":${table.geometries[i] ?? 'null'}}`);
  return `{"type":"FeatureCollection","features":[\n${features.join(',\n')}\n]}\n`;
}

function withPoints(table: ExportTable): { header: string[]; values: (string | number | boolean | null)[][] } {
  const hasPoints = table.labelPoints.some(Boolean);
  const header = [...table.columns, ...(hasPoints ? ['lon', 'lat'] : [])];
  const values = table.rows.map((row, i) => [...table.columns.map((c) => row[c]), ...(hasPoints ? (table.labelPoints[i] ?? [null, null]) : [])]);
  return { header, values };
}

export function toCsv(table: ExportTable): string {
  const { header, values } = withPoints(table);
  const wkt = !table.points;
  const records = values.map((v, i) => [...v, ...(wkt ? [table.geometries[i] ? geoJSONToWkt(JSON.parse(table.geometries[i]!) as Geometry) : ''] : [])]);
  return '\uFEFF' + stringify([[...header, ...(wkt ? ['wkt'] : [])], ...records], { cast: { boolean: (b) => (b ? 'true' : 'false') } });
}

export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const { header, values } = withPoints(table);
  const data: SheetData = [
    header.map((h) => ({ value: h, fontWeight: 'bold' as const })),
    ...values.map((row) =>
      row.map((value) => {
        if (value === null || value === undefined) return null;
        if (typeof value === 'number') return { value, type: Number };
        if (typeof value === 'boolean') return { value, type: Boolean };
        const text = String(value);
        return { value: text.length > EXCEL_CELL_MAX ? `${text.slice(0, EXCEL_CELL_MAX - 20)}… (cut: too long)` : text, type: String };
      }),
    ),
  ];
  return writeXlsxFile(data, { sheet: table.name.slice(0, 31), stickyRowsCount: 1 }).toBuffer();
}

export async function writeExport(table: ExportTable, format: ExportFormat): Promise<Buffer> {
  switch (format) {
    case 'geojson':
      return Buffer.from(toGeoJson(table), 'utf8');
    case 'csv':
      return Buffer.from(toCsv(table), 'utf8');
    case 'xlsx':
      return toXlsx(table);
  }
}
