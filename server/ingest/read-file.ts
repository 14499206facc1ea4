// Reads a file of any supported format into source rows, with what was learnt on the way (encoding, .prj, notes).
import AdmZip from 'adm-zip';
import { decodeText } from './decode-text.js';
import { detectFormat, isZip, type ImportFormat } from './formats.js';
import { parseCsv } from './parse-csv.js';
import { parseGeoJson } from './parse-geojson.js';
import { parseGeoPackage } from './parse-gpkg.js';
import { parseGtfs } from './parse-gtfs.js';
import { parseKml } from './parse-kml.js';
import { parseShapefile } from './parse-shapefile.js';
import { parseXlsx } from './parse-xlsx.js';
import type { SourceRow } from './rows.js';

export interface FileRead {
  format: ImportFormat;
  rows: SourceRow[];
  encoding?: string;
  prj?: string;
  /** A coordinate system the file names itself (a GeoPackage's EPSG code), used when --crs is not given. */
  crs?: string;
  notes: string[];
}

export interface ReadOptions {
  forced?: ImportFormat;
  encoding?: string;
  /** The sheet of a workbook, or the feature table of a GeoPackage; the first when not given. */
  sheet?: string;
}

function zipEntryNames(bytes: Buffer): string[] {
  try {
    return new AdmZip(bytes).getEntries().map((e) => e.entryName);
  } catch {
    return [];
  }
}

export async function readImportFile(bytes: Buffer, fileName: string, { forced, encoding, sheet }: ReadOptions = {}): Promise<FileRead> {
  const format = forced ?? detectFormat(fileName, bytes, () => zipEntryNames(bytes));
  switch (format) {
    case 'geojson': {
      const decoded = decodeText(bytes, encoding);
      return { format, rows: parseGeoJson(decoded.text, fileName), encoding: decoded.encoding, notes: [] };
    }
    case 'csv': {
      const decoded = decodeText(bytes, encoding);
      const read = parseCsv(decoded.text, fileName);
      return { format, rows: read.rows, encoding: decoded.encoding, notes: [...(decoded.encoding === 'utf-8' ? [] : [`text read as ${decoded.encoding}`]), ...read.notes] };
    }
    case 'xlsx': {
      const read = await parseXlsx(bytes, fileName, sheet);
      return { format, rows: read.rows, notes: read.notes };
    }
    case 'kml': {
      const read = parseKml(bytes, fileName, encoding);
      return { format, rows: read.rows, encoding: read.encoding, notes: read.notes };
    }
    case 'gpkg': {
      const read = await parseGeoPackage(bytes, fileName, sheet);
      return { format, rows: read.rows, crs: read.crs, prj: read.prj, notes: read.notes };
    }
    case 'gtfs': {
      const read = parseGtfs(bytes, fileName, isZip(bytes));
      return { format, rows: read.rows, notes: read.notes };
    }
    case 'shapefile': {
      const read = await parseShapefile(bytes, fileName, encoding);
      return { format, rows: read.rows, encoding: read.encoding, prj: read.prj, notes: read.notes };
    }
  }
}
