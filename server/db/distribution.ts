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

/** Whether the areas (communities, grid cells and renovation sites, co-located) are distributed by district. */
export function areasDistributed(distributed: ReadonlySet<string>): boolean {
  return distributed.has('communities');
}

const WHERE_DISTRIBUTED = /\s*--\s*where distributed\s*$/;

/**
 * `sql` as this store runs it: a line ending in `-- where distributed` is kept where the areas (communities, grid
 * cells, renovation sites) are distributed by district and dropped elsewhere. Such a line names the district beside a
 * join of areas by code: Citus joins co-located tables only on their distribution column, and on a plain store the
 * statement stays as it was (a cell whose district is NULL or not its community's still counts there).
 */
export function forStore(sql: string, distributed: ReadonlySet<string>): string {
  const keep = areasDistributed(distributed);
  return sql
    .split('\n')
    .filter((line) => keep || !WHERE_DISTRIBUTED.test(line))
    .map((line) => line.replace(WHERE_DISTRIBUTED, ''))
    .join('\n');
}

/**
 * What a transaction that writes layers sets first on Citus (none elsewhere): its writes to many shards go over one
 * connection per worker. In parallel (Citus's default) an import's upsert writes a worker's shards over several
 * connections and relinking a reference table writes its copy on that worker over one of them; a later shard task
 * that reads one of those shards beside that reference copy (relinking bus stops after cameras to new communities)
 * then fails: "cannot perform query with placements that were modified over multiple connections".
 */
export function writeSettings(distributed: ReadonlySet<string>): string[] {
  return distributed.size > 0 ? ["SET LOCAL citus.multi_shard_modify_mode TO 'sequential'"] : [];
}

/** The unique key an upsert into `table` names: a distributed table's keys must hold its distribution column. */
export function codeConflictTarget(table: string, distributed: ReadonlySet<string>): string {
  return distributed.has(table) ? '(district_code, code)' : '(code)';
}

/**
 * The district of each area code a request has read, by level (scopeAreas: a district's dashboard, its standards),
 * kept with the request's own object (its loaders) and gone with it.
 */
const knownDistricts = new WeakMap<object, Map<string, string>>();

/** Remembers, for the request `request`, the districts of the areas of `level` it has read. */
export function rememberDistricts(request: object, level: string, areas: Iterable<{ code: string; districtCode: string | null }>): void {
  let known = knownDistricts.get(request);
  if (!known) knownDistricts.set(request, (known = new Map()));
  for (const area of areas) if (area.districtCode) known.set(`${level}:${area.code}`, area.districtCode);
}

/**
 * The districts of `codes` (areas of `level`) when the request has read every one of them, else null. A statement
 * that selects areas by code takes them as `($n::text[] IS NULL OR district_code = ANY($n::text[]))`: on Citus it then
 * runs on those districts' shards only (one, for a district's dashboard), instead of asking every shard; on every
 * store it selects the same rows, since the districts are the codes' own.
 */
export function districtsOf(request: object, level: string, codes: readonly string[]): string[] | null {
  const known = knownDistricts.get(request);
  if (!known || codes.length === 0) return null;
  const districts = new Set<string>();
  for (const code of codes) {
    const district = known.get(`${level}:${code}`);
    if (!district) return null;
    districts.add(district);
  }
  return [...districts].sort();
}
