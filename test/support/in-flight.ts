// How many statements a piece of work had in flight at once, read from the pg pool's own events (the store untouched).
import type { Database } from '../../server/db/database.js';

/**
 * Runs `work` and reports the most statements that were sent and not yet answered at one time. At every checkout and
 * release of a connection the pool knows the connections in use and the statements queued for one; their sum is the
 * statements in flight. Work whose statements run one after the other never has more than one.
 */
export async function mostStatementsInFlight<T>(db: Database, work: () => Promise<T>): Promise<{ result: T; most: number }> {
  const { pool } = db;
  let most = 0;
  const sample = () => {
    most = Math.max(most, pool.totalCount - pool.idleCount + pool.waitingCount);
  };
  pool.on('acquire', sample);
  pool.on('release', sample);
  try {
    return { result: await work(), most };
  } finally {
    pool.off('acquire', sample);
    pool.off('release', sample);
  }
}
