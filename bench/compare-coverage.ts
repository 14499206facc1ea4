// Cold coverage of every community and grid cell through this checkout's coverage SQL, straight through pg (2
// connections, as the hub on this machine): `npx tsx bench/compare-coverage.ts bus-stops|cameras DATABASE_URL`. To
// compare designs, run it from each checkout against its own seeded database, in turns (a busy machine's drift then
// falls on all alike).
import 'reflect-metadata';
import os from 'node:os';
import pg from 'pg';
import { coverageRequest } from '../server/analysis/catchment-models.js';
import { areaTable } from '../server/analysis/area-levels.js';
import { areaCoverageQuery, batchesOf, inTurns } from '../server/analysis/coverage.service.js';

const [kind, url] = process.argv.slice(2) as ['bus-stops' | 'cameras', string];
const request = coverageRequest(kind, kind === 'bus-stops' ? 500 : 50);
const pool = new pg.Pool({ connectionString: url, max: 3 });
const concurrency = 2;
await pool.query('DELETE FROM coverage_cache WHERE model = $1', [request.model.name]);
const times: string[] = [];
let covered = 0;
let total = 0;
for (const level of ['communities', 'grid-cells'] as const) {
  const codes = (await pool.query<{ code: string }>(`SELECT code FROM ${areaTable(level)} ORDER BY code`)).rows.map((r) => r.code);
  const started = performance.now();
  await inTurns(batchesOf(codes, concurrency), concurrency, async (batch) => {
    const query = areaCoverageQuery(level, batch, request);
    for (const row of (await pool.query(query.text, query.values)).rows) {
      covered += Number(row.covered_m2);
      total += Number(row.area_m2);
    }
  });
  times.push(`${level} ${Math.round(performance.now() - started)} ms`);
}
console.log(`${kind}: ${times.join(', ')}; covered ${(covered / total).toFixed(6)} (load ${os.loadavg()[0].toFixed(1)})`);
await pool.end();
