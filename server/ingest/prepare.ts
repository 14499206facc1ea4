// Checks every row in JavaScript (geometry type, positions, attributes, duplicate codes) and converts it to WGS84.
import type { Geometry } from 'geojson';
import type { Attribute, Layer } from '../layers.js';
import { positionProblem } from './coordinates.js';
import type { CrsConversion } from './crs.js';
import { mapRow, resolveColumns, type AttributeValues, type FieldMap } from './map-fields.js';
import { ImportRefusedError, type RowProblem, type SourceRow } from './rows.js';
import { listHeaders } from './table-rows.js';

export interface PreparedRow {
  row: number;
  geometry: Geometry;
  attrs: AttributeValues;
}

/** A row that was not written, with every reason, and what the file said (for the rejects file). */
export interface RejectedRow {
  row: number;
  problems: RowProblem[];
  source: SourceRow;
}

export const GEOMETRY_TYPES: Record<Layer['geometry'], string[]> = {
  polygon: ['Polygon', 'MultiPolygon'],
  point: ['Point'],
  'polygon-or-point': ['Polygon', 'MultiPolygon', 'Point'],
  line: ['LineString', 'MultiLineString'],
};

/** Ranges the tables' CHECK constraints enforce, so a row is refused with its reason instead of failing the whole statement. */
const RANGES: Record<string, { min?: number; minExclusive?: boolean; max?: number; maxExclusive?: boolean }> = {
  direction_deg: { min: 0, max: 360, maxExclusive: true },
  fov_deg: { min: 0, minExclusive: true, max: 360 },
  range_m: { min: 0, minExclusive: true },
};
const NON_NEGATIVE = new Set(['households', 'population', 'elderly', 'service_area_m2', 'office_area_m2', 'activity_area_m2', 'social_orgs', 'volunteers', 'care_beds', 'workers']);

function rangeProblem(name: string, value: unknown): string | undefined {
  if (typeof value !== 'number') return undefined;
  const range = RANGES[name] ?? (NON_NEGATIVE.has(name) ? { min: 0 } : undefined);
  if (!range) return undefined;
  const belowMin = range.min !== undefined && (range.minExclusive ? value <= range.min : value < range.min);
  const aboveMax = range.max !== undefined && (range.maxExclusive ? value >= range.max : value > range.max);
  if (!belowMin && !aboveMax) return undefined;
  const low = range.min === undefined ? '' : `${range.minExclusive ? 'more than' : 'at least'} ${range.min}`;
  const high = range.max === undefined ? '' : `${range.maxExclusive ? 'less than' : 'at most'} ${range.max}`;
  return `${name} ${value} is out of range: it must be ${[low, high].filter(Boolean).join(' and ')}`;
}

function geometryProblem(layer: Layer, source: SourceRow, crs: CrsConversion): string | undefined {
  if (source.geometryProblem) return source.geometryProblem;
  const geometry = source.geometry;
  if (!geometry) return 'has no geometry';
  const allowed = GEOMETRY_TYPES[layer.geometry];
  if (!allowed.includes(geometry.type)) {
    // Longitude/latitude columns give points: a polygon layer needs its shapes as WKT (the hub's own CSV has a wkt column).
    const fromColumns = geometry.type === 'Point' && !allowed.includes('Point') ? ' (longitude/latitude columns give points: put each boundary as WKT in a column named wkt, or import GeoJSON or a Shapefile)' : '';
    return `is a ${geometry.type}; the ${layer.name} layer takes ${allowed.join(' or ')}${fromColumns}`;
  }
  // Projected input (metres) is checked after conversion; longitude/latitude input before, so the message quotes the file.
  return crs.geographic ? positionProblem(geometry) : undefined;
}

/**
 * Maps and checks every row. Returns the good rows converted to WGS84 and the refused rows with their problems;
 * the caller decides whether one refusal refuses the file.
 */
export function prepareRows(layer: Layer, rows: SourceRow[], crs: CrsConversion, fieldMap: FieldMap | undefined, options: PrepareOptions): { prepared: PreparedRow[]; rejected: RejectedRow[] } {
  return rowPreparer(layer, rows, crs, fieldMap, options)(rows);
}

