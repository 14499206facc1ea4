// The benchmark's own stores: a database per scale on the real PostGIS (kept after the run, for checking), and the embedded store.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Database } from '../../server/db/database.js';
import { seedStatementTimeoutMs } from '../../server/seed/scales.js';
import { NotMeasured } from './figures.js';
import { timeMs } from './stats.js';

export type BenchScale = 'demo' | 'city' | 'province';

export const DEFAULT_SERVER_URL = 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

export function databaseUrl(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(baseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Names are built from the scale only (a closed list), never from user text. */
export const benchDatabaseName = (scale: BenchScale, suffix = '') => `atlas_bench_${scale}${suffix}`;

export async function recreateDatabase(baseUrl: string, name: string, template?: string): Promise<string> {
  await admin(baseUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  });
  return databaseUrl(baseUrl, name);
}

export async function dropDatabase(baseUrl: string, name: string): Promise<void> {
  await admin(baseUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

export async function databaseExists(baseUrl: string, name: string): Promise<boolean> {
  return admin(baseUrl, async (client) => (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
}

export interface SeededStore {
  db: Database;
  url?: string;
  seedMs: number;
  counts: Record<string, number>;
  /** Where the seed wrote the files it imported (reused by the import benchmark). */
  workDir: string;
  /** The seed the city was generated with (the same for both stores in a run). */
  seed: number;
}


async function seed(db: Database, scale: BenchScale, workDir: string, say: (m: string) => void, seedNumber: number): Promise<number> {
  let seedModule: typeof import('../../server/seed/seed.service.js');
  try {
    seedModule = await import('../../server/seed/seed.service.js');
  } catch (error) {
    throw new NotMeasured(`the demo-city seed (server/seed/seed.service.ts) could not be loaded: ${(error as Error).message}`);
  }
  fs.rmSync(workDir, { recursive: true, force: true });
  const { ms } = await timeMs(() => seedModule.seedDemoCity(db, { scale, seed: seedNumber, workDir, onProgress: (m) => say(`    ${m}`) }));
  return ms;
}

export async function layerCounts(db: Pick<Database, 'query'>): Promise<Record<string, number>> {
  const { rows } = await db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM districts)::int AS districts, (SELECT count(*) FROM communities)::int AS communities,
            (SELECT count(*) FROM grid_cells)::int AS grid_cells, (SELECT count(*) FROM cameras)::int AS cameras,
            (SELECT count(*) FROM bus_stops)::int AS bus_stops, (SELECT count(*) FROM renovation_sites)::int AS renovation_sites`,
  );
  return rows[0];
}

/** The database's size on disk, tables and indexes, in megabytes. */
async function databaseSize(db: Pick<Database, 'query'>): Promise<{ megabytes_on_disk: number }> {
  const { rows } = await db.query<{ mb: number }>('SELECT round(pg_database_size(current_database()) / 1e6)::int AS mb');
  return { megabytes_on_disk: rows[0].mb };
}

/** Seeds tried in turn: the generator refuses a city where the database dropped generated rows ("Try another --seed"). */
const SEEDS = [1, 2, 3];

/** The seeded city on the real PostGIS; with `reuse`, an already seeded database of this scale is kept as it is. */
export async function openServerStore(baseUrl: string, scale: BenchScale, reuse: boolean, say: (m: string) => void): Promise<SeededStore> {
  // ATLAS_BENCH_DB_SUFFIX (`_a`, `_tiles`, …) keeps a second copy of a scale's database, so two benchmarks can run on
  // one cluster without one clearing the other's caches (`CREATE DATABASE atlas_bench_city_a TEMPLATE atlas_bench_city`).
  const suffix = process.env.ATLAS_BENCH_DB_SUFFIX ?? '';
  if (!/^(_[a-z0-9]+)?$/.test(suffix)) throw new Error(`ATLAS_BENCH_DB_SUFFIX must be empty or like _a (lower-case letters and digits after an underscore); got ${suffix}.`);
  const name = benchDatabaseName(scale, suffix);
  // The generator's statements over a whole province (a Voronoi of 20,000 communities clipped to its zones) run for
  // minutes; the hub's own 60 s limit is for requests, not for this.
  const statementTimeoutMs = seedStatementTimeoutMs(scale);
  const workDir = path.resolve('bench/.work', scale);
  if (reuse && fs.existsSync(workDir) && (await databaseExists(baseUrl, name))) {
    const url = databaseUrl(baseUrl, name);
    const db = await Database.open({ url, maxConnections: 10, statementTimeoutMs });
    const counts: Record<string, number> = { ...(await layerCounts(db)), ...(await databaseSize(db)) };
    if (counts.communities > 0 && counts.cameras > 0) {
      say(`  reusing ${name} (${counts.communities} communities, ${counts.cameras} cameras)`);
      const seedFile = path.join(workDir, 'bench-seed.txt');
      return { db, url, seedMs: NaN, counts, workDir, seed: fs.existsSync(seedFile) ? Number(fs.readFileSync(seedFile, 'utf8')) : 1 };
    }
    await db.close();
  }
  for (const seedNumber of SEEDS) {
    const url = await recreateDatabase(baseUrl, name);
    const db = await Database.open({ url, maxConnections: 10, statementTimeoutMs });
    say(`  seeding ${name} on the real PostGIS with seed ${seedNumber}…`);
    try {
      const seedMs = await seed(db, scale, workDir, say, seedNumber);
      await db.query('VACUUM ANALYZE');
      fs.writeFileSync(path.join(workDir, 'bench-seed.txt'), String(seedNumber));
      return { db, url, seedMs, counts: { ...(await layerCounts(db)), ...(await databaseSize(db)) }, workDir, seed: seedNumber };
    } catch (error) {
      await db.close();
      if (!/Try another --seed/.test((error as Error).message) || seedNumber === SEEDS.at(-1)) throw error;
      say(`  seed ${seedNumber} failed (${(error as Error).message}); trying the next`);
    }
  }
  throw new Error('unreachable: every seed was tried');
}

export async function openEmbeddedStore(scale: BenchScale, say: (m: string) => void, seedNumber = 1): Promise<SeededStore> {
  if (scale === 'province') throw new NotMeasured('province scale runs on the real PostGIS only (the issue)');
  const workDir = path.resolve('bench/.work', `${scale}-embedded`);
  // The server's seed first, so both stores hold the same city; the generator may refuse it here (PostGIS versions differ).
  const seeds = [seedNumber, ...SEEDS.filter((n) => n !== seedNumber)];
  for (const candidate of seeds) {
    const db = await Database.open({});
    say(`  seeding the in-memory embedded store with seed ${candidate}…`);
    try {
      const seedMs = await seed(db, scale, workDir, say, candidate);
      await db.query('ANALYZE');
      return { db, seedMs, counts: await layerCounts(db), workDir, seed: candidate };
    } catch (error) {
      await db.close();
      if (!/Try another --seed/.test((error as Error).message) || candidate === seeds.at(-1)) throw error;
      say(`  seed ${candidate} failed on the embedded store (${(error as Error).message}); trying the next`);
    }
  }
  throw new Error('unreachable: every seed was tried');
}
