// What recording change sets costs an import: the same imports (all new, all moved, attributes changed, the same file
// again) with the change set recorded and with it left empty (importFile's recordChanges: false), alternating in one
// run, for cameras (points) and communities (polygons), on the embedded store (or DATABASE_URL's server).
//   npx tsx bench/history-import-cost.ts [cameras=20000] [rounds=3] [communities=2000]
import { openScratchStore } from './lib/scratch-store.js';
import { importFile } from '../server/ingest/import.service.js';

const COUNT = Number(process.argv[2] ?? 20_000);
const ROUNDS = Number(process.argv[3] ?? 3);
const POLYGONS = Number(process.argv[4] ?? 2000);

const open = () => openScratchStore(2);

/** `COUNT` cameras over Shenyang; `shift` moves every one by that many degrees east (a changed geometry). */
function cameras(tag: string, shift: number, operator = 'police'): string {
  const features = Array.from({ length: COUNT }, (_, i) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [123.25 + ((i * 7919) % 10_000) / 30_000 + shift, 41.7 + ((i * 104_729) % 10_000) / 40_000] },
    properties: { code: `${tag}-${i}`, name: `摄像头${i}`, direction_deg: (i * 37) % 360, fov_deg: 90, range_m: 60, operator },
  }));
  return JSON.stringify({ type: 'FeatureCollection', features });
}

/** `POLYGONS` 300 m square communities (16 vertices each) over Shenyang, shifted `shift` degrees east. */
function communities(tag: string, shift: number, kind = 'urban'): string {
  const side = Math.ceil(Math.sqrt(POLYGONS));
  const features = Array.from({ length: POLYGONS }, (_, i) => {
    const [x, y] = [123.2 + (i % side) * 0.004 + shift, 41.6 + Math.floor(i / side) * 0.003];
    const ring: [number, number][] = [];
    for (let k = 0; k < 16; k++) {
      const t = k / 4;
      const [dx, dy] = k < 4 ? [t, 0] : k < 8 ? [1, t - 1] : k < 12 ? [3 - t, 1] : [0, 4 - t];
      ring.push([x + dx * 0.0036, y + dy * 0.0027]);
    }
    ring.push(ring[0]);
    return { type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { code: `${tag}-${i}`, name: `社区${i}`, kind } };
  });
  return JSON.stringify({ type: 'FeatureCollection', features });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const { db, dispose, label } = await open();
  const time = async (work: () => Promise<unknown>) => {
    const start = performance.now();
    await work();
    return performance.now() - start;
  };
  const cases = ['cameras: all new', 'cameras: all moved', 'cameras: attributes changed', 'cameras: same file again',
    'communities: all new', 'communities: all moved', 'communities: same file again'];
  const results: Record<string, { on: number[]; off: number[] }> = Object.fromEntries(cases.map((c) => [c, { on: [], off: [] }]));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const on of round % 2 === 0 ? [true, false] : [false, true]) {
        const source = `bench-${on ? 'on' : 'off'}-${round}`;
        const side = on ? 'on' : 'off';
        const run = (layer: 'cameras' | 'communities', content: string) => importFile(db, { layer, fileName: 'bench.geojson', content, source, actor: 'bench', recordChanges: on });
        results['cameras: all new'][side].push(await time(() => run('cameras', cameras(source, 0))));
        results['cameras: all moved'][side].push(await time(() => run('cameras', cameras(source, 0.0002))));
        results['cameras: attributes changed'][side].push(await time(() => run('cameras', cameras(source, 0.0002, 'city'))));
        results['cameras: same file again'][side].push(await time(() => run('cameras', cameras(source, 0.0002, 'city'))));
        await db.query('DELETE FROM cameras WHERE source = $1', [source]);
        if (POLYGONS > 0) {
          results['communities: all new'][side].push(await time(() => run('communities', communities(source, 0))));
          results['communities: all moved'][side].push(await time(() => run('communities', communities(source, 0.0005))));
          results['communities: same file again'][side].push(await time(() => run('communities', communities(source, 0.0005))));
          await db.query('DELETE FROM communities WHERE source = $1', [source]);
        }
      }
    }
    const size = (await db.query<{ bytes: string }>(`SELECT pg_total_relation_size('feature_changes')::bigint AS bytes`)).rows[0].bytes;
    console.log(`${label} store, ${COUNT} cameras, ${POLYGONS} communities, ${ROUNDS} rounds (median ms; with ÷ without):`);
    for (const [what, { on, off }] of Object.entries(results)) {
      if (on.length === 0) continue;
      console.log(`  ${what.padEnd(30)} with ${median(on).toFixed(0).padStart(6)}  without ${median(off).toFixed(0).padStart(6)}  ratio ${(median(on) / median(off)).toFixed(3)}`);
    }
    console.log(`  feature_changes: ${(Number(size) / 1e6).toFixed(1)} MB`);
  } finally {
    await dispose();
  }
}

await main();
