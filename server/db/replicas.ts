// Read-only statements to PostgreSQL streaming replicas (DATABASE_REPLICA_URL), with the primary as the fallback for every read.
import pg from 'pg';

export interface ReplicaOptions {
  /** How far behind the primary a replica may be and still serve reads, in milliseconds. */
  maxLagMs?: number;
  /** How often each replica's health and replay position are checked, in milliseconds. */
  checkIntervalMs?: number;
  /** Connections per replica. */
  maxConnections?: number;
  statementTimeoutMs?: number;
  /** Where the one-line notices go (a replica stops or starts serving reads). */
  log?: (message: string) => void;
}

/** DATABASE_REPLICA_URL: one or more PostgreSQL URLs separated by commas or spaces. */
export function parseReplicaUrls(text: string | undefined): string[] {
  if (!text?.trim()) return [];
  const urls = text.split(/[\s,]+/).filter(Boolean);
  for (const url of urls) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_REPLICA_URL must list postgres:// URLs separated by commas; "${url.replace(/:[^:@/]*@/, ':***@')}" is not one.`);
    }
  }
  return urls;
}

const WRITE_WORDS = /\b(insert|update|delete|merge|truncate|copy|create|alter|drop|grant|revoke|vacuum|analyze|lock|nextval|setval|pg_advisory\w*)\b|\bfor\s+(update|share|no\s+key\s+update|key\s+share)\b/i;

/**
 * True for a statement that only reads: a SELECT (or WITH … SELECT) without a word that writes or locks.
 * A SELECT of a function that writes slips through; the replica refuses it (25006) and it is re-run on the primary.
 */
export function isReadOnlySql(text: string): boolean {
  const body = text.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/'(?:[^']|'')*'/g, "''");
  return /^\s*\(?\s*(select|with)\b/i.test(body) && !WRITE_WORDS.test(body);
}

/** A WAL position ('16/B374D848') as a number, to compare replay positions. */
export function lsnValue(lsn: string | null | undefined): bigint {
  if (!lsn) return -1n;
  const [high, low] = lsn.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/** Errors that mean "this server cannot be reached or is going away", not "this statement is wrong". */
function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? '';
  const message = (error as Error)?.message ?? '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', '57P01', '57P02', '57P03', '53300'].includes(code) ||
    code.startsWith('08') ||
    /Connection terminated|connection timeout|Client has encountered a connection error/i.test(message)
  );
}

const READ_ONLY_TRANSACTION = '25006';

interface Replica {
  label: string;
  pool: pg.Pool;
  /** Serving reads: reachable, and its lag under the limit. */
  healthy: boolean;
  /** Replayed WAL position at the last check. */
  replayLsn: bigint;
  /** The oldest primary position (and when it was seen) this replica had not replayed yet; undefined when caught up. */
  behind?: { lsn: bigint; at: number };
  lagMs: number;
  reason: string;
}

export class ReplicaSet {
  private readonly replicas: Replica[];
  private next = 0;
  private timer?: NodeJS.Timeout;
  /** The primary's WAL position after this process's last write: a replica serves reads only once it has replayed it. */
  private lastWriteLsn = -1n;
  private readonly maxLagMs: number;
  private readonly log: (message: string) => void;

  constructor(
    urls: readonly string[],
    private readonly primary: pg.Pool,
    options: ReplicaOptions = {},
  ) {
    this.maxLagMs = options.maxLagMs ?? 2000;
    this.log = options.log ?? ((message) => console.warn(message));
    this.replicas = urls.map((url) => {
      const parsed = new URL(url);
      const pool = new pg.Pool({
        connectionString: url,
        max: options.maxConnections ?? 10,
        statement_timeout: options.statementTimeoutMs ?? 60_000,
        connectionTimeoutMillis: 2000,
      });
      const replica: Replica = { label: `${parsed.hostname}:${parsed.port || 5432}`, pool, healthy: false, replayLsn: -1n, lagMs: Infinity, reason: 'not checked yet' };
      pool.on('error', (error) => this.markDown(replica, error.message));
      return replica;
    });
    const interval = options.checkIntervalMs ?? 1000;
    this.timer = setInterval(() => void this.check(), interval);
    this.timer.unref();
  }

