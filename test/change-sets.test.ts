// Change sets and incremental coverage, on both stores: what each import changed, and a cache that, after any sequence
// of changes, equals a computation from scratch while the areas no change reaches keep their entries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../server/ingest/import.service.js';
import type { Database } from '../server/db/database.js';
import { STORE_KINDS } from './support/stores.js';
import { startHub, type TestHub } from './support/hub.js';
import { asRole, testViewerResolver } from './support/auth.js';
import { featureCollection, pointsCsv, random, square } from './coverage.fixtures.js';

type Site = { code: string; x: number; y: number; range?: number };

const stopsCsv = (sites: Site[]) => pointsCsv(['code', 'name'], sites.map((s) => ({ x: s.x, y: s.y, values: { code: s.code, name: `站${s.code}` } })));
const camerasCsv = (sites: Site[]) => pointsCsv(['code', 'range_m'], sites.map((s) => ({ x: s.x, y: s.y, values: { code: s.code, range_m: s.range ?? 150 } })));

// A 6 × 4 block of 1 km communities, each cut into four grid cells, with gaps of 1 km between rows of blocks so some
// areas have no site within reach.
function areas() {
  const communities = [];
  const cells = [];
  for (let i = 0; i < 6; i++) {
    for (let j = 0; j < 4; j++) {
      const code = `C${i}${j}`;
      communities.push({ properties: { code, name: `社区${code}` }, geometry: square(i * 1500, j * 1500, 1000) });
      for (let k = 0; k < 4; k++) {
        cells.push({ properties: { code: `${code}G${k}`, name: `网格${k}` }, geometry: square(i * 1500 + (k % 2) * 500, j * 1500 + Math.floor(k / 2) * 500, 500) });
      }
    }
  }
  return { communities: featureCollection(communities), cells: featureCollection(cells) };
}

const COVERAGE = `{
  communities(first: 500) { nodes { code busStopCoverage { coveredAreaM2 nearestMeters } cameraCoverage { coveredAreaM2 nearestMeters } } }
  gridCells(first: 500) { nodes { code busStopCoverage { coveredAreaM2 nearestMeters } cameraCoverage { coveredAreaM2 nearestMeters } } }
}`;

type Numbers = Map<string, [number, number | null, number, number | null]>;

async function coverage(hub: TestHub): Promise<Numbers> {
  const result = await hub.gql(COVERAGE, {}, asRole('analyst'));
  expect(result.errors).toBeUndefined();
  const out: Numbers = new Map();
  for (const level of ['communities', 'gridCells'] as const) {
    for (const n of result.data[level].nodes) {
      out.set(`${level}:${n.code}`, [n.busStopCoverage.coveredAreaM2, n.busStopCoverage.nearestMeters, n.cameraCoverage.coveredAreaM2, n.cameraCoverage.nearestMeters]);
    }
  }
  return out;
}

/** The same numbers from scratch (a plain table: the server's pool has several connections): the cache set aside, everything computed cold, then the cache put back as it was. */
async function coldCoverage(db: Database, hub: TestHub): Promise<Numbers> {
  await db.query('CREATE TABLE IF NOT EXISTS kept_cache AS SELECT * FROM coverage_cache WITH NO DATA');
  await db.query('DELETE FROM kept_cache');
  await db.query('INSERT INTO kept_cache SELECT * FROM coverage_cache');
  await db.query('DELETE FROM coverage_cache');
  try {
    return await coverage(hub);
  } finally {
    await db.query('DELETE FROM coverage_cache');
    await db.query('INSERT INTO coverage_cache SELECT * FROM kept_cache');
  }
}

const cacheRows = async (db: Database) =>
  new Map((await db.query<{ k: string; v: string }>(
    `SELECT area_layer || ':' || model || ':' || params_key || ':' || area_code AS k,
            area_version || '/' || source_version || '/' || covered_m2 || '/' || coalesce(nearest_m::text, '-') AS v
     FROM coverage_cache c
     WHERE area_version = (SELECT version FROM layer_versions WHERE layer = c.area_layer)
       AND source_version = (SELECT version FROM layer_versions WHERE layer = CASE c.model WHEN 'bus_stops_radius' THEN 'bus-stops' ELSE 'cameras' END)`,
  )).rows.map((r) => [r.k, r.v]));

