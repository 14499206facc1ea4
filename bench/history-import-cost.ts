// Where the change sets' cost in an import goes: the same camera imports (all new, all moved, the same file again)
// with the recording triggers on and off, alternating in one run, on the embedded store (or DATABASE_URL's server).
//   npx tsx bench/history-import-cost.ts [cameras=20000] [rounds=3]
import crypto from 'node:crypto';
import pg from 'pg';
import { Database } from '../server/db/database.js';
import { importFile } from '../server/ingest/import.service.js';

const COUNT = Number(process.argv[2] ?? 20_000);
const ROUNDS = Number(process.argv[3] ?? 3);
const TRIGGERS = ['cameras_changes_insert', 'cameras_changes_update', 'cameras_changes_delete'];

async function open(): Promise<{ db: Database; dispose(): Promise<void>; label: string }> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const db = await Database.open({});
    return { db, dispose: () => db.close(), label: 'embedded' };
  }
  const name = `atlas_bench_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = await Database.open({ url: url.toString(), maxConnections: 2 });
  return {
    db, label: 'server',
    async dispose() {
      await db.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** `COUNT` cameras over Shenyang; `shift` moves every one by that many degrees east (a changed geometry). */
function cameras(tag: string, shift: number, operator = 'police'): string {
  const features = Array.from({ length: COUNT }, (_, i) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [123.25 + ((i * 7919) % 10_000) / 30_000 + shift, 41.7 + ((i * 104_729) % 10_000) / 40_000] },
    properties: { code: `${tag}-${i}`, name: `摄像头${i}`, direction_deg: (i * 37) % 360, fov_deg: 90, range_m: 60, operator },
  }));
  return JSON.stringify({ type: 'FeatureCollection', features });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const { db, dispose, label } = await open();
  const recording = async (on: boolean) => {
    for (const t of TRIGGERS) await db.query(`ALTER TABLE cameras ${on ? 'ENABLE' : 'DISABLE'} TRIGGER ${t}`);
  };
  const time = async (work: () => Promise<unknown>) => {
    const start = performance.now();
    await work();
    return performance.now() - start;
  };
  const results: Record<string, { on: number[]; off: number[] }> = { 'all new': { on: [], off: [] }, 'all moved': { on: [], off: [] }, 'attributes changed': { on: [], off: [] }, 'same file again': { on: [], off: [] } };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const on of round % 2 === 0 ? [true, false] : [false, true]) {
        await recording(on);
        const source = `bench-${on ? 'on' : 'off'}-${round}`;
        const run = (content: string) => importFile(db, { layer: 'cameras', fileName: 'bench.geojson', content, source, actor: 'bench' });
        const side = on ? 'on' : 'off';
        results['all new'][side].push(await time(() => run(cameras(source, 0))));
        results['all moved'][side].push(await time(() => run(cameras(source, 0.0002))));
        results['attributes changed'][side].push(await time(() => run(cameras(source, 0.0002, 'city'))));
        results['same file again'][side].push(await time(() => run(cameras(source, 0.0002, 'city'))));
        await db.query('DELETE FROM cameras WHERE source = $1', [source]);
        await recording(true);
      }
    }
    const size = (await db.query<{ bytes: string }>(`SELECT pg_total_relation_size('feature_changes')::bigint AS bytes`)).rows[0].bytes;
    console.log(`${label} store, ${COUNT} cameras, ${ROUNDS} rounds (median ms; with ÷ without):`);
    for (const [what, { on, off }] of Object.entries(results)) {
      console.log(`  ${what.padEnd(20)} with ${median(on).toFixed(0).padStart(6)}  without ${median(off).toFixed(0).padStart(6)}  ratio ${(median(on) / median(off)).toFixed(3)}`);
    }
    console.log(`  feature_changes: ${(Number(size) / 1e6).toFixed(1)} MB`);
  } finally {
    await dispose();
  }
}

await main();
