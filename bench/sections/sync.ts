// A live source's sync where 1 % of 100,000 cameras changed (10,000 at demo scale; ATLAS_BENCH_SYNC_FEATURES sets
// it), read from a loopback OGC API server, against a plain import of the same changed file into the same store.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Database } from '../../server/db/database.js';
import { importFile } from '../../server/ingest/import.service.js';
import { addSource } from '../../server/sources/sources.service.js';
import { syncSource } from '../../server/sources/sync.service.js';
import { compared, measureOf, type Figure } from '../lib/figures.js';
import type { BenchContext, Section } from '../lib/context.js';
import { timeMs } from '../lib/stats.js';

const SECTION = 'Live source sync';

function cameras(count: number, changedEvery: number, generation: number): GeoJSON.Feature[] {
  return Array.from({ length: count }, (_, i) => ({
    type: 'Feature', id: `C${i}`,
    properties: { code: `C${i}`, name: `摄像头${i}${i % changedEvery === 0 ? `-${generation}` : ''}`, direction_deg: (i * 37) % 360, fov_deg: 90, range_m: 40 + (i % 30), operator: 'public-security' },
    geometry: { type: 'Point', coordinates: [123.30 + (i % 400) * 0.0005, 41.70 + Math.floor(i / 400) * 0.0005] },
  }));
}

/** An OGC API items endpoint over an array the section swaps (pages of `limit` with rel=next). */
async function serve(state: { features: GeoJSON.Feature[] }): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const limit = Number(url.searchParams.get('limit') ?? 1000);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const page = state.features.slice(offset, offset + limit);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/collections/cameras/items`;
    const links = offset + limit < state.features.length ? [{ rel: 'next', type: 'application/geo+json', href: `${base}?limit=${limit}&offset=${offset + limit}` }] : [];
    response.writeHead(200, { 'content-type': 'application/geo+json' }).end(JSON.stringify({ type: 'FeatureCollection', features: page, links, numberMatched: state.features.length }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/collections/cameras`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const sourceSync: Section = {
  name: SECTION,
  async run(ctx: BenchContext): Promise<Figure[]> {
    const count = Number(process.env.ATLAS_BENCH_SYNC_FEATURES ?? (ctx.scale === 'demo' ? 10_000 : 100_000));
    const state = { features: cameras(count, 100, 0) };
    const server = await serve(state);
    // An in-memory embedded store of its own: the scale's seeded databases are left as they are.
    const db = await Database.open({});
    try {
      const file = (features: GeoJSON.Feature[]) => JSON.stringify({ type: 'FeatureCollection', features });
      ctx.say(`    ${count} cameras: first import, then the same file with 1 % changed`);
      await importFile(db, { layer: 'cameras', fileName: 'cameras.geojson', content: file(state.features), source: 'bench-sync-file' });
      const plain = await timeMs(() => importFile(db, { layer: 'cameras', fileName: 'cameras.geojson', content: file(cameras(count, 100, 1)), source: 'bench-sync-file' }));
      const source = await addSource(db, { layer: 'cameras', url: server.url });
      ctx.say('    the source: first sync (takes the rows over), then 1 % changed');
      await syncSource(db, source.id);
      state.features = cameras(count, 100, 2);
      const synced = await timeMs(() => syncSource(db, source.id));
      const run = synced.value;
      ctx.say(`    sync: ${run.status}, ${run.changed} changed, ${run.pages} pages, ${run.bytes} bytes`);
      return [compared(SECTION, `sync of ${count} cameras, 1 % changed (${run.changed}), against a plain import of the file`, 'ms',
        measureOf('sync (fetch, compare, apply the difference)', [synced.ms]), measureOf('plain import of the changed file', [plain.ms]),
        { note: `embedded store, empty but for the cameras; ${run.pages} pages of 1,000` })];
    } finally {
      await db.close();
      await server.close();
    }
  },
};
