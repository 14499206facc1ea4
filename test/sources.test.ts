// Live sources against loopback servers, on both stores: a sync applies what changed, refuses what looks wrong, keeps
// the last good data, and a source unchanged changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/database.js';
import { importFile } from '../server/ingest/import.service.js';
import { addSource } from '../server/sources/sources.service.js';
import { syncSource, SourceBusyError } from '../server/sources/sync.service.js';
import { STORE_KINDS } from './support/stores.js';
import { asRole, testViewerResolver } from './support/auth.js';
import { startHub } from './support/hub.js';
import { busStops, startSourceServer, type SourceServer } from './support/source-server.js';

const PAGE = { pageSize: 7 };

/** The stops a source brought (tests share a store, and each test's source takes over the codes it sends). */
async function stops(db: Database, sourceId: number | string) {
  const { rows } = await db.query<{ code: string; name: string; lon: number; lat: number }>(
    'SELECT code, name, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM bus_stops WHERE source = $1 ORDER BY code', [typeof sourceId === 'number' ? `sync:${sourceId}` : sourceId]);
  return rows;
}

async function busStopsVersion(db: Database): Promise<number> {
  return (await db.query<{ version: number }>("SELECT version FROM layer_versions WHERE layer = 'bus-stops'")).rows[0].version;
}

function expectSameAsFeatures(rows: Awaited<ReturnType<typeof stops>>, features: GeoJSON.Feature[]) {
  const expected = [...features].sort((a, b) => String(a.properties!.code).localeCompare(String(b.properties!.code)));
  expect(rows.map((r) => r.code)).toEqual(expected.map((f) => f.properties!.code));
  rows.forEach((r, i) => {
    const [lon, lat] = (expected[i].geometry as GeoJSON.Point).coordinates;
    expect(r.name).toBe(expected[i].properties!.name);
    expect(Math.abs(r.lon - lon)).toBeLessThan(1e-6);
    expect(Math.abs(r.lat - lat)).toBeLessThan(1e-6);
  });
}

