// Which parser reads a file: from --format, else the file's name, else its first bytes.
import path from 'node:path';
import { badInput } from '../errors.js';
import { decodeHead, utf16Encoding } from './decode-text.js';
import { ImportRefusedError } from './rows.js';

export type ImportFormat = 'geojson' | 'csv' | 'xlsx' | 'kml' | 'gpkg' | 'gtfs' | 'shapefile';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['geojson', 'csv', 'xlsx', 'kml', 'gpkg', 'gtfs', 'shapefile'];

/** The one sentence a refusal of an unknown file ends with. */
export const SUPPORTED_FORMATS =
  'The importer reads GeoJSON (also newline-delimited), CSV or tab-separated text (UTF-8, GBK or UTF-16), Excel .xlsx, KML or KMZ, GeoPackage (.gpkg), a zipped Shapefile, and a GTFS feed or its stops.txt.';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** Excel 97–2003 (.xls), old Word and other OLE2 compound files. */
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((byte, index) => bytes[index] === byte);
}

export function isSqlite(bytes: Uint8Array): boolean {
  return bytes.length >= SQLITE_MAGIC.length && SQLITE_MAGIC.every((byte, index) => bytes[index] === byte);
}

/** A GTFS stops.txt is a CSV whose header has stop_id, stop_lat and stop_lon. */
export function isGtfsStopsHeader(firstLine: string): boolean {
  const columns = firstLine.replace(/^\uFEFF/, '').split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  return ['stop_id', 'stop_lat', 'stop_lon'].every((c) => columns.includes(c));
}

export function parseFormat(text: string | undefined): ImportFormat | undefined {
  if (text === undefined) return undefined;
  const value = text.toLowerCase()
    .replace(/^shp$/, 'shapefile')
    .replace(/^(ndjson|geojsonl|json)$/, 'geojson')
    .replace(/^(tsv|txt)$/, 'csv')
    .replace(/^(excel)$/, 'xlsx')
    .replace(/^(kmz)$/, 'kml')
    .replace(/^(geopackage)$/, 'gpkg');
  if (!IMPORT_FORMATS.includes(value as ImportFormat)) throw badInput(`Unknown format "${text}". Use one of: ${IMPORT_FORMATS.join(', ')}.`);
  return value as ImportFormat;
}

/** Refuses a file that is none of the formats, in a message short enough to read (never the file's bytes). */
function refuseUnknown(fileName: string, what: string, hint = SUPPORTED_FORMATS): never {
  throw new ImportRefusedError(fileName, [{ row: 0, message: what }], `${hint} Nothing was written.`);
}

/**
 * Whether the first bytes hold control characters that no text file has (NUL and the like; not tabs, line ends, or the
 * 0x1A end-of-file mark old DOS tools leave).
 */
function looksBinary(head: Uint8Array): boolean {
  let control = 0;
  for (const byte of head) if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1a)) control++;
  return control > 0 && control >= head.length / 100;
}

/**
 * Recognises the format. A zip is a GTFS feed when it holds stops.txt, a workbook when it holds xl/workbook.xml, a KMZ
 * when it holds a .kml, else a Shapefile; a SQLite file is a GeoPackage; a text file (UTF-8, GBK or UTF-16) is GeoJSON
 * when it starts with `{` or `[`, KML when it is XML, a GTFS stops.txt when its header says so, else CSV. The
 * extension only decides between what the content leaves open. Other binary files are refused, naming the formats read.
 */
export function detectFormat(fileName: string, bytes: Buffer, zipEntryNames?: () => string[]): ImportFormat {
  const extension = path.extname(fileName).toLowerCase();
  if (isZip(bytes)) {
    const names = zipEntryNames?.() ?? [];
    const base = (n: string) => path.basename(n).toLowerCase();
    if (names.some((n) => base(n) === 'stops.txt')) return 'gtfs';
    if (names.some((n) => n.toLowerCase() === 'xl/workbook.xml')) return 'xlsx';
    if (names.some((n) => n.toLowerCase().endsWith('.kml')) && !names.some((n) => n.toLowerCase().endsWith('.shp'))) return 'kml';
    if (names.some((n) => n.toLowerCase() === 'word/document.xml')) refuseUnknown(fileName, 'is a Word document, not a data file', `Export the table as .xlsx or CSV. ${SUPPORTED_FORMATS}`);
    return 'shapefile';
  }
  if (isSqlite(bytes)) return 'gpkg';
  if (OLE2_MAGIC.every((byte, index) => bytes[index] === byte)) {
    refuseUnknown(fileName, 'is an Excel 97–2003 workbook (.xls) or another old Office file', `Save it in Excel or WPS as .xlsx (or CSV) and import that. ${SUPPORTED_FORMATS}`);
  }
  const utf16 = utf16Encoding(bytes);
  const head = utf16 ? decodeHead(bytes, utf16) : bytes.subarray(0, 4096).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (!utf16 && looksBinary(bytes.subarray(0, 4096))) {
    const kind = bytes.subarray(0, 5).toString('latin1') === '%PDF-' ? 'is a PDF, not a data file' : `is not a file the importer reads (its first bytes are not text)`;
    refuseUnknown(fileName, kind);
  }
  if (head.startsWith('{') || head.startsWith('[')) return 'geojson';
  if (head.startsWith('<')) {
    if (/<kml[\s>]/i.test(head) || extension === '.kml') return 'kml';
    refuseUnknown(fileName, `is XML but not KML (it starts "${head.slice(0, 60).replace(/\s+/g, ' ')}")`);
  }
  if (isGtfsStopsHeader(head.split(/\r?\n/)[0] ?? '')) return 'gtfs';
  if (['.geojson', '.json', '.ndjson', '.geojsonl'].includes(extension)) return 'geojson';
  return 'csv';
}
