// Processes killed mid-import (SIGKILL, repeatedly) leave the store as it was; SIGTERM drains requests and closes cleanly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.js';
import { readConfig } from '../../server/config.js';
import { warmCoverage } from '../../server/analysis/warm-coverage.js';
import { layerCounts, loadCity } from './support/city.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const STOPS_IN_CHILD = 20_000;

function random(seed: number) {
  return () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

/** Resolves with the child's output so far when a line matching `pattern` appears. */
function waitForLine(child: ChildProcess, pattern: RegExp, output: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = output.join('').match(pattern);
      if (match) {
        child.stdout!.off('data', onData);
        resolve(match[0]);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before printing ${pattern}: ${output.join('')}`)));
  });
}

/**
 * The stops' change sets, feature changes and data version (the mark that makes coverage and tiles stale), and the
 * stop coverage cached at the stops' current version: they land with the stops or not at all.
 */
const stopHistory = async (db: Database) => (await db.query<{ sets: number; changes: number; version: number; extents: number; cachedAtVersion: number }>(
  `SELECT (SELECT count(*)::int FROM change_sets WHERE layer = 'bus-stops') AS sets,
          (SELECT count(*)::int FROM feature_changes WHERE layer = 'bus-stops') AS changes,
          (SELECT version::int FROM layer_versions WHERE layer = 'bus-stops') AS version,
          (SELECT count(*)::int FROM layer_version_extents WHERE layer = 'bus-stops') AS extents,
          (SELECT count(*)::int FROM coverage_cache c JOIN layer_versions v ON v.layer = 'bus-stops'
           WHERE c.model = 'bus_stops_radius' AND c.source_version = v.version) AS "cachedAtVersion"`,
)).rows[0];

/** A store the child can open by name: an embedded store's folder, or a new database on DATABASE_URL's server. */
interface KillStore {
  name: string;
  spec: string;
  dispose(): Promise<void>;
}

const KILL_STORES: { name: string; make(): Promise<KillStore> }[] = [
  { name: 'embedded', make: async () => ({ name: 'embedded', spec: fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-kill-')), dispose: async () => undefined }) },
  ...(process.env.DATABASE_URL ? [{
    name: 'server',
    async make(): Promise<KillStore> {
      const base = process.env.DATABASE_URL!;
      const name = `atlas_kill_${crypto.randomBytes(5).toString('hex')}`;
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(base);
      url.pathname = `/${name}`;
      return {
        name: 'server', spec: url.toString(),
        async dispose() {
          const cleanup = new pg.Client({ connectionString: base });
          await cleanup.connect();
          await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await cleanup.end();
        },
      };
    },
  }] : []),
];

async function withStore<T>(spec: string, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await Database.open(spec.startsWith('postgres') ? { url: spec } : { dataDir: spec });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

describe.each(KILL_STORES)('SIGKILL mid-import on the $name store', ({ make }) => {
  it('opens with the data it had after SIGKILL in the middle of an import, three times over', async () => {
    const store = await make();
    const dataDir = store.spec;
    let [baseline, baselineHistory] = await withStore(dataDir, async (db) => {
      await loadCity(db, 6);
      // The stops' coverage warm at their version: a landed import carries it forward, a killed one leaves it as it was.
      await warmCoverage(db, { ...readConfig({}), demo: false });
      return Promise.all([layerCounts(db), stopHistory(db)]);
    });
    expect(baselineHistory.cachedAtVersion).toBeGreaterThan(0);
    const next = random(4);
    for (let round = 0; round < 3; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/faults/support/import-child.ts', dataDir, String(STOPS_IN_CHILD)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      const output: string[] = [];
      await waitForLine(child, /importing 0/, output);
      // Somewhere inside the first import (which takes seconds for 20 000 rows).
      await new Promise((resolve) => setTimeout(resolve, 200 + next() * 1500));
      const committedBeforeKill = /committed/.test(output.join(''));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const [counts, history] = await withStore(dataDir, (db) => Promise.all([layerCounts(db), stopHistory(db)]));
      console.log(`kill ${round}: committed before kill: ${committedBeforeKill}; bus_stops ${counts.bus_stops}`);
      // All or nothing: the stops are the city's or the child's full file, never part of it; everything else untouched.
      expect([baseline.bus_stops, STOPS_IN_CHILD]).toContain(counts.bus_stops);
      if (!committedBeforeKill && counts.bus_stops !== baseline.bus_stops) {
        // The commit can land between the last line read and the kill; then the full file is there.
        expect(counts.bus_stops).toBe(STOPS_IN_CHILD);
      }
      expect({ ...counts, bus_stops: 0 }).toEqual({ ...baseline, bus_stops: 0 });
      // The change set, its feature changes, the version and its extent landed with the stops, or none of them did.
      const landed = counts.bus_stops !== baseline.bus_stops;
      const changes = landed ? STOPS_IN_CHILD + baseline.bus_stops : 0;
      // (A second round may have committed the same file again: an empty change set, nothing else.)
      const sets = history.sets - baselineHistory.sets;
      // (Landed, the cache holds what the change could not reach at the new version: how much depends on the file.)
      expect({ ...history, sets: 0 }).toEqual(landed
        ? { sets: 0, changes: baselineHistory.changes + changes, version: baselineHistory.version + 1, extents: baselineHistory.extents + 1, cachedAtVersion: history.cachedAtVersion }
        : { ...baselineHistory, sets: 0 });
      expect(landed ? [1, 2] : [0, 1]).toContain(sets);
      [baseline, baselineHistory] = [counts, history];
    }
    await store.dispose();
    // Three child processes each opening the store, a city and its coverage: minutes on a loaded machine.
  }, 900_000);
});

describe('stops on the embedded store', () => {
  it('drains requests in flight on SIGTERM, closes the store and frees its lock', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-term-'));
    await withStore(dataDir, (db) => loadCity(db, 6));
    const hub = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', ATLAS_DATA_DIR: dataDir, ATLAS_DEMO: 'off', PORT: '0', ATLAS_JWT_SECRET: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    hub.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const ready = await waitForLine(hub, /http:\/\/localhost:\d+\//, output);
    const url = ready.replace(/\/$/, '');
    hub.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    expect(fs.existsSync(path.join(dataDir, 'atlas.lock'))).toBe(true);

    const query = JSON.stringify({ query: '{ communities(first: 36) { totalCount nodes { code areaM2 gridCells { code } } } }' });
    let signalledAt = 0;
    const answers = Array.from({ length: 30 }, () =>
      fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: query }).then(async (response) => ({
        status: response.status,
        totalCount: (await response.json()).data?.communities?.totalCount,
        afterSignal: signalledAt > 0,
      })),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const exited = new Promise<number | null>((resolve) => hub.once('exit', resolve));
    signalledAt = Date.now();
    hub.kill('SIGTERM');
    const results = await Promise.all(answers);
    console.log(`SIGTERM: ${results.filter((r) => r.afterSignal).length} of 30 requests were answered after the signal`);
    expect(results.every((r) => r.status === 200 && r.totalCount === 36)).toBe(true);
    expect(await exited).toBe(0);
    expect(output.join('')).toMatch(/Store closed cleanly/);
    expect(fs.existsSync(path.join(dataDir, 'atlas.lock'))).toBe(false);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
    // The store opens again with everything in it.
    expect((await withStore(dataDir, (db) => layerCounts(db))).communities).toBe(36);
  });
});
