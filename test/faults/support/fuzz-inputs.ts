// A seeded generator of malformed inputs: files for the importer, GraphQL documents and variables, tile addresses.
import AdmZip from 'adm-zip';
import { lat, lon } from './city.js';

export type Random = () => number;

/** mulberry32: a small, well-known seeded generator, so that a failing case can be replayed from its seed. */
export function seeded(seed: number): Random {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const bytes = (random: Random, n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));

export interface UploadCase {
  kind: string;
  layer: string;
  fileName: string;
  body: Buffer;
}

const square = (i: number) => [[[lon(i * 300), lat(0)], [lon(i * 300 + 200), lat(0)], [lon(i * 300 + 200), lat(200)], [lon(i * 300), lat(200)], [lon(i * 300), lat(0)]]];
const validCommunities = () => ({
  type: 'FeatureCollection',
  features: Array.from({ length: 5 }, (_, i) => ({ type: 'Feature', properties: { code: `F${i}`, name: `模糊${i}`, district_code: '210102' }, geometry: { type: 'Polygon', coordinates: square(i) } })),
});

/** Each mutation breaks the file for certain (the importer refuses the whole file on one bad feature). */
const GEOJSON_MUTATIONS: ((fc: any, random: Random) => string)[] = [
  (fc, random) => { const text = JSON.stringify(fc); return text.slice(0, 1 + Math.floor(random() * (text.length - 2))); },
  (fc, random) => { fc.features[Math.floor(random() * 5)].geometry = null; return JSON.stringify(fc); },
  (fc, random) => { fc.features[Math.floor(random() * 5)].geometry.coordinates = 'abc'; return JSON.stringify(fc); },
  (fc, random) => { fc.features[Math.floor(random() * 5)].geometry.coordinates[0][1] = [1e9 * (random() + 1), 41.8]; return JSON.stringify(fc); },
  (fc, random) => { fc.features[Math.floor(random() * 5)].geometry.coordinates[0][2] = [null, 'north']; return JSON.stringify(fc); },
  (fc, random) => { fc.features[Math.floor(random() * 5)].geometry = { type: 'Point', coordinates: [lon(0), lat(0)] }; return JSON.stringify(fc); },
  (fc, random) => { fc.features[Math.floor(random() * 5)].geometry.coordinates = [[[lon(0), lat(0)], [lon(1), lat(1)]]]; return JSON.stringify(fc); },
  (fc, random) => { delete fc.features[Math.floor(random() * 5)].properties.code; return JSON.stringify(fc); },
  (fc, random) => { fc.features[Math.floor(random() * 5)].geometry.type = pick(random, ['Polygn', '', 42, null]); return JSON.stringify(fc); },
  (fc) => { fc.features = 'none'; return JSON.stringify(fc); },
  (_fc, random) => pick(random, ['[]', '42', '"x"', 'null', '{}', '', '   ', '{"type":"FeatureCollection"}']),
  (_fc, random) => '['.repeat(1000 + Math.floor(random() * 100_000)),
  (_fc, random) => bytes(random, 1 + Math.floor(random() * 4000)).toString('latin1'),
];

const stopsCsv = () => ['code,name,lon,lat', ...Array.from({ length: 5 }, (_, i) => `T${i},站${i},${lon(i * 100)},${lat(i * 100)}`)];
const CSV_MUTATIONS: ((rows: string[], random: Random) => string)[] = [
  (rows, random) => { rows[1 + Math.floor(random() * 5)] = `T9,"未闭合,${lon(0)},${lat(0)}`; return rows.join('\n'); },
  (rows, random) => { rows[1 + Math.floor(random() * 5)] = `T9,站,east,${lat(0)}`; return rows.join('\n'); },
  (rows, random) => { rows[1 + Math.floor(random() * 5)] = `T9,站,${lon(0)}`; return rows.join('\n'); },
  (rows) => { rows[0] = 'code,name,x_coord,y_coord'; return rows.join('\n'); },
  (rows, random) => { rows[1 + Math.floor(random() * 5)] = `T9,站,${pick(random, [999, -999, 1e300])},${lat(0)}`; return rows.join('\n'); },
  (rows) => rows.map((r) => r.replaceAll(',', ';')).join('\n').replace('code;name;lon;lat', 'code;name;lon;lat;extra;"'),
  (rows) => rows[0],
  () => '',
  (rows, random) => { rows[1 + Math.floor(random() * 5)] = `,站,${lon(0)},${lat(0)}`; return rows.join('\n'); },
  (_rows, random) => bytes(random, 1 + Math.floor(random() * 4000)).toString('latin1'),
];

function zipOf(entries: Record<string, Buffer | string>): Buffer {
  const zip = new AdmZip();
  for (const [name, content] of Object.entries(entries)) zip.addFile(name, Buffer.isBuffer(content) ? content : Buffer.from(content));
  return zip.toBuffer();
}

