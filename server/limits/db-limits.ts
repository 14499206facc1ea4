// How long one SQL statement may run before the server stops it (ATLAS_STATEMENT_TIMEOUT_MS).
/**
 * A real PostGIS server cancels a statement after this many milliseconds (SQLSTATE 57014, shown as TIMEOUT).
 * The embedded store (PGlite, single-threaded WebAssembly) ignores statement_timeout (measured: pg_sleep(3) under a
 * 500 ms timeout ran 3 s), so there the page, depth, alias and cost limits are what keep one query from holding the hub.
 */
export function statementTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.ATLAS_STATEMENT_TIMEOUT_MS ?? 30_000);
  if (!Number.isInteger(value) || value < 100) throw new Error(`ATLAS_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds, 100 or more; got "${env.ATLAS_STATEMENT_TIMEOUT_MS}".`);
  return value;
}
