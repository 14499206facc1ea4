// Grid-cell coverage taken from the community's, on both stores: a cell inside its community and one reaching out of it
// both get the coverage their geometry gives, and the community's cache is what the inside cell reads.
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../server/ingest/import.service.js';
import { STORE_KINDS } from './support/stores.js';
import { startHub, type TestHub } from './support/hub.js';
import { asRole, requestContextAs, testViewerResolver } from './support/auth.js';
import { mostStatementsInFlight } from './support/in-flight.js';
import { analysisConcurrency, areaCoverageQuery, computeAreaCoverage, batchesOf, overlayGridM } from '../server/analysis/coverage.service.js';
import { coverageRequest } from '../server/analysis/catchment-models.js';
import { featureCollection, OVERLAY_FALLBACK_PAIR, pointsCsv, polygon, square } from './coverage.fixtures.js';

const HALF_DISC_M2 = (Math.PI * 500 * 500) / 2;

describe.each(STORE_KINDS)('grid cells measured through their community on the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;
  beforeAll(async () => {
    db = await kind.open();
    await importFile(db, { layer: 'communities', fileName: 'c.geojson', content: featureCollection([{ properties: { code: 'C', name: '方社区' }, geometry: square(0, 0, 1000) }]) });
    await importFile(db, {
      layer: 'grid-cells',
      fileName: 'g.geojson',
      content: featureCollection([
        // The west half of the community.
        { properties: { code: 'G-IN', community_code: 'C' }, geometry: polygon([[0, 0], [500, 0], [500, 1000], [0, 1000]]) },
        // The east half and 300 m beyond the community's east edge, where no catchment reaches.
        { properties: { code: 'G-OUT', community_code: 'C' }, geometry: polygon([[500, 0], [1300, 0], [1300, 1000], [500, 1000]]) },
      ]),
    });
    await importFile(db, { layer: 'bus-stops', fileName: 's.csv', content: pointsCsv(['code'], [{ x: 500, y: 500, values: { code: 'S' } }]) });
    hub = await startHub(db, testViewerResolver);
  }, 180_000);
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  it('gives each cell half the stop disc, inside or reaching out of its community', async () => {
    const result = await hub.gql(`{ gridCells(codes: ["G-IN", "G-OUT"]) { nodes { code areaM2 busStopCoverage { coveredAreaM2 uncoveredAreaM2 } } } }`, undefined, asRole('analyst'));
    expect(result.errors).toBeUndefined();
    const byCode = Object.fromEntries(result.data.gridCells.nodes.map((n: { code: string }) => [n.code, n]));
    for (const code of ['G-IN', 'G-OUT']) {
      const cell = byCode[code];
      expect(Math.abs(cell.busStopCoverage.coveredAreaM2 / HALF_DISC_M2 - 1)).toBeLessThan(0.01);
      expect(Math.abs(cell.busStopCoverage.coveredAreaM2 + cell.busStopCoverage.uncoveredAreaM2 - cell.areaM2)).toBeLessThan(1);
    }
    // Asking for the cells brought the community's coverage into the cache first.
    const { rows } = await db.query(`SELECT area_code FROM coverage_cache WHERE area_layer = 'communities' AND model = 'bus_stops_radius'`);
    expect(rows.map((r) => r.area_code)).toEqual(['C']);
  });

  it("gives the same gaps with the parent's gaps clipped to the cell's box and unclipped", async () => {
    const request = coverageRequest('bus-stops', 500);
    const answers: Record<string, number>[] = [];
    for (const clip of ['atlas_clip_to_box', 'atlas_no_clip'] as const) {
      await db.query(`DELETE FROM coverage_cache WHERE area_layer = 'grid-cells'`);
      const query = areaCoverageQuery('grid-cells', ['G-IN', 'G-OUT'], request, { clip, gridM: overlayGridM(db.kind) });
      const { rows } = await db.query<{ code: string; covered_m2: number }>(query.text, query.values);
      answers.push(Object.fromEntries(rows.map((r) => [r.code, r.covered_m2])));
    }
    expect(Object.keys(answers[0]).sort()).toEqual(['G-IN', 'G-OUT']);
    for (const code of ['G-IN', 'G-OUT']) expect(answers[0][code]).toBeCloseTo(answers[1][code], 3);
    expect(Math.abs(answers[0]['G-IN'] / HALF_DISC_M2 - 1)).toBeLessThan(0.01);
  });

  it('answers every overlay the coverage takes, with its precision grid, on a pair the embedded engine lost a row for', async () => {
    // The cell is split exactly into its part in the gaps and its part outside them: the two areas add up to the cell's.
    const { rows } = await db.query<{ cell: number; inside: number; outside: number }>(
      `SELECT ST_Area(a) AS cell, ST_Area(ST_Intersection(a, b, $3::float8)) AS inside, ST_Area(ST_Difference(a, b, $3::float8)) AS outside
       FROM (SELECT ST_GeomFromEWKB(decode($1, 'hex')) AS a, ST_GeomFromEWKB(decode($2, 'hex')) AS b) pair`,
      [OVERLAY_FALLBACK_PAIR.cellEwkbHex, OVERLAY_FALLBACK_PAIR.gapsEwkbHex, overlayGridM(db.kind)],
    );
    expect(rows).toHaveLength(1);
    const { cell, inside, outside } = rows[0];
    expect(inside).toBeGreaterThan(0);
    expect(outside).toBeGreaterThan(0);
    expect(Math.abs(inside + outside - cell) / cell).toBeLessThan(1e-6);
  });
});

