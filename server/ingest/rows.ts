// What a parsed file hands to the importer, and the problems it reports about rows.
import type { Geometry } from 'geojson';

/** One feature of an input file, before it is mapped onto a layer. */
export interface SourceRow {
  /** 1-based: the feature's index in a GeoJSON file, the line in a CSV file (the header is line 1). */
  row: number;
  geometry: Geometry | null;
  /** Why the geometry could not be read, when the parser already knows (unreadable WKT, say). */
  geometryProblem?: string;
  properties: Record<string, unknown>;
}

export interface RowProblem {
  row: number;
  field?: string;
  message: string;
}

/** An import refused: names the file, each row and field, and what to do. Nothing was written. */
export class ImportRefusedError extends Error {
  constructor(
    readonly file: string,
    readonly problems: RowProblem[],
    readonly hint = 'Fix these rows in the file and import it again; nothing was written.',
  ) {
    super(formatProblems(file, problems, hint));
    this.name = 'ImportRefusedError';
  }
}

export function formatProblems(file: string, problems: RowProblem[], hint: string): string {
  const shown = problems.slice(0, 20).map((p) => `  ${file}: row ${p.row}${p.field ? `, field "${p.field}"` : ''}: ${p.message}`);
  const more = problems.length > 20 ? [`  … and ${problems.length - 20} more rows with problems.`] : [];
  return [`Refused ${file}: ${problems.length} row(s) with problems.`, ...shown, ...more, hint].join('\n');
}
