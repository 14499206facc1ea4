// Which layer tables are distributed by district code (on a Citus coordinator, db/migrations/200): the keys and
// statements that differ there are chosen here, from one answer of the store.
import type pg from 'pg';

/** A pool, a transaction's client or the Database itself. */
type Asks = { query<Row extends pg.QueryResultRow>(text: string): Promise<pg.QueryResult<Row>> };

/** The tables distributed on `district_code` (empty on PGlite and plain PostgreSQL). */
export async function distributedTables(client: Asks): Promise<ReadonlySet<string>> {
  const { rows } = await client.query<{ tables: string[] }>('SELECT atlas_distributed_tables() AS tables');
  return new Set(rows[0].tables);
}

/** The unique key an upsert into `table` names: a distributed table's keys must hold its distribution column. */
export function codeConflictTarget(table: string, distributed: ReadonlySet<string>): string {
  return distributed.has(table) ? '(district_code, code)' : '(code)';
}