describe('coverage batches', () => {
  it('keeps a few dozen areas in one statement and splits a city over every connection', () => {
    const codes = (n: number) => Array.from({ length: n }, (_, i) => `A${i}`);
    expect(batchesOf(codes(12), 2)).toHaveLength(1);
    const city = batchesOf(codes(14_235), 2);
    expect(city.flat()).toEqual(codes(14_235));
    expect(Math.max(...city.map((b) => b.length))).toBe(250);
    expect(batchesOf(codes(1998), 2).length).toBeGreaterThanOrEqual(8);
  });

  it('runs one statement at a time on the embedded store, and as configured on a server', () => {
    expect(analysisConcurrency('embedded', { ATLAS_ANALYSIS_CONNECTIONS: '4' })).toBe(1);
    expect(analysisConcurrency('server', { ATLAS_ANALYSIS_CONNECTIONS: '3' })).toBe(3);
    expect(analysisConcurrency('server', { ATLAS_ANALYSIS_CONNECTIONS: '99' })).toBe(8);
    // Unset or unusable: the machine's cores, at most 8 (README, ATLAS_ANALYSIS_CONNECTIONS).
    const cores = Math.max(1, Math.min(os.availableParallelism(), 8));
    for (const unusable of [undefined, '', '0', '-2', '2.5', 'many']) {
      expect(analysisConcurrency('server', unusable === undefined ? {} : { ATLAS_ANALYSIS_CONNECTIONS: unusable }), `ATLAS_ANALYSIS_CONNECTIONS=${unusable}`).toBe(cores);
    }
    expect(analysisConcurrency('server', { ATLAS_ANALYSIS_CONNECTIONS: '1' })).toBe(1);
    expect(analysisConcurrency('server', { ATLAS_ANALYSIS_CONNECTIONS: '8' })).toBe(8);
  });
});

// The setting read is one thing (above); whether a cold computation really runs that many statements side by side is
// another, read here from the pool's own events over a real computation of 200 communities.
describe.each(STORE_KINDS)('a cold coverage computation on the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  beforeAll(async () => {
    db = await kind.open();
    // 200 squares of 100 m in a row of 20 × 10, a stop in every tenth.
    const squares = Array.from({ length: 200 }, (_, i) => ({ properties: { code: `Q${String(i).padStart(3, '0')}`, name: `方${i}` }, geometry: square((i % 20) * 100, Math.floor(i / 20) * 100, 100) }));
    await importFile(db, { layer: 'communities', fileName: 'q.geojson', content: featureCollection(squares) });
    await importFile(db, { layer: 'bus-stops', fileName: 's.csv', content: pointsCsv(['code'], Array.from({ length: 20 }, (_, i) => ({ x: i * 100 + 50, y: 50 + (i % 10) * 100, values: { code: `S${i}` } }))) });
  }, 180_000);
  afterAll(async () => db?.dispose());

  it('runs at most ATLAS_ANALYSIS_CONNECTIONS statements at once on a server, and one at a time embedded', async () => {
    const before = process.env.ATLAS_ANALYSIS_CONNECTIONS;
    process.env.ATLAS_ANALYSIS_CONNECTIONS = '3';
    try {
      const ctx = requestContextAs(db, 'analyst');
      const codes = Array.from({ length: 200 }, (_, i) => `Q${String(i).padStart(3, '0')}`);
      // 200 areas in batches of at least 50: four batches, more than the three connections allowed.
      expect(batchesOf(codes, 3).length).toBeGreaterThan(3);
      const { result, most } = await mostStatementsInFlight(db, () => computeAreaCoverage(ctx, 'communities', codes, coverageRequest('bus-stops', 500)));
      expect(result.size).toBe(200);
      if (kind.name === 'embedded') expect(most).toBe(1);
      else {
        expect(most).toBeGreaterThan(1);
        expect(most).toBeLessThanOrEqual(3);
      }
    } finally {
      if (before === undefined) delete process.env.ATLAS_ANALYSIS_CONNECTIONS;
      else process.env.ATLAS_ANALYSIS_CONNECTIONS = before;
    }
  });
});
