// The parameters of each district's urban, town and rural zones, and how many communities each zone gets.
import type { FeatureCollection, Point } from 'geojson';
import { toWgs84 } from '../ingest/coordinates.js';
import type { CommunityKind } from './communities.js';
import { CITY_CENTRE_GCJ02, DISTRICT_PROFILES, RELATIVE_DENSITY } from './districts.js';
import type { Random } from './random.js';

export interface DistrictInfo {
  code: string;
  name: string;
  /** Seat of government, WGS84. */
  seat: [number, number];
}

function gcj02ToWgs84(position: [number, number]): [number, number] {
  const point = toWgs84({ type: 'Point', coordinates: position }, 'gcj02') as Point;
  return [point.coordinates[0], point.coordinates[1]];
}

export function cityCentreWgs84(): [number, number] {
  return gcj02ToWgs84(CITY_CENTRE_GCJ02);
}

/** Codes, names and seats from the DataV file (its `center` is the seat of government, in GCJ-02). */
export function districtsOf(file: FeatureCollection): DistrictInfo[] {
  return file.features.map((f) => ({
    code: String(f.properties!.adcode),
    name: String(f.properties!.name),
    seat: gcj02ToWgs84(f.properties!.center as [number, number]),
  }));
}

export function zoneParameters(districts: readonly DistrictInfo[], random: Random) {
  return districts.map((d) => {
    const profile = DISTRICT_PROFILES[d.code];
    if (!profile) throw new Error(`The demo city has no profile for district ${d.code} (${d.name}).`);
    return {
      code: d.code,
      urbanRadiusM: profile.urbanRadiusM,
      seatLon: d.seat[0],
      seatLat: d.seat[1],
      seatRadiusM: profile.seatRadiusM,
      seatKind: profile.seatKind,
      towns: profile.towns,
      townRadiusM: profile.townRadiusM,
      townSeed: random.postgisSeed(),
    };
  });
}

export interface ZoneArea {
  code: string;
  kind: CommunityKind;
  area_m2: number;
}

/** Communities per zone in proportion to area × density, scaled to the target; every district gets at least two. */
export function communityRequests(zones: readonly ZoneArea[], target: number, random: Random) {
  const weight = (z: ZoneArea) => (z.area_m2 / 1e6) * RELATIVE_DENSITY[z.kind];
  const scale = target / zones.reduce((sum, z) => sum + weight(z), 0);
  const requests = zones.map((z) => ({ code: z.code, kind: z.kind, count: z.area_m2 > 0 ? Math.round(weight(z) * scale) : 0, seed: random.postgisSeed() }));
  const areaOf = new Map(zones.map((z) => [`${z.code}/${z.kind}`, z.area_m2]));
  for (const code of new Set(zones.map((z) => z.code))) {
    const own = requests.filter((r) => r.code === code).sort((a, b) => areaOf.get(`${b.code}/${b.kind}`)! - areaOf.get(`${a.code}/${a.kind}`)!);
    const total = own.reduce((sum, r) => sum + r.count, 0);
    if (total < 2) own[0].count += 2 - total;
  }
  return requests;
}
