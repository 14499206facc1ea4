// A code another source sent is not taken over silently (issue 11, item 17), on both stores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { importFile } from '../server/ingest/import.service.js';
import { ImportRefusedError } from '../server/ingest/rows.js';
import { STORE_KINDS } from './support/stores.js';
import { lonLat, pointsCsv } from './coverage.fixtures.js';

describe.each(STORE_KINDS)('a code that changes source ($name store)', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  beforeAll(async () => {
    db = await kind.open();
    await importFile(db, { layer: 'bus-stops', fileName: 'transit.csv', content: pointsCsv(['code', 'name'], [{ x: 0, y: 0, values: { code: 'S1', name: '甲站' } }]) });
  });
  afterAll(async () => db?.dispose());

  const where = async () => (await db.query<{ lon: number; lat: number; source: string }>(`SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat, source FROM bus_stops WHERE code = 'S1'`)).rows[0];

  it('is refused, naming whose it is and how far it would move, and nothing is written', async () => {
    const before = await where();
    const file = pointsCsv(['code', 'name'], [{ x: 14_000, y: 0, values: { code: 'S1', name: '乙站' } }, { x: 100, y: 100, values: { code: 'S9', name: '新站' } }]);
    const refusal = await importFile(db, { layer: 'bus-stops', fileName: 'other-department.csv', content: file }).catch((e) => e);
    expect(refusal).toBeInstanceOf(ImportRefusedError);
    expect(refusal.message).toMatch(/other-department\.csv/);
    expect(refusal.message).toMatch(/S1 belongs to source "transit"/);
    // The distance the message names against Turf's between the two positions (14 km east on the fixture plane).
    const km = turf.distance(lonLat(0, 0), lonLat(14_000, 0), { units: 'kilometers' });
    expect(refusal.message).toContain(`move it ${km.toFixed(1)} km`);
    expect(refusal.message).toMatch(/--replace/);
    expect(await where()).toEqual(before);
    expect((await db.query(`SELECT 1 FROM bus_stops WHERE code = 'S9'`)).rowCount).toBe(0);
  });

  it('goes through with --replace, and the same source updates its own record as before', async () => {
    const file = pointsCsv(['code', 'name'], [{ x: 14_000, y: 0, values: { code: 'S1', name: '乙站' } }]);
    await importFile(db, { layer: 'bus-stops', fileName: 'other-department.csv', content: file, replace: true });
    expect((await where()).source).toBe('other-department');
    await importFile(db, { layer: 'bus-stops', fileName: 'other-department.csv', content: pointsCsv(['code', 'name'], [{ x: 14_050, y: 0, values: { code: 'S1', name: '乙站' } }]) });
    const [lon] = lonLat(14_050, 0);
    expect((await where()).lon).toBeCloseTo(lon, 7);
  });
});
