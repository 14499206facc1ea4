// Cold coverage of every community and grid cell through this checkout's coverage SQL, straight through pg (2
// connections, as the hub on this machine): `npx tsx bench/compare-coverage.ts bus-stops|cameras DATABASE_URL`. To
// compare designs, run it from each checkout against its own seeded database, in turns. Beside the wall time it reports
// the CPU time the PostgreSQL backends spent (from /proc, so the server must be on this machine): on a machine shared
// with other work the wall time drifts with the load, the backends' CPU time much less.
import 'reflect-metadata';
import os from 'node:os';
import pg from 'pg';
import { coverageRequest } from '../server/analysis/catchment-models.js';
import { areaTable } from '../server/analysis/area-levels.js';
import { areaCoverageQuery, batchesOf } from '../server/analysis/coverage.service.js';
import { backendCpuMeter } from './backend-cpu.js';

const [kind, url] = process.argv.slice(2) as ['bus-stops' | 'cameras', string];
const request = coverageRequest(kind, kind === 'bus-stops' ? 500 : 50);
const concurrency = 2;
const clients = await Promise.all(Array.from({ length: concurrency }, async () => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return { client, cpu: await backendCpuMeter(client) };
}));
/** CPU seconds (user + system) the backends have used so far. */
const backendCpu = () => clients.reduce((sum, { cpu }) => sum + cpu(), 0);
await clients[0].client.query('DELETE FROM coverage_cache WHERE model = $1', [request.model.name]);
const times: string[] = [];
let covered = 0;
let total = 0;
for (const level of ['communities', 'grid-cells'] as const) {
  const codes = (await clients[0].client.query<{ code: string }>(`SELECT code FROM ${areaTable(level)} ORDER BY code`)).rows.map((r) => r.code);
  const queue = batchesOf(codes, concurrency);
  const started = performance.now();
  const cpu0 = backendCpu();
  await Promise.all(clients.map(async ({ client }) => {
    for (let batch = queue.shift(); batch; batch = queue.shift()) {
      const query = areaCoverageQuery(level, batch, request);
      for (const row of (await client.query(query.text, query.values)).rows) {
        covered += Number(row.covered_m2);
        total += Number(row.area_m2);
      }
    }
  }));
  times.push(`${level} ${Math.round(performance.now() - started)} ms (cpu ${(backendCpu() - cpu0).toFixed(2)} s)`);
}
console.log(`${kind}: ${times.join(', ')}; covered ${(covered / total).toFixed(6)} (load ${os.loadavg()[0].toFixed(1)})`);
await Promise.all(clients.map(({ client }) => client.end()));
