// Tile ETags after a change set, on both stores: a tile the change cannot reach keeps its ETag (304), a tile under it
// gets a new one and the new coverage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { importFile } from '../server/ingest/import.service.js';
import { STORE_KINDS } from './support/stores.js';
import { startHub, type TestHub } from './support/hub.js';
import { asRole, testViewerResolver } from './support/auth.js';
import { featureCollection, lonLat, pointsCsv, square } from './coverage.fixtures.js';
import { tileOf } from './support/tiles.js';

const Z = 14;
/** The z/x/y of the tile holding a point `x`, `y` metres from the fixture origin (the slippy-map formula). */
const tileAt = (x: number, y: number): [number, number, number] => tileOf(lonLat(x, y), Z);

describe.each(STORE_KINDS)('tile ETags follow where a change lies ($name store)', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;
  const analyst = asRole('analyst');
  // Two communities 40 km apart: far beyond any reach of each other's stops.
  const NEAR = { x: 0, y: 0 };
  const FAR = { x: 40_000, y: 0 };

  beforeAll(async () => {
    db = await kind.open();
    await importFile(db, { layer: 'communities', fileName: 'communities.geojson', content: featureCollection([
      // Each with its district's code (on Citus every area is kept on its district's shard).
      { properties: { code: 'NEAR', name: '近社区', district_code: '210102' }, geometry: square(NEAR.x, NEAR.y, 400) },
      { properties: { code: 'FAR', name: '远社区', district_code: '210103' }, geometry: square(FAR.x, FAR.y, 400) },
    ]) });
    await importFile(db, { layer: 'bus-stops', fileName: 'stops.csv', source: 'transit', content: pointsCsv(['code'], [{ x: FAR.x + 200, y: FAR.y + 200, values: { code: 'S-FAR' } }]) });
    hub = await startHub(db, testViewerResolver);
  });
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  const get = async (layer: string, [z, x, y]: [number, number, number], etag?: string) => {
    const response = await fetch(`${hub.url}/tiles/${layer}/${z}/${x}/${y}.mvt`, { headers: { ...analyst, ...(etag ? { 'if-none-match': etag } : {}) } });
    const body = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, etag: response.headers.get('etag') ?? undefined, tile: response.status === 200 && body.length ? new VectorTile(new PbfReader(body)) : undefined };
  };
  const share = (tile: VectorTile | undefined, code: string) => {
    const layer = tile?.layers.communities;
    for (let i = 0; layer && i < layer.length; i++) if (layer.feature(i).properties.code === code) return layer.feature(i).properties.bus_coverage_share;
    return undefined;
  };

  it('keeps the far tile\'s ETag and renews the one under the new stop', async () => {
    const nearTile = tileAt(NEAR.x + 200, NEAR.y + 200);
    const farTile = tileAt(FAR.x + 200, FAR.y + 200);
    const near = await get('communities', nearTile);
    const far = await get('communities', farTile);
    expect(share(near.tile, 'NEAR')).toBe(0);
    expect(share(far.tile, 'FAR')).toBe(1);

    // One new stop at the centre of NEAR: a 500 m circle covers the whole 400 m square.
    await importFile(db, { layer: 'bus-stops', fileName: 'stops-2.csv', source: 'transit', content: pointsCsv(['code'], [
      { x: FAR.x + 200, y: FAR.y + 200, values: { code: 'S-FAR' } },
      { x: NEAR.x + 200, y: NEAR.y + 200, values: { code: 'S-NEAR' } },
    ]) });

    expect((await get('communities', farTile, far.etag)).status).toBe(304);
    const renewed = await get('communities', nearTile, near.etag);
    expect(renewed.status).toBe(200);
    expect(renewed.etag).not.toBe(near.etag);
    expect(share(renewed.tile, 'NEAR')).toBe(1);
    // The plain stop layer: only the tile with the stop is new.
    expect((await get('bus-stops', farTile, (await get('bus-stops', farTile)).etag)).status).toBe(304);
  });
});
