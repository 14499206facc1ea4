// Community and district label points (labelPoint, computed in PostGIS): each lies inside its area, by the store's own
// ST_Contains and by Turf on the boundary GraphQL returns, and sits as deep inside as the area's pole of inaccessibility.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { booleanPointInPolygon, pointToLineDistance, polygonToLine } from '@turf/turf';
import polylabel from 'polylabel';
import type { Feature, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import { seedDemoCity } from '../server/seed/seed.service.js';
import { STORE_KINDS } from './support/stores.js';
import { startHub, type TestHub } from './support/hub.js';

interface Area {
  code: string;
  name: string;
  labelPoint: Point;
  boundary: Polygon | MultiPolygon;
}

/** Metres from a point to the nearest edge of an area (Turf, on the sphere). */
function clearanceM(point: Point, area: Polygon | MultiPolygon): number {
  const lines = polygonToLine(area) as Feature<LineString | MultiLineString> | { features: Feature<LineString | MultiLineString>[] };
  const features = 'features' in lines ? lines.features : [lines];
  const edges = features.flatMap((f) => (f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates));
  return Math.min(...edges.map((edge) => pointToLineDistance(point.coordinates, { type: 'LineString', coordinates: edge }, { units: 'meters' })));
}

/** The deepest clearance of any part, from polylabel's pole of each polygon (an independent pole of inaccessibility). */
function poleClearanceM(area: Polygon | MultiPolygon): number {
  const polygons = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  return Math.max(...polygons.map((rings) => clearanceM({ type: 'Point', coordinates: polylabel(rings as [number, number][][], 0.000005) }, area)));
}

describe.each(STORE_KINDS)('label points in the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;

  beforeAll(async () => {
    db = await kind.open();
    await seedDemoCity(db, { scale: 'tiny', seed: 3 });
    hub = await startHub(db);
  }, 600_000);
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  async function areas(layer: 'communities' | 'districts'): Promise<Area[]> {
    const query = layer === 'communities' ? '{ communities(first: 5000) { nodes { code name labelPoint boundary } } }' : '{ districts { code name labelPoint boundary } }';
    const { data, errors } = await hub.gql(query);
    expect(errors).toBeUndefined();
    return layer === 'communities' ? data.communities.nodes : data.districts;
  }

  for (const layer of ['communities', 'districts'] as const) {
    it(`gives every one of the ${layer} a point inside it (ST_Contains on the store, Turf on its boundary)`, async () => {
      const list = await areas(layer);
      const { rows } = await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${layer}`);
      expect(list.length).toBe(Number(rows[0].n));
      expect(list.length).toBeGreaterThan(layer === 'communities' ? 50 : 10);
      const codes = list.map((a) => a.code);
      const points = list.map((a) => JSON.stringify(a.labelPoint));
      const inside = await db.query<{ code: string; contains: boolean }>(
        `SELECT t.code, ST_Contains(t.geom, ST_SetSRID(ST_GeomFromGeoJSON(p.point), 4326)) AS contains
           FROM unnest($1::text[], $2::text[]) AS p(code, point) JOIN ${layer} t ON t.code = p.code`,
        [codes, points],
      );
      expect(inside.rows).toHaveLength(list.length);
      expect(inside.rows.filter((r) => !r.contains).map((r) => r.code)).toEqual([]);
      for (const area of list) {
        expect(area.labelPoint.type, area.code).toBe('Point');
        expect(booleanPointInPolygon(area.labelPoint.coordinates, area.boundary), `${area.code} ${area.name}`).toBe(true);
      }
    }, 120_000);

    it(`puts each label of the ${layer} about as deep inside as the pole of inaccessibility`, async () => {
      for (const area of await areas(layer)) {
        const own = clearanceM(area.labelPoint, area.boundary);
        const pole = poleClearanceM(area.boundary);
        // The store finds its circle in metres (UTM) to a tolerance of a thousandth of the area's size; polylabel in degrees.
        expect(own, `${area.code}: ${own.toFixed(1)} m from the edge, the pole ${pole.toFixed(1)} m`).toBeGreaterThan(pole * 0.9);
      }
    }, 120_000);
  }

  it('moves the label of an area whose boundary changes (the kept point is the old geometry\'s)', async () => {
    const [before] = await areas('communities');
    await db.query('UPDATE communities SET geom = ST_Multi(ST_Translate(geom, 0.05, 0.02)) WHERE code = $1', [before.code]);
    const after = (await areas('communities')).find((area) => area.code === before.code)!;
    expect(after.labelPoint.coordinates).not.toEqual(before.labelPoint.coordinates);
    expect(booleanPointInPolygon(after.labelPoint.coordinates, after.boundary)).toBe(true);
    const { rows } = await db.query<{ contains: boolean }>('SELECT ST_Contains(geom, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)) AS contains FROM communities WHERE code = $1', [before.code, JSON.stringify(after.labelPoint)]);
    expect(rows[0].contains).toBe(true);
  }, 120_000);
});
