// The hub on a Citus cluster (docs/SCALING.md "On Citus"): the demo city seeded into a coordinator with two workers
// and into a plain server answers the same; a district's statements run on one shard, a city's on all of them; an
// import stays all-or-nothing when a worker stops under it.
// Needs CITUS_URL (scripts/citus-cluster.sh start prints it; `npm run test:citus` starts and stops the cluster).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areaCoverageQuery } from '../server/analysis/coverage.service.js';
import { coverageRequest } from '../server/analysis/catchment-models.js';
import { sql as standardsSql } from '../server/analysis/standards/rules.js';
import { Database } from '../server/db/database.js';
import { importFile } from '../server/ingest/import.service.js';
import { seedDemoCity } from '../server/seed/seed.service.js';
import { asRole, testViewerResolver } from './support/auth.js';
import { openCitusStore } from './support/citus.js';
import { startHub, type TestHub } from './support/hub.js';
import { featureCollection, pointsCsv, square } from './coverage.fixtures.js';
import { STORE_KINDS } from './support/stores.js';

const CITUS_URL = process.env.CITUS_URL;
const SEED = 20180101;
const DISTRICT = '210102';
const RELATIVE = 1e-9;

function expectClose(actual: number, expected: number, what: string): void {
  const scale = Math.max(Math.abs(expected), 1e-12);
  expect(Math.abs(actual - expected) / scale, `${what}: ${actual} against ${expected}`).toBeLessThanOrEqual(RELATIVE);
}

/** Compares two JSON answers: numbers within 1e-9 relative, everything else equal. */
function expectSameAnswer(actual: unknown, expected: unknown, where = 'answer'): void {
  if (typeof expected === 'number' && typeof actual === 'number') return expectClose(actual, expected, where);
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), where).toBe(true);
    expect((actual as unknown[]).length, `${where}: length`).toBe(expected.length);
    expected.forEach((item, i) => expectSameAnswer((actual as unknown[])[i], item, `${where}[${i}]`));
    return;
  }
  if (expected && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), where).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) expectSameAnswer((actual as Record<string, unknown>)[key], value, `${where}.${key}`);
    return;
  }
  expect(actual, where).toEqual(expected);
}

/** The task count Citus prints for a statement's plan (1: one shard; the shard count: all of them). */
async function taskCounts(url: string, sql: string, values: unknown[] = []): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, values);
    return rows.map((r) => r['QUERY PLAN']).join('\n').match(/Task Count: \d+/g)?.map((m) => Number(m.split(': ')[1])) ?? [];
  } finally {
    await client.end();
  }
}

const describeCitus = CITUS_URL ? describe : describe.skip;
const plainKind = STORE_KINDS.find((k) => k.name === 'server') ?? STORE_KINDS[0];

