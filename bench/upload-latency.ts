// `npx tsx bench/upload-latency.ts --rows N [--limit M]`: how long /health and a small GraphQL query take while a big
// CSV upload is read by the hub (embedded store; a fresh server database too when DATABASE_URL is set).
import '../server/production-mode.js';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { STORE_KINDS } from '../test/support/stores.js';
import { startHub } from '../test/support/hub.js';
import { asRole, testViewerResolver } from '../test/support/auth.js';
import { lat, loadCity, lon } from '../test/faults/support/city.js';

const run = promisify(execFile);
const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const rows = arg('rows', 300_000);

function stopsCsv(count: number): Buffer {
  const lines = ['code,name,lon,lat'];
  for (let i = 0; i < count; i++) lines.push(`U${i},,${lon((i % 1000) * 3).toFixed(4)},${lat((Math.floor(i / 1000) % 1000) * 3).toFixed(4)}`);
  return Buffer.from(lines.join('\n'));
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN;
};

async function timed(run: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const response = await run();
  await response.arrayBuffer();
  return performance.now() - started;
}

const body = stopsCsv(rows);
const bodyFile = path.join(os.tmpdir(), `atlas-upload-latency-${process.pid}.csv`);
fs.writeFileSync(bodyFile, body);
process.on('exit', () => fs.rmSync(bodyFile, { force: true }));
console.log(`upload: ${rows} rows, ${(body.length / 1048576).toFixed(1)} MB`);
for (const kind of STORE_KINDS) {
  const db = await kind.open();
  await loadCity(db, 4);
  const hub = await startHub(db, testViewerResolver);
  const health = () => timed(() => fetch(`${hub.url}/health`));
  const query = () => timed(() => fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ districts { code name } }' }) }));
  const quiet = { health: [] as number[], graphql: [] as number[] };
  for (let i = 0; i < 20; i++) {
    quiet.health.push(await health());
    quiet.graphql.push(await query());
  }
  const busy = { health: [] as number[], graphql: [] as number[] };
  let uploading = true;
  let rssPeak = 0;
  const probe = async (samples: number[], run: () => Promise<number>) => {
    while (uploading) {
      samples.push(await run());
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const poll = Promise.all([probe(busy.health, health), probe(busy.graphql, query)]);
  (globalThis as any).mark('upload');
  const started = performance.now();
  // curl sends the file from a process of its own: only the hub's work shows in the probes' latency.
  const curl = await run('curl', ['-s', '-o', '-', '-w', '\n%{http_code}', '-H', `authorization: ${asRole('admin').authorization}`, '-H', 'content-type: text/csv', '--data-binary', `@${bodyFile}`, `${hub.url}/api/import/bus-stops?fileName=big.csv`], { maxBuffer: 1 << 26 });
  const [json, status] = [curl.stdout.slice(0, curl.stdout.lastIndexOf('\n')), curl.stdout.slice(curl.stdout.lastIndexOf('\n') + 1)];
  const response = { status: Number(status) };
  const answer = JSON.parse(json) as { rowsWritten?: number; errors?: { message: string }[] };
  const uploadMs = performance.now() - started;
  uploading = false;
  await poll;
  const f = (v: number) => v.toFixed(0);
  console.log(
    `${kind.name}: upload ${response.status} in ${(uploadMs / 1000).toFixed(1)} s (${answer.rowsWritten ?? answer.errors?.[0]?.message.split('\n').slice(0, 2).join(' ')}); ` +
      `quiet /health p50 ${f(percentile(quiet.health, 0.5))} ms, GraphQL p50 ${f(percentile(quiet.graphql, 0.5))} ms; ` +
      `during the upload /health (${busy.health.length} probes) p50 ${f(percentile(busy.health, 0.5))} max ${f(Math.max(...busy.health))} ms, ` +
      `GraphQL (${busy.graphql.length} probes) p50 ${f(percentile(busy.graphql, 0.5))} max ${f(Math.max(...busy.graphql))} ms; rss peak ${f(rssPeak / 1048576)} MB`,
  );
  await hub.close();
  await db.dispose();
}
