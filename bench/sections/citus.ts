// The hub on a Citus coordinator with two workers (CITUS_URL, scripts/citus-cluster.sh) against the single server, in
// the same run, on the same seed: a district's dashboard, the whole city's cold coverage, an import of 100,000
// cameras, the district map's GraphQL listing. On one machine the nodes share its cores: the ratios measure Citus's
// overhead and its parallelism, not a cluster's capacity (docs/SCALING.md).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { importFile } from '../../server/ingest/import.service.js';
import { seedDemoCity } from '../../server/seed/seed.service.js';
import type { Database } from '../../server/db/database.js';
import { openCitusStore } from '../../test/support/citus.js';
import { compared, measureOf, NotMeasured, notMeasured, type Figure } from '../lib/figures.js';
import type { BenchContext, Section } from '../lib/context.js';
import { startInProcessHub, type BenchHub } from '../lib/hub.js';
import { paired, timeMs } from '../lib/stats.js';

const SECTION = 'Citus (coordinator + 2 workers ÷ one server)';
const CAMERAS = 100_000;

/** The district with the most communities: the official's heaviest map. */
async function busiestDistrict(db: Database): Promise<string> {
  const { rows } = await db.query<{ code: string }>('SELECT district_code AS code FROM communities GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
  return rows[0].code;
}

/** 100,000 cameras: the seed's own, repeated with new codes and positions moved by up to ~50 m. */
function camerasCsv(workDir: string): Buffer {
  const rows = parseCsv(fs.readFileSync(path.join(workDir, 'cameras.csv')), { columns: true }) as Record<string, string>[];
  const header = Object.keys(rows[0]);
  const lines = [header.join(',')];
  for (let i = 0; i < CAMERAS; i++) {
    const row = { ...rows[i % rows.length] };
    row.code = `BENCH-C${i}`;
    row.lon = String(Number(row.lon) + ((i * 7919) % 100 - 50) * 5e-6);
    row.lat = String(Number(row.lat) + ((i * 104729) % 100 - 50) * 4e-6);
    lines.push(header.map((h) => (/[",]/.test(row[h] ?? '') ? `"${row[h].replace(/"/g, '""')}"` : row[h] ?? '')).join(','));
  }
  return Buffer.from(lines.join('\n'));
}

/** The city's coverage of both kinds from an empty cache: the 13 districts' (cityCoverage sums the districts). */
async function coldCityCoverage(hub: BenchHub, db: Database): Promise<void> {
  await db.query('DELETE FROM coverage_cache');
  for (const kind of ['BUS_STOPS', 'CAMERAS']) {
    const result = await hub.gql(`{ cityCoverage(kind: ${kind}) { coveredShare } }`);
    if (result.errors) throw new Error(result.errors[0].message);
  }
}

/**
 * Every community's and grid cell's coverage of both kinds from an empty cache (a listing of them all): the areas the
 * workers hold, so the computation runs on their shards (the districts above are a reference table, computed where
 * the statement runs).
 */
async function coldAreaCoverage(hub: BenchHub, db: Database): Promise<void> {
  await db.query('DELETE FROM coverage_cache');
  for (const list of ['communities', 'gridCells']) {
    const result = await hub.gql(`{ ${list}(first: 5000) { nodes { code busStopCoverage { coveredShare } cameraCoverage { coveredShare } } } }`);
    if (result.errors) throw new Error(result.errors[0].message);
  }
}

export const citus: Section = {
  name: SECTION,
  async run(ctx: BenchContext): Promise<Figure[]> {
    const citusUrl = process.env.CITUS_URL;
    if (!citusUrl) throw new NotMeasured('CITUS_URL is not set: start a cluster with scripts/citus-cluster.sh start and set CITUS_URL to the URL it prints');
    if (!ctx.server || !ctx.serverHub) throw new NotMeasured('no real PostGIS store was seeded in this run to compare with');
    const store = await openCitusStore(citusUrl);
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-bench-citus-'));
    const figures: Figure[] = [];
    try {
      ctx.say(`    seeding the ${ctx.scale} city (seed ${ctx.server.seed}) into the Citus coordinator…`);
      const seeded = await timeMs(() => seedDemoCity(store, { scale: ctx.scale, seed: ctx.server!.seed, workDir }));
      figures.push(compared(SECTION, 'seeding the city', 'ms', measureOf('Citus', [seeded.ms]), measureOf('one server', [ctx.server.seedMs])));
      const hub = await startInProcessHub(store);
      try {
        const district = await busiestDistrict(ctx.server.db);
        // Each figure on its own: one that fails is reported as not measured, and the others still are.
        const figure = async (name: string, measure: () => Promise<{ subjectMs: number[]; baselineMs: number[] }>) => {
          try {
            const timed = await measure();
            figures.push(compared(SECTION, name, 'ms', measureOf('Citus', timed.subjectMs), measureOf('one server', timed.baselineMs)));
          } catch (error) {
            ctx.say(`    ${name}: not measured: ${(error as Error).message}`);
            figures.push(notMeasured(SECTION, name, (error as Error).message.split('\n')[0]));
          }
        };
        // Cold first (it fills the caches the reads below use).
        const runs = Math.max(1, Math.min(3, ctx.runs));
        await figure('whole-city coverage, cold (cityCoverage of bus stops and cameras: the districts)',
          () => paired(runs, () => coldCityCoverage(hub, store), () => coldCityCoverage(ctx.serverHub!, ctx.server!.db), 0));
        await figure('every community and grid cell, cold (bus stops and cameras, listed)',
          () => paired(runs, () => coldAreaCoverage(hub, store), () => coldAreaCoverage(ctx.serverHub!, ctx.server!.db), 0));
        const dashboard = `{ standardsReport(districtCode: "${district}", worst: 10) { rule { id } evaluated passed passShare } }`;
        const listing = `{ communities(districtCode: "${district}", first: 1000) { nodes { code name households boundary
          busStopCoverage { coveredShare } cameraCoverage { coveredShare } } } }`;
        for (const [name, query] of [[`a district's dashboard (standards report, ${district})`, dashboard], [`the district map's GraphQL listing (${district})`, listing]]) {
          const run = (h: BenchHub) => async () => {
            const result = await h.gql(query);
            if (result.errors) throw new Error(result.errors[0].message);
          };
          await figure(name, () => paired(ctx.runs, run(hub), run(ctx.serverHub!)));
        }
        const content = camerasCsv(workDir);
        // The import alone: the coverage cache is emptied first on both stores, so that the carry-forward of the cache
        // (server/analysis/coverage-carry.ts, which on Citus outlasts the statement timeout for this file) has nothing
        // to carry; what is timed is the staging, checking, linking and writing of the rows.
        // A copy each time: the importer moves a big file's memory to its reading thread (read-off-thread.ts).
        const importOnce = async (db: Database) => {
          await db.query('DELETE FROM coverage_cache');
          const { ms } = await timeMs(() => importFile(db, { layer: 'cameras', fileName: 'cameras-100k.csv', content: Buffer.from(content), source: 'bench-citus', actor: 'bench' }));
          await db.query(`DELETE FROM cameras WHERE source = 'bench-citus'`);
          return ms;
        };
        await figure(`an import of ${CAMERAS.toLocaleString('en')} cameras (CSV, one transaction, coverage cache empty)`,
          async () => ({ baselineMs: [await importOnce(ctx.server!.db)], subjectMs: [await importOnce(store)] }));
      } finally {
        await hub.close();
      }
    } finally {
      await store.dispose();
      fs.rmSync(workDir, { recursive: true, force: true });
    }
    return figures;
  },
};
