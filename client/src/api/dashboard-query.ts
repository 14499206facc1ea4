// The district dashboard's query: coverage rankings, grid staffing and the renovation sites, as far as the schema offers them.
import { hasField, type SchemaFields } from './schema-fields';

export interface RankedArea {
  code: string;
  name: string | null;
  districtCode: string | null;
  coverage: { coveredShare: number; uncoveredAreaM2: number; areaM2: number };
}

export interface DashboardData {
  bus?: { totalCount: number; nodes: RankedArea[] };
  camera?: { totalCount: number; nodes: RankedArea[] };
  communities: { totalCount: number; nodes: { code: string; name: string; districtCode: string | null; gridCells: { workers: number | null }[] }[] };
  renovationSites: { totalCount: number; nodes: { code: string; communityCode: string | null; status: string | null; planYear: number | null; program: string | null; completedOn: string | null }[] };
}

const RANKED = 'totalCount nodes { code name districtCode coverage { coveredShare uncoveredAreaM2 areaM2 } }';

export function dashboardQuery(fields: SchemaFields | null): string {
  const ranking = hasField(fields, 'Query', 'coverageRanking');
  return `query Dashboard($district: String) {
  ${ranking ? `bus: coverageRanking(kind: BUS_STOPS, districtCode: $district, radiusMeters: 500, first: 5000) { ${RANKED} }` : ''}
  ${ranking ? `camera: coverageRanking(kind: CAMERAS, districtCode: $district, first: 5000) { ${RANKED} }` : ''}
  communities(districtCode: $district, first: 5000) { totalCount nodes { code name districtCode gridCells { workers } } }
  renovationSites(districtCode: $district, first: 5000) { totalCount nodes { code communityCode status planYear program completedOn } }
}`;
}