function expectClose(actual: Numbers, expected: Numbers) {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [key, values] of expected) {
    const got = actual.get(key)!;
    values.forEach((v, i) => {
      if (v === null) expect(got[i], `${key}[${i}]`).toBeNull();
      else expect(Math.abs((got[i] as number) - v), `${key}[${i}]: ${got[i]} vs ${v}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(v)));
    });
  }
}

describe.each(STORE_KINDS)('change sets and incremental coverage ($name store)', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;

  beforeAll(async () => {
    db = await kind.open();
    const { communities, cells } = areas();
    await importFile(db, { layer: 'districts', fileName: 'districts.geojson', content: featureCollection([
      { properties: { code: '210102', name: '和平区' }, geometry: square(-1000, -1000, 5000) },
      { properties: { code: '210103', name: '沈河区' }, geometry: square(4000, -1000, 7000) },
    ]) });
    await importFile(db, { layer: 'communities', fileName: 'communities.geojson', content: communities });
    await importFile(db, { layer: 'grid-cells', fileName: 'cells.geojson', content: cells });
    hub = await startHub(db, testViewerResolver);
  });
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  it('records what an import added, changed and removed, and nothing for the same file again', async () => {
    const first = await importFile(db, { layer: 'bus-stops', fileName: 'stops.csv', source: 'transit', content: stopsCsv([{ code: 'S1', x: 500, y: 500 }, { code: 'S2', x: 2000, y: 500 }, { code: 'S3', x: 3500, y: 500 }]) });
    expect(first.changes).toEqual({ added: 3, changed: 0, removed: 0, unchanged: 0 });
    const version = async () => (await db.query<{ version: number }>(`SELECT version FROM layer_versions WHERE layer = 'bus-stops'`)).rows[0].version;
    const before = await version();

    const again = await importFile(db, { layer: 'bus-stops', fileName: 'stops.csv', source: 'transit', content: stopsCsv([{ code: 'S1', x: 500, y: 500 }, { code: 'S2', x: 2000, y: 500 }, { code: 'S3', x: 3500, y: 500 }]) });
    expect(again.changes).toEqual({ added: 0, changed: 0, removed: 0, unchanged: 3 });
    expect(await version()).toBe(before);

    // S1 moves 100 m east, S2 is renamed by a new file without it… S3 removed by --replace, S4 added.
    const next = await importFile(db, {
      layer: 'bus-stops', fileName: 'stops-2.csv', source: 'transit', replace: true,
      content: pointsCsv(['code', 'name'], [
        { x: 600, y: 500, values: { code: 'S1', name: '站S1' } },
        { x: 2000, y: 500, values: { code: 'S2', name: '新站名' } },
        { x: 5000, y: 500, values: { code: 'S4', name: '站S4' } },
      ]),
    });
    expect(next.changes).toEqual({ added: 1, changed: 2, removed: 1, unchanged: 0 });
    const { rows } = await db.query<{ code: string; kind: string; moved_m: number | null; name_before: string | null; name_after: string | null; before: boolean; after: boolean }>(
      `SELECT code, kind, ST_Distance(geom_before::geography, geom_after::geography) AS moved_m,
              attrs_before ->> 'name' AS name_before, attrs_after ->> 'name' AS name_after,
              attrs_before IS NOT NULL OR geom_before IS NOT NULL AS before, attrs_after IS NOT NULL AND geom_after IS NOT NULL AS after
       FROM feature_changes WHERE change_set_id = $1 ORDER BY code`, [next.changeSetId]);
    expect(rows.map((r) => [r.code, r.kind])).toEqual([['S1', 'changed'], ['S2', 'changed'], ['S3', 'removed'], ['S4', 'added']]);
    expect(rows[0].moved_m).toBeGreaterThan(99.5);
    expect(rows[0].moved_m).toBeLessThan(100.5);
    expect([rows[1].name_before, rows[1].name_after]).toEqual(['站S2', '新站名']);
    expect(rows[2].name_after).toBeNull();
    // An added feature has no before at all (not an object of nulls), a changed one both sides.
    expect(rows.map((r) => [r.code, r.before, r.after])).toEqual([['S1', true, true], ['S2', true, true], ['S3', true, false], ['S4', false, true]]);
  });

  it('answers dataVersions and changes in the layer\'s scope, and refuses a since that names nothing', async () => {
    const versions = await hub.gql(`{ dataVersions(layer: "bus-stops", first: 2) { nodes { id layer added changed removed unchanged importRunId } endCursor } }`);
    expect(versions.errors).toBeUndefined();
    const [latest, previous] = versions.data.dataVersions.nodes;
    expect(latest).toMatchObject({ layer: 'bus-stops', added: 1, changed: 2, removed: 1, unchanged: 0 });
    expect(previous).toMatchObject({ added: 0, changed: 0, removed: 0, unchanged: 3 });
    expect(Number(latest.id)).toBeGreaterThan(Number(previous.id));

    const query = `query ($since: ID) { changes(layer: "bus-stops", since: $since) { nodes { kind code version before after attributesBefore attributesAfter } } }`;
    const all = await hub.gql(query, { since: previous.id });
    expect(all.errors).toBeUndefined();
    const byCode = Object.fromEntries(all.data.changes.nodes.map((n: any) => [n.code, n]));
    expect(Object.keys(byCode).sort()).toEqual(['S1', 'S2', 'S3', 'S4']);
    expect(byCode.S4).toMatchObject({ kind: 'ADDED', before: null, attributesBefore: null });
    expect(byCode.S4.after.type).toBe('Point');
    expect(byCode.S3).toMatchObject({ kind: 'REMOVED', after: null });
    expect(byCode.S2.attributesAfter.name).toBe('新站名');

    // Since the very first version: S1–S3 were added inside the window, so they read as added in their latest state.
    const fromStart = await hub.gql(query, { since: '0' });
    const kinds = Object.fromEntries(fromStart.data.changes.nodes.map((n: any) => [n.code, n.kind]));
    expect(kinds).toMatchObject({ S1: 'ADDED', S2: 'ADDED', S4: 'ADDED' });
    expect(kinds.S3).toBeUndefined();

    // Stops are public facts (README "Who sees what"): the official of 210102 reads S4 in 210103 too.
    const official = await hub.gql(query, { since: previous.id }, asRole('official', '210102'));
    expect(official.data.changes.nodes.map((n: any) => n.code).sort()).toEqual(['S1', 'S2', 'S3', 'S4']);

    // The change set as a GeoJSON export, in the caller's scope.
    const exported = await (await fetch(`${hub.url}/api/export/changes/${latest.id}.geojson`)).json();
    expect(exported.features.map((f: any) => [f.properties.code, f.properties.kind]).sort()).toEqual([['S1', 'changed'], ['S2', 'changed'], ['S3', 'removed'], ['S4', 'added']]);
    expect(exported.features.find((f: any) => f.properties.code === 'S3').geometry.type).toBe('Point');
    const officialExport = await (await fetch(`${hub.url}/api/export/changes/${latest.id}.geojson`, { headers: asRole('official', '210102') })).json();
    expect(officialExport.features.map((f: any) => f.properties.code).sort()).toEqual(['S1', 'S2', 'S3', 'S4']);
    expect((await fetch(`${hub.url}/api/export/changes/999999.geojson`)).status).toBe(400);

    // The counts, on the hub: S4 added in 210103 (x = 5000), S1 and S2 changed and S3 removed in 210102 (x < 4000).
    const counts = `query ($since: ID, $d: String) { changeCounts(since: $since, districtCode: $d) { layer added changed removed } }`;
    const stopCounts = async (variables: Record<string, unknown>, headers = asRole('analyst')) => {
      const answer = await hub.gql(counts, variables, headers);
      expect(answer.errors).toBeUndefined();
      return Object.fromEntries(answer.data.changeCounts.map((c: any) => [c.layer, [c.added, c.changed, c.removed]]));
    };
    expect((await stopCounts({ since: previous.id }))['bus-stops']).toEqual([1, 2, 1]);
    expect((await stopCounts({ since: previous.id, d: '210102' }))['bus-stops']).toEqual([0, 2, 1]);
    expect((await stopCounts({ since: previous.id, d: '210103' }))['bus-stops']).toEqual([1, 0, 0]);
    // Since the first version, as the list reads it: S1, S2 and S4 added (S3 added then removed is nothing).
    expect((await stopCounts({ since: '0' }))['bus-stops']).toEqual([3, 0, 0]);
    // Cameras are left out for the public, who may not see their positions.
    const publicCounts = await stopCounts({ since: previous.id }, {});
    expect(publicCounts.cameras).toBeUndefined();
    expect(publicCounts['bus-stops']).toEqual([1, 2, 1]);
    expect((await hub.gql(counts, { since: '999999' })).errors?.[0].message).toMatch(/no data version 999999/);

    const missing = await hub.gql(query, { since: '999999' });
    expect(missing.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(missing.errors?.[0].message).toMatch(/no data version 999999/);
    const future = await hub.gql(`{ changes(layer: "bus-stops", sinceTime: "2999-01-01T00:00:00Z") { nodes { code } } }`);
    expect(future.errors?.[0].message).toMatch(/in the future/);
  });

  it('keeps the entries no change reaches and equals a cold computation after random changes', async () => {
    const next = random(7);
    const stops = new Map<string, Site>();
    const cameras = new Map<string, Site>();
    for (let i = 0; i < 12; i++) stops.set(`R${i}`, { code: `R${i}`, x: next() * 9000 - 500, y: next() * 6000 - 500 });
    for (let i = 0; i < 20; i++) cameras.set(`K${i}`, { code: `K${i}`, x: next() * 9000 - 500, y: next() * 6000 - 500, range: 100 + Math.round(next() * 200) });
    await importFile(db, { layer: 'bus-stops', fileName: 'stops.csv', source: 'transit', replace: true, content: stopsCsv([...stops.values()]) });
    await importFile(db, { layer: 'cameras', fileName: 'cameras.csv', source: 'police', replace: true, content: camerasCsv([...cameras.values()]) });
    expectClose(await coverage(hub), await coldCoverage(db, hub));

    let keptSomewhere = 0;
    for (let step = 0; step < 8; step++) {
      const layer = step % 2 === 0 ? 'bus-stops' : 'cameras';
      const sites = layer === 'bus-stops' ? stops : cameras;
      const action = next();
      const codes = [...sites.keys()];
      if (action < 0.4) {
        const code = `N${step}`;
        sites.set(code, { code, x: next() * 9000 - 500, y: next() * 6000 - 500, range: 150 });
      } else if (action < 0.75) {
        const moved = sites.get(codes[Math.floor(next() * codes.length)])!;
        sites.set(moved.code, { ...moved, x: moved.x + (next() - 0.5) * 800, y: moved.y + (next() - 0.5) * 800 });
      } else {
        sites.delete(codes[Math.floor(next() * codes.length)]);
      }
      const warmBefore = await cacheRows(db);
      const content = layer === 'bus-stops' ? stopsCsv([...sites.values()]) : camerasCsv([...sites.values()]);
      const summary = await importFile(db, { layer, fileName: `${layer}-${step}.csv`, source: layer === 'bus-stops' ? 'transit' : 'police', replace: true, content });
      expect(summary.changes.added + summary.changes.changed + summary.changes.removed).toBe(1);
      const warmAfter = await cacheRows(db);
      // Entries still fresh after the change hold exactly the numbers they held before it.
      for (const [key, value] of warmAfter) {
        const [area, , covered, nearest] = value.split('/');
        const [, , coveredBefore, nearestBefore] = (warmBefore.get(key) ?? '').split('/');
        expect([covered, nearest], key).toEqual([coveredBefore, nearestBefore]);
        void area;
      }
      const model = layer === 'bus-stops' ? 'bus_stops_radius' : 'camera_sectors';
      const ofModel = [...warmAfter.keys()].filter((k) => k.split(':')[1] === model && k.split(':')[0] !== 'districts');
      // One site's change reaches a few of the 120 areas: most of the changed model's entries stay warm.
      expect(ofModel.length, `${layer} step ${step}`).toBeGreaterThan(60);
      keptSomewhere += ofModel.length;
      expectClose(await coverage(hub), await coldCoverage(db, hub));
    }
    expect(keptSomewhere).toBeGreaterThan(8 * 60);

    // Camera positions are not public: an anonymous caller reads no camera change, an analyst reads them all, and an
    // official those of their own district (the cameras stand in both districts).
    const cameraChanges = `{ changes(layer: "cameras", first: 1000) { nodes { code after attributesAfter } } }`;
    expect((await hub.gql(cameraChanges)).data.changes.nodes).toEqual([]);
    const all = (await hub.gql(cameraChanges, {}, asRole('analyst'))).data.changes.nodes;
    expect(all.length).toBe(cameras.size);
    const inDistrict = all.filter((n: any) => n.attributesAfter.district_code === '210102').length;
    expect(inDistrict).toBeGreaterThan(0);
    expect(inDistrict).toBeLessThan(all.length);
    expect((await hub.gql(cameraChanges, {}, asRole('official', '210102'))).data.changes.nodes.length).toBe(inDistrict);
  });
});
