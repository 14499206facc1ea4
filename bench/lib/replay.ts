// Replays the SQL a GraphQL request ran, straight through `pg`, with the same concurrency: the "raw SQL" baseline.
import pg from 'pg';
import type { Database } from '../../server/db/database.js';

export interface LoggedStatement {
  text: string;
  values?: unknown[];
  startedMs: number;
  endedMs: number;
}

/** Every statement the store runs while `work` runs (text, values, when it started and ended), by wrapping `db.query`. */
export async function captureSql<T>(db: Database, work: () => Promise<T>): Promise<{ value: T; statements: LoggedStatement[] }> {
  const statements: LoggedStatement[] = [];
  const original = db.query.bind(db);
  (db as { query: Database['query'] }).query = (async (text: string, values?: unknown[]) => {
    const entry: LoggedStatement = { text, values, startedMs: performance.now(), endedMs: Infinity };
    statements.push(entry);
    try {
      return await original(text, values);
    } finally {
      entry.endedMs = performance.now();
    }
  }) as Database['query'];
  try {
    const value = await work();
    return { value, statements };
  } finally {
    (db as { query: Database['query'] }).query = original;
  }
}

/** Groups statements into waves: those the resolvers had in flight together run together in the replay. */
export function waves(statements: LoggedStatement[]): LoggedStatement[][] {
  const sorted = [...statements].sort((a, b) => a.startedMs - b.startedMs);
  const result: LoggedStatement[][] = [];
  let waveEnd = -Infinity;
  for (const statement of sorted) {
    if (result.length === 0 || statement.startedMs >= waveEnd) {
      result.push([statement]);
      waveEnd = statement.endedMs;
    } else {
      result.at(-1)!.push(statement);
      waveEnd = Math.max(waveEnd, statement.endedMs);
    }
  }
  return result;
}

/** A replayer over its own pool (the hub's pool is left alone); `run()` sends every wave and reads every row. */
export function replayer(pool: pg.Pool, statements: LoggedStatement[]) {
  const plan = waves(statements);
  return {
    statements: statements.length,
    waves: plan.length,
    async run() {
      for (const wave of plan) await Promise.all(wave.map((s) => pool.query(s.text, s.values as unknown[])));
    },
  };
}
