// Fresh stores for integration tests: an in-memory embedded store always, a new PostGIS database when DATABASE_URL is set.
import crypto from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.js';
import { createCitusDatabase } from './citus.js';

export interface StoreKind {
  name: 'embedded' | 'server';
  open(): Promise<Database & { dispose(): Promise<void> }>;
}

async function openServerStore(baseUrl: string) {
  const name = `atlas_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  // DATABASE_URL naming a Citus coordinator (npm run test:citus): each test's database is a cluster of its own.
  const citus = (await admin.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`)).rowCount === 1;
  if (!citus) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  if (citus) await createCitusDatabase(baseUrl, name);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const db = await Database.open({ url: url.toString(), maxConnections: 4 });
  return Object.assign(db, {
    async dispose() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: baseUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  });
}

async function openEmbeddedStore() {
  const db = await Database.open({});
  return Object.assign(db, { dispose: () => db.close() });
}

/** The stores every integration test runs against: embedded always, the real server when DATABASE_URL is set. */
export const STORE_KINDS: StoreKind[] = [
  { name: 'embedded', open: openEmbeddedStore },
  ...(process.env.DATABASE_URL ? [{ name: 'server' as const, open: () => openServerStore(process.env.DATABASE_URL!) }] : []),
];

/** The line that gets the server store's tests run: shown, as a skipped test, in every file that uses STORE_KINDS. */
export const SERVER_STORE_INSTALL = 'needs DATABASE_URL=postgres://USER:PASSWORD@127.0.0.1:5432/DB of a PostgreSQL 15+ server with PostGIS (apt-get install -y postgresql-15-postgis-3 postgresql-15-pgrouting)';

// Every file that uses STORE_KINDS checks the server its server half runs on: it offers PostGIS and pgRouting. Without
// DATABASE_URL that half is not run, and this test is skipped under the line that installs the server, so the file
// says so by name instead of silently.
describe('the server store', () => {
  it.skipIf(!process.env.DATABASE_URL)(`offers PostGIS and pgRouting (${SERVER_STORE_INSTALL})`, async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>("SELECT name FROM pg_available_extensions WHERE name IN ('postgis', 'pgrouting') ORDER BY name");
      expect(rows.map((r) => r.name)).toEqual(['pgrouting', 'postgis']);
    } finally {
      await client.end();
    }
  });
});
