// Change sets of an area layer (communities: distributed by district on Citus) and a point layer (bus stops: a
// reference table on Citus), written by the import itself: on the embedded store, the server, and a Citus coordinator
// when DATABASE_URL names one (each test's database is then a cluster of its own, test/support/stores.ts). Before and
// after are checked against the files imported: codes, kinds, attributes, and geometry moved by the distance written here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../server/ingest/import.service.js';
import { STORE_KINDS } from './support/stores.js';
import { startHub, type TestHub } from './support/hub.js';
import { asRole, testViewerResolver } from './support/auth.js';
import { featureCollection, pointsCsv, square } from './coverage.fixtures.js';

const districts = featureCollection([
  { properties: { code: '210102', name: '和平区' }, geometry: square(0, 0, 4000) },
  { properties: { code: '210103', name: '沈河区' }, geometry: square(4000, 0, 4000) },
]);
// Community i: 1 km square at x = i·2 km (0, 1 in 210102; 2, 3 in 210103), `shift` metres east.
const communities = (names: string[], shift = 0) => featureCollection(names.map((name, i) => ({
  properties: { code: `Q${i}`, name, kind: 'urban', households: 100 + i },
  geometry: square(i * 2000 + 200 + shift, 200, 1000),
})));
const stops = (sites: { code: string; x: number; name: string }[]) => pointsCsv(['code', 'name'], sites.map((s) => ({ x: s.x, y: 2000, values: { code: s.code, name: s.name } })));

