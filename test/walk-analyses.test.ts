// The analyses along the roads, on both stores: what-if with a placed stop that walks over the network, suggested
// stops along the roads, the ranking, the gaps export and the bus-stop standard choosing its model. Truths: the L1
// diamond of a 100 m street grid widened by the access distance, counted on a 1 m lattice (support/street-grid.ts);
// π/4 for the straight line; a community across a gap in the network walks 0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../server/ingest/import.service.js';
import { STORE_KINDS } from './support/stores.js';
import { startHub, type TestHub } from './support/hub.js';
import { asRole, testViewerResolver } from './support/auth.js';
import { collection, diamondWalkShare, fromLonLat, gridStreets, line, lonLat, squareAt, stopsCsv } from './support/street-grid.js';

// Grid A (a stop at its centre) about the origin, grid B (no stop) 5 km east, the gap fixture 10 km east: two street
// stubs either side of a 300 m gap, the community across it, a stop on the west side.
const B_X = 5000;
const GAP_X = 10_000;
const WALK_TRUTH = diamondWalkShare(500, 50, 500);

describe.each(STORE_KINDS)('analyses along the roads on the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;
  const analyst = asRole('analyst');
  beforeAll(async () => {
    db = await kind.open();
    await importFile(db, {
      layer: 'communities', fileName: 'communities.geojson',
      content: collection([
        { properties: { code: 'GRID-A', name: 'Grid A' }, geometry: squareAt(0, 0, 500) },
        { properties: { code: 'GRID-B', name: 'Grid B' }, geometry: squareAt(B_X, 0, 500) },
        { properties: { code: 'ACROSS', name: 'Across the gap' }, geometry: squareAt(GAP_X + 400, 0, 100) },
      ]),
    });
    await importFile(db, {
      layer: 'roads', fileName: 'roads.geojson',
      content: collection([
        ...gridStreets(0, 0, 'A-'),
        ...gridStreets(B_X, 0, 'B-'),
        { properties: { code: 'WEST' }, geometry: line([[GAP_X - 500, 0], [GAP_X, 0]]) },
        { properties: { code: 'WEST-NS' }, geometry: line([[GAP_X, -300], [GAP_X, 300]]) },
        { properties: { code: 'EAST-NS' }, geometry: line([[GAP_X + 300, -300], [GAP_X + 300, 300]]) },
        { properties: { code: 'EAST' }, geometry: line([[GAP_X + 300, 0], [GAP_X + 900, 0]]) },
      ]),
    });
    await importFile(db, {
      layer: 'bus-stops', fileName: 'stops.csv',
      content: stopsCsv([{ code: 'CENTRE-A', x: 0, y: 0 }, { code: 'WEST-STOP', x: GAP_X - 150, y: 0 }]),
    });
    hub = await startHub(db, testViewerResolver);
  }, 240_000);
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  const whatIf = async (community: string, x: number, y: number, along: 'ROADS' | 'STRAIGHT_LINE') => {
    const [lon, lat] = lonLat(x, y);
    const result = await hub.gql(
      `query($scope: CoverageScopeInput, $lon: Float!, $lat: Float!, $along: CoverageAlong!) {
        whatIf(kind: BUS_STOPS, scope: $scope, add: [{ lon: $lon, lat: $lat }], along: $along) { before { coveredShare } after { coveredShare } }
      }`,
      { scope: { communityCode: community }, lon, lat, along }, analyst,
    );
    expect(result.errors).toBeUndefined();
    return result.data.whatIf as { before: { coveredShare: number }; after: { coveredShare: number } };
  };

  it('gives a stop placed at an intersection its walk over the network: the widened diamond, not the circle', async () => {
    const walk = await whatIf('GRID-B', B_X, 0, 'ROADS');
    expect(walk.before.coveredShare).toBe(0);
    expect(Math.abs(walk.after.coveredShare - WALK_TRUTH)).toBeLessThan(0.003);
    const straight = await whatIf('GRID-B', B_X, 0, 'STRAIGHT_LINE');
    expect(Math.abs(straight.after.coveredShare - Math.PI / 4)).toBeLessThan(0.005);
  });

  it('gives a stop placed across a gap in the network no walking coverage, and one far from every road none', async () => {
    const straight = await whatIf('ACROSS', GAP_X - 100, 0, 'STRAIGHT_LINE');
    expect(straight.after.coveredShare).toBeGreaterThan(0);
    const walk = await whatIf('ACROSS', GAP_X - 100, 0, 'ROADS');
    // 0 up to the overlay's rounding: the server's floating ST_Difference of the area by a cover it does not touch
    // gave 1.8e-16 of it (7e-12 m²).
    expect(walk.after.coveredShare).toBeLessThan(1e-12);
    // 300 m south of the stubs' ends and 400 m from every road: off the network (walk_max_stop_m 200).
    const far = await whatIf('ACROSS', GAP_X + 400, -700, 'ROADS');
    expect(far.after.coveredShare).toBeLessThan(1e-12);
  });

  it('suggests the stop along the roads that walks the most of the gaps: the grid\'s centre, covering the diamond', async () => {
    const result = await hub.gql(
      `{ suggestSites(kind: BUS_STOPS, scope: { communityCode: "GRID-B" }, count: 1, along: ROADS) {
          before { coveredShare } candidatesConsidered suggestions { lon lat coveredShareAfter newlyCoveredAreaM2 } } }`,
      undefined, analyst,
    );
    expect(result.errors).toBeUndefined();
    const { before, suggestions, candidatesConsidered } = result.data.suggestSites;
    expect(before.coveredShare).toBe(0);
    expect(candidatesConsidered).toBeGreaterThan(10);
    expect(suggestions).toHaveLength(1);
    const [x, y] = fromLonLat(suggestions[0].lon, suggestions[0].lat);
    expect(Math.hypot(x - B_X, y)).toBeLessThan(1);
    expect(Math.abs(suggestions[0].coveredShareAfter - WALK_TRUTH)).toBeLessThan(0.003);
  }, 180_000);

  it('ranks the communities by walking coverage', async () => {
    const ranking = async (along: string) => {
      const result = await hub.gql(`{ coverageRanking(kind: BUS_STOPS, along: ${along}, first: 10) { nodes { code coverage { coveredShare } } } }`, undefined, analyst);
      expect(result.errors).toBeUndefined();
      return new Map((result.data.coverageRanking.nodes as { code: string; coverage: { coveredShare: number } }[]).map((n) => [n.code, n.coverage.coveredShare]));
    };
    const walk = await ranking('ROADS');
    expect(Math.abs(walk.get('GRID-A')! - WALK_TRUTH)).toBeLessThan(0.003);
    expect(walk.get('ACROSS')).toBe(0);
    expect(walk.get('GRID-B')).toBe(0);
    const straight = await ranking('STRAIGHT_LINE');
    expect(Math.abs(straight.get('GRID-A')! - Math.PI / 4)).toBeLessThan(0.005);
    expect(straight.get('ACROSS')).toBeGreaterThan(0);
  });

  it('exports the gaps along the roads, and refuses an unknown model by name', async () => {
    const csv = async (query: string) => {
      const response = await fetch(`${hub.url}/api/export/gaps/bus-stops.csv?${query}`, { headers: analyst });
      return { status: response.status, text: await response.text() };
    };
    const walk = await csv('along=roads');
    expect(walk.status).toBe(200);
    const lines = walk.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const header = lines[0].split(',');
    const rows = new Map(lines.slice(1).map((l) => { const cells = l.split(','); return [cells[0], Object.fromEntries(header.map((h, i) => [h, cells[i]]))]; }));
    expect(Math.abs(Number(rows.get('GRID-A')!.covered_share) - WALK_TRUTH)).toBeLessThan(0.003);
    expect(rows.get('GRID-A')!.along).toBe('roads');
    expect(Number(rows.get('ACROSS')!.covered_share)).toBe(0);
    const straight = await csv('along=straight-line');
    expect(straight.text).toMatch(/ACROSS/);
    const bad = await csv('along=bus');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).errors[0].message).toMatch(/along must be "roads"/);
  });

  it('lets the city choose the bus-stop standard\'s model: params.along "roads" measures the walk', async () => {
    const measure = async () => {
      const result = await hub.gql(`{ a: community(code: "GRID-A") { standards(ruleIds: ["bus-stop-500m"]) { value detail } }
                                      x: community(code: "ACROSS") { standards(ruleIds: ["bus-stop-500m"]) { value } } }`, undefined, analyst);
      expect(result.errors).toBeUndefined();
      return { a: result.data.a.standards[0], across: result.data.x.standards[0].value as number };
    };
    const straight = await measure();
    expect(Math.abs(straight.a.value - Math.PI / 4)).toBeLessThan(0.005);
    expect(straight.across).toBeGreaterThan(0);
    const change = (params: string) => hub.gql(`mutation { updateStandardRule(id: "bus-stop-500m", change: { params: ${params} }) { params } }`, undefined, asRole('admin'));
    const refused = await change('{ along: "bus" }');
    expect(refused.errors?.[0].message).toMatch(/params\.along must be "roads"/);
    try {
      const changed = await change('{ along: "roads" }');
      expect(changed.errors).toBeUndefined();
      const walk = await measure();
      expect(Math.abs(walk.a.value - WALK_TRUTH)).toBeLessThan(0.003);
      expect(walk.a.detail).toMatch(/walk along the roads/);
      expect(walk.across).toBe(0);
    } finally {
      await change('{ along: "straight-line" }');
    }
  });
});
