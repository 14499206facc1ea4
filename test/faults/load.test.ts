// A minute of load: 50 concurrent clients on a mix of map tiles and analyst queries; no server errors, memory flat.
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from '../support/stores.js';
import { startHub, type TestHub } from '../support/hub.js';
import { asRole, testViewerResolver } from '../support/auth.js';
import { lat, loadCity, lon } from './support/city.js';

const SIDE = 10;
const DURATION_S = 60;
const CONNECTIONS = 50;

function tileOf(z: number, lonDeg: number, latDeg: number): string {
  const n = 2 ** z;
  const latRad = (latDeg * Math.PI) / 180;
  return `${z}/${Math.floor(((lonDeg + 180) / 360) * n)}/${Math.floor(((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * n)}`;
}

function heapAfterCollection(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

describe.each(STORE_KINDS)('load on the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;
  beforeAll(async () => {
    db = await kind.open();
    await loadCity(db, SIDE);
    hub = await startHub(db, testViewerResolver);
  });
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  it(`serves ${CONNECTIONS} clients for ${DURATION_S} s without a server error, with flat memory`, async () => {
    const analyst = asRole('analyst');
    const json = { 'content-type': 'application/json' };
    const graphql = (query: string, headers: Record<string, string> = {}) => ({ method: 'POST' as const, path: '/graphql', headers: { ...json, ...headers }, body: JSON.stringify({ query }) });
    const centre = [lon(SIDE * 200), lat(SIDE * 200)] as const;
    let bodiesWithErrors = 0;
    const countErrors = (_status: number, body: string) => {
      if (body.includes('"errors"')) bodiesWithErrors++;
    };
    const requests = [
      { method: 'GET' as const, path: `/tiles/communities/${tileOf(13, centre[0], centre[1])}.mvt` },
      { ...graphql(`{ communities(first: 50) { totalCount nodes { code name households areaM2 } } }`, analyst), onResponse: countErrors },
      { method: 'GET' as const, path: `/tiles/bus-stops/${tileOf(14, centre[0], centre[1])}.mvt` },
      { ...graphql(`{ community(code: "C0505") { code busStopCoverage(radiusMeters: 500) { coveredShare nearestMeters } cameraCoverage { coveredShare } } }`), onResponse: countErrors },
      { method: 'GET' as const, path: `/tiles/cameras/${tileOf(15, centre[0], centre[1])}.mvt`, headers: analyst },
      { ...graphql(`{ cameras(first: 20, near: { lon: ${centre[0]}, lat: ${centre[1]}, withinMeters: 800 }) { totalCount nodes { code location } } }`, analyst), onResponse: countErrors },
      { ...graphql(`{ districts { code name communities { code } } }`, asRole('official', '210102')), onResponse: countErrors },
    ];
    const run = (duration: number) =>
      autocannon({ url: hub.url, connections: CONNECTIONS, duration, timeout: 60, requests });

    await run(5);
    const heapBefore = heapAfterCollection();
    bodiesWithErrors = 0;
    const result = await run(DURATION_S);
    const heapAfter = heapAfterCollection();
    const growthMb = (heapAfter - heapBefore) / 1024 / 1024;
    console.log(
      `load on ${kind.name}: ${result.requests.total} requests in ${DURATION_S} s (${result.requests.average}/s), ` +
        `latency p50 ${result.latency.p50} ms p99 ${result.latency.p99} ms, 2xx ${result['2xx']}, non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}, ` +
        `heap ${(heapBefore / 1048576).toFixed(0)} → ${(heapAfter / 1048576).toFixed(0)} MB`,
    );
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(result.non2xx).toBe(0);
    expect(bodiesWithErrors).toBe(0);
    expect(result['2xx']).toBeGreaterThan(CONNECTIONS);
    // Flat: after a full collection the heap is within 64 MB of where it was after the warm-up.
    expect(growthMb).toBeLessThan(64);
    const after = await hub.gql('{ communities { totalCount } }');
    expect(after).toEqual({ data: { communities: { totalCount: SIDE * SIDE } } });
  });
});
