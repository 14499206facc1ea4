// Reads a zipped Shapefile (.shp, .dbf, .prj, .cpg) into source rows; DBF text in GBK is detected when no .cpg says so.
import path from 'node:path';
import AdmZip from 'adm-zip';
import iconv from 'iconv-lite';
import * as shapefile from 'shapefile';
import type { Geometry } from 'geojson';
import { isUtf8 } from './decode-text.js';
import { SUPPORTED_FORMATS } from './formats.js';
import { checkZip } from './limits.js';
import { ImportRefusedError, type SourceRow } from './rows.js';

export interface ShapefileRead {
  rows: SourceRow[];
  /** The .prj's WKT, when the zip has one. */
  prj?: string;
  /** The DBF's text encoding, as used. */
  encoding: string;
  notes: string[];
}

/** A .cpg names the DBF's code page: "UTF-8", "GBK", "936", "CP936", … */
function encodingFromCpg(cpg: string): string | undefined {
  const value = cpg.trim().toLowerCase().replace(/^cp/, '');
  if (value === '936' || value === 'gbk' || value === 'gb2312' || value === 'gb18030') return 'gb18030';
  if (value === '65001' || value === 'utf8' || value === 'utf-8') return 'utf-8';
  return iconv.encodingExists(value) ? value : undefined;
}

/** The DBF records' bytes (after the header) are checked as UTF-8; anything else from a Chinese source is GB18030. */
function detectDbfEncoding(dbf: Buffer): string {
  const headerLength = dbf.readUInt16LE(8);
  const ldid = dbf[29];
  if (ldid === 0x4d || ldid === 0x7a) return 'gb18030'; // the language driver ids for code page 936
  return isUtf8(dbf.subarray(headerLength)) ? 'utf-8' : 'gb18030';
}

type DbfValue = string | number | boolean | Date | null;

/** The value converters of the `shapefile` package's DBF reader, so that records read here are the same values (but an empty date). */
const DBF_TYPES: Record<string, (text: string) => DbfValue> = {
  B: readDbfNumber,
  C: (text) => text.trim() || null,
  // An empty date (GDAL writes eight blanks for null; some writers eight zeros) is null, not 30 November 1899 as
  // `shapefile`'s converter makes it.
  D: (text) => (/^[\s0]*$/.test(text) ? null : new Date(+text.substring(0, 4), Number(text.substring(4, 6)) - 1, +text.substring(6, 8))),
  F: readDbfNumber,
  L: (text) => (/^[nf]$/i.test(text) ? false : /^[yt]$/i.test(text) ? true : null),
  M: readDbfNumber,
  N: readDbfNumber,
};

function readDbfNumber(text: string): number | null {
  const trimmed = text.trim();
  const value = trimmed ? Number(trimmed) : NaN;
  return Number.isNaN(value) ? null : value;
}

/**
 * The DBF's records, read from the buffer in one pass: its header gives the fields (name, type, width) and the record
 * length. The `shapefile` package decodes every field through a JavaScript TextDecoder polyfill, 60 µs a record (750 ms
 * for 12,000 cameras); iconv-lite decodes the same bytes natively.
 */
function* readDbf(dbf: Buffer, encoding: string): Generator<Record<string, DbfValue>> {
  if (dbf.length < 32) throw new Error('the .dbf is shorter than its header');
  const headerLength = dbf.readUInt16LE(8);
  const recordLength = dbf.readUInt16LE(10);
  const fields: { name: string; type: string; length: number; convert: (text: string) => DbfValue }[] = [];
  for (let n = 32; n < headerLength && dbf[n] !== 0x0d; n += 32) {
    let end = n;
    while (end < n + 11 && dbf[end] !== 0) end++;
    const type = String.fromCharCode(dbf[n + 11]);
    const convert = DBF_TYPES[type];
    if (!convert) throw new Error(`the .dbf has a field of unknown type "${type}"`);
    fields.push({ name: iconv.decode(dbf.subarray(n, end), encoding), type, length: dbf[n + 16], convert });
  }
  for (let start = headerLength; start + recordLength <= dbf.length && dbf[start] !== 0x1a; start += recordLength) {
    const record: Record<string, DbfValue> = {};
    let offset = start + 1; // the deletion flag
    for (const field of fields) {
      record[field.name] = field.convert(iconv.decode(dbf.subarray(offset, offset + field.length), encoding));
      offset += field.length;
    }
    yield record;
  }
}

