// Which roads buses serve (all city arterials, most streets, few village roads) and the stops' names and routes.
import { stopName } from './names.js';
import type { Random } from './random.js';
import type { GeneratedRoad, RoadKind } from './roads.js';

export interface StopPosition {
  road_code: string;
  part: number;
  position: number;
  /** 1 and -1: the two platforms of a stop, one on each side of the road. */
  side: number;
  lon: string;
  lat: string;
}

/** Share of roads of each kind with a bus route; country roads are served more often the more town they touch. */
const SERVED: Record<RoadKind, number> = { arterial: 0.97, street: 0.45, county: 0.3, village: 0 };
const TOWN_ROAD_SERVED = { bothSides: 0.85, oneSide: 0.5 };
/** Stop spacing stays within what bus networks use, whatever the target count. */
const MIN_SPACING_M = 300;
const MAX_SPACING_M = 800;

export interface ServedRoad {
  road: GeneratedRoad;
  routes: string;
}

export function chooseServedRoads(roads: readonly GeneratedRoad[], random: Random): ServedRoad[] {
  const served: ServedRoad[] = [];
  for (const road of roads) {
    const townSides = road.sides.filter((side) => side.kind === 'town').length;
    const share = road.urban || townSides === 0 ? SERVED[road.properties.kind] : townSides === 2 ? TOWN_ROAD_SERVED.bothSides : TOWN_ROAD_SERVED.oneSide;
    if (!random.chance(share)) continue;
    const routes = Array.from({ length: random.int(1, road.urban ? 4 : 2) }, () => `${random.int(1, 399)}路`);
    served.push({ road, routes: [...new Set(routes)].join(';') });
  }
  return served;
}

/** One spacing for every served road, chosen so that the stops (two platforms per place) come to about `target`. */
export function stopSpacingM(served: readonly ServedRoad[], target: number): number {
  const totalM = served.reduce((sum, s) => sum + s.road.lengthM, 0);
  return Math.min(MAX_SPACING_M, Math.max(MIN_SPACING_M, (2 * totalM) / Math.max(1, target)));
}

export function describeStops(positions: readonly StopPosition[], served: readonly ServedRoad[]) {
  const byCode = new Map(served.map((s) => [s.road.properties.code, s]));
  return positions.map((p, index) => {
    const { road, routes } = byCode.get(p.road_code)!;
    return { code: `SY-BS-${String(index + 1).padStart(5, '0')}`, name: stopName(road.properties.name, p.position), routes, lon: p.lon, lat: p.lat };
  });
}
