// Names and classes the demo roads: arterials between streets (街道) and towns, streets inside them, village roads.
import type { CommunityAttributes } from './communities.js';
import { roadName } from './names.js';
import type { Random } from './random.js';

export interface SharedEdge {
  left_code: string;
  right_code: string;
  geometry: string;
  length_m: number;
}

export type RoadKind = 'arterial' | 'street' | 'county' | 'village';

export interface GeneratedRoad {
  properties: { code: string; name: string; kind: RoadKind };
  geometry: string;
  lengthM: number;
  /** Whether the edge runs through the city (urban on either side). */
  urban: boolean;
  /** The communities on either side (not written to the file; the stops use them). */
  sides: [CommunityAttributes, CommunityAttributes];
}

/** Edges shorter than this are corners of the tessellation, not roads. */
export const MIN_ROAD_LENGTH_M = 50;
/** City communities at least this large (the coarse demo scale) also get streets along their grid cells' edges. */
export const INNER_STREETS_FROM_M2 = 1_500_000;

function kindOf(left: CommunityAttributes, right: CommunityAttributes): RoadKind {
  const urban = left.kind === 'urban' || right.kind === 'urban';
  const sameStreet = left.street === right.street && left.district_code === right.district_code;
  if (urban) return sameStreet ? 'street' : 'arterial';
  return sameStreet ? 'village' : 'county';
}

export function describeRoads(edges: readonly SharedEdge[], communities: readonly CommunityAttributes[], random: Random): GeneratedRoad[] {
  const byCode = new Map(communities.map((c) => [c.code, c]));
  const used = new Set<string>();
  return edges.map((edge, index) => {
    const sides: [CommunityAttributes, CommunityAttributes] = [byCode.get(edge.left_code)!, byCode.get(edge.right_code)!];
    const kind = kindOf(...sides);
    const urban = kind === 'street' || kind === 'arterial';
    return {
      properties: { code: `SY-RD-${String(index + 1).padStart(5, '0')}`, name: roadName(random, used, !urban), kind },
      geometry: edge.geometry,
      lengthM: edge.length_m,
      urban,
      sides,
    };
  });
}
