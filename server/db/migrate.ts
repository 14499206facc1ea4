// Applies db/migrations/NNN_*.sql in order, each in its own transaction, and records what it applied.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../db/migrations');

export async function migrate(pool: pg.Pool, dir = MIGRATIONS_DIR): Promise<string[]> {
  await pool.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied = new Set((await pool.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
  const pending = fs
    .readdirSync(dir)
    .filter((name) => /^\d+_.*\.sql$/.test(name) && !applied.has(name))
    .sort();
  for (const name of pending) {
    const sql = fs.readFileSync(path.join(dir, name), 'utf8');
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(sql);
      await client.query('INSERT INTO schema_migrations(name) VALUES ($1)', [name]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw new Error(`Migration ${name} failed: ${(error as Error).message}`);
    } finally {
      client.release(await onCitus(client));
    }
  }
  return pending;
}

/**
 * On a Citus coordinator a migration's session is discarded after it: Citus keeps the connections it opened to the
 * workers for the session, and those opened before a migration set the database's settings on the workers (200:
 * citus.allow_nested_distributed_execution) do not have them, so a later query of the pool on that session failed on
 * a shard now and then. A new session opens new connections, with the settings.
 */
async function onCitus(client: pg.PoolClient): Promise<boolean> {
  try {
    return (await client.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`)).rowCount === 1;
  } catch {
    return true;
  }
}
