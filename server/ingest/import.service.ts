// Imports one file into one layer in a single transaction: it lands whole, or nothing is written.
import crypto from 'node:crypto';
import path from 'node:path';
import type { Geometry } from 'geojson';
import type { Database, Queryable } from '../db/database.js';
import { loadQueries } from '../db/queries.js';
import { LAYERS, type Layer, type LayerName } from '../layers.js';
import { parseCsv } from './parse-csv.js';
import { parseGeoJson } from './parse-geojson.js';
import { parseCrs, positionProblem, toWgs84, type CrsName } from './coordinates.js';
import { mapRow, resolveColumns, type AttributeValues, type FieldMap } from './map-fields.js';
import { ImportRefusedError, type RowProblem, type SourceRow } from './rows.js';
import { relink } from './links.js';

const sql = loadQueries(new URL('./stage.sql', import.meta.url), [
  'createStage', 'stageChunk', 'invalidRows', 'repairPolygons', 'repairLines', 'emptyRows', 'beginRun', 'finishRun', 'bumpVersions',
] as const);

export type ImportFormat = 'geojson' | 'csv';

export interface ImportOptions {
  layer: LayerName;
  /** The file's name as the person knows it: every message names it. */
  fileName: string;
  content: Buffer | string;
  format?: ImportFormat;
  crs?: CrsName | string;
  /** Who sent the data; re-imports from the same source update in place. Defaults to the file's base name. */
  source?: string;
  fieldMap?: FieldMap;
  actor?: string;
  /** Remove what this source loaded before and is not in this file. */
  replace?: boolean;
}

export interface ImportSummary {
  runId: number;
  layer: LayerName;
  fileName: string;
  source: string;
  format: ImportFormat;
  crs: CrsName;
  rowsRead: number;
  rowsWritten: number;
  rowsRepaired: number;
  rowsRefused: number;
  rowsRemoved: number;
  repairs: RowProblem[];
}

const CHUNK_ROWS = 2000;
const GEOMETRY_TYPES: Record<Layer['geometry'], string[]> = {
  polygon: ['Polygon', 'MultiPolygon'],
  point: ['Point'],
  'polygon-or-point': ['Polygon', 'MultiPolygon', 'Point'],
  line: ['LineString', 'MultiLineString'],
};

