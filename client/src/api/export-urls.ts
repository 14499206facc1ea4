// Where the hub's export routes are: the communities table against the standards (xlsx, csv) and the coverage gaps (GeoJSON).

export type ExportKind = 'xlsx' | 'csv' | 'gaps' | 'camera-gaps';

export function exportUrl(kind: ExportKind, district: string | null): string {
  const query = district ? `?district=${encodeURIComponent(district)}` : '';
  switch (kind) {
    case 'xlsx':
      return `/api/export/communities.xlsx${query}`;
    case 'csv':
      return `/api/export/communities.csv${query}`;
    case 'gaps':
      return `/api/export/gaps/bus-stops.geojson${query}`;
    case 'camera-gaps':
      return `/api/export/gaps/cameras.geojson${query}`;
  }
}
