// A store of its own for a one-off measurement: the embedded store, or a new database on DATABASE_URL's server that
// dispose() drops again.
import crypto from 'node:crypto';
import pg from 'pg';
import { Database } from '../../server/db/database.js';

export async function openScratchStore(maxConnections: number): Promise<{ db: Database; dispose(): Promise<void>; label: 'embedded' | 'server' }> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const db = await Database.open({});
    return { db, dispose: () => db.close(), label: 'embedded' };
  }
  const name = `atlas_bench_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = await Database.open({ url: url.toString(), maxConnections });
  return {
    db, label: 'server',
    async dispose() {
      await db.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
