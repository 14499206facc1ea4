// One sync of a source at a time: in this process always, and across hub processes through a PostgreSQL advisory lock
// (the embedded store has one owner, so the process's own lock is the whole story there).
import type { Database } from '../db/database.js';

/** The advisory lock's first key: "SYNC" in ASCII, so the hub's locks are told apart from others' on a shared server. */
const SYNC_LOCK_CLASS = 0x53594e43;

const held = new Set<string>();

/** Runs `work` holding the source's lock; returns `{ locked: true }` without running it when another sync holds it. */
export async function withSourceLock<T>(db: Database, sourceId: number, work: () => Promise<T>): Promise<{ locked: true } | { locked: false; value: T }> {
  const key = `${db.kind}:${sourceId}`;
  if (held.has(key)) return { locked: true };
  held.add(key);
  try {
    if (db.kind === 'embedded') return { locked: false, value: await work() };
    // A session lock on a connection of its own, held while the source is read (minutes, maybe) and its difference applied.
    const client = await db.pool.connect();
    try {
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [SYNC_LOCK_CLASS, sourceId]);
      if (!rows[0].ok) return { locked: true };
      try {
        return { locked: false, value: await work() };
      } finally {
        await client.query('SELECT pg_advisory_unlock($1, $2)', [SYNC_LOCK_CLASS, sourceId]).catch(() => {});
      }
    } finally {
      client.release();
    }
  } finally {
    held.delete(key);
  }
}
