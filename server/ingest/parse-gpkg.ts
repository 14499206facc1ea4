// Reads a GeoPackage (.gpkg, a SQLite file) into source rows: its feature table, SRS and GeoPackage-binary geometries.
import initSqlJs, { type Database as SqliteDatabase, type SqlValue } from 'sql.js';
import { ImportRefusedError, type SourceRow } from './rows.js';
import { readGeoPackageGeometry } from './wkb.js';

export interface GeoPackageRead {
  rows: SourceRow[];
  /** EPSG:n when the table's SRS is an EPSG system. */
  crs?: string;
  /** The SRS's WKT when it is not an EPSG system. */
  prj?: string;
  notes: string[];
}

interface FeatureTable {
  table: string;
  column: string;
  srsId: number;
}

// SQLite compiled to WebAssembly (no native build): loaded once per process, on the first GeoPackage.
let sqlite: ReturnType<typeof initSqlJs> | undefined;

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

function refuse(file: string, message: string, hint = 'Save the layer again as a GeoPackage (or GeoJSON) and import that.'): never {
  throw new ImportRefusedError(file, [{ row: 0, message }], `${hint} Nothing was written.`);
}

function select(db: SqliteDatabase, sql: string, params: SqlValue[] = []): Record<string, SqlValue>[] {
  const statement = db.prepare(sql, params);
  const rows: Record<string, SqlValue>[] = [];
  try {
    while (statement.step()) rows.push(statement.getAsObject());
  } finally {
    statement.free();
  }
  return rows;
}

function featureTables(db: SqliteDatabase, file: string): FeatureTable[] {
  const has = (name: string) => select(db, `SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?`, [name]).length > 0;
  if (!has('gpkg_geometry_columns') || !has('gpkg_spatial_ref_sys')) {
    refuse(file, 'is a SQLite database but not a GeoPackage (it has no gpkg_geometry_columns or gpkg_spatial_ref_sys table)');
  }
  const contentsOrder = has('gpkg_contents') ? 'LEFT JOIN gpkg_contents c ON c.table_name = g.table_name ORDER BY c.rowid, g.table_name' : 'ORDER BY g.table_name';
  return select(db, `SELECT g.table_name, g.column_name, g.srs_id FROM gpkg_geometry_columns g ${contentsOrder}`)
    .map((r) => ({ table: String(r.table_name), column: String(r.column_name), srsId: Number(r.srs_id) }));
}

/** The SRS of a table: EPSG systems by code (the store's spatial_ref_sys converts them), others by their WKT. */
function srsOf(db: SqliteDatabase, srsId: number, file: string): Pick<GeoPackageRead, 'crs' | 'prj'> & { note?: string } {
  const [srs] = select(db, 'SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?', [srsId]);
  if (!srs) refuse(file, `the geometry column's srs_id ${srsId} is not in gpkg_spatial_ref_sys`);
  // The GeoPackage standard's two undefined systems: -1 (Cartesian) and 0 (geographic) say nothing; --crs decides.
  if (srsId === 0 || srsId === -1) return { note: `the table's coordinate system is undefined (srs_id ${srsId}): coordinates taken as given by --crs (WGS84 by default)` };
  if (String(srs.organization ?? '').toUpperCase() === 'EPSG' && Number(srs.organization_coordsys_id) > 0) return { crs: `EPSG:${Number(srs.organization_coordsys_id)}` };
  const definition = String(srs.definition ?? '').trim();
  if (definition && definition.toLowerCase() !== 'undefined') return { prj: definition };
  return { note: `srs_id ${srsId} has no definition: coordinates taken as given by --crs (WGS84 by default)` };
}

export async function parseGeoPackage(bytes: Buffer, file: string, tableName?: string): Promise<GeoPackageRead> {
  sqlite ??= initSqlJs();
  const SQL = await sqlite;
  let db: SqliteDatabase;
  try {
    db = new SQL.Database(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    refuse(file, `the GeoPackage could not be opened (${(error as Error).message}); it may be cut short`);
  }
  try {
    let tables: FeatureTable[];
    try {
      tables = featureTables(db, file);
    } catch (error) {
      if (error instanceof ImportRefusedError) throw error;
      refuse(file, `the GeoPackage could not be read (${(error as Error).message.slice(0, 200)}); it may be cut short or damaged`, 'Copy the file again and import the complete GeoPackage.');
    }
    if (tables.length === 0) refuse(file, 'the GeoPackage holds no feature table (gpkg_geometry_columns is empty)');
    const chosen = tableName === undefined ? tables[0] : tables.find((t) => t.table === tableName);
    if (!chosen) refuse(file, `the GeoPackage has no feature table "${tableName}" (its tables: ${tables.map((t) => t.table).join(', ')})`, 'Give --sheet one of those names.');
    let srsRead: ReturnType<typeof srsOf>;
    try {
      srsRead = srsOf(db, chosen.srsId, file);
    } catch (error) {
      if (error instanceof ImportRefusedError) throw error;
      refuse(file, `gpkg_spatial_ref_sys could not be read (${(error as Error).message.slice(0, 200)}); the GeoPackage may be damaged`, 'Copy the file again and import the complete GeoPackage.');
    }
    const { note, ...srs } = srsRead;
    const rows: SourceRow[] = [];
    let index = 0;
    try {
      for (const record of select(db, `SELECT * FROM ${quoteIdentifier(chosen.table)} ORDER BY rowid`)) {
        index++;
        const blob = record[chosen.column];
        const properties: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(record)) if (key !== chosen.column && !(value instanceof Uint8Array)) properties[key] = value;
        if (!(blob instanceof Uint8Array)) {
          rows.push({ row: index, geometry: null, properties });
          continue;
        }
        try {
          rows.push({ row: index, geometry: readGeoPackageGeometry(blob).geometry, properties });
        } catch (error) {
          rows.push({ row: index, geometry: null, geometryProblem: `the geometry could not be read (${(error as Error).message})`, properties });
        }
      }
    } catch (error) {
      refuse(file, `the table ${chosen.table} could not be read (${(error as Error).message.slice(0, 200)}); the GeoPackage may be damaged`, 'Copy the file again and import the complete GeoPackage.');
    }
    const notes = [`read table "${chosen.table}"${tables.length > 1 ? ` of ${tables.length} (${tables.map((t) => t.table).join(', ')}); choose another with --sheet` : ''}`];
    if (note) notes.push(note);
    return { rows, ...srs, notes };
  } finally {
    db.close();
  }
}
