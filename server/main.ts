// Starts the hub: opens the store (embedded unless DATABASE_URL is set), seeds the demo city into an empty one, serves.
import { createApp, listen } from './app.js';
import { readConfig } from './config.js';
import { Database } from './db/database.js';
import { seedDemoCity } from './seed/seed.service.js';

const config = readConfig();
const started = Date.now();
const db = await Database.open({ url: config.databaseUrl, dataDir: config.dataDir });
console.log(`Store: ${db.kind === 'server' ? 'PostgreSQL server' : `embedded, in ${config.dataDir}`} (PostGIS ${db.capabilities.postgisVersion}${db.capabilities.asMvt ? '' : ', no ST_AsMVT: tiles are encoded by the hub'})`);

const { rows } = await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM districts');
if (rows[0].n === 0 && config.demo) {
  console.log('Empty store: loading the demo city (ATLAS_DEMO=off to start empty)…');
  await seedDemoCity(db, { scale: 'demo', seed: 1, onProgress: (message) => console.log(`  ${message}`) });
}

const atlas = await createApp(db, config);
const port = await listen(atlas, config.port);
console.log(`Shequ Atlas is ready in ${((Date.now() - started) / 1000).toFixed(1)} s: http://localhost:${port}/  (GraphQL at /graphql)`);

async function shutdown(signal: string) {
  console.log(`${signal}: finishing requests in flight and closing the store…`);
  await atlas.apollo.stop();
  await db.close();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
