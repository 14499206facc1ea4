// The import writes each row once, set-based: its metric geometry, a camera's view sector and its links computed in the
// INSERT, the per-row triggers skipped for those rows (040). Checked against what the triggers and a plain scan give.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import type { Feature, LineString, Polygon } from 'geojson';
import { importFile } from '../server/ingest/import.service.js';
import { STORE_KINDS } from './support/stores.js';
import { random } from './coverage.fixtures.js';

const square = (code: string, x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Feature',
  properties: { code, name: code },
  geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] },
});
const collection = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

// Two overlapping districts (D1 inside D2's north-east), two communities sharing the edge x = 123.42, four grid cells.
const DISTRICTS = collection([square('D2', 123.3, 41.7, 123.5, 41.9), square('D1', 123.4, 41.8, 123.5, 41.9)]);
const COMMUNITIES = collection([square('C1', 123.4, 41.8, 123.42, 41.82), square('C2', 123.42, 41.8, 123.44, 41.82)]);
const GRID_CELLS = collection([
  square('G1', 123.4, 41.8, 123.41, 41.82), square('G2', 123.41, 41.8, 123.42, 41.82),
  square('G3', 123.42, 41.8, 123.43, 41.82), square('G4', 123.43, 41.8, 123.44, 41.82),
]);

interface Cam { code: string; lon: number; lat: number; direction: number | null; fov: number | null; range: number | null }

function cameras(): Cam[] {
  const next = random(7);
  const fovs = [null, 30, 45, 60, 72.5, 90, 120, 359, 360];
  const list: Cam[] = Array.from({ length: 400 }, (_, i) => ({
    code: `K${String(i).padStart(3, '0')}`,
    lon: 123.38 + next() * 0.08,
    lat: 41.78 + next() * 0.06,
    direction: next() < 0.1 ? null : Math.floor(next() * 3600) / 10,
    fov: fovs[Math.floor(next() * fovs.length)],
    range: next() < 0.1 ? null : 5 + Math.round(next() * 1500) / 10,
  }));
  // On the corner both communities (and grid cells G2, G3) share, exactly (a vertex transforms as the point does): the
  // smallest code wins.
  list.push({ code: 'KEDGE', lon: 123.42, lat: 41.8, direction: 90, fov: 60, range: 40 });
  return list;
}

const EXTRA: Cam[] = [
  { code: 'KX1', lon: 123.42, lat: 41.8, direction: 180, fov: 90, range: 25 },
  { code: 'KX2', lon: 123.435, lat: 41.815, direction: 0, fov: 360, range: 60 },
];

const csv = (list: Cam[]) =>
  ['code,name,direction_deg,fov_deg,range_m,lon,lat', ...list.map((c) => [c.code, c.code, c.direction ?? '', c.fov ?? '', c.range ?? '', c.lon, c.lat].join(','))].join('\n');

