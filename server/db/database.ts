// The one way into PostGIS: a `pg` pool over either a real server or the embedded store.
import pg from 'pg';
import { startEmbedded, type EmbeddedServer } from './embedded.js';
import { distributedTables } from './distribution.js';
import { migrate } from './migrate.js';
import { isReadOnlySql, ReplicaSet } from './replicas.js';

// Dates stay 'YYYY-MM-DD' text, as the API and exports show them; bigint counts come back as numbers.
pg.types.setTypeParser(1082, (value) => value);
pg.types.setTypeParser(20, (value) => Number(value));

export type DatabaseKind = 'embedded' | 'server';

export interface DatabaseOptions {
  /** A PostgreSQL URL; undefined opens the embedded store. */
  url?: string;
  /** The embedded store's folder; undefined keeps it in memory (tests). */
  dataDir?: string;
  /** Connections to a real server (the embedded store always gets one). */
  maxConnections?: number;
  /** Per-statement timeout in milliseconds, to keep one bad query from holding the hub. */
  statementTimeoutMs?: number;
  /** Streaming replicas of `url` (DATABASE_REPLICA_URL): read-only statements go there, everything else to `url`. */
  replicaUrls?: readonly string[];
  /** How far behind a replica may be and still serve reads (default 2000 ms). */
  replicaMaxLagMs?: number;
}

export interface Capabilities {
  /** `ST_AsMVT` exists (PostGIS built with protobuf-c); the embedded build has none. */
  asMvt: boolean;
  postgisVersion: string;
  /** The tables distributed by district (a Citus coordinator, db/migrations/200); empty on PGlite and plain PostgreSQL. */
  distributed: ReadonlySet<string>;
}

export type Queryable = Pick<pg.PoolClient, 'query'>;

export class Database {
  /** Statements sent since the counter was last reset; tests use it to prove batching. */
  statementCount = 0;

  /** Moves each time this process commits a change to the layers; caches of data versions compare it. */
  dataGeneration = 0;

  private readonly dataListeners = new Set<() => void>();

  /** After each commit of this process that changed the layers (an import, a sync); returns the unsubscribe. */
  onDataChanged(listener: () => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  markDataChanged(): void {
    this.dataGeneration++;
    for (const listener of this.dataListeners) listener();
  }
  /** Replicas serving `query`'s read-only statements (server only, with replicaUrls); the primary is every read's fallback. */
  replicas?: ReplicaSet;

  private constructor(
    readonly kind: DatabaseKind,
    readonly pool: pg.Pool,
    readonly capabilities: Capabilities,
    private readonly embedded?: EmbeddedServer,
  ) {}

  static async open(options: DatabaseOptions = {}): Promise<Database> {
    let embedded: EmbeddedServer | undefined;
    let pool: pg.Pool;
    if (options.url) {
      pool = new pg.Pool({
        connectionString: options.url,
        max: options.maxConnections ?? 10,
        statement_timeout: options.statementTimeoutMs ?? 60_000,
      });
    } else {
      embedded = await startEmbedded(options.dataDir);
      pool = new pg.Pool({
        host: '127.0.0.1',
        port: embedded.port,
        user: 'postgres',
        database: 'postgres',
        max: 1,
        idleTimeoutMillis: 0,
      });
    }
    // A dropped server connection must not crash the hub; the pool replaces it on the next query.
    pool.on('error', (error) => console.error('[db] idle connection failed:', error.message));
    try {
      if (options.url) await pool.query('CREATE EXTENSION IF NOT EXISTS postgis');
      // The walking catchments' network search; without it (apt-get install postgresql-15-pgrouting) the hub searches in TypeScript.
      if (options.url) await pool.query('CREATE EXTENSION IF NOT EXISTS pgrouting').catch(() => {});
      await migrate(pool);
      const capabilities = await detectCapabilities(pool, options.url ? 'server' : 'embedded');
      const database = new Database(options.url ? 'server' : 'embedded', pool, capabilities, embedded);
      if (options.url && options.replicaUrls?.length) {
        database.replicas = new ReplicaSet(options.replicaUrls, pool, {
          maxLagMs: options.replicaMaxLagMs,
          maxConnections: options.maxConnections,
          statementTimeoutMs: options.statementTimeoutMs,
        });
        await database.replicas.check();
      }
      return database;
    } catch (error) {
      await pool.end().catch(() => {});
      await embedded?.stop();
      throw error;
    }
  }

  /**
   * `name` makes the statement a prepared one, parsed and planned once per connection and then only bound and run:
   * for fixed texts that run very often (tiles, where planning cost as much as running). One name, one text.
   */
  async query<Row extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[], name?: string): Promise<pg.QueryResult<Row>> {
    this.statementCount++;
    if (this.replicas && isReadOnlySql(text)) return this.replicas.query<Row>(text, values, name);
    return name ? this.pool.query<Row>({ name, text, values }) : this.pool.query<Row>(text, values as unknown[]);
  }

  /** Runs `work` in one transaction: it all lands, or none of it does. */
  async transaction<T>(work: (client: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const counted: Queryable = {
      query: ((text: string, values?: unknown[]) => {
        this.statementCount++;
        return client.query(text, values);
      }) as Queryable['query'],
    };
    try {
      await client.query('BEGIN');
      const result = await work(counted);
      await client.query('COMMIT');
      // Read-your-writes: replicas serve this process's reads again once they have replayed this commit.
      if (this.replicas) await this.replicas.noteWrite(client).catch(() => {});
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.replicas?.close();
    await this.pool.end();
    await this.embedded?.stop();
  }
}

async function detectCapabilities(pool: pg.Pool, kind: DatabaseKind): Promise<Capabilities> {
  const { rows } = await pool.query<{ version: string }>('SELECT postgis_lib_version() AS version');
  let asMvt = kind === 'server';
  if (asMvt) try {
    await pool.query("SELECT ST_AsMVT(t) FROM (SELECT 1 AS id, ST_AsMVTGeom(ST_Point(0, 0), ST_MakeEnvelope(-1, -1, 1, 1)) AS geom) t");
  } catch {
    asMvt = false;
  }
  return { asMvt, postgisVersion: rows[0].version, distributed: await distributedTables(pool) };
}
