// With change: the cached walking coverage a road or stop change cannot reach stays warm, on both stores. Two street
// grids 5 km apart, a community square on each and one between them that no walk reaches; a street of grid A is
// shortened, then grid A's stop moves. Only grid A's community is measured again; the others are carried (their entry
// moves to the catchments' new version before any read), and every number equals a cold recompute within 1e-6.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../server/ingest/import.service.js';
import { computeAreaCoverage } from '../server/analysis/coverage.service.js';
import { coverageRequest, WALK_MODEL } from '../server/analysis/catchment-models.js';
import { ensureWalkCatchments } from '../server/analysis/walk/walk-catchments.js';
import type { AtlasContext } from '../server/request/context.js';
import { requestContextAs } from './support/auth.js';
import { STORE_KINDS } from './support/stores.js';
import { collection, gridStreets, line, squareAt, stopsCsv } from './support/street-grid.js';

const B_X = 5000;
const CODES = ['A-SQ', 'B-SQ', 'MID'];

describe.each(STORE_KINDS)('cached walking coverage over a change, on the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let ctx: AtlasContext;
  beforeAll(async () => {
    db = await kind.open();
    ctx = requestContextAs(db, 'analyst');
    await importFile(db, {
      layer: 'communities', fileName: 'communities.geojson',
      content: collection([
        { properties: { code: 'A-SQ', name: 'Grid A' }, geometry: squareAt(0, 0, 500) },
        { properties: { code: 'B-SQ', name: 'Grid B' }, geometry: squareAt(B_X, 0, 500) },
        // 1.8 km from either stop, beyond every walk: no coverage, and its nearest stop is the one that moves.
        { properties: { code: 'MID', name: 'Between' }, geometry: squareAt(2000, 0, 200) },
      ]),
    });
    await importFile(db, { layer: 'roads', fileName: 'roads.geojson', content: collection([...gridStreets(0, 0, 'A-'), ...gridStreets(B_X, 0, 'B-')]) });
    await importFile(db, { layer: 'bus-stops', fileName: 'stops.csv', content: stopsCsv([{ code: 'A-C', x: 0, y: 0 }, { code: 'B-C', x: B_X, y: 0 }]) });
  }, 600_000);
  afterAll(async () => {
    await db?.dispose();
  });

  const walk = () => coverageRequest('bus-stops', 500, 'ROADS');
  const walkVersion = async () =>
    Number((await db.query<{ version: string }>(`SELECT version FROM layer_versions WHERE layer = 'walk-catchments'`)).rows[0].version);
  /** The cached walking entries' versions, read straight from the cache (no coverage read, which would refill it). */
  const entryVersions = async () => {
    const { rows } = await db.query<{ area_code: string; source_version: string }>(
      `SELECT area_code, source_version FROM coverage_cache WHERE model = $1 AND area_layer = 'communities' AND params_key = 'reach=500'`,
      [WALK_MODEL.name],
    );
    return new Map(rows.map((r) => [r.area_code, Number(r.source_version)]));
  };
  /** The numbers as read now (from the cache where it is warm), then as a cold recompute gives them; compared within 1e-6. */
  const expectSameAsCold = async () => {
    const warm = await computeAreaCoverage(ctx, 'communities', CODES, walk());
    await db.query(`DELETE FROM coverage_cache WHERE model = $1`, [WALK_MODEL.name]);
    const cold = await computeAreaCoverage(ctx, 'communities', CODES, walk());
    for (const code of CODES) {
      const [w, c] = [warm.get(code)!, cold.get(code)!];
      expect(Math.abs(w.covered_m2 - c.covered_m2), `${code} covered`).toBeLessThan(1e-6);
      expect(Math.abs(w.area_m2 - c.area_m2), `${code} area`).toBeLessThan(1e-6);
      expect(Math.abs((w.nearest_m ?? NaN) - (c.nearest_m ?? NaN)), `${code} nearest`).toBeLessThan(1e-6);
    }
    return { warm, cold };
  };

  it('keeps warm the coverage a shortened street cannot reach, and measures again the one it reaches', async () => {
    const first = await computeAreaCoverage(ctx, 'communities', CODES, walk());
    expect(first.get('A-SQ')!.covered_m2).toBeGreaterThan(0);
    expect(first.get('MID')!.covered_m2).toBe(0);
    const before = await walkVersion();
    expect([...(await entryVersions()).values()]).toEqual([before, before, before]);

    // Street y = 100 of grid A now runs only from x = −1000 to 0: the centre stop's walk loses x ∈ (0, 400] of it.
    const steps = Array.from({ length: 11 }, (_, i) => -1000 + i * 100);
    await importFile(db, { layer: 'roads', fileName: 'roads.geojson', content: collection([{ properties: { code: 'A-EW100' }, geometry: line(steps.map((x) => [x, 100])) }]) });
    await ensureWalkCatchments(db, 500);
    const after = await walkVersion();
    expect(after).toBe(before + 1);
    const versions = await entryVersions();
    expect(versions.get('B-SQ'), 'grid B carried').toBe(after);
    expect(versions.get('MID'), 'the community between carried').toBe(after);
    expect(versions.get('A-SQ'), 'grid A stale').toBe(before);

    const { warm } = await expectSameAsCold();
    expect(warm.get('A-SQ')!.covered_m2).toBeLessThan(first.get('A-SQ')!.covered_m2);
    expect(Math.abs(warm.get('B-SQ')!.covered_m2 - first.get('B-SQ')!.covered_m2)).toBeLessThan(1e-6);
  }, 600_000);

  it('after a stop moves, keeps warm the areas its walks do not reach, with their nearest stop measured again', async () => {
    await computeAreaCoverage(ctx, 'communities', CODES, walk());
    const nearestBefore = (await computeAreaCoverage(ctx, 'communities', ['MID'], walk())).get('MID')!.nearest_m!;
    const before = await walkVersion();
    // Grid A's stop moves 300 m east along y = 0: 300 m nearer to the community between (1,800 m → 1,500 m).
    await importFile(db, { layer: 'bus-stops', fileName: 'stops.csv', content: stopsCsv([{ code: 'A-C', x: 300, y: 0 }]) });
    await ensureWalkCatchments(db, 500);
    const after = await walkVersion();
    const versions = await entryVersions();
    expect(versions.get('B-SQ')).toBe(after);
    expect(versions.get('MID')).toBe(after);
    expect(versions.get('A-SQ')).toBe(before);
    const { warm } = await expectSameAsCold();
    // Measured in the area's UTM zone, whose scale differs from the ground's by up to 0.04 % here.
    expect(Math.abs(nearestBefore - 1800)).toBeLessThan(1800 * 1e-3);
    expect(Math.abs(warm.get('MID')!.nearest_m! - 1500)).toBeLessThan(1500 * 1e-3);
  }, 600_000);
});