describe.each(STORE_KINDS)('live sources ($name store)', (kind) => {
  let db: Database & { dispose(): Promise<void> };
  let server: SourceServer;
  beforeAll(async () => {
    db = await kind.open();
    server = await startSourceServer(busStops(30));
  });
  afterAll(async () => {
    await server?.close();
    await db?.dispose();
  });

  it('syncs an OGC API collection page by page, then only what changed, and an unchanged source changes nothing', async () => {
    server.features = busStops(30);
    const source = await addSource(db, { layer: 'bus-stops', url: server.collectionUrl });
    expect(source.kind).toBe('OGCAPI');
    const first = await syncSource(db, source.id, { limits: PAGE });
    expect(first).toMatchObject({ status: 'APPLIED', added: 30, changed: 0, removed: 0, unchanged: 0, pages: 5 });
    expect(first.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    expectSameAsFeatures(await stops(db, source.id), server.features);
    // Provenance: the import run that applied it names the URL.
    const run = (await db.query('SELECT file_name, source, status FROM import_runs WHERE id = $1', [first.importRunId])).rows[0];
    expect(run).toEqual({ file_name: server.collectionUrl, source: `sync:${source.id}`, status: 'completed' });

    const version = await busStopsVersion(db);
    const again = await syncSource(db, source.id, { limits: PAGE });
    expect(again).toMatchObject({ status: 'UNCHANGED', added: 0, changed: 0, removed: 0, unchanged: 30, importRunId: null });
    expect(await busStopsVersion(db)).toBe(version);

    // One renamed, one moved, one gone, one new.
    const next = busStops(30).filter((f) => f.properties!.code !== 'S0005');
    next[0].properties!.name = '新站名';
    (next[1].geometry as GeoJSON.Point).coordinates = [123.5, 41.85];
    next.push(...busStops(1, 100));
    server.features = next;
    const changed = await syncSource(db, source.id, { limits: PAGE });
    expect(changed).toMatchObject({ status: 'APPLIED', added: 1, changed: 2, removed: 1, unchanged: 27 });
    expectSameAsFeatures(await stops(db, source.id), next);
    expect(await busStopsVersion(db)).toBeGreaterThan(version);
  });

  it.each([
    ['error-on-page-2', /answered 500/],
    ['truncated', /not valid JSON.*cut short/],
    ['down', /could not be reached/],
  ] as const)('keeps the last good data when the source fails: %s', async (fault, message) => {
    server.features = busStops(30);
    const source = await addSource(db, { layer: 'bus-stops', url: server.collectionUrl });
    expect((await syncSource(db, source.id, { limits: PAGE })).status).not.toBe('FAILED');
    const before = await stops(db, source.id);
    const version = await busStopsVersion(db);
    server.features = busStops(30, 1);
    server.fault = fault;
    try {
      const run = await syncSource(db, source.id, { limits: PAGE });
      expect(run.status).toBe('FAILED');
      expect(run.message).toMatch(/^Not applied: /);
      expect(run.message).toMatch(message);
    } finally {
      server.fault = 'none';
    }
    expect(await stops(db, source.id)).toEqual(before);
    expect(await busStopsVersion(db)).toBe(version);
    // The next run tries again and applies.
    expect((await syncSource(db, source.id, { limits: PAGE })).status).toBe('APPLIED');
    expectSameAsFeatures(await stops(db, source.id), busStops(30, 1));
  });

  it('refuses 0 features, a drop of more than 20 %, and a schema change, and applies none of them', async () => {
    server.features = busStops(30);
    const source = await addSource(db, { layer: 'bus-stops', url: server.collectionUrl });
    await syncSource(db, source.id, { limits: PAGE });
    const before = await stops(db, source.id);
    const cases: [GeoJSON.Feature[], RegExp][] = [
      [[], /sent no features/],
      [busStops(23), /dropped 7 of the 30 features .*23\.3 %.*20 %/],
      [busStops(30).map((f) => ({ ...f, properties: { code: f.properties!.code, title: f.properties!.name } })), /no longer sends a field for "name"/],
    ];
    for (const [features, message] of cases) {
      server.features = features;
      const run = await syncSource(db, source.id, { limits: PAGE });
      expect(run.status).toBe('FAILED');
      expect(run.message).toMatch(message);
      expect(await stops(db, source.id)).toEqual(before);
    }
    // A drop within the share is applied: 30 → 25 (16.7 %).
    server.features = busStops(25);
    expect(await syncSource(db, source.id, { limits: PAGE })).toMatchObject({ status: 'APPLIED', removed: 5 });
  });

  it('reads a GeoJSON file at a URL once, then asks with its ETag and gets 304', async () => {
    server.features = busStops(12, 200);
    const source = await addSource(db, { layer: 'bus-stops', url: server.fileUrl });
    expect(source.kind).toBe('GEOJSON');
    expect(await syncSource(db, source.id)).toMatchObject({ status: 'APPLIED', added: 12 });
    const run = await syncSource(db, source.id);
    expect(run).toMatchObject({ status: 'UNCHANGED', unchanged: 12, bytes: 0 });
    expect(run.message).toMatch(/304/);
  });

  it('keys a source on a property, converting GCJ-02 positions as an import of the file does', async () => {
    const features = busStops(10, 300).map((f) => ({ ...f, properties: { 编号: f.properties!.code, 名称: f.properties!.name } }));
    server.features = features;
    const source = await addSource(db, { layer: 'bus-stops', url: server.fileUrl, kind: 'GEOJSON', crs: 'gcj02', idField: '编号' });
    expect((await syncSource(db, source.id)).status).toBe('APPLIED');
    const synced = await stops(db, source.id);
    expect(synced).toHaveLength(10);
    // The oracle: the same file imported under another source into a fresh look at the same codes.
    const file = JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: { ...f.properties, 编号: `F${f.properties!.编号}` } })) });
    await importFile(db, { layer: 'bus-stops', fileName: 'oracle.geojson', content: file, crs: 'gcj02' });
    const imported = await stops(db, 'oracle');
    expect(imported.map((r) => r.code)).toEqual(synced.map((r) => `F${r.code}`));
    expect(imported.map((r) => [r.lon, r.lat])).toEqual(synced.map((r) => [r.lon, r.lat]));
  });

  it('runs one sync of a source at a time', async () => {
    server.features = busStops(30);
    const source = await addSource(db, { layer: 'bus-stops', url: server.collectionUrl });
    const results = await Promise.allSettled([syncSource(db, source.id, { limits: PAGE }), syncSource(db, source.id, { limits: PAGE })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.any(SourceBusyError) });
  });

  it('lets only admins see, add and sync sources through GraphQL', async () => {
    server.features = busStops(9, 400);
    const hub = await startHub(db, testViewerResolver);
    try {
      const refused = await hub.gql('{ sources { id } }', {}, asRole('analyst'));
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const added = await hub.gql('mutation($input: SourceInput!) { addSource(input: $input) { id kind schedule timeZone nextRunAt } }',
        { input: { layer: 'bus-stops', url: server.fileUrl, schedule: '0 3 * * *' } }, asRole('admin'));
      expect(added.errors).toBeUndefined();
      expect(added.data.addSource).toMatchObject({ kind: 'GEOJSON', schedule: '0 3 * * *', timeZone: 'Asia/Shanghai' });
      // 03:00 in Shanghai (UTC+8, no daylight saving) is 19:00 UTC.
      expect(new Date(added.data.addSource.nextRunAt).getUTCHours()).toBe(19);
      const id = added.data.addSource.id;
      const synced = await hub.gql('mutation($id: ID!) { syncSource(id: $id) { status added pages url } }', { id }, asRole('admin'));
      expect(synced.data.syncSource).toEqual({ status: 'APPLIED', added: 9, pages: 1, url: server.fileUrl });
      const listed = await hub.gql('query($id: ID) { syncRuns(sourceId: $id, first: 5) { totalCount nodes { status } } sources { id lastRun { status } } }', { id }, asRole('admin'));
      expect(listed.data.syncRuns).toEqual({ totalCount: 1, nodes: [{ status: 'APPLIED' }] });
      expect(listed.data.sources.find((s: { id: string }) => s.id === id).lastRun.status).toBe('APPLIED');
    } finally {
      await hub.close();
    }
  });

  it('refuses a source that is not http or https', async () => {
    await expect(addSource(db, { layer: 'bus-stops', url: 'file:///etc/passwd', kind: 'GEOJSON' })).rejects.toThrow(/only http and https/);
    await expect(addSource(db, { layer: 'bus-stops', url: server.fileUrl, schedule: '* * * * * *' })).rejects.toThrow(/five fields/);
  });
});
