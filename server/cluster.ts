// Runs N copies of the hub on one port with node:cluster (ATLAS_WORKERS, default one per core): the hub keeps no state of its own.
import cluster from 'node:cluster';
import os from 'node:os';
import { loadJwtSecret } from './auth/secret.js';
import { readConfig } from './config.js';
import { Database } from './db/database.js';
import { seedDemoCity } from './seed/seed.service.js';

/** Worker count from ATLAS_WORKERS; a clear sentence when it is not a whole number from 1 to 64. */
export function workerCount(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.ATLAS_WORKERS;
  if (text === undefined || text === '') return os.availableParallelism();
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    throw new Error(`ATLAS_WORKERS must be a whole number of workers from 1 to 64, not "${text}".`);
  }
  return count;
}

/** Work that must happen once, not once per worker: migrations, the demo seed, the signing key. */
async function prepareOnce(): Promise<void> {
  const config = readConfig();
  if (!config.databaseUrl) {
    throw new Error(
      'The cluster needs a PostgreSQL server (set DATABASE_URL): the embedded store belongs to one process. ' +
        'Run `npm start` for the embedded store, or point DATABASE_URL at PostGIS.',
    );
  }
  // Workers read the key file this creates; without it each would generate its own and reject the others' tokens.
  loadJwtSecret(config.dataDir);
  const db = await Database.open({ url: config.databaseUrl, maxConnections: 1 });
  try {
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM districts');
    if (rows[0].n === 0 && config.demo) {
      console.log('Empty store: loading the demo city once, before the workers start (ATLAS_DEMO=off to start empty)…');
      await seedDemoCity(db, { scale: 'demo', seed: 1, onProgress: (message) => console.log(`  ${message}`) });
    }
  } finally {
    await db.close();
  }
}

async function runPrimary(): Promise<void> {
  const count = workerCount();
  await prepareOnce();
  console.log(`Starting ${count} hub workers on port ${readConfig().port} (node:cluster, ATLAS_WORKERS=${count})…`);
  let stopping = false;
  const restarts: number[] = [];
  const fork = () => cluster.fork({ ATLAS_DEMO: 'off' });
  for (let i = 0; i < count; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    // A crashed worker is replaced, but a crash loop (5 in a minute) stops the cluster rather than spin.
    const now = Date.now();
    restarts.push(now);
    while (restarts.length && restarts[0] < now - 60_000) restarts.shift();
    if (restarts.length > 5) {
      console.error('Workers keep failing (more than 5 restarts in a minute); stopping. See the errors above.');
      process.exit(1);
    }
    console.error(`Worker ${worker.process.pid} stopped (${signal ?? `exit ${code}`}); starting another.`);
    fork();
  });
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: asking ${Object.keys(cluster.workers ?? {}).length} workers to finish their requests…`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    const deadline = setTimeout(() => process.exit(1), 35_000);
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        clearTimeout(deadline);
        process.exit(0);
      }
    });
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

if (cluster.isPrimary) {
  try {
    await runPrimary();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
} else {
  await import('./main.js');
}
