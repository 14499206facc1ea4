// The district's (or the city's) bus-stop coverage in both models, side by side: a query of its own, since the first
// walk along the roads builds the network and must not hold the dashboard's other figures.
import { useGraphQL } from './useGraphQL';

export const BUS_COVERAGE_BOTH_QUERY = `query BusCoverageBoth($district: String) {
  line: cityCoverage(kind: BUS_STOPS, districtCode: $district) { coveredShare }
  roads: cityCoverage(kind: BUS_STOPS, along: ROADS, districtCode: $district) { coveredShare }
}`;

export interface BusCoverageBoth {
  line: { coveredShare: number };
  roads: { coveredShare: number };
}

/** `run` false: not asked (another district's dashboard, or the hub has not answered its schema yet). */
export function useBusCoverageBoth(district: string | null, token: string | null, run: boolean) {
  return useGraphQL<BusCoverageBoth>(run ? BUS_COVERAGE_BOTH_QUERY : null, { district }, token);
}
