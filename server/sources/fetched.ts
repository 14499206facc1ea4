// What a fetcher hands the sync: every feature the source holds now, read with the importer's parsers, and its provenance.
import type { SourceRow } from '../ingest/rows.js';
import type { SyncLimits } from './limits.js';
import type { ReadBudget } from './http.js';

export type SourceKind = 'OGCAPI' | 'WFS' | 'GEOJSON' | 'CSV';
export const SOURCE_KINDS: readonly SourceKind[] = ['OGCAPI', 'WFS', 'GEOJSON', 'CSV'];

export interface FetchRequest {
  url: string;
  /** The WFS feature type (TYPENAMES) when the service has several. */
  typeName?: string | null;
  /** The property a WFS sorts its pages by (a stable order for startIndex paging). */
  sortBy?: string;
  /** What the source answered last time, for a conditional GET. */
  etag?: string | null;
  lastModified?: string | null;
  limits: SyncLimits;
  budget: ReadBudget;
}

export interface Fetched {
  /** The source answered 304 Not Modified: nothing was read, nothing changed. */
  notModified: boolean;
  rows: SourceRow[];
  /** The format the rows were parsed from (what the import core reads the difference as). */
  format: 'geojson' | 'csv';
  etag?: string;
  lastModified?: string;
}
