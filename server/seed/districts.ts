// The role of each real Shenyang district in the demo city: where it is urban, where towns and villages lie.

export type DistrictRole = 'core' | 'outer' | 'rural';

export interface DistrictProfile {
  role: DistrictRole;
  /** Radius around the city centre (市府广场) inside which the district is built-up city. */
  urbanRadiusM: number;
  /** Radius around the district's seat of government; urban for outer districts, a town for counties. */
  seatRadiusM: number;
  seatKind: 'urban' | 'town';
  /** Further towns (镇) scattered in the countryside, each a disc of townRadiusM. */
  towns: number;
  townRadiusM: number;
  /** How much of the city's pre-2000 housing stock (the renovation programme's target) stands here. */
  oldHousingWeight: number;
}

const core = { role: 'core', urbanRadiusM: 16_000, seatRadiusM: 0, seatKind: 'urban', towns: 0, townRadiusM: 0 } as const;
const outer = { role: 'outer', urbanRadiusM: 12_000, seatRadiusM: 4_000, seatKind: 'urban', towns: 3, townRadiusM: 1_500 } as const;
const rural = { role: 'rural', urbanRadiusM: 0, seatRadiusM: 3_500, seatKind: 'town', towns: 5, townRadiusM: 1_200 } as const;

/** Keyed by administrative code: the 市辖区 of the city proper, and 辽中区 with the three counties as countryside. */
export const DISTRICT_PROFILES: Record<string, DistrictProfile> = {
  '210102': { ...core, oldHousingWeight: 1.3 }, // 和平区
  '210103': { ...core, oldHousingWeight: 1.3 }, // 沈河区
  '210104': { ...core, oldHousingWeight: 1.2 }, // 大东区
  '210105': { ...core, oldHousingWeight: 1.3 }, // 皇姑区
  '210106': { ...core, oldHousingWeight: 1.4 }, // 铁西区
  '210111': { ...outer, oldHousingWeight: 0.5 }, // 苏家屯区
  '210112': { ...outer, oldHousingWeight: 0.3 }, // 浑南区
  '210113': { ...outer, oldHousingWeight: 0.4 }, // 沈北新区
  '210114': { ...outer, oldHousingWeight: 0.6 }, // 于洪区
  '210115': { ...rural, oldHousingWeight: 0.3 }, // 辽中区
  '210123': { ...rural, oldHousingWeight: 0.2 }, // 康平县
  '210124': { ...rural, oldHousingWeight: 0.2 }, // 法库县
  '210181': { ...rural, oldHousingWeight: 0.3 }, // 新民市
};

/** 市府广场, the centre of Shenyang, in GCJ-02 like the district file (converted with it). */
export const CITY_CENTRE_GCJ02: [number, number] = [123.4316, 41.8057];

/** Communities per km² of each kind, relative: the seeder scales them to the target count. */
export const RELATIVE_DENSITY = { urban: 40, town: 20, rural: 1 } as const;

/**
 * Generated counties west of Shenyang for the province scale, so that it spans two UTM zones (50N and 51N, which meet
 * at 120°E) and the middle county is cut by the zone line. Rectangles of 0.6° × 0.5° (about 50 × 55 km), in GCJ-02
 * like the real file they are added to; rural, as a province's far counties are.
 */
export const GENERATED_DISTRICTS = [
  { adcode: '219901', name: '西甲县（生成）', west: 119.0 },
  { adcode: '219902', name: '西乙县（生成）', west: 119.6 },
  { adcode: '219903', name: '西丙县（生成）', west: 120.2 },
].map((d) => {
  const [south, north, east] = [41.4, 41.9, d.west + 0.6];
  const ring = [[d.west, south], [east, south], [east, north], [d.west, north], [d.west, south]];
  return {
    type: 'Feature' as const,
    properties: { adcode: d.adcode, name: d.name, center: [d.west + 0.3, (south + north) / 2] },
    geometry: { type: 'MultiPolygon' as const, coordinates: [[ring]] },
  };
});
for (const d of GENERATED_DISTRICTS) DISTRICT_PROFILES[d.properties.adcode] = { ...rural, oldHousingWeight: 0.2 };
