// Starts the hub: opens the store (embedded unless DATABASE_URL is set), seeds the demo city into an empty one, serves.
import './production-mode.js';
import { createApp, listen } from './app.js';
import { loadJwtSecret } from './auth/secret.js';
import { signInLink } from './auth/sign-in.js';
import { createViewerResolver } from './auth/viewer.resolver.js';
import { statementTimeoutMs } from './limits/db-limits.js';
import { readConfig } from './config.js';
import { Database } from './db/database.js';
import { hubUrl, recordHubAddress } from './db/hub-address.js';
import { seedDemoCity } from './seed/seed.service.js';
import { warmCoverage } from './analysis/warm-coverage.js';
import { startHistorySchedule } from './history/schedule.js';
import { SourceScheduler } from './sources/scheduler.js';

const config = readConfig();
const started = Date.now();
const jwtSecret = loadJwtSecret(config.dataDir);
const db = await Database.open({
  url: config.databaseUrl, dataDir: config.dataDir, statementTimeoutMs: statementTimeoutMs(),
  replicaUrls: config.replicaUrls, replicaMaxLagMs: config.replicaMaxLagMs,
});
console.log(`Store: ${db.kind === 'server' ? 'PostgreSQL server' : `embedded, in ${config.dataDir}`} (PostGIS ${db.capabilities.postgisVersion}${db.capabilities.asMvt ? '' : ', no ST_AsMVT: tiles are encoded by the hub'})`);

const { rows } = await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM districts');
const seedingDemo = rows[0].n === 0 && config.demo;
if (seedingDemo) {
  console.log('Empty store: loading the demo city (ATLAS_DEMO=off to start empty)…');
  await seedDemoCity(db, { scale: 'demo', seed: 1, onProgress: (message) => console.log(`  ${message}`) });
}

const atlas = await createApp(db, config, createViewerResolver(jwtSecret.secret));
const port = await listen(atlas, config.port, config.host);
const url = hubUrl(config.host, port);
// Beside the store's lock: the CLI, refused the store while the hub holds it, names this address (or asks the hub).
if (db.kind === 'embedded') recordHubAddress(config.dataDir, url);
// Standards snapshots at each month's end and after data changes; retention (ATLAS_HISTORY_MONTHS) once a day.
startHistorySchedule(db, config);
console.log(`Shequ Atlas is ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${url}  (GraphQL at /graphql; listening on ${config.host === '0.0.0.0' ? 'every interface, HOST=127.0.0.1 for this machine only' : config.host})`);
// In the background: the first map and dashboard then read community coverage from the cache (which lives in the store,
// so it stays warm across restarts). The embedded store has one connection, and work there holds every request behind
// it: warm it only right after seeding the demo city, when nobody has asked anything yet.
if (db.kind === 'server' || seedingDemo) {
  warmCoverage(db, config)
    .then((seconds) => console.log(`Community coverage is ready (${seconds.toFixed(1)} s).`))
    .catch((error) => console.error('[coverage] warming the cache failed:', (error as Error).message));
}
// Live sources sync on their schedules (ATLAS_SYNC_SCHEDULER=off leaves them to `npx atlas sync`).
const scheduler = process.env.ATLAS_SYNC_SCHEDULER === 'off' ? undefined : new SourceScheduler(db);
await scheduler?.start();
if (jwtSecret.origin !== 'env') {
  // The key is this machine's own (generated into the data folder): whoever started the hub may act as admin.
  console.log(`Sign in as admin (valid 7 days): ${signInLink(url, jwtSecret.secret)}`);
  console.log('Other tokens: npx atlas token --role public|analyst|official|admin [--district CODE]');
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing requests in flight and closing the store…`);
  // Apollo's drain plugin stops accepting connections and waits (up to 10 s) for requests in flight, GraphQL or not.
  const deadline = setTimeout(() => {
    console.error('Shutdown took longer than 30 s; exiting without a clean close.');
    process.exit(1);
  }, 30_000);
  try {
    // Answer what clients already sent (each answer now closes its connection), then close the listener and the rest.
    scheduler?.stop();
    await atlas.quiesce();
    await atlas.apollo.stop();
    await db.close();
    console.log('Store closed cleanly.');
    process.exit(0);
  } catch (error) {
    console.error('Shutdown failed:', (error as Error).message);
    process.exit(1);
  } finally {
    clearTimeout(deadline);
  }
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
