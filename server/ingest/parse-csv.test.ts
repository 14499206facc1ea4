// The unquoted-CSV fast path against csv-parse itself, on many generated files: whenever the fast path answers, it
// answers what csv-parse (with the options parseCsv gives it) answers, record for record and row for row.
import { describe, expect, it } from 'vitest';
import { mulberry32 as random } from '../seed/random.js';
import { parse } from 'csv-parse/sync';
import { detectDelimiter, parseCsv, parseUnquoted } from './parse-csv.js';


type Delimiter = ',' | '\t' | ';';
const PIECES = ['a', 'B', '7', '41.8', '-123.4', '站', '社区', '和平区', ' ', '  ', '\t', '\u3000', '\u00a0', '.', '-', '_', '°', '′'];

function field(next: () => number, delimiter: Delimiter, quoteChance: number): string {
  if (next() < 0.15) return '';
  let text = '';
  const n = 1 + Math.floor(next() * 4);
  for (let i = 0; i < n; i++) text += PIECES[Math.floor(next() * PIECES.length)].replace(delimiter, '');
  if (next() < quoteChance) text = `"${text}"`;
  return text;
}

/** A generated file: a header, rows (some with a field too many or too few), blank lines, CRLF or LF. */
function generated(next: () => number, delimiter: Delimiter, options: { quotes: number; ragged: number }): string {
  const columns = 1 + Math.floor(next() * 6);
  const header = Array.from({ length: columns }, (_, i) => (next() < 0.1 ? ` col${i} ` : `col${i}`));
  const newline = next() < 0.5 ? '\r\n' : '\n';
  const lines = [header.join(delimiter)];
  const rows = Math.floor(next() * 30);
  for (let r = 0; r < rows; r++) {
    if (next() < 0.05) {
      lines.push('');
      continue;
    }
    const count = next() < options.ragged ? columns + (next() < 0.5 ? 1 : -1) : columns;
    lines.push(Array.from({ length: Math.max(1, count) }, () => field(next, delimiter, options.quotes)).join(delimiter));
  }
  return lines.join(newline) + (next() < 0.5 ? newline : '');
}

function csvParse(text: string, delimiter: Delimiter) {
  return (parse(text, { columns: true, delimiter, skip_empty_lines: true, trim: true, relax_column_count: false, info: true }) as unknown as { record: Record<string, string>; info: { lines: number } }[])
    .map(({ record, info }) => ({ record, row: info.lines }));
}

describe('parseUnquoted, the fast path', () => {
  for (const delimiter of [',', '\t', ';'] as const) {
    it(`answers as csv-parse does on 2,000 generated files delimited by ${JSON.stringify(delimiter)}, or leaves the file to it`, () => {
      const next = random(delimiter.charCodeAt(0));
      let fast = 0;
      for (let i = 0; i < 2000; i++) {
        const text = generated(next, delimiter, { quotes: i % 4 === 0 ? 0.1 : 0, ragged: i % 5 === 0 ? 0.1 : 0 });
        const ours = parseUnquoted(text, delimiter);
        if (ours === undefined) continue;
        fast++;
        let theirs: ReturnType<typeof csvParse> | Error;
        try {
          theirs = csvParse(text, delimiter);
        } catch (error) {
          theirs = error as Error;
        }
        expect(theirs, `file ${i}: ${JSON.stringify(text)}`).not.toBeInstanceOf(Error);
        expect(ours, `file ${i}: ${JSON.stringify(text)}`).toEqual(theirs);
      }
      // The fast path is taken for most files (those without quotes or ragged rows), not skipped for all of them.
      expect(fast).toBeGreaterThan(1000);
    });
  }

  it('leaves quoted text, a lone carriage return, a ragged row and empty or repeated header names to csv-parse', () => {
    expect(parseUnquoted('code,name\nA,"B, C"\n')).toBeUndefined();
    expect(parseUnquoted('code,name\rA,B\r')).toBeUndefined();
    expect(parseUnquoted('code,name\nA,B,C\n')).toBeUndefined();
    expect(parseUnquoted('code,,name\nA,B,C\n')).toBeUndefined();
    expect(parseUnquoted('code,code\nA,B\n')).toBeUndefined();
    expect(parseUnquoted('code,__proto__\nA,B\n')).toBeUndefined();
  });

  it('numbers rows as the file does, blank lines included', () => {
    expect(parseUnquoted('code,name\r\n\r\nA, 站 \r\nB,\r\n')).toEqual([
      { record: { code: 'A', name: '站' }, row: 3 },
      { record: { code: 'B', name: '' }, row: 4 },
    ]);
  });
});

describe('parseCsv', () => {
  it('reads a file with a UTF-8 byte-order mark as the same file without one', () => {
    const text = '编号,名称,经度,纬度\r\nS1,站一,123.4,41.8\r\n';
    const withBom = parseCsv(`\uFEFF${text}`, 'stops.csv');
    expect(withBom.rows).toEqual(parseCsv(text, 'stops.csv').rows);
    expect(withBom.rows).toHaveLength(1);
  });

  it('gives quoted files to csv-parse with the same rows', () => {
    const read = parseCsv('code,name,lon,lat\nA,"站, 北",123.4,41.8\n"B","",123.5,41.9\n', 'q.csv');
    expect(read.rows.map((r) => r.row)).toEqual([2, 3]);
  });

  it('detects the delimiter from the header, outside quotes', () => {
    expect(detectDelimiter('a;b;c\n1;2;3')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2')).toBe('\t');
    expect(detectDelimiter('"x;y",b\n1,2')).toBe(',');
    expect(detectDelimiter('single\n1')).toBe(',');
  });
});
