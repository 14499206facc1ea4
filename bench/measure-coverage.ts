// Measures whole-city coverage cold (empty cache) and warm on a seeded demo city: `npx tsx bench/measure-coverage.ts [scale]`.
import 'reflect-metadata';
import { Database } from '../server/db/database.js';
import { readConfig } from '../server/config.js';
import { createContext } from '../server/request/context.js';
import { seedDemoCity } from '../server/seed/seed.service.js';
import type { SeedScale } from '../server/seed/scales.js';
import { coverageRequest } from '../server/analysis/catchment-models.js';
import { coverageRanking, scopeCoverage } from '../server/analysis/coverage.service.js';
import type { AreaLevel } from '../server/analysis/area-levels.js';

const scale = (process.argv[2] ?? 'demo') as SeedScale;
const config = readConfig();
const db = await Database.open({ url: config.databaseUrl });
const time = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  const statements = db.statementCount;
  const result = await work();
  console.log(`${label}: ${Math.round(performance.now() - started)} ms, ${db.statementCount - statements} statements`);
  return result;
};
try {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM communities');
  if (rows[0].n === 0) await time(`seed ${scale}`, () => seedDemoCity(db, { scale, seed: 2018 }));
  const counts = await db.query(`SELECT (SELECT count(*) FROM districts) AS districts, (SELECT count(*) FROM communities) AS communities,
    (SELECT count(*) FROM grid_cells) AS grid_cells, (SELECT count(*) FROM bus_stops) AS bus_stops, (SELECT count(*) FROM cameras) AS cameras`);
  console.log(db.kind, JSON.stringify(counts.rows[0]));
  await db.query('DELETE FROM coverage_cache');
  const analyst = () => createContext(db, config, { role: 'analyst' });
  for (const [kind, reach] of [['bus-stops', 500], ['cameras', config.defaultCameraRangeM]] as const) {
    const request = coverageRequest(kind, reach);
    for (const level of ['communities', 'grid-cells', 'districts'] as AreaLevel[]) {
      for (const state of ['cold', 'warm']) {
        await time(`${kind} ${level} ranking ${state}`, () => coverageRanking(analyst(), level, request, null, 10));
      }
    }
    const city = await time(`${kind} city (warm)`, () => scopeCoverage(analyst(), request));
    console.log(`${kind} city covered share ${city.coveredShare.toFixed(4)} of ${(city.areaM2 / 1e6).toFixed(1)} km²`);
  }
} finally {
  await db.close();
}