describe.each(STORE_KINDS)('set-based import into the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  const list = cameras();
  beforeAll(async () => {
    db = await kind.open();
    await importFile(db, { layer: 'districts', fileName: 'districts.geojson', content: DISTRICTS });
    await importFile(db, { layer: 'communities', fileName: 'communities.geojson', content: COMMUNITIES });
    await importFile(db, { layer: 'grid-cells', fileName: 'grid-cells.geojson', content: GRID_CELLS });
    const summary = await importFile(db, { layer: 'cameras', fileName: 'cameras.csv', content: csv(list) });
    expect(summary.rowsWritten).toBe(list.length);
    // Two more cameras: fewer rows than parents in their extent, so each is linked by probing the parents' index.
    const extra = await importFile(db, { layer: 'cameras', fileName: 'extra.csv', content: csv(EXTRA) });
    expect(extra.rowsWritten).toBe(2);
  }, 180_000);
  afterAll(async () => db?.dispose());

  it('stores the metric geometry the trigger would have computed, to the bit', async () => {
    const { rows } = await db.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE ST_AsBinary(geom_m) = ST_AsBinary(ST_Transform(geom, atlas_metric_srid_for(geom))))::int AS same FROM cameras`);
    expect(rows[0]).toEqual({ n: list.length + EXTRA.length, same: list.length + EXTRA.length });
  });

  it('stores each view sector within a micrometre of atlas_coverage_sector, and none without a range', async () => {
    const { rows } = await db.query(`
      SELECT count(*)::int AS n,
             count(*) FILTER (WHERE range_m IS NULL AND view_m IS NULL)::int AS without_range,
             count(*) FILTER (WHERE range_m IS NOT NULL AND ST_NPoints(view_m) = ST_NPoints(atlas_camera_view(geom_m, geom, direction_deg, fov_deg, range_m))
                                AND ST_HausdorffDistance(view_m, atlas_camera_view(geom_m, geom, direction_deg, fov_deg, range_m)) < 1e-6)::int AS same
      FROM cameras`);
    const withoutRange = list.filter((c) => c.range === null).length;
    expect(withoutRange).toBeGreaterThan(10);
    expect(rows[0]).toEqual({ n: list.length + EXTRA.length, without_range: withoutRange, same: list.length + EXTRA.length - withoutRange });
  });

  it('links each camera to the parent a plain scan finds (the smallest code where parents overlap)', async () => {
    const { rows } = await db.query<{ code: string; community_code: string | null; grid_code: string | null; district_code: string | null; c: string | null; g: string | null; d: string | null }>(`
      SELECT k.code, k.community_code, k.grid_code, k.district_code,
             (SELECT min(p.code) FROM communities p WHERE ST_Covers(p.geom, k.geom)) AS c,
             (SELECT min(p.code) FROM grid_cells p WHERE ST_Covers(p.geom, k.geom)) AS g,
             (SELECT min(p.code) FROM districts p WHERE ST_Covers(p.geom, k.geom)) AS d
      FROM cameras k ORDER BY k.code`);
    expect(rows).toHaveLength(list.length + EXTRA.length);
    for (const row of rows) expect([row.code, row.community_code, row.grid_code, row.district_code]).toEqual([row.code, row.c, row.g, row.d]);
    // Independently of PostGIS, for the cameras well inside or outside (Turf in lon/lat; the edge case is KEDGE).
    const polygons = (text: string) => (JSON.parse(text).features as Feature<Polygon, { code: string }>[]);
    const byCode = new Map(rows.map((r) => [r.code, r]));
    let checked = 0;
    for (const camera of list.filter((c) => c.code !== 'KEDGE')) {
      const point = turf.point([camera.lon, camera.lat]);
      const containing = (features: Feature<Polygon, { code: string }>[]) => {
        const near = features.some((f) => turf.pointToLineDistance(point, turf.polygonToLine(f) as Feature<LineString>, { units: 'meters' }) < 1);
        return near ? undefined : features.filter((f) => turf.booleanPointInPolygon(point, f)).map((f) => f.properties.code).sort()[0] ?? null;
      };
      const expected = [containing(polygons(COMMUNITIES)), containing(polygons(GRID_CELLS)), containing(polygons(DISTRICTS))];
      if (expected.includes(undefined)) continue;
      const row = byCode.get(camera.code)!;
      expect([camera.code, row.community_code, row.grid_code, row.district_code]).toEqual([camera.code, ...expected]);
      checked++;
    }
    expect(checked).toBeGreaterThan(350);
    expect(byCode.get('KEDGE')).toMatchObject({ community_code: 'C1', grid_code: 'G2' });
    expect(byCode.get('KX1')).toMatchObject({ community_code: 'C1', grid_code: 'G2' });
    expect(byCode.get('KX2')).toMatchObject({ community_code: 'C2', grid_code: 'G4', district_code: 'D1' });
    expect(new Set(rows.map((r) => r.community_code))).toEqual(new Set(['C1', 'C2', null]));
  });

  it('still completes a row inserted without geom_m or view_m, and follows updates, through the triggers', async () => {
    await db.query(`INSERT INTO cameras (code, direction_deg, fov_deg, range_m, geom, source) VALUES ('HAND', 45, 90, 30, ST_SetSRID(ST_MakePoint(123.41, 41.81), 4326), 'hand')`);
    const check = `SELECT ST_AsBinary(geom_m) = ST_AsBinary(ST_Transform(geom, atlas_metric_srid_for(geom))) AS metric,
                          ST_Equals(view_m, atlas_camera_view(geom_m, geom, direction_deg, fov_deg, range_m)) AS view
                   FROM cameras WHERE code = $1`;
    expect((await db.query(check, ['HAND'])).rows[0]).toEqual({ metric: true, view: true });
    await db.query(`UPDATE cameras SET direction_deg = 200, geom = ST_SetSRID(ST_MakePoint(123.43, 41.81), 4326) WHERE code = 'HAND'`);
    expect((await db.query(check, ['HAND'])).rows[0]).toEqual({ metric: true, view: true });
    // A re-import that turns and moves a camera: the update triggers redraw it, as before.
    const moved = list.map((c) => (c.code === 'K000' ? { ...c, direction: 10, fov: 50, range: 77, lon: 123.415, lat: 41.805 } : c));
    const summary = await importFile(db, { layer: 'cameras', fileName: 'cameras.csv', content: csv(moved) });
    expect(summary).toMatchObject({ rowsWritten: 1, rowsUnchanged: list.length - 1 });
    expect((await db.query(`SELECT count(*)::int AS n FROM cameras WHERE code IN ('KX1', 'KX2')`)).rows[0].n).toBe(2);
    expect((await db.query(check, ['K000'])).rows[0]).toEqual({ metric: true, view: true });
    expect((await db.query(`SELECT community_code, grid_code, district_code FROM cameras WHERE code = 'K000'`)).rows[0]).toEqual({ community_code: 'C1', grid_code: 'G2', district_code: 'D1' });
  });

  it('relinks the cameras to the communities a new communities file draws (links.ts relinkChildren)', async () => {
    // C1 and C2 swap places, and C1 shrinks to its southern half: every camera's community is the one a plain scan finds.
    const swapped = collection([square('C1', 123.42, 41.8, 123.44, 41.81), square('C2', 123.4, 41.8, 123.42, 41.82)]);
    await importFile(db, { layer: 'communities', fileName: 'communities.geojson', content: swapped });
    const { rows } = await db.query<{ code: string; community_code: string | null; c: string | null; parents: number }>(`
      SELECT k.code, k.community_code, (SELECT min(p.code) FROM communities p WHERE ST_Intersects(p.geom, k.geom)) AS c,
             (SELECT count(*)::int FROM communities p WHERE ST_Intersects(p.geom, k.geom)) AS parents
      FROM cameras k ORDER BY k.code`);
    // (A camera on the shared edge lies in both: the relink keeps one of them, not necessarily the smallest code. One
    // that no community holds any more keeps the link it had: relinkChildren only writes where a parent contains it.)
    const single = rows.filter((r) => r.parents === 1);
    expect(single.length).toBeGreaterThan(40);
    for (const row of single) expect([row.code, row.community_code]).toEqual([row.code, row.c]);
    expect(new Set(single.map((r) => r.community_code))).toEqual(new Set(['C1', 'C2']));
    expect(single.filter((r) => r.community_code === 'C1').length).toBeGreaterThan(10);
  });
});
