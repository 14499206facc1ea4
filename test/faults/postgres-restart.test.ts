// The real PostgreSQL restarted under traffic: requests in flight fail with a clear error, and the hub recovers by itself.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from '../support/stores.js';
import { startHub, type TestHub } from '../support/hub.js';
import { loadCity } from './support/city.js';

const QUERY = '{ communities(first: 50) { totalCount nodes { code households areaM2 gridCells { code } } } }';

describe.each(STORE_KINDS.filter((kind) => kind.name === 'server'))('a PostgreSQL restart under traffic ($name store)', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;
  beforeAll(async () => {
    db = await kind.open();
    await loadCity(db, 6);
    hub = await startHub(db);
  });
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  it('answers every request with data or a clear DATABASE_UNAVAILABLE, and recovers without a restart', async () => {
    const outcomes: { status: number; code?: string; message?: string; ok: boolean }[] = [];
    let running = true;
    const client = async () => {
      while (running) {
        try {
          const response = await fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
          const body = await response.json();
          outcomes.push({ status: response.status, ok: body.data?.communities?.totalCount === 36, code: body.errors?.[0]?.extensions?.code, message: body.errors?.[0]?.message });
        } catch (error) {
          outcomes.push({ status: 0, ok: false, message: `no HTTP answer: ${(error as Error).message}` });
        }
      }
    };
    const clients = Array.from({ length: 8 }, client);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const before = outcomes.length;
    // Fast mode: the server terminates every session (57P01) and refuses connections while it starts again.
    execFileSync('pg_ctlcluster', ['15', 'main', 'restart', '-m', 'fast'], { stdio: 'ignore' });
    execFileSync('pg_isready', ['-q', '-h', '127.0.0.1', '-p', '5432', '-t', '30']);
    // Recovery: keep the traffic going until a run of answers is all good again (bounded by the test timeout).
    let recovered = false;
    while (!recovered) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const last = outcomes.slice(-16);
      recovered = last.length === 16 && last.every((o) => o.ok);
    }
    running = false;
    await Promise.all(clients);

    const failures = outcomes.filter((o) => !o.ok);
    console.log(`restart: ${outcomes.length} requests, ${before} before the restart, ${failures.length} failed during it`, failures.slice(0, 3));
    // Every request got an HTTP answer; every failure is a sentence with the unavailable code, never an internal error.
    for (const failure of failures) {
      expect(failure.status).toBeGreaterThan(0);
      expect(failure.code).toBe('DATABASE_UNAVAILABLE');
      expect(failure.message).toMatch(/not reachable right now/);
    }
    const health = await fetch(`${hub.url}/health`);
    expect(health.status).toBe(200);
  });
});
