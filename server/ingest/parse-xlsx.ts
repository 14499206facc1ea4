// Reads an Excel workbook (.xlsx; the first sheet, or one named) into source rows, as the CSV path reads its records.
import AdmZip from 'adm-zip';
import { readSheet, type SheetData } from 'read-excel-file/node';
import { checkZip } from './limits.js';
import { ImportRefusedError } from './rows.js';
import { tableRows, type TableRead, type TableRecord } from './table-rows.js';

/** The sheets' names in the workbook's order, from xl/workbook.xml (read-excel-file reads a sheet, not the list). */
export function sheetNames(zip: AdmZip): string[] {
  const workbook = zip.getEntry('xl/workbook.xml')?.getData().toString('utf8') ?? '';
  return [...workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => unescapeXml(m[1]));
}

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** A cell as the importer's columns take it: text and numbers as they are, dates as YYYY-MM-DD. */
function cellValue(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  return value;
}

function refuse(file: string, message: string, hint: string): never {
  throw new ImportRefusedError(file, [{ row: 0, message }], `${hint} Nothing was written.`);
}

export async function parseXlsx(bytes: Buffer, file: string, sheet?: string): Promise<TableRead> {
  let zip: AdmZip;
  try {
    zip = new AdmZip(bytes);
  } catch (error) {
    refuse(file, `the workbook could not be opened (${(error as Error).message}); it may be cut short`, 'Save the workbook again in Excel or WPS and import the complete file.');
  }
  checkZip(zip, file);
  let names: string[];
  try {
    names = sheetNames(zip);
  } catch (error) {
    refuse(file, `the workbook could not be read (${(error as Error).message.slice(0, 200)}); it may be cut short or damaged`, 'Save the workbook again in Excel or WPS and import the complete file.');
  }
  const chosen = sheet ?? names[0];
  if (sheet !== undefined && !names.includes(sheet)) {
    refuse(file, `the workbook has no sheet "${sheet}" (its sheets: ${names.join(', ') || 'none'})`, 'Give --sheet one of those names.');
  }
  let data: SheetData;
  try {
    data = await readSheet(bytes, chosen ?? 1);
  } catch (error) {
    refuse(file, `the workbook could not be read (${(error as Error).message.slice(0, 200)})`, 'Save it again in Excel or WPS as .xlsx (not .xls or .et), or as CSV, and import that.');
  }
  // The header is the first row that holds anything; rows are numbered as the spreadsheet numbers them.
  const headerIndex = data.findIndex((cells) => cells.some((c) => c !== null && String(c).trim() !== ''));
  if (headerIndex < 0) return { rows: [], notes: [`sheet "${chosen}" is empty`] };
  const headers = data[headerIndex].map((c, i) => (c === null || String(c).trim() === '' ? `column ${i + 1}` : String(c).trim()));
  const records: TableRecord[] = [];
  for (let i = headerIndex + 1; i < data.length; i++) {
    const record: Record<string, unknown> = {};
    headers.forEach((h, c) => {
      const value = cellValue(data[i][c] ?? null);
      record[h] = typeof value === 'string' ? value.trim() : value;
    });
    records.push({ record, row: i + 1 });
  }
  const read = tableRows(headers, records, file);
  const others = names.length > 1 ? [`read sheet "${chosen}" of ${names.length} (${names.join(', ')}); choose another with --sheet`] : [];
  return { rows: read.rows, notes: [...others, ...read.notes] };
}
