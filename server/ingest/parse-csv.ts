// Reads delimited text (CSV, or the tab-separated "Unicode text" Excel saves) into source rows through table-rows.
import { parse } from 'csv-parse/sync';
import { ImportRefusedError } from './rows.js';
import { tableRows, type TableRead, type TableRecord } from './table-rows.js';

type Delimiter = ',' | '\t' | ';';

/** The delimiter of the header line: the one it holds most of (outside quotes), commas when it holds none. */
export function detectDelimiter(text: string): Delimiter {
  const start = text.search(/\S/);
  const end = start < 0 ? 0 : text.indexOf('\n', start);
  const header = (start < 0 ? '' : text.slice(start, end < 0 ? undefined : end)).replace(/"[^"]*"/g, '');
  const counts = ([',', '\t', ';'] as const).map((d) => ({ d, n: header.split(d).length - 1 }));
  const best = counts.reduce((a, b) => (b.n > a.n ? b : a));
  return best.n > 0 ? best.d : ',';
}

/**
 * Empties the lines that hold only delimiters and blanks (`,,,,` at the end of a sheet), keeping the line numbering, and
 * returns the line numbers emptied: both readers below skip empty lines.
 */
function emptyBlankLines(text: string, delimiter: Delimiter): { text: string; blankLines: number[] } {
  const blank = delimiter === '\t' ? /^[ \t]+\r?$/m : new RegExp(`^[ \\t${delimiter}]*${delimiter}[ \\t${delimiter}]*\\r?$|^[ \\t]+\\r?$`, 'm');
  // One search of the whole text first: most files have no such line, and splitting 100,000 lines costs more than it.
  if (!blank.test(text)) return { text, blankLines: [] };
  const lines = text.split('\n');
  const blankLines: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    if (line !== '' && blank.test(line)) {
      blankLines.push(i + 1);
      lines[i] = '';
    }
  }
  return blankLines.length === 0 ? { text, blankLines } : { text: lines.join('\n'), blankLines };
}


/**
 * Most exports quote nothing: then a record is a line and a field is what lies between delimiters, and splitting gives
 * what csv-parse gives (7× faster than csv-parse with `info`, which took 1.3 s of CPU for 100,000 cameras). Returns
 * undefined, for csv-parse to read the file, whenever the file holds a quote, a lone carriage return, a header it would
 * treat specially (empty or repeated names), or a row whose field count differs from the header's (csv-parse's error names it).
 */
export function parseUnquoted(text: string, delimiter: Delimiter = ','): TableRecord[] | undefined {
  if (text.includes('"') || /\r(?!\n)/.test(text)) return undefined;
  const lines = text.split(/\r?\n/);
  const records: TableRecord[] = [];
  let headers: string[] | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (line === '') continue;
    const fields = line.split(delimiter);
    for (let f = 0; f < fields.length; f++) fields[f] = fields[f].trim(); // csv-parse's `trim` removes what String.prototype.trim does
    if (fields.every((field) => field === '')) return undefined;
    if (!headers) {
      if (new Set(fields).size !== fields.length || fields.includes('') || fields.includes('__proto__')) return undefined;
      headers = fields;
      continue;
    }
    if (fields.length !== headers.length) return undefined;
    const record: Record<string, string> = {};
    for (let f = 0; f < fields.length; f++) record[headers[f]] = fields[f];
    records.push({ record, row: index + 1 });
  }
  return records;
}

export function parseCsv(text: string, file: string): TableRead {
  const delimiter = detectDelimiter(text.replace(/^\uFEFF/, ''));
  const { text: body, blankLines } = emptyBlankLines(text.replace(/^\uFEFF/, ''), delimiter);
  let records: TableRecord[];
  try {
    records = parseUnquoted(body, delimiter) ?? (parse(body, { columns: true, delimiter, skip_empty_lines: true, trim: true, relax_column_count: false, info: true }) as unknown as { record: Record<string, string>; info: { lines: number } }[])
      .map(({ record, info }) => ({ record, row: info.lines }));
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    throw new ImportRefusedError(
      file,
      [{ row: line, message: `the ${delimiter === '\t' ? 'tab-separated text' : 'CSV'} could not be read (${(error as Error).message.slice(0, 300)}); the file may be cut short` }],
      'Check that every row has as many columns as the header and that quotes are closed, or export the complete file again; nothing was written.',
    );
  }
  const headers = records.length ? Object.keys(records[0].record) : [];
  return tableRows(headers, records, file, blankLines);
}
