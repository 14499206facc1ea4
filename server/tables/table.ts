// An export as a table in memory: columns, rows of plain values, and each row's geometry as GeoJSON text.

export type CellValue = string | number | boolean | null;

export interface ExportTable {
  /** The file's base name (bus-stops, gaps-bus-stops-communities). */
  name: string;
  columns: string[];
  rows: Record<string, CellValue>[];
  /** GeoJSON geometry text per row (WGS84), aligned with `rows`. */
  geometries: (string | null)[];
  /** Whether the rows are points: CSV then needs no WKT column, the lon/lat columns say it all. */
  points: boolean;
  /** Each row's point (the point itself, or a point on the surface of a polygon), for spreadsheet users; null when none. */
  labelPoints: ([number, number] | null)[];
}
