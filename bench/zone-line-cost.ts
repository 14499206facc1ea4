// The cost of the zone lines (issue 13): cold coverage of every community of a store, one area a statement, the
// backend's CPU time summed for the areas whose search reaches across a UTM zone line (within the reach of the line)
// and for the others. `npx tsx bench/zone-line-cost.ts DATABASE_URL` on a seeded province (it spans zones 50 and 51).
import 'reflect-metadata';
import os from 'node:os';
import pg from 'pg';
import { coverageRequest } from '../server/analysis/catchment-models.js';
import { areaCoverageQuery } from '../server/analysis/coverage.service.js';
import { backendCpuMeter } from './backend-cpu.js';

const [url] = process.argv.slice(2);
const client = new pg.Client({ connectionString: url });
await client.connect();
const cpu = await backendCpuMeter(client);
for (const [kind, reachM] of [['bus-stops', 500], ['cameras', 50]] as const) {
  const request = coverageRequest(kind, reachM);
  await client.query('DELETE FROM coverage_cache WHERE model = $1', [request.model.name]);
  // An area is "at a zone line" when a 6° meridian passes within its box widened by the reach (plus 0.01°).
  const { rows } = await client.query<{ code: string; at_line: boolean }>(
    `SELECT code, floor((ST_XMin(geom) - 0.01 - $1::float8 / 80000 + 180) / 6) <> floor((ST_XMax(geom) + 0.01 + $1::float8 / 80000 + 180) / 6) AS at_line
     FROM communities ORDER BY code`, [reachM]);
  const sums = { near: { n: 0, cpu: 0 }, far: { n: 0, cpu: 0 } };
  for (const { code, at_line } of rows) {
    const query = areaCoverageQuery('communities', [code], request, { throughParent: false });
    const c0 = cpu();
    await client.query(query.text, query.values);
    const side = at_line ? sums.near : sums.far;
    side.n += 1;
    side.cpu += cpu() - c0;
  }
  const per = (s: { n: number; cpu: number }) => (s.n ? `${(1000 * s.cpu / s.n).toFixed(1)} ms` : 'none');
  console.log(`${kind}: ${rows.length} communities cold, CPU per area: at a zone line ${per(sums.near)} (${sums.near.n}), away from it ${per(sums.far)} (${sums.far.n}); ratio ${(sums.near.cpu / sums.near.n / (sums.far.cpu / sums.far.n)).toFixed(2)} (load ${os.loadavg()[0].toFixed(1)})`);
}
await client.end();