const ZIP_CASES: ((random: Random) => { layer: string; body: Buffer })[] = [
  (random) => ({ layer: 'communities', body: Buffer.concat([Buffer.from('PK\x03\x04'), bytes(random, 500)]) }),
  () => ({ layer: 'communities', body: zipOf({ 'readme.txt': 'no layer here' }) }),
  (random) => ({ layer: 'communities', body: zipOf({ 'x.shp': bytes(random, 300), 'x.shx': bytes(random, 100), 'x.dbf': bytes(random, 300) }) }),
  (random) => ({ layer: 'bus-stops', body: zipOf({ 'x.shp': Buffer.concat([Buffer.from([0, 0, 0x27, 0x0a]), bytes(random, 200)]), 'x.dbf': bytes(random, 50) }) }),
  () => ({ layer: 'bus-stops', body: zipOf({ 'stops.txt': 'stop_id,stop_name,stop_lon\n1,站,123.4\n', 'agency.txt': 'agency_name\nx\n' }) }),
  (random) => ({ layer: 'bus-stops', body: zipOf({ 'stops.txt': `stop_id,stop_name,stop_lat,stop_lon\n1,站,${pick(random, ['north', '', '91.5', '1e400'])},123.4\n` }) }),
  () => ({ layer: 'bus-stops', body: zipOf({ 'stops.txt': Buffer.alloc(40 * 1024 * 1024, 0x20) }) }),
  (random) => ({ layer: 'communities', body: zipOf({ 'inner.zip': zipOf({ 'x.shp': bytes(random, 100) }) }) }),
];

export function uploadCase(random: Random): UploadCase {
  const roll = random();
  if (roll < 0.45) {
    const mutation = Math.floor(random() * GEOJSON_MUTATIONS.length);
    return { kind: `geojson#${mutation}`, layer: 'communities', fileName: 'fuzz.geojson', body: Buffer.from(GEOJSON_MUTATIONS[mutation](validCommunities(), random), 'latin1') };
  }
  if (roll < 0.8) {
    const mutation = Math.floor(random() * CSV_MUTATIONS.length);
    return { kind: `csv#${mutation}`, layer: pick(random, ['bus-stops', 'cameras']), fileName: 'fuzz.csv', body: Buffer.from(CSV_MUTATIONS[mutation](stopsCsv(), random), 'latin1') };
  }
  const zipCase = Math.floor(random() * ZIP_CASES.length);
  return { kind: `zip#${zipCase}`, fileName: 'fuzz.zip', ...ZIP_CASES[zipCase](random) };
}

const TOKENS = ['{', '}', '(', ')', '[', ']', ':', '$', '!', '...', '@', 'query', 'mutation', 'fragment', 'on', 'communities', 'nodes', 'code', 'first', 'community', 'district', '"x"', '1', '-1', '1e99', 'true', 'null', '#', '\u0000', '社区', '"""', ','];

export interface GraphqlCase {
  kind: string;
  body: string;
}

const GRAPHQL_CASES: ((random: Random) => unknown)[] = [
  (random) => ({ query: Array.from({ length: 1 + Math.floor(random() * 40) }, () => pick(random, TOKENS)).join(' ') + ' {' }),
  (random) => { const q = '{ communities(first: 10) { nodes { code name } } }'; return { query: q.slice(0, Math.floor(random() * (q.length - 1))) }; },
  (random) => ({ query: 'query($n: Int) { communities(first: $n) { totalCount } }', variables: { n: pick(random, ['ten', 1e308, -5, 2.5, [], {}, true]) } }),
  (random) => ({ query: 'query($b: [Float!]) { communities(bbox: $b) { totalCount } }', variables: { b: pick(random, [[1, 2, 3], [200, 0, 201, 1], [5, 5, 1, 1], ['a', 'b', 'c', 'd'], [null, 1, 2, 3]]) } }),
  (random) => ({ query: 'query($g: GeoJSON) { communities(intersects: $g) { totalCount } }', variables: { g: pick(random, [{ type: 'Polygon', coordinates: [[[0, 0], [1, 1]]] }, { type: 'Nonsense' }, 'POLYGON', 42, { type: 'Point', coordinates: ['x', 'y'] }]) } }),
  (random) => ({ query: '{ communities(after: "' + bytes(random, 12).toString('base64') + '!") { totalCount } }' }),
  (random) => ({ query: '{ communities { totalCount } }', variables: pick(random, ['not an object', 42, [1, 2]]) }),
  (random) => ({ query: pick(random, [42, null, ['{ districts { code } }'], { query: '{}' }]) }),
  (random) => ({ query: `{ communities(first: 5) { nodes { ${Array.from({ length: 3 }, () => pick(random, ['code', 'nope', 'areaM2(x: 1)', '__typename', 'boundary(simplifyMeters: "a")'])).join(' ')} nope } } }` }),
  (random) => ({ query: 'mutation { ' + pick(random, ['deleteEverything', 'importLayer', 'x']) + ' }' }),
];

export function graphqlCase(random: Random): GraphqlCase {
  const which = Math.floor(random() * GRAPHQL_CASES.length);
  const body = GRAPHQL_CASES[which](random);
  return { kind: `graphql#${which}`, body: random() < 0.05 ? JSON.stringify(body).slice(0, -1) : JSON.stringify(body) };
}

/** Tile addresses out of range or not numbers, and layers that do not exist. */
export function tileCase(random: Random): string {
  const layer = pick(random, ['communities', 'cameras', 'bus-stops', 'coverage-gaps', 'nope', '..', '%00', 'communities.json']);
  const z = pick(random, [-1, 23, 25, 99, 'a', '1.5', '', '1e3']);
  const x = pick(random, [-1, 2 ** 30, 'x', '0x10', 5]);
  const y = pick(random, [-1, 2 ** 30, 'y', 5, '9'.repeat(40)]);
  return `/tiles/${layer}/${z}/${x}/${y}.mvt`;
}