// Skipped by name when CITUS_URL is unset, with the way to set it.
describeCitus(CITUS_URL ? 'the hub on Citus' : 'the hub on Citus (CITUS_URL unset: start a cluster with `scripts/citus-cluster.sh start`, or run `npm run test:citus`)', () => {
  let citus: Awaited<ReturnType<typeof openCitusStore>>;
  let plain: Awaited<ReturnType<typeof plainKind.open>>;
  let citusHub: TestHub;
  let plainHub: TestHub;
  const workDirs: string[] = [];
  const workDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-citus-test-'));
    workDirs.push(dir);
    return dir;
  };
  const admin = asRole('admin');

  beforeAll(async () => {
    citus = await openCitusStore(CITUS_URL!);
    plain = await plainKind.open();
    await seedDemoCity(citus, { scale: 'demo', seed: SEED, workDir: workDir() });
    await seedDemoCity(plain, { scale: 'demo', seed: SEED, workDir: workDir() });
    citusHub = await startHub(citus, testViewerResolver);
    plainHub = await startHub(plain, testViewerResolver);
  }, 600_000);
  afterAll(async () => {
    await citusHub?.close();
    await plainHub?.close();
    await citus?.dispose();
    await plain?.dispose();
    for (const dir of workDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  const both = async (query: string) => {
    const [onCitus, onPlain] = await Promise.all([citusHub.gql(query, {}, admin), plainHub.gql(query, {}, admin)]);
    expect(onCitus.errors, JSON.stringify(onCitus.errors)).toBeUndefined();
    expect(onPlain.errors, JSON.stringify(onPlain.errors)).toBeUndefined();
    return { onCitus: onCitus.data, onPlain: onPlain.data };
  };

  it('distributes the areas by district, co-located, and copies the cross-border layers to every node', async () => {
    const { rows } = await citus.query<{ name: string; kind: string; colocation: number }>(
      `SELECT logicalrelid::text AS name, partmethod AS kind, colocationid AS colocation FROM pg_dist_partition ORDER BY 1`,
    );
    const byName = new Map(rows.map((r) => [r.name, r]));
    for (const table of ['communities', 'grid_cells', 'renovation_sites']) expect(byName.get(table)?.kind, table).toBe('h');
    expect(new Set(['communities', 'grid_cells', 'renovation_sites'].map((t) => byName.get(t)!.colocation)).size).toBe(1);
    for (const table of ['districts', 'bus_stops', 'cameras', 'roads', 'standard_rules']) expect(byName.get(table)?.kind, table).toBe('n');
    const counts = await citus.query<{ n: number }>(
      `SELECT count(DISTINCT nodeport)::int AS n FROM citus_shards WHERE table_name = 'communities'::regclass AND shard_size >= 0`,
    );
    expect(counts.rows[0].n).toBe(2);
  });

  it('seeds the same city as the plain server: every layer, row for row', async () => {
    for (const table of ['districts', 'communities', 'grid_cells', 'roads', 'bus_stops', 'cameras', 'renovation_sites']) {
      const sql = `SELECT count(*)::int AS n, md5(string_agg(code || coalesce(district_code, '-'), ',' ORDER BY code)) AS digest
        FROM ${table === 'districts' ? '(SELECT code, code AS district_code FROM districts) t' : table === 'roads' ? '(SELECT code, NULL::text AS district_code FROM roads) t' : table}`;
      const [a, b] = await Promise.all([citus.query(sql), plain.query(sql)]);
      expect(a.rows[0], table).toEqual(b.rows[0]);
      expect(a.rows[0].n, table).toBeGreaterThan(0);
    }
  });

  it("gives the city's coverage of each kind as the single server does, within 1e-9", async () => {
    for (const kind of ['BUS_STOPS', 'CAMERAS']) {
      const { onCitus, onPlain } = await both(`{ cityCoverage(kind: ${kind}) { coveredShare coveredAreaM2 uncoveredAreaM2 areaM2 nearestMeters } }`);
      expectSameAnswer(onCitus, onPlain, kind);
    }
  }, 600_000);

  it("gives a district's standards dashboard as the single server does", async () => {
    const { onCitus, onPlain } = await both(`{ standardsReport(districtCode: "${DISTRICT}", worst: 5) {
      rule { id } evaluated passed failed noData passShare worst { communityCode value pass shortfall } } }`);
    expectSameAnswer(onCitus, onPlain, 'standardsReport');
  }, 600_000);

  it("gives the district map's GraphQL listing as the single server does", async () => {
    const query = `{ communities(districtCode: "${DISTRICT}", first: 500) { totalCount nodes { code name households
      busStopCoverage { coveredShare coveredAreaM2 } cameraCoverage { coveredShare } } } }`;
    const { onCitus, onPlain } = await both(query);
    expect((onCitus as any).communities.nodes.length).toBeGreaterThan(10);
    expectSameAnswer(onCitus, onPlain, 'communities');
  }, 600_000);

  it("gives a district's walking coverage (along the roads) as the single server does, within 1e-9", async () => {
    const query = `{ communities(districtCode: "${DISTRICT}", first: 500) { totalCount nodes { code
      busStopCoverage(along: ROADS) { coveredShare coveredAreaM2 uncoveredAreaM2 nearestMeters } } } }`;
    const { onCitus, onPlain } = await both(query);
    const nodes = (onPlain as any).communities.nodes as { busStopCoverage: { coveredShare: number } }[];
    expect(nodes.length).toBeGreaterThan(10);
    // A walk covers less than the straight-line circle of the same radius, and more than nothing somewhere.
    expect(nodes.some((n) => n.busStopCoverage.coveredShare > 0)).toBe(true);
    expectSameAnswer(onCitus, onPlain, 'walking coverage');
    // A stop added near the district's first stop: the rebuild drops the catchments it reaches and draws them again.
    const { rows } = await plain.query<{ lon: number; lat: number }>(`SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM bus_stops WHERE district_code = $1 ORDER BY code LIMIT 1`, [DISTRICT]);
    const csv = `code,name,lon,lat\nWALK-NEW-1,new stop,${rows[0].lon + 0.001},${rows[0].lat}\n`;
    for (const db of [citus, plain]) await importFile(db, { layer: 'bus-stops', fileName: 'stop.csv', content: Buffer.from(csv), source: 'citus-walk', actor: 'test' });
    const again = await both(query);
    expect(JSON.stringify(again.onPlain)).not.toEqual(JSON.stringify(onPlain));
    expectSameAnswer(again.onCitus, again.onPlain, 'walking coverage after a new stop');
  }, 600_000);

  it("runs a district's own statements on one shard and the city's coverage on all of them", async () => {
    const { rows } = await citus.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_dist_shard WHERE logicalrelid = 'communities'::regclass`);
    const shards = rows[0].n;
    // The district's communities, as the listing selects them (server/store/layer-query.ts: district_code = $n).
    expect(await taskCounts(citus.url, `SELECT code, name FROM communities WHERE district_code = $1 ORDER BY code`, [DISTRICT])).toEqual([1]);
    // Its grid cells' tiling, joined on the shard (standards' gridStats shape, scoped to the district).
    expect(await taskCounts(citus.url, `SELECT c.code, count(g.*) FROM communities c JOIN grid_cells g
      ON g.district_code = c.district_code AND g.community_code = c.code WHERE c.district_code = $1 GROUP BY c.code`, [DISTRICT])).toEqual([1]);
    // The whole city's bus-stop coverage per community: every shard, in parallel.
    const city = await taskCounts(citus.url, `SELECT c.code, ST_Area(ST_Difference(c.geom_m, atlas_bus_stops_radius_cover(c.geom_m, 500, '{}'::text[], '[]'::jsonb))) FROM communities c`);
    expect(city).toEqual([shards]);
  });

  it("sends a district's statements by code to its one shard when the hub names the district, to every shard when not", async () => {
    const { rows } = await citus.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_dist_shard WHERE logicalrelid = 'communities'::regclass`);
    const shards = rows[0].n;
    const { rows: codes } = await citus.query<{ code: string }>(`SELECT code FROM communities WHERE district_code = $1 ORDER BY code`, [DISTRICT]);
    const districtCodes = codes.map((c) => c.code);
    expect(districtCodes.length).toBeGreaterThan(10);
    // The standards' per-community statements (a district's dashboard): $2 the districts the request read.
    for (const [name, text] of [['communityAttributes', standardsSql.communityAttributes], ['gridStats', standardsSql.gridStats]] as const) {
      expect(await taskCounts(citus.url, text, [districtCodes, [DISTRICT]]), name).toEqual([1]);
      expect(await taskCounts(citus.url, text, [districtCodes, null]), `${name} without the district`).toEqual([shards]);
    }
    // The coverage statement (compute or store) of the district's communities: its areas on the district's shard.
    const request = coverageRequest('bus-stops', 500);
    const named = areaCoverageQuery('communities', districtCodes, request, { districts: [DISTRICT] });
    const counts = await taskCounts(citus.url, named.text, named.values);
    expect(counts.length).toBeGreaterThan(0);
    expect(Math.max(...counts), `coverage with the district: ${counts}`).toBe(1);
    const unnamed = areaCoverageQuery('communities', districtCodes, request);
    expect(await taskCounts(citus.url, unnamed.text, unnamed.values)).toContain(shards);
  });

  it('leaves the cluster as it was when a worker stops in the middle of an import', async () => {
    const before = await citus.query<{ n: number; runs: number }>(`SELECT (SELECT count(*) FROM renovation_sites)::int AS n, (SELECT count(*) FROM import_runs)::int AS runs`);
    const { rows: workers } = await citus.query<{ nodeport: number }>(`SELECT nodeport FROM pg_dist_node WHERE groupid <> 0 ORDER BY nodeport DESC LIMIT 1`);
    const dataDir = `${process.env.CITUS_DIR ?? path.join(process.env.TMPDIR ?? '/tmp', 'atlas-citus')}/worker2`;
    const pgCtl = path.join(execFileSync('pg_config', ['--bindir']).toString().trim(), 'pg_ctl');
    const asPostgres = (args: string[]) => (process.getuid?.() === 0
      ? execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', [pgCtl, ...args].join(' ')])
      : execFileSync(pgCtl, args));
    expect(workers[0].nodeport).toBeGreaterThan(0);
    const sites = await citus.query<{ code: string; lon: number; lat: number }>(
      `SELECT code || '-x' AS code, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM renovation_sites ORDER BY code LIMIT 400`,
    );
    const csv = ['code,name,lon,lat,status', ...sites.rows.map((s) => `${s.code},site ${s.code},${s.lon},${s.lat},planned`)].join('\n');
    asPostgres(['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    try {
      await expect(importFile(citus, { layer: 'renovation-sites', fileName: 'sites.csv', content: Buffer.from(csv), source: 'citus-test', actor: 'test' })).rejects.toThrow();
    } finally {
      asPostgres(['-D', dataDir, '-l', `${dataDir}/server.log`, '-w', 'start']);
    }
    const after = await citus.query<{ n: number; runs: number }>(`SELECT (SELECT count(*) FROM renovation_sites)::int AS n, (SELECT count(*) FROM import_runs)::int AS runs`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
    // The refusal itself is recorded as a failed run on the coordinator, never a half-written one.
    const { rows: half } = await citus.query(`SELECT id FROM import_runs WHERE source = 'citus-test' AND status <> 'failed'`);
    expect(half).toEqual([]);
    // With the worker back, the same file lands in full.
    const summary = await importFile(citus, { layer: 'renovation-sites', fileName: 'sites.csv', content: Buffer.from(csv), source: 'citus-test', actor: 'test' });
    expect(summary.rowsWritten).toBe(sites.rows.length);
  }, 300_000);
});

// The first import of communities over a connection of its own, on a store whose stops and cameras are there already:
// relinking them (two reference tables, after the upsert wrote several shards of a worker) failed on Citus with
// "cannot perform query with placements that were modified over multiple connections" until the import's writes went
// over one connection per worker (server/db/distribution.ts writeSettings).
describeCitus('an import on Citus over a fresh connection', () => {
  it("relinks the stops and cameras that lie in the new communities", async () => {
    const store = await openCitusStore(CITUS_URL!);
    let fresh: Database | undefined;
    try {
      // Eight districts of 1 km in a row, each with two communities, a stop and a camera in each: several shards a worker.
      const districts = Array.from({ length: 8 }, (_, d) => ({ properties: { code: `21010${d}`, name: `区${d}` }, geometry: square(d * 1000, 0, 1000) }));
      const communities = districts.flatMap((_, d) => [0, 1].map((k) => ({ properties: { code: `C${d}${k}`, name: `社区${d}${k}` }, geometry: square(d * 1000 + k * 500, 0, 500) })));
      const points = communities.map((_, i) => ({ x: i * 500 + 250, y: 250, values: { code: `P${i}` } }));
      await importFile(store, { layer: 'districts', fileName: 'districts.geojson', content: featureCollection(districts) });
      await importFile(store, { layer: 'bus-stops', fileName: 'stops.csv', content: pointsCsv(['code'], points) });
      await importFile(store, { layer: 'cameras', fileName: 'cameras.csv', content: pointsCsv(['code'], points) });
      fresh = await Database.open({ url: store.url, maxConnections: 1 });
      await importFile(fresh, { layer: 'communities', fileName: 'communities.geojson', content: featureCollection(communities) });
      const expected = communities.map((c, i) => ({ code: `P${i}`, community_code: c.properties.code }));
      for (const table of ['bus_stops', 'cameras']) {
        const { rows } = await store.query(`SELECT code, community_code FROM ${table} ORDER BY community_code`);
        expect(rows, table).toEqual(expected);
      }
    } finally {
      await fresh?.close();
      await store.dispose();
    }
  }, 180_000);
});
