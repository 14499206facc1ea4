// Writes the demo city's layers as ordinary GeoJSON and CSV files, the same kind a department would hand in.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { stringify } from 'csv-stringify/sync';

export interface WrittenFile {
  path: string;
  rows: number;
  bytes: number;
  sha256: string;
  content: Buffer;
}

/** Writes a file as it is (the real districts, say) and notes its hash. */
export function writeText(path: string, text: string, rows: number): WrittenFile {
  const content = Buffer.from(text, 'utf8');
  fs.writeFileSync(path, content);
  return { path, rows, bytes: content.length, sha256: crypto.createHash('sha256').update(content).digest('hex'), content };
}

/** One feature per line; `geometry` is GeoJSON text from PostGIS (ST_AsGeoJSON), spliced in without re-parsing. */
export function writeGeoJson(path: string, features: readonly { properties: object; geometry: string }[]): WrittenFile {
  const lines = features.map((f) => `{"type":"Feature","properties":${JSON.stringify(f.properties)},"geometry":${f.geometry}}`);
  return writeText(path, `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`, features.length);
}

/** A header line and one line per row, quoted only where a field needs it (RFC 4180, by csv-stringify). */
export function writeCsv(path: string, columns: readonly string[], rows: readonly Record<string, unknown>[]): WrittenFile {
  const text = stringify(rows as Record<string, unknown>[], {
    header: true,
    columns: [...columns],
    // As the file's readers expect: true/false and dates as text (csv-stringify writes 1/'' and epoch milliseconds).
    cast: { boolean: (value) => String(value), date: (value) => String(value) },
  });
  return writeText(path, text, rows.length);
}