export interface PrepareOptions {
  /** The file's name, for a refusal of the whole file. */
  fileName: string;
  /** The source's name: generated codes are `<source>-<row>`. */
  source: string;
  /** Give every row without a code the code `<source>-<row>`, instead of refusing it. */
  generateCodes?: boolean;
}

/** Where a generated code sits among a row's properties when the file has no code column. */
const GENERATED_CODE_COLUMN = '(generated code)';

const isEmpty = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * Refuses, once for the file rather than once per row, a file with no column for a required attribute, and says how to
 * give one: --map, or for the code, --generate-codes.
 */
function requireColumns(layer: Layer, columns: Map<Attribute, string>, names: string[], firstRows: number[], options: PrepareOptions): void {
  for (const attribute of layer.attributes) {
    if (!attribute.required || columns.has(attribute)) continue;
    if (attribute.name === 'code' && options.generateCodes) continue;
    const lookedFor = [attribute.name, ...(attribute.aliases ?? [])].join(', ');
    const generate = attribute.name === 'code' ? `, or let the importer number the rows (${firstRows.map((row) => `${options.source}-${row}`).join(', ')}, …) with --generate-codes` : '';
    throw new ImportRefusedError(
      options.fileName,
      [{ row: 1, field: attribute.name, message: `the ${layer.name} layer needs a ${attribute.name} for every record, and the file has no such column (looked for: ${lookedFor}; its columns are: ${listHeaders(names)})` }],
      `Name the column that holds it with --map ${attribute.name}=COLUMN${generate}; nothing was written.`,
    );
  }
}

/**
 * The same, a part of the file at a time (the import stages one part while it checks the next): columns are resolved
 * from every row's names once, and a code is a duplicate of the first row that used it, whichever part that was in.
 */
export function rowPreparer(layer: Layer, rows: SourceRow[], crs: CrsConversion, fieldMap: FieldMap | undefined, options: PrepareOptions): (part: SourceRow[]) => { prepared: PreparedRow[]; rejected: RejectedRow[] } {
  const names = new Set<string>();
  for (const r of rows) for (const name of Object.keys(r.properties)) names.add(name);
  const columns = resolveColumns(layer, [...names], fieldMap);
  // A file of no rows has no columns to miss (a live source's sync that only removes sends one).
  if (rows.length > 0) requireColumns(layer, columns, [...names], rows.slice(0, 2).map((r) => r.row), options);
  const codeAttribute = layer.attributes.find((a) => a.name === 'code')!;
  const codeColumn = columns.get(codeAttribute) ?? GENERATED_CODE_COLUMN;
  if (options.generateCodes) columns.set(codeAttribute, codeColumn);
  const firstRowOfCode = new Map<string, number>();
  return (part) => {
    const prepared: PreparedRow[] = [];
    const rejected: RejectedRow[] = [];
    for (const source of part) {
      const properties = options.generateCodes && isEmpty(source.properties[codeColumn])
        ? { ...source.properties, [codeColumn]: `${options.source}-${source.row}` }
        : source.properties;
      const { values, problems } = mapRow(layer, columns, properties, source.row);
      for (const attribute of layer.attributes) {
        const problem = rangeProblem(attribute.name, values[attribute.name]);
        if (problem) problems.push({ row: source.row, field: columns.get(attribute) ?? attribute.name, message: problem });
      }
      let geometry: Geometry | undefined;
      const inputProblem = geometryProblem(layer, source, crs);
      if (inputProblem) problems.push({ row: source.row, field: 'geometry', message: inputProblem });
      else {
        geometry = crs.toWgs84(source.geometry!);
        const converted = crs.geographic ? undefined : positionProblem(geometry);
        if (converted) problems.push({ row: source.row, field: 'geometry', message: `after conversion from ${crs.label}, ${converted}; check --crs` });
      }
      const code = values.code as string | null | undefined;
      if (code) {
        const first = firstRowOfCode.get(code);
        if (first !== undefined) problems.push({ row: source.row, field: columns.get(layer.attributes[0]) ?? 'code', message: `code "${code}" is already used by row ${first}` });
        else firstRowOfCode.set(code, source.row);
      }
      if (problems.length > 0) rejected.push({ row: source.row, problems, source });
      else prepared.push({ row: source.row, geometry: geometry!, attrs: values });
    }
    return { prepared, rejected };
  };
}
