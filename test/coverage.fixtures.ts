// Fixtures in exact metres for the coverage tests: shapes laid out in UTM 51N (EPSG:32651, Shenyang) and converted to WGS84.
import proj4 from 'proj4';

const UTM51N = '+proj=utm +zone=51 +datum=WGS84 +units=m +no_defs';
const toLonLat = proj4(UTM51N, 'EPSG:4326');

/** The origin of the fixture plane, near Shenyang (123.4°E, 41.8°N), in UTM 51N metres. */
export const ORIGIN_M = proj4('EPSG:4326', UTM51N, [123.4, 41.8]) as [number, number];

/** A point `x`, `y` metres east and north of the origin, as [lon, lat]. */
export function lonLat(x: number, y: number): [number, number] {
  return toLonLat.forward([ORIGIN_M[0] + x, ORIGIN_M[1] + y]) as [number, number];
}

/** A polygon from metric vertices (counter-clockwise, not closed), as a WGS84 GeoJSON Polygon. */
export function polygon(vertices: [number, number][]) {
  const ring = vertices.map(([x, y]) => lonLat(x, y));
  return { type: 'Polygon' as const, coordinates: [[...ring, ring[0]]] };
}

/** An axis-aligned square of side `sideM` with its south-west corner at (x, y) metres. */
export function square(x: number, y: number, sideM: number) {
  return polygon([[x, y], [x + sideM, y], [x + sideM, y + sideM], [x, y + sideM]]);
}

export function featureCollection(features: { properties: Record<string, unknown>; geometry: unknown }[]): string {
  return JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) });
}

/** A CSV of point records: a header, then one line per record, with lon/lat from metric positions. */
export function pointsCsv(columns: string[], records: { x: number; y: number; values: Record<string, string | number | null> }[]): string {
  const lines = [[...columns, 'lon', 'lat'].join(',')];
  for (const r of records) {
    const [lon, lat] = lonLat(r.x, r.y);
    lines.push([...columns.map((c) => r.values[c] ?? ''), lon.toFixed(9), lat.toFixed(9)].join(','));
  }
  return lines.join('\n');
}

/** A seeded pseudo-random generator (mulberry32), so random fixtures are the same on every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A demo grid cell (EPSG:32651) and its community's bus-stop gaps, both valid, whose plain `ST_Intersection` the
 * embedded engine (PGlite 0.5.8) answered with no row and no error; see overlayGridM in server/analysis/coverage.service.ts.
 */
export const OVERLAY_FALLBACK_PAIR = {
  cellEwkbHex: '01060000208b7f0000020000000103000000010000000600000041910ea6b63a2041211ef2ac43a05141a188adbad13b2041dfdb7f75949f5141fa16e8c5403b204111c469b7869f5141cff51834473a2041c15ee0e29f9f51411738504bb136204145580e3ac99f514141910ea6b63a2041211ef2ac43a0514101030000000100000005000000ce8eb0d2003620415e0adc4d079f514126aa5e0874342041a223d6afe19e51410ffbc1bc093420417d085e6e3d9f514111bef60b6a352041aa0426c49f9f5141ce8eb0d2003620415e0adc4d079f5141',
  gapsEwkbHex: '01060000208b7f000003000000010300000001000000060000000abe27d48b342041d8935cf1e39e51411fb86e85a534204148d924ebec9e5141754dfadfac3420419d309696f09e5141dbeccdc9cf342041b965b35ff09e51411044af5313352041ce1ce0c9f09e51410abe27d48b342041d8935cf1e39e5141010300000001000000060000000ba8c95bf43820415afeaa25af9f5141887941f828392041678bee41b29f51418b82c3116e392041d066446fb79f5141fbfec0c270392041ab722d96b09f51418821f49679392041fc848c25a99f51410ba8c95bf43820415afeaa25af9f51410103000000010000002500000073e2679ab740204117ddbb3ea3a0514128d310b375402041ccd49055aca051415928e37338402041e8c1e945b3a05141e9826f1e3e40204141fbc619b6a051413f9fb1844c402041607c1e3cc2a05141da0952314d40204109265bf3c3a05141c251c439524020413f271b31c8a051417a127a0a574020411f91a771d4a05141c251c43952402041fffa33b2e0a051416c3582d3434020411e7c8bd4eca051412bea33fb2b40204198a4c3baf8a05141661da3eb0a402041ac3e864704a15141710d52f6e03f20418da2595e0fa15141fe837694d43f20412d726cf311a151418e7f984835402041a4a873be13a151415fc3597a944020410c727db916a151411dd915cecc402041ae476c3e19a15141cc188746cd40204159a0510219a1514191e51756ee40204145068f750da1514186f5684b1841204164a2bb5e02a15141746d08bf4a412041815a2ed9f7a051412ade93348541204126ebd7feeda0514175edea1bc741204171f302e8e4a0514120ab92d20f422041881118abdca05141f32546a55e42204171a3665cd5a051417ac44fca99422041d29900eed0a05141794d8bb56842204178109fb1c6a05141843d3ac03e42204197accb9abba05141bf70a9b01d4220418312090eb0a051417e255bd80542204109ead027a4a0514117cb629001422041aa23438ca0a05141d52f4c4ff9412041d27171b3a0a05141d2e0e84a97412041e929884da1a05141cf91854635412041d27171b3a0a05141d988c933d4402041472ea9e69ea051419570ded1d1402041725490d39ea0514173e2679ab740204117ddbb3ea3a05141',
};
