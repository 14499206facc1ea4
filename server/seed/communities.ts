// Gives the generated community cells their codes, streets (街道/镇), names and attributes (STANDARDS.md ranges).
import { groupByHilbert } from './hilbert.js';
import { communityName, streetName, townName, villageName } from './names.js';
import type { Random } from './random.js';

export type CommunityKind = 'urban' | 'town' | 'rural';

/** One clipped Voronoi cell from communities.sql; x, y is its generator point in metres. */
export interface CommunityCell {
  district_code: string;
  kind: CommunityKind;
  x: number;
  y: number;
  geometry: string;
  area_m2: number;
  /** How many generator points the query made: fewer rows means the database dropped some. */
  expected_rows: string;
}

export interface CommunityAttributes {
  code: string;
  name: string;
  district_code: string;
  street: string;
  kind: CommunityKind;
  households: number;
  population: number;
  elderly: number;
  service_area_m2: number;
  office_area_m2: number;
  activity_area_m2: number;
  social_orgs: number;
  volunteers: number;
  care_beds: number;
}

export interface GeneratedCommunity {
  properties: CommunityAttributes;
  geometry: string;
  areaM2: number;
}

const COMMUNITIES_PER_STREET = 10;
const VILLAGES_PER_TOWN = 12;

/** STANDARDS.md community-size ranges, and the wider ranges a few communities fall into (real gaps to find). */
const HOUSEHOLDS: Record<CommunityKind, { inside: [number, number]; outside: [number, number] }> = {
  urban: { inside: [2000, 4000], outside: [1400, 5200] },
  town: { inside: [700, 2000], outside: [500, 2600] },
  rural: { inside: [300, 1500], outside: [200, 1900] },
};

const round1 = (value: number) => Math.round(value * 10) / 10;

function attributesFor(kind: CommunityKind, random: Random) {
  const range = random.chance(0.1) ? HOUSEHOLDS[kind].outside : HOUSEHOLDS[kind].inside;
  const households = random.int(range[0], range[1]);
  const population = Math.round(households * (kind === 'rural' ? random.between(2.8, 3.3) : random.between(2.4, 2.9)));
  const elderly = Math.round(population * random.between(0.16, 0.27));
  const urban = kind === 'urban';
  return {
    households,
    population,
    elderly,
    // 30 m² per 100 households is the standard; the range leaves about a quarter short of it.
    service_area_m2: round1((households / 100) * random.between(24, 50)),
    office_area_m2: round1(urban ? random.between(280, 720) : kind === 'town' ? random.between(200, 600) : random.between(120, 450)),
    activity_area_m2: round1(urban ? random.between(260, 700) : kind === 'town' ? random.between(180, 600) : random.between(100, 500)),
    social_orgs: urban ? random.int(5, 16) : kind === 'town' ? random.int(3, 10) : random.int(2, 7),
    volunteers: Math.round(population * random.between(0.07, 0.2)),
    care_beds: Math.round((elderly / 1000) * random.between(15, 55)),
  };
}

/**
 * Groups each district's cells into streets (urban) and towns (town and rural), numbers them like the statistical codes
 * (district + 3-digit street + 3-digit community, villages from 201), and draws their attributes.
 */
export function describeCommunities(cells: readonly CommunityCell[], random: Random): GeneratedCommunity[] {
  const byDistrict = new Map<string, CommunityCell[]>();
  for (const cell of cells) byDistrict.set(cell.district_code, [...(byDistrict.get(cell.district_code) ?? []), cell]);
  const result: GeneratedCommunity[] = [];
  for (const [districtCode, districtCells] of [...byDistrict].sort(([a], [b]) => a.localeCompare(b))) {
    const streetNames = new Set<string>();
    const names = new Set<string>();
    const urban = districtCells.filter((c) => c.kind === 'urban');
    const countryside = districtCells.filter((c) => c.kind !== 'urban');
    const streets = [
      ...groupByHilbert(urban, Math.ceil(urban.length / COMMUNITIES_PER_STREET)).map((members) => ({ members, name: streetName(random, streetNames) })),
      ...groupByHilbert(countryside, Math.ceil(countryside.length / VILLAGES_PER_TOWN)).map((members) => ({ members, name: townName(random, streetNames) })),
    ];
    streets.forEach((street, streetIndex) => {
      let communities = 0;
      let villages = 0;
      for (const cell of street.members) {
        const village = cell.kind === 'rural';
        const number = village ? 201 + villages++ : 1 + communities++;
        result.push({
          properties: {
            code: `${districtCode}${String(streetIndex + 1).padStart(3, '0')}${String(number).padStart(3, '0')}`,
            name: village ? villageName(random, names) : communityName(random, names),
            district_code: districtCode,
            street: street.name,
            kind: cell.kind,
            ...attributesFor(cell.kind, random),
          },
          geometry: cell.geometry,
          areaM2: cell.area_m2,
        });
      }
    });
  }
  return result;
}
