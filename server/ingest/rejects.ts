// Writes the rows an import refused, with their reasons, to a CSV beside the input (UTF-8 with BOM, for Excel and WPS).
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { RejectedRow } from './prepare.js';

/** stops.csv → stops.rejects.csv, in the same folder. */
export function rejectsPathFor(inputPath: string): string {
  const extension = path.extname(inputPath);
  return path.join(path.dirname(inputPath), `${path.basename(inputPath, extension)}.rejects.csv`);
}

/** The rejects as CSV text: row, field, reason, then the row's own columns as the file had them, then its geometry. */
export function rejectsCsv(rejected: RejectedRow[]): string {
  const columns = [...new Set(rejected.flatMap((r) => Object.keys(r.source.properties)))];
  const header = ['row', 'field', 'reason', ...columns, 'geometry'];
  const records = rejected.map((r) => [
    r.row,
    [...new Set(r.problems.map((p) => p.field ?? ''))].join('; '),
    r.problems.map((p) => p.message).join('; '),
    ...columns.map((c) => {
      const value = r.source.properties[c];
      return value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    }),
    r.source.geometry ? JSON.stringify(r.source.geometry) : '',
  ]);
  return '\uFEFF' + stringify([header, ...records]);
}

export function writeRejects(inputPath: string, rejected: RejectedRow[]): string {
  const target = rejectsPathFor(inputPath);
  fs.writeFileSync(target, rejectsCsv(rejected), 'utf8');
  return target;
}
