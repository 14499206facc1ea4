// Who sees what, on both stores: the public gets no camera positions, analysts read all, officials only their district.
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../server/ingest/import.service.js';
import type { GraphQLResolveInfo } from 'graphql';
import { signToken, verifyToken } from '../server/auth/token.js';
import { ANONYMOUS } from '../server/auth/viewer.js';
import { atlasAuthChecker } from '../server/graphql/auth-checker.js';
import { createContext } from '../server/request/context.js';
import { readConfig } from '../server/config.js';
import { STORE_KINDS } from './support/stores.js';
import { startHub, type TestHub } from './support/hub.js';
import { asRole, TEST_JWT_SECRET, testViewerResolver } from './support/auth.js';

// Two districts side by side near Shenyang, 2 × 2 km each; three 1 km communities in each, a camera and a grid cell in each community.
const ORIGIN = { lon: 123.4, lat: 41.8 };
const M_LAT = 1 / 111_320;
const M_LON = 1 / (111_320 * Math.cos((ORIGIN.lat * Math.PI) / 180));
const lon = (x: number) => ORIGIN.lon + x * M_LON;
const lat = (y: number) => ORIGIN.lat + y * M_LAT;
const square = (x0: number, y0: number, w: number, h: number) => ({
  type: 'Polygon',
  coordinates: [[[lon(x0), lat(y0)], [lon(x0 + w), lat(y0)], [lon(x0 + w), lat(y0 + h)], [lon(x0), lat(y0 + h)], [lon(x0), lat(y0)]]],
});
const DISTRICTS = [
  { code: '210102', name: '和平区', x: 0 },
  { code: '210103', name: '沈河区', x: 2000 },
];
const COMMUNITIES = DISTRICTS.flatMap((d) => [0, 1, 2].map((k) => ({ code: `${d.code}00${k}`, district: d.code, x: d.x + (k % 2) * 1000, y: Math.floor(k / 2) * 1000 })));

async function loadFixtures(db: Parameters<typeof importFile>[0]) {
  const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
  await importFile(db, { layer: 'districts', fileName: 'd.geojson', content: fc(DISTRICTS.map((d) => ({ type: 'Feature', properties: { code: d.code, name: d.name }, geometry: square(d.x, 0, 2000, 2000) }))) });
  await importFile(db, { layer: 'communities', fileName: 'c.geojson', content: fc(COMMUNITIES.map((c) => ({ type: 'Feature', properties: { code: c.code, name: `社区${c.code}`, district_code: c.district }, geometry: square(c.x, c.y, 1000, 1000) }))) });
  await importFile(db, { layer: 'grid-cells', fileName: 'g.geojson', content: fc(COMMUNITIES.map((c) => ({ type: 'Feature', properties: { code: `G${c.code}`, workers: 1 }, geometry: square(c.x, c.y, 500, 500) }))) });
  const cameras = ['code,name,lon,lat,range_m,fov_deg', ...COMMUNITIES.map((c) => `K${c.code},摄像头,${lon(c.x + 500)},${lat(c.y + 500)},50,360`)];
  await importFile(db, { layer: 'cameras', fileName: 'k.csv', content: cameras.join('\n') });
}

const codesOf = (nodes: { code: string }[]) => nodes.map((n) => n.code).sort();

