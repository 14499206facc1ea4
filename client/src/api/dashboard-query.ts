// The district dashboard's queries, one per section (each within the hub's cost limit, and each shown as it arrives).
import { hasField, type SchemaFields } from './schema-fields';

export interface RankedArea {
  code: string;
  name: string | null;
  districtCode: string | null;
  coverage: { coveredShare: number; uncoveredAreaM2: number; areaM2: number };
}

export interface Ranking {
  totalCount: number;
  nodes: RankedArea[];
}

export interface DashboardData {
  bus?: Ranking;
  camera?: Ranking;
  communities: { totalCount: number; nodes: { code: string; name: string; districtCode: string | null; gridCells: { workers: number | null }[] }[] };
  renovationSites: { totalCount: number; nodes: { code: string; communityCode: string | null; status: string | null; planYear: number | null; program: string | null; completedOn: string | null }[] };
}

const RANKED = 'totalCount nodes { code name districtCode coverage { coveredShare uncoveredAreaM2 areaM2 } }';

export function rankingQuery(fields: SchemaFields | null, kind: 'BUS_STOPS' | 'CAMERAS'): string | null {
  if (!hasField(fields, 'Query', 'coverageRanking')) return null;
  const radius = kind === 'BUS_STOPS' ? ', radiusMeters: 500' : '';
  return `query Ranking($district: String) { ranking: coverageRanking(kind: ${kind}, districtCode: $district${radius}, first: 5000) { ${RANKED} } }`;
}

export const GRID_QUERY = `query Grids($district: String) {
  communities(districtCode: $district, first: 5000) { totalCount nodes { code name districtCode gridCells { workers } } }
}`;

export const RENOVATION_QUERY = `query Renovation($district: String) {
  renovationSites(districtCode: $district, first: 5000) { totalCount nodes { code communityCode status planYear program completedOn } }
}`;