  /** Checks every replica once now (also runs on its own every checkIntervalMs). */
  async check(): Promise<void> {
    let primaryLsn: bigint;
    try {
      primaryLsn = lsnValue((await this.primary.query<{ lsn: string }>('SELECT pg_current_wal_flush_lsn()::text AS lsn')).rows[0].lsn);
    } catch {
      return; // the primary's own trouble is reported by the queries that need it
    }
    await Promise.all(this.replicas.map((replica) => this.checkOne(replica, primaryLsn)));
  }

  private async checkOne(replica: Replica, primaryLsn: bigint): Promise<void> {
    let replay: bigint;
    try {
      const { rows } = await replica.pool.query<{ recovery: boolean; replay: string | null }>(
        'SELECT pg_is_in_recovery() AS recovery, pg_last_wal_replay_lsn()::text AS replay',
      );
      if (!rows[0].recovery) {
        this.markDown(replica, 'it is not a streaming replica (pg_is_in_recovery() is false)');
        return;
      }
      replay = lsnValue(rows[0].replay);
    } catch (error) {
      this.markDown(replica, (error as Error).message);
      return;
    }
    const now = Date.now();
    replica.replayLsn = replay;
    if (replica.behind && replay >= replica.behind.lsn) replica.behind = undefined;
    if (!replica.behind && replay < primaryLsn) replica.behind = { lsn: primaryLsn, at: now };
    // Lag: how long ago the primary stood at a position this replica has still not replayed.
    replica.lagMs = replica.behind ? now - replica.behind.at : 0;
    if (replica.lagMs > this.maxLagMs) this.markDown(replica, `it is ${(replica.lagMs / 1000).toFixed(1)} s behind the primary (limit ${this.maxLagMs} ms)`);
    else this.markUp(replica);
  }

  private markDown(replica: Replica, reason: string) {
    if (replica.healthy || replica.reason === 'not checked yet') {
      this.log(`[db] replica ${replica.label} is not serving reads: ${reason}. Reading from the primary.`);
    }
    replica.healthy = false;
    replica.reason = reason;
  }

  private markUp(replica: Replica) {
    if (!replica.healthy) this.log(`[db] replica ${replica.label} serves reads again.`);
    replica.healthy = true;
    replica.reason = '';
  }

  /** A replica that is healthy and has replayed this process's last write, in turn; undefined sends the read to the primary. */
  private pick(): Replica | undefined {
    for (let i = 0; i < this.replicas.length; i++) {
      const replica = this.replicas[(this.next + i) % this.replicas.length];
      if (replica.healthy && replica.replayLsn >= this.lastWriteLsn) {
        this.next = (this.next + i + 1) % this.replicas.length;
        return replica;
      }
    }
    return undefined;
  }

  /** Runs a read-only statement on a replica, or on the primary when none may serve it or the replica fails underneath. */
  /** `name`: a prepared statement (see Database.query). */
  async query<Row extends pg.QueryResultRow>(text: string, values?: unknown[], name?: string): Promise<pg.QueryResult<Row>> {
    const run = (pool: pg.Pool) => (name ? pool.query<Row>({ name, text, values }) : pool.query<Row>(text, values as unknown[]));
    const replica = this.pick();
    if (!replica) return run(this.primary);
    try {
      return await run(replica.pool);
    } catch (error) {
      if ((error as { code?: string }).code === READ_ONLY_TRANSACTION) return run(this.primary);
      if (!isConnectionError(error)) throw error;
      this.markDown(replica, (error as Error).message);
      return run(this.primary);
    }
  }

  /** Called after a write commits on `client` (a primary connection): reads wait for replicas to replay it. */
  async noteWrite(client: Pick<pg.PoolClient, 'query'>): Promise<void> {
    const { rows } = await client.query<{ lsn: string }>('SELECT pg_current_wal_flush_lsn()::text AS lsn');
    const lsn = lsnValue(rows[0].lsn);
    if (lsn > this.lastWriteLsn) this.lastWriteLsn = lsn;
  }

  /** Each replica's state, for /health and tests. */
  status(): { label: string; healthy: boolean; lagMs: number; reason: string }[] {
    return this.replicas.map(({ label, healthy, lagMs, reason }) => ({ label, healthy, lagMs, reason }));
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all(this.replicas.map((r) => r.pool.end().catch(() => {})));
  }
}