function refuse(file: string, message: string, hint?: string): never {
  throw new ImportRefusedError(file, [{ row: 0, message }], hint ?? 'Zip the .shp, .shx, .dbf, .prj (and .cpg) of one layer together and import the zip; nothing was written.');
}

export async function parseShapefile(bytes: Buffer, file: string, encodingOverride?: string): Promise<ShapefileRead> {
  let zip: AdmZip;
  try {
    zip = new AdmZip(bytes);
  } catch (error) {
    refuse(file, `the zip could not be opened (${(error as Error).message}); it may be cut short`, 'Copy the file again and import the complete zip; nothing was written.');
  }
  checkZip(zip, file);
  const entries = zip.getEntries().filter((e) => !e.isDirectory && !e.entryName.startsWith('__MACOSX/'));
  const shps = entries.filter((e) => e.entryName.toLowerCase().endsWith('.shp'));
  if (shps.length === 0) {
    const held = entries.slice(0, 20).map((e) => e.entryName).join(', ') + (entries.length > 20 ? `, … (${entries.length} files)` : '');
    refuse(file, `the zip holds no .shp file (it holds: ${held || 'nothing'})`, `A zip is read as a Shapefile, a GTFS feed, a KMZ or an .xlsx workbook. ${SUPPORTED_FORMATS} Nothing was written.`);
  }
  if (shps.length > 1) refuse(file, `the zip holds ${shps.length} layers (${shps.map((e) => e.entryName).join(', ')})`, 'Zip one layer per file and import each on its own; nothing was written.');
  const base = shps[0].entryName.slice(0, -4).toLowerCase();
  const sibling = (extension: string) => entries.find((e) => e.entryName.toLowerCase() === base + extension)?.getData();
  const dbf = sibling('.dbf');
  const prj = sibling('.prj')?.toString('utf8');
  const cpg = sibling('.cpg')?.toString('utf8');
  const encoding = encodingOverride ?? (cpg ? encodingFromCpg(cpg) : undefined) ?? (dbf ? detectDbfEncoding(dbf) : 'utf-8');

  const rows: SourceRow[] = [];
  try {
    // Geometries from `shapefile`, attributes from the DBF reader above (iconv-lite knows GB18030).
    if (!iconv.encodingExists(encoding)) throw new Error(`unknown text encoding "${encoding}"`);
    const source = await shapefile.openShp(shps[0].getData());
    const records = dbf ? readDbf(dbf, encoding) : undefined;
    for (let row = 1; ; row++) {
      const next = await source.read();
      if (next.done) break;
      const record = records?.next();
      const properties = Object.fromEntries(Object.entries((record && !record.done ? record.value : undefined) ?? {}).map(([key, value]) => [key, typeof value === 'string' ? value.trim() : value]));
      rows.push({ row, geometry: (next.value ?? null) as Geometry | null, properties });
    }
  } catch (error) {
    refuse(file, `the Shapefile ${path.basename(shps[0].entryName)} could not be read (${(error as Error).message}); it may be cut short or damaged`);
  }
  const notes = [`DBF text read as ${encoding}${cpg ? ' (from the .cpg)' : encodingOverride ? ' (--encoding)' : ' (detected)'}`];
  if (!dbf) notes.push('no .dbf: the features have no attributes');
  if (!prj) notes.push('no .prj: coordinates taken as given by --crs (WGS84 by default)');
  return { rows, prj, encoding, notes };
}
