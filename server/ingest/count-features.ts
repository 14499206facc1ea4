// Counts the features of a CSV or newline-delimited GeoJSON file on its bytes, stopping once the limit is passed, so an
// oversized file is refused in a fraction of a second instead of after every row is parsed.
import { detectFormat, isZip, type ImportFormat } from './formats.js';

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const CR = 0x0d;
const BLANKS = new Set([0x20, 0x09, CR, 0x2c, 0x3b]);

export interface FeatureCount {
  /** Features counted: all of them when `passed` is false, limit + 1 when it is true. */
  features: number;
  /** Whether the file holds more than the limit. */
  passed: boolean;
  /** The file's line where the count passed the limit (1-based). */
  line: number;
}

/** UTF-16 text (a byte-order mark, or NULs in its first bytes): a byte 0x0a there is not a line break. */
function mayBeUtf16(bytes: Buffer): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  return bytes.subarray(0, 4096).includes(0);
}

/** A line of separators and blanks only (`,,,,` at the end of a sheet): no feature. */
function isBlank(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!BLANKS.has(bytes[i])) return false;
  return true;
}

/**
 * Lines that are not blank, less the header. For a CSV (quotes on) these are its records: line breaks outside quotes
 * end a record. UTF-8, GBK and GB18030 never use the bytes of `"`, `,`, `\r` or `\n` inside a character, so the bytes
 * suffice. A quote inside an unquoted field can only make this count fewer records than the parser reads (which then
 * refuses the file), never more: the count never refuses a file that is within the limit.
 */
function countLines(bytes: Buffer, limit: number, { header, quotes }: { header: boolean; quotes: boolean }): FeatureCount {
  let nextQuote = quotes ? bytes.indexOf(QUOTE) : -1;
  let records = header ? -1 : 0;
  let line = 1;
  let start = 0;
  while (start <= bytes.length) {
    // A record ends at the first line break outside quotes; the breaks inside quotes belong to it (it is counted at
    // the line where it starts). indexOf finds both kinds of byte far faster than a loop over every byte.
    let end = bytes.indexOf(NEWLINE, start);
    if (end < 0) end = bytes.length;
    let breaksInside = 0;
    while (nextQuote >= 0 && nextQuote < end) {
      const closing = bytes.indexOf(QUOTE, nextQuote + 1);
      const closed = closing < 0 ? bytes.length : closing;
      if (closed > end) {
        breaksInside += newlinesBetween(bytes, end, closed);
        end = bytes.indexOf(NEWLINE, closed);
        if (end < 0) end = bytes.length;
      }
      nextQuote = closing < 0 ? -1 : bytes.indexOf(QUOTE, closing + 1);
    }
    if (!isBlank(bytes, start, end) && ++records > limit) return { features: records, passed: true, line };
    line += 1 + breaksInside;
    start = end + 1;
  }
  return { features: Math.max(records, 0), passed: false, line: line - 1 };
}

function newlinesBetween(bytes: Buffer, from: number, to: number): number {
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE, from); at >= 0 && at < to; at = bytes.indexOf(NEWLINE, at + 1)) count++;
  return count;
}

function firstLine(bytes: Buffer): string {
  const end = bytes.indexOf(NEWLINE);
  return bytes.subarray(0, end < 0 ? Math.min(bytes.length, 1 << 20) : end).toString('utf8').replace(/^\uFEFF/, '').trim();
}

/** Newline-delimited GeoJSON: its first line is a Feature on its own. */
function isNewlineDelimited(bytes: Buffer): boolean {
  try {
    return (JSON.parse(firstLine(bytes)) as { type?: unknown })?.type === 'Feature';
  } catch {
    return false;
  }
}

/**
 * The features of a file whose lines are its features (CSV, a GTFS stops.txt, newline-delimited GeoJSON), counted up to
 * limit + 1; undefined for the other files (a FeatureCollection, a zip), which are counted once parsed.
 */
export function countFeaturesUpTo(bytes: Buffer, fileName: string, forced: ImportFormat | undefined, limit: number): FeatureCount | undefined {
  if (bytes.length === 0 || isZip(bytes) || mayBeUtf16(bytes)) return undefined;
  const format = forced ?? detectFormat(fileName, bytes);
  if (format === 'csv' || format === 'gtfs') return countLines(bytes, limit, { header: true, quotes: true });
  if (format === 'geojson' && isNewlineDelimited(bytes)) // JSON strings hold no raw line breaks: every non-empty line is a feature, whatever its quotes.
    return countLines(bytes, limit, { header: false, quotes: false });
  return undefined;
}
