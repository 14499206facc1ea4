// With change: a changed road edge makes stale only the walk catchments that reached it, on both stores. Two separate
// street grids of 100 m with stops; a street of one is shortened; the other grid's catchments stay byte for byte, and
// the changed grid's centre walks the L1 truth of the new streets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../server/ingest/import.service.js';
import { ensureWalkCatchments } from '../server/analysis/walk/walk-catchments.js';
import { STORE_KINDS } from './support/stores.js';
import { collection, gridStreets, line, stopsCsv } from './support/street-grid.js';

const B_X = 5000;

describe.each(STORE_KINDS)('walk catchments after a road changes, on the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  beforeAll(async () => {
    db = await kind.open();
    await importFile(db, { layer: 'roads', fileName: 'roads.geojson', content: collection([...gridStreets(0, 0, 'A-'), ...gridStreets(B_X, 0, 'B-')]) });
    await importFile(db, {
      layer: 'bus-stops', fileName: 'stops.csv',
      content: stopsCsv([{ code: 'A-C', x: 0, y: 0 }, { code: 'A-NE', x: 300, y: 300 }, { code: 'B-C', x: B_X, y: 0 }, { code: 'B-NE', x: B_X + 250, y: 300 }]),
    });
  }, 600_000);
  afterAll(async () => {
    await db?.dispose();
  });

  const catchments = async () => {
    const { rows } = await db.query<{ radius_m: number; stop_code: string; reached_length_m: number; bytes: string }>(
      `SELECT radius_m, stop_code, reached_length_m,
              encode(ST_AsEWKB(geom), 'hex') || encode(ST_AsEWKB(geom_m), 'hex') || encode(ST_AsEWKB(reached_geom), 'hex') AS bytes
       FROM stop_walk_catchments ORDER BY radius_m, stop_code`,
    );
    return new Map(rows.map((r) => [`${r.radius_m} ${r.stop_code}`, r]));
  };

  it('redraws the catchments that reached a shortened street and keeps the other grid\'s byte for byte', async () => {
    await ensureWalkCatchments(db, 500);
    await ensureWalkCatchments(db, 300);
    const before = await catchments();
    expect(before.size).toBe(8);
    expect(Math.abs(before.get('500 A-C')!.reached_length_m - 10_000)).toBeLessThan(0.05);

    // Street y = 100 of grid A now runs only from x = −1000 to 0 (the same source sends it again, changed).
    const steps = Array.from({ length: 11 }, (_, i) => -1000 + i * 100);
    await importFile(db, { layer: 'roads', fileName: 'roads.geojson', content: collection([{ properties: { code: 'A-EW100' }, geometry: line(steps.map((x) => [x, 100])) }]) });
    await ensureWalkCatchments(db, 500);
    const after = await catchments();
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const key of ['300 B-C', '300 B-NE', '500 B-C', '500 B-NE']) expect(after.get(key)!.bytes, key).toBe(before.get(key)!.bytes);
    // Every street point still has its L1 walk (along y = 0, then up its north–south street); y = 100 loses x ∈ (0, 400].
    expect(Math.abs(after.get('500 A-C')!.reached_length_m - 9_600)).toBeLessThan(0.05);
    expect(Math.abs(after.get('300 A-C')!.reached_length_m - (before.get('300 A-C')!.reached_length_m - 200))).toBeLessThan(0.05);
    expect(after.get('500 A-NE')!.bytes).not.toBe(before.get('500 A-NE')!.bytes);
  }, 600_000);

  it('redraws only the catchment of a stop that moved', async () => {
    await ensureWalkCatchments(db, 500);
    const before = await catchments();
    await importFile(db, { layer: 'bus-stops', fileName: 'stops.csv', content: stopsCsv([{ code: 'A-NE', x: 200, y: 300 }]) });
    await ensureWalkCatchments(db, 500);
    const after = await catchments();
    for (const key of [...before.keys()].filter((k) => !k.endsWith(' A-NE'))) expect(after.get(key)!.bytes, key).toBe(before.get(key)!.bytes);
    expect(after.get('500 A-NE')!.bytes).not.toBe(before.get('500 A-NE')!.bytes);
  }, 600_000);

  it('reads Shapefile flags: F and N are at grade, T and Y grade-separated', async () => {
    const { rows } = await db.query<{ flags: boolean[] }>(
      `SELECT ARRAY[atlas_road_grade_separated('F', 'F', 0, 'primary'), atlas_road_grade_separated('N', NULL, NULL, NULL),
                    atlas_road_grade_separated('T', 'F', 0, NULL), atlas_road_grade_separated('F', 'Y', 0, NULL),
                    atlas_road_grade_separated('no', '', 0, NULL), atlas_road_grade_separated(NULL, NULL, 1, NULL)] AS flags`,
    );
    expect(rows[0].flags).toEqual([false, false, true, true, false, true]);
  });
});
