// The figures of one community that the standards are judged on, as the community query returns them.
import type { Geometry } from 'geojson';
import type { StandardResultFacts } from './community-standards';

export interface CoverageFacts {
  coveredShare: number;
  coveredAreaM2: number;
  uncoveredAreaM2: number;
  nearestMeters: number | null;
  gaps?: Geometry | null;
}

export interface CommunityFacts {
  code: string;
  name: string;
  districtCode: string | null;
  street: string | null;
  kind: string | null;
  households: number | null;
  population: number | null;
  elderly: number | null;
  serviceAreaM2: number | null;
  officeAreaM2: number | null;
  activityAreaM2: number | null;
  socialOrgs: number | null;
  volunteers: number | null;
  careBeds: number | null;
  areaM2: number;
  boundary: Geometry;
  district: { name: string } | null;
  gridCells: { code: string; name: string | null; workers: number | null; households: number | null }[];
  busStops: { code: string; name: string | null }[];
  renovationSites: { code: string; name: string | null; status: string | null; planYear: number | null; program: string | null; checklistDone: number }[];
  busStopCoverage?: CoverageFacts;
  /** The same 500 m walked along the roads (absent when the hub has no walking model). */
  busStopWalkCoverage?: Pick<CoverageFacts, 'coveredShare' | 'nearestMeters'>;
  cameraCoverage?: CoverageFacts;
  standards?: StandardResultFacts[];
}