describe.each(STORE_KINDS)('change sets written by the import ($name store)', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;

  beforeAll(async () => {
    db = await kind.open();
    await importFile(db, { layer: 'districts', fileName: 'districts.geojson', content: districts });
    hub = await startHub(db, testViewerResolver);
  });
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  const changesOf = async (layer: string, version: number) => {
    const answer = await hub.gql(`query ($l: String!, $v: ID) { changes(layer: $l, version: $v, first: 100) { nodes { kind code before after attributesBefore attributesAfter } } }`, { l: layer, v: String(version) }, asRole('analyst'));
    expect(answer.errors).toBeUndefined();
    return Object.fromEntries(answer.data.changes.nodes.map((n: any) => [n.code, n]));
  };
  const expectVertices = (stored: any, drawn: { coordinates: number[][][] }) => {
    const got: number[][] = stored.coordinates.flat(1).flat(1);
    const want = drawn.coordinates.flat(1);
    expect(got.length).toBe(want.length);
    got.forEach((p, i) => expect(Math.max(Math.abs(p[0] - want[i][0]), Math.abs(p[1] - want[i][1]))).toBeLessThan(1.5e-7));
  };

  it('records an area layer\'s additions, changes and removals with what the files said', async () => {
    const first = await importFile(db, { layer: 'communities', fileName: 'c1.geojson', source: 'civil', content: communities(['东', '南', '西', '北']) });
    expect(first.changes).toEqual({ added: 4, changed: 0, removed: 0, unchanged: 0 });
    const added = await changesOf('communities', first.changeSetId);
    expect(Object.keys(added).sort()).toEqual(['Q0', 'Q1', 'Q2', 'Q3']);
    for (const [i, name] of ['东', '南', '西', '北'].entries()) {
      expect(added[`Q${i}`]).toMatchObject({ kind: 'ADDED', before: null, attributesBefore: null });
      expect(added[`Q${i}`].attributesAfter).toMatchObject({ code: `Q${i}`, name, kind: 'urban', households: 100 + i, district_code: i < 2 ? '210102' : '210103', source: 'civil' });
      expect(added[`Q${i}`].after.type).toBe('MultiPolygon');
    }

    expect((await importFile(db, { layer: 'communities', fileName: 'c1.geojson', source: 'civil', content: communities(['东', '南', '西', '北']) })).changes)
      .toEqual({ added: 0, changed: 0, removed: 0, unchanged: 4 });

    // Q0 renamed, Q1 moved 300 m east (inside its district), Q2 as it was, Q3 left out of a --replace.
    const second = await importFile(db, { layer: 'communities', fileName: 'c2.geojson', source: 'civil', replace: true, content: featureCollection([
      ...JSON.parse(communities(['东新', '南', '西'])).features.slice(0, 1),
      ...JSON.parse(communities(['东', '南', '西'], 300)).features.slice(1, 2),
      ...JSON.parse(communities(['东', '南', '西'])).features.slice(2, 3),
    ]) });
    expect(second.changes).toEqual({ added: 0, changed: 2, removed: 1, unchanged: 1 });
    const changed = await changesOf('communities', second.changeSetId);
    expect(Object.keys(changed).sort()).toEqual(['Q0', 'Q1', 'Q3']);
    expect(changed.Q0).toMatchObject({ kind: 'CHANGED' });
    expect([changed.Q0.attributesBefore.name, changed.Q0.attributesAfter.name]).toEqual(['东', '东新']);
    expect(changed.Q1.kind).toBe('CHANGED');
    expect(changed.Q1.attributesBefore).toEqual(changed.Q1.attributesAfter);
    // Before and after are the files' own squares (GeoJSON at 7 decimals: within 1e-7°).
    expectVertices(changed.Q1.before, square(2200, 200, 1000));
    expectVertices(changed.Q1.after, square(2500, 200, 1000));
    expectVertices(added.Q3.after, square(6200, 200, 1000));
    expect(changed.Q3).toMatchObject({ kind: 'REMOVED', after: null, attributesAfter: null });
    expect(changed.Q3.attributesBefore).toMatchObject({ name: '北', district_code: '210103' });

    // An official of 210102 reads the changes of their district only.
    const own = await hub.gql(`query ($v: ID) { changes(layer: "communities", version: $v) { nodes { code } } }`, { v: String(second.changeSetId) }, asRole('official', '210102'));
    expect(own.data.changes.nodes.map((n: any) => n.code).sort()).toEqual(['Q0', 'Q1']);
  });

  it('records a point layer\'s changes, and counts them as the list does', async () => {
    const first = await importFile(db, { layer: 'bus-stops', fileName: 's1.csv', source: 'transit', content: stops([{ code: 'P1', x: 1000, name: '一' }, { code: 'P2', x: 5000, name: '二' }]) });
    const second = await importFile(db, { layer: 'bus-stops', fileName: 's2.csv', source: 'transit', replace: true, content: stops([{ code: 'P1', x: 1000, name: '一路' }, { code: 'P3', x: 6000, name: '三' }]) });
    expect([first.changes, second.changes]).toEqual([{ added: 2, changed: 0, removed: 0, unchanged: 0 }, { added: 1, changed: 1, removed: 1, unchanged: 0 }]);
    const changes = await changesOf('bus-stops', second.changeSetId);
    expect(Object.fromEntries(Object.entries(changes).map(([code, c]: [string, any]) => [code, [c.kind, c.attributesBefore?.name ?? null, c.attributesAfter?.name ?? null]])))
      .toEqual({ P1: ['CHANGED', '一', '一路'], P2: ['REMOVED', '二', null], P3: ['ADDED', null, '三'] });
    const counts = await hub.gql(`query ($v: ID) { changeCounts(version: $v) { layer added changed removed } }`, { v: String(second.changeSetId) }, asRole('analyst'));
    expect(counts.data.changeCounts.find((c: any) => c.layer === 'bus-stops')).toEqual({ layer: 'bus-stops', added: 1, changed: 1, removed: 1 });
    const district = await hub.gql(`query ($v: ID) { changeCounts(version: $v, districtCode: "210103") { layer added changed removed } }`, { v: String(second.changeSetId) }, asRole('analyst'));
    expect(district.data.changeCounts.find((c: any) => c.layer === 'bus-stops')).toEqual({ layer: 'bus-stops', added: 1, changed: 0, removed: 1 });
  });
});
