// Fresh databases on a Citus cluster (CITUS_URL names the coordinator's database, as scripts/citus-cluster.sh prints it).
import crypto from 'node:crypto';
import pg from 'pg';
import { Database } from '../../server/db/database.js';

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, name: string, port?: number): string {
  const next = new URL(url);
  next.pathname = `/${name}`;
  if (port) next.port = String(port);
  return next.toString();
}

/**
 * Makes database `name` a Citus cluster of its own, as the script does for `atlas` (Citus keeps its metadata per
 * database): created on the coordinator (propagated to the workers), citus and postgis on every node, the nodes of the
 * base database registered.
 */
export async function createCitusDatabase(baseUrl: string, name: string): Promise<string> {
  const nodes = await withClient(baseUrl, async (client) => {
    await client.query(`CREATE DATABASE ${name}`);
    return (await client.query<{ nodename: string; nodeport: number; groupid: number }>(
      'SELECT nodename, nodeport, groupid FROM pg_dist_node ORDER BY groupid',
    )).rows;
  });
  const coordinator = nodes.find((n) => n.groupid === 0);
  const workers = nodes.filter((n) => n.groupid !== 0);
  for (const worker of workers) {
    await withClient(withDatabase(baseUrl, name, worker.nodeport), async (client) => {
      await client.query('CREATE EXTENSION IF NOT EXISTS citus');
      await client.query('CREATE EXTENSION IF NOT EXISTS postgis');
    });
  }
  const url = withDatabase(baseUrl, name);
  await withClient(url, async (client) => {
    await client.query('CREATE EXTENSION IF NOT EXISTS citus');
    await client.query('CREATE EXTENSION IF NOT EXISTS postgis');
    if (coordinator) await client.query('SELECT citus_set_coordinator_host($1, $2)', [coordinator.nodename, coordinator.nodeport]);
    for (const worker of workers) await client.query('SELECT citus_add_node($1, $2)', [worker.nodename, worker.nodeport]);
  });
  return url;
}

export async function dropCitusDatabase(baseUrl: string, name: string): Promise<void> {
  // A worker may still hold the coordinator's cached connections for a moment after the pool closed.
  for (let attempt = 1; ; attempt++) {
    try {
      await withClient(baseUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      return;
    } catch (error) {
      if (attempt >= 10 || (error as { code?: string }).code !== '55006') throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/** A fresh hub store on the cluster: migrated (and so distributed) by Database.open. */
export async function openCitusStore(baseUrl: string) {
  const name = `atlas_citus_${crypto.randomBytes(6).toString('hex')}`;
  const url = await createCitusDatabase(baseUrl, name);
  const db = await Database.open({ url, maxConnections: 4 });
  return Object.assign(db, {
    url,
    async dispose() {
      await db.close();
      await dropCitusDatabase(baseUrl, name);
    },
  });
}
