// A big upload is read off the request thread: /health and a small GraphQL query stay answered while it is parsed and
// refused for its row count, and an upload whose Content-Length is over the limit is refused before its body is sent.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_LIMITS } from '../../server/limits/upload-limits.js';
import { STORE_KINDS } from '../support/stores.js';
import { startHub, type TestHub } from '../support/hub.js';
import { asRole, testViewerResolver } from '../support/auth.js';
import { lat, layerCounts, loadCity, lon } from './support/city.js';

const run = promisify(execFile);
// 60 % more rows than the hub takes: reading all of them on the request thread held every request up for seconds.
const ROWS = Math.round(UPLOAD_LIMITS.maxFeatures * 1.6);
// Parsing these rows on the request thread held requests up for over 10 s on a busy 2-core machine; read on a worker,
// the longest probe measured 0.2-2.4 s there (the machine's other work included), a few ms on a quiet one.
const MAX_PROBE_MS = 5000;

async function timedMs(request: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const response = await request();
  await response.arrayBuffer();
  expect(response.status).toBe(200);
  return performance.now() - started;
}

describe.each(STORE_KINDS)('a big upload on the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;
  let file: string;
  beforeAll(async () => {
    db = await kind.open();
    await loadCity(db, 2);
    hub = await startHub(db, testViewerResolver);
    const lines = ['code,lon,lat'];
    for (let i = 0; i < ROWS; i++) lines.push(`U${i},${lon(i % 1000).toFixed(5)},${lat(Math.floor(i / 1000) % 1000).toFixed(5)}`);
    file = path.join(os.tmpdir(), `atlas-big-upload-${process.pid}-${kind.name}.csv`);
    fs.writeFileSync(file, lines.join('\n'));
  });
  afterAll(async () => {
    fs.rmSync(file, { force: true });
    await hub?.close();
    await db?.dispose();
  });

  it('answers other requests while a file over the row limit is read, and refuses it for its count', async () => {
    const probes: number[] = [];
    let uploading = true;
    const probe = async (request: () => Promise<Response>) => {
      while (uploading) {
        probes.push(await timedMs(request));
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    const polling = Promise.all([
      probe(() => fetch(`${hub.url}/health`)),
      probe(() => fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ districts { code } }' }) })),
    ]);
    const before = await layerCounts(db);
    const started = performance.now();
    // curl sends the file from a process of its own, so that only the hub's work can hold the probes up.
    const { stdout } = await run('curl', ['-s', '-H', `authorization: ${asRole('admin').authorization}`, '-H', 'content-type: text/csv', '--data-binary', `@${file}`, `${hub.url}/api/import/bus-stops?fileName=big.csv`], { maxBuffer: 1 << 24 });
    const elapsedMs = performance.now() - started;
    uploading = false;
    await polling;
    const answer = JSON.parse(stdout) as { errors: { message: string; extensions: { code: string } }[] };
    const limit = UPLOAD_LIMITS.maxFeatures;
    console.log(`${kind.name}: ${ROWS} rows refused in ${(elapsedMs / 1000).toFixed(1)} s; ${probes.length} probes, max ${Math.max(...probes).toFixed(0)} ms`);
    expect(answer.errors[0].extensions.code).toBe('IMPORT_REFUSED');
    // Refused as the count passed the limit: the header is line 1, so feature limit + 1 is on line limit + 2.
    expect(answer.errors[0].message).toContain(`the file has at least ${limit + 1} features; the limit is ${limit} (passed at line ${limit + 2}`);
    expect(await layerCounts(db)).toEqual(before);
    expect(probes.length).toBeGreaterThan(5);
    expect(Math.max(...probes)).toBeLessThan(MAX_PROBE_MS);
  });

  it('refuses an upload whose Content-Length is over the limit before its body is sent', async () => {
    const url = new URL(`${hub.url}/api/import/bus-stops?fileName=huge.csv`);
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(url, { method: 'POST', headers: { ...asRole('admin'), 'content-type': 'text/csv', 'content-length': String(UPLOAD_LIMITS.maxBytes + 1) } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() });
          request.destroy();
        });
      });
      request.on('error', reject);
      // Not a byte of the body is written: the answer comes from the header alone.
      request.flushHeaders();
    });
    expect(status).toBe(413);
    expect(JSON.parse(body).errors[0].message).toMatch(/the hub takes at most .* per upload.*ATLAS_MAX_UPLOAD_BYTES/);
  }, 10_000);
});