describe.each(STORE_KINDS)('roles on the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;
  beforeAll(async () => {
    db = await kind.open();
    await loadFixtures(db);
    hub = await startHub(db, testViewerResolver);
  }, 180_000);
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  it('refuses camera positions to the public with FORBIDDEN, and nested camera lists are empty', async () => {
    const listed = await hub.gql('{ cameras { totalCount nodes { code location } } }');
    expect(listed.data).toBeNull();
    expect(listed.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(listed.errors?.[0].message).toMatch(/not public/);
    const nested = await hub.gql('{ communities { nodes { code cameras { code location } } } }');
    expect(nested.errors).toBeUndefined();
    expect(nested.data.communities.nodes).toHaveLength(6);
    for (const community of nested.data.communities.nodes) expect(community.cameras).toEqual([]);
  });

  it('gives an analyst every camera with its position', async () => {
    const result = await hub.gql('{ cameras(first: 100) { totalCount nodes { code location } } }', undefined, asRole('analyst'));
    expect(result.errors).toBeUndefined();
    expect(result.data.cameras.totalCount).toBe(6);
    const camera = result.data.cameras.nodes.find((n: { code: string }) => n.code === 'K210102000');
    const point = typeof camera.location === 'string' ? JSON.parse(camera.location) : camera.location;
    expect(point.coordinates[0]).toBeCloseTo(lon(500), 6);
    expect(point.coordinates[1]).toBeCloseTo(lat(500), 6);
  });

  it('shows an official of 210102 the areas of that district (and every district, a public fact), and nothing of 210103 by code', async () => {
    const official = asRole('official', '210102');
    const own = COMMUNITIES.filter((c) => c.district === '210102').map((c) => c.code).sort();
    const list = await hub.gql('{ districts { code } communities(first: 100) { totalCount nodes { code } } gridCells { nodes { code } } cameras { nodes { code } } }', undefined, official);
    expect(list.errors).toBeUndefined();
    expect(codesOf(list.data.districts)).toEqual(['210102', '210103']);
    expect(list.data.communities.totalCount).toBe(3);
    expect(codesOf(list.data.communities.nodes)).toEqual(own);
    expect(codesOf(list.data.gridCells.nodes)).toEqual(own.map((c) => `G${c}`));
    expect(codesOf(list.data.cameras.nodes)).toEqual(own.map((c) => `K${c}`));

    const other = await hub.gql('{ community(code: "210103000") { code name } }', undefined, official);
    expect(other.errors).toBeUndefined();
    expect(other.data.community).toBeNull();
    const filtered = await hub.gql('{ communities(districtCode: "210103") { totalCount nodes { code } } cameras(communityCode: "210103000") { totalCount } }', undefined, official);
    expect(filtered.data.communities).toEqual({ totalCount: 0, nodes: [] });
    expect(filtered.data.cameras.totalCount).toBe(0);
  });

  it('gives an analyst both districts', async () => {
    const result = await hub.gql('{ communities { totalCount } community(code: "210103000") { code } }', undefined, asRole('analyst'));
    expect(result.data).toEqual({ communities: { totalCount: 6 }, community: { code: '210103000' } });
  });

  it('serves camera and camera-sector tiles to analysts and to the district official only; the public gets an empty tile', async () => {
    const z = 15;
    const n = 2 ** z;
    const [cameraLon, cameraLat] = [lon(500), lat(500)];
    const x = Math.floor(((cameraLon + 180) / 360) * n);
    const latRad = (cameraLat * Math.PI) / 180;
    const y = Math.floor(((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * n);
    const tile = async (layer: string, headers: Record<string, string>) => {
      const response = await fetch(`${hub.url}/tiles/${layer}/${z}/${x}/${y}.mvt`, { headers });
      return { status: response.status, bytes: (await response.arrayBuffer()).byteLength, features: response.headers.get('x-tile-features') };
    };
    for (const layer of ['cameras', 'camera-sectors']) {
      const anonymous = await tile(layer, {});
      // The public's camera tile is the empty tile of a layer they may not see, as for any empty tile: 200, no feature.
      expect(anonymous.status, `${layer} for the public`).toBe(200);
      expect(anonymous.features ?? '0').toBe('0');
      expect(anonymous.bytes).toBeLessThan(64);
      const analyst = await tile(layer, asRole('analyst'));
      expect(analyst.status).toBe(200);
      expect(Number(analyst.features)).toBeGreaterThanOrEqual(1);
      // The camera stands in 210102: its official gets it, the official of 210103 gets the empty tile.
      const own = await tile(layer, asRole('official', '210102'));
      expect(own.status).toBe(200);
      expect(Number(own.features)).toBeGreaterThanOrEqual(1);
      const other = await tile(layer, asRole('official', '210103'));
      expect(other.status).toBe(200);
      expect(other.features).toBe('0');
    }
  });

  it('lets only an admin upload, and only with a CSRF-safe request', async () => {
    const csv = `code,name,lon,lat\nUP1,上传站,${lon(100)},${lat(100)}\n`;
    const upload = (headers: Record<string, string>) => fetch(`${hub.url}/api/import/bus-stops?fileName=up.csv`, { method: 'POST', headers, body: csv });
    const analyst = await upload({ 'content-type': 'text/csv', ...asRole('analyst') });
    expect(analyst.status).toBe(403);
    expect((await analyst.json()).errors[0].extensions.code).toBe('FORBIDDEN');
    const form = await upload({ 'content-type': 'text/plain', ...asRole('admin') });
    expect(form.status).toBe(400);
    expect((await form.json()).errors[0].message).toMatch(/cross-site/);
    const before = await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM bus_stops');
    expect(before.rows[0].n).toBe(0);
    const admin = await upload({ 'content-type': 'text/csv', ...asRole('admin') });
    expect(admin.status).toBe(200);
    const after = await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM bus_stops');
    expect(after.rows[0].n).toBe(1);
  });

  it('refuses every mutation to non-admins before any resolver runs, and lets an admin through', async () => {
    const mutation = 'mutation { updateStandardRule(id: "no-such-standard", change: {}) { id } }';
    for (const headers of [{}, asRole('analyst'), asRole('official', '210102')]) {
      const response = await fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: mutation }) });
      const body = await response.json();
      expect(body.data ?? null).toBeNull();
      expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
      expect(body.errors[0].message).toMatch(/Only an admin may change data/);
      expect(body.errors[0].extensions.http).toBeUndefined();
    }
    // The admin passes the guard and reaches the resolver, which answers for the standard that is not there.
    const admin = await hub.gql(mutation, undefined, asRole('admin'));
    expect(admin.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(admin.errors?.[0].message).toMatch(/There is no standard "no-such-standard"/);
  });

  it('@Authorized lets only the named roles through, with a FORBIDDEN sentence (a real request context per token)', () => {
    // No field of the schema carries @Authorized today; the checker is type-graphql's hook, called with the context
    // the hub builds for a request and graphql-js's resolve info (only the field's parent type and name are read).
    const info = { parentType: { name: 'Mutation' }, fieldName: 'importLayer' } as Pick<GraphQLResolveInfo, 'parentType' | 'fieldName'> as GraphQLResolveInfo;
    const data = (headers: Record<string, string>) => {
      const token = headers.authorization?.replace(/^Bearer /, '');
      const viewer = token ? verifyToken(token, TEST_JWT_SECRET) : ANONYMOUS;
      return { context: createContext(db, readConfig({}), viewer), info, root: {}, args: {} };
    };
    expect(atlasAuthChecker(data(asRole('admin')), ['admin'])).toBe(true);
    expect(() => atlasAuthChecker(data(asRole('analyst')), ['admin'])).toThrow(/Mutation.importLayer is for admin only/);
    expect(atlasAuthChecker(data(asRole('analyst')), [])).toBe(true);
    expect(atlasAuthChecker(data(asRole('official', '210102')), [])).toBe(true);
    expect(() => atlasAuthChecker(data(asRole('public')), [])).toThrow(/signed-in/);
  });

  it('answers a bad, forged or expired token with a 401 that says which, and reads nothing', async () => {
    const post = (authorization: string) =>
      fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query: '{ communities { totalCount } }' }) });
    const forged = await post(`Bearer ${signToken({ role: 'admin' }, 'another-secret-another-secret-another-secret')}`);
    expect(forged.status).toBe(401);
    const forgedBody = await forged.json();
    expect(forgedBody.data).toBeUndefined();
    expect(forgedBody.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(forgedBody.errors[0].message).toMatch(/not valid/);

    const now = Math.floor(Date.now() / 1000);
    const expired = await post(`Bearer ${jwt.sign({ role: 'analyst', iat: now - 100, exp: now - 10 }, TEST_JWT_SECRET, { issuer: 'shequ-atlas' })}`);
    expect(expired.status).toBe(401);
    expect((await expired.json()).errors[0].message).toMatch(/expired/);

    const notBearer = await post('Basic dXNlcjpwYXNz');
    expect(notBearer.status).toBe(401);
    expect((await notBearer.json()).errors[0].message).toMatch(/Bearer/);
    expect(notBearer.headers.get('www-authenticate')).toMatch(/Bearer/);
  });
});