export function detectFormat(fileName: string, text: string): ImportFormat {
  const extension = path.extname(fileName).toLowerCase();
  if (['.geojson', '.json', '.ndjson', '.geojsonl'].includes(extension)) return 'geojson';
  if (['.csv', '.txt'].includes(extension)) return 'csv';
  return /^\s*[{[]/.test(text.replace(/^\uFEFF/, '')) ? 'geojson' : 'csv';
}

interface PreparedRow {
  row: number;
  geometry: Geometry;
  attrs: AttributeValues;
}

/** Parses, converts and checks every row in JavaScript; returns the rows or every problem found. */
function prepareRows(layer: Layer, rows: SourceRow[], fileName: string, crs: CrsName, fieldMap: FieldMap | undefined): PreparedRow[] {
  const columns = resolveColumns(layer, [...new Set(rows.flatMap((r) => Object.keys(r.properties)))], fieldMap);
  const allowedTypes = GEOMETRY_TYPES[layer.geometry];
  const problems: RowProblem[] = [];
  const prepared: PreparedRow[] = [];
  const firstRowOfCode = new Map<string, number>();
  for (const source of rows) {
    const { values, problems: attributeProblems } = mapRow(layer, columns, source.properties, source.row);
    problems.push(...attributeProblems);
    const geometry = source.geometry;
    if (!geometry) {
      problems.push({ row: source.row, field: 'geometry', message: 'has no geometry' });
      continue;
    }
    if (!allowedTypes.includes(geometry.type)) {
      problems.push({ row: source.row, field: 'geometry', message: `is a ${geometry.type}; the ${layer.name} layer takes ${allowedTypes.join(' or ')}` });
      continue;
    }
    const positionError = positionProblem(geometry);
    if (positionError) {
      problems.push({ row: source.row, field: 'geometry', message: positionError });
      continue;
    }
    const code = values.code as string | null;
    if (code) {
      const first = firstRowOfCode.get(code);
      if (first !== undefined) problems.push({ row: source.row, field: 'code', message: `code "${code}" is already used by row ${first}` });
      else firstRowOfCode.set(code, source.row);
    }
    if (attributeProblems.length === 0) prepared.push({ row: source.row, geometry: toWgs84(geometry, crs), attrs: values });
  }
  if (problems.length > 0) throw new ImportRefusedError(fileName, problems);
  return prepared;
}

function attributeExpression(layer: Layer, name: string): string {
  const attribute = layer.attributes.find((a) => a.name === name)!;
  switch (attribute.type) {
    case 'text':
      return `(s.attrs->>'${name}')`;
    case 'integer':
      return `(s.attrs->>'${name}')::integer`;
    case 'number':
      return `(s.attrs->>'${name}')::double precision`;
    case 'date':
      return `(s.attrs->>'${name}')::date`;
    case 'json':
      return `coalesce(nullif(s.attrs->'${name}', 'null'::jsonb), '{}'::jsonb)`;
  }
}

/** The upsert for a layer, built only from the layer registry's identifiers. Unchanged rows are left untouched. */
function upsertSql(layer: Layer): string {
  const names = layer.attributes.map((a) => a.name);
  const geometry = layer.geometry === 'polygon' || layer.geometry === 'line' ? 'ST_Multi(s.geom)' : 's.geom';
  const updatable = [...names.filter((n) => n !== 'code'), 'geom'];
  return `INSERT INTO ${layer.table} AS t (${names.join(', ')}, geom, source, import_run_id, source_row)
    SELECT ${names.map((n) => attributeExpression(layer, n)).join(', ')}, ${geometry}, $2, $1, s.source_row
    FROM import_rows s
    ON CONFLICT (code) DO UPDATE SET
      ${updatable.map((n) => `${n} = EXCLUDED.${n}`).join(', ')},
      source = EXCLUDED.source, import_run_id = EXCLUDED.import_run_id, source_row = EXCLUDED.source_row
    WHERE (${updatable.map((n) => `t.${n}`).join(', ')}, t.source) IS DISTINCT FROM (${updatable.map((n) => `EXCLUDED.${n}`).join(', ')}, EXCLUDED.source)`;
}

async function stageAndCheck(client: Queryable, layer: Layer, rows: PreparedRow[], fileName: string): Promise<RowProblem[]> {
  await client.query(sql.createStage);
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS).map((r) => ({ row: r.row, geometry: JSON.stringify(r.geometry), attrs: r.attrs }));
    await client.query(sql.stageChunk, [JSON.stringify(chunk)]);
  }
  const invalid = (await client.query<{ row: number; reason: string }>(sql.invalidRows)).rows;
  const repairs = invalid.map((r) => ({ row: r.row, field: 'geometry', message: `repaired: ${r.reason}` }));
  if (invalid.length > 0) {
    const repair = layer.geometry === 'line' ? sql.repairLines : sql.repairPolygons;
    await client.query(repair, [invalid.map((r) => r.row)]);
    const empty = (await client.query<{ row: number }>(sql.emptyRows)).rows;
    if (empty.length > 0) {
      const reasons = new Map(invalid.map((r) => [r.row, r.reason]));
      throw new ImportRefusedError(
        fileName,
        empty.map((r) => ({ row: r.row, field: 'geometry', message: `invalid (${reasons.get(r.row) ?? 'empty'}) and could not be repaired` })),
      );
    }
  }
  return repairs;
}

export async function importFile(db: Database, options: ImportOptions): Promise<ImportSummary> {
  const layer = LAYERS[options.layer];
  if (!layer) throw new Error(`There is no layer "${options.layer}".`);
  const buffer = typeof options.content === 'string' ? Buffer.from(options.content, 'utf8') : options.content;
  const text = buffer.toString('utf8');
  const format = options.format ?? detectFormat(options.fileName, text);
  const crs = parseCrs(options.crs);
  const source = options.source ?? path.basename(options.fileName).replace(/\.[^.]+$/, '');
  const sourceRows = format === 'csv' ? parseCsv(text, options.fileName) : parseGeoJson(text, options.fileName);
  const rows = prepareRows(layer, sourceRows, options.fileName, crs, options.fieldMap);
  const sha256 = crypto.createHash('sha256').update(buffer).digest('hex');

  return db.transaction(async (client) => {
    const runId = Number((await client.query<{ id: string }>(sql.beginRun, [layer.name, source, options.fileName, sha256, format, crs, sourceRows.length, options.actor ?? null])).rows[0].id);
    const repairs = await stageAndCheck(client, layer, rows, options.fileName);
    const written = (await client.query(upsertSql(layer), [runId, source])).rowCount ?? 0;
    let removed = 0;
    if (options.replace) {
      removed = (await client.query(`DELETE FROM ${layer.table} WHERE source = $1 AND code <> ALL($2::text[])`, [source, rows.map((r) => r.attrs.code)])).rowCount ?? 0;
    }
    const changedLayers = written + removed > 0 ? await relink(client, layer.name, runId) : [];
    if (changedLayers.length > 0) await client.query(sql.bumpVersions, [changedLayers]);
    await client.query(sql.finishRun, [runId, written, repairs.length, 0, 'completed']);
    return {
      runId, layer: layer.name, fileName: options.fileName, source, format, crs,
      rowsRead: sourceRows.length, rowsWritten: written, rowsRepaired: repairs.length, rowsRefused: 0, rowsRemoved: removed, repairs,
    };
  });
}
