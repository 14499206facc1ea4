// Where the hub listens (HOST) and how the CLI names it: the address recorded beside the embedded store's lock, and
// `atlas token --district` checked against the store's districts (read from the store, or asked of the running hub).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp, listen } from '../server/app.js';
import { loadJwtSecret } from '../server/auth/secret.js';
import { verifyToken } from '../server/auth/token.js';
import { readConfig } from '../server/config.js';
import { Database } from '../server/db/database.js';
import { hubUrl, recordHubAddress } from '../server/db/hub-address.js';
import { importFile } from '../server/ingest/import.service.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** The CLI as a person runs it, asynchronously: the hub it may ask answers from this process. */
function atlas(args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/atlas.mjs', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', ATLAS_DATA_DIR: dataDir, ATLAS_JWT_SECRET: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const square = { type: 'Polygon', coordinates: [[[123.4, 41.8], [123.41, 41.8], [123.41, 41.81], [123.4, 41.81], [123.4, 41.8]]] };
const districtFile = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '210102', name: '和平区' }, geometry: square }] });

describe('HOST', () => {
  it('is every interface by default, and takes an address or a host name', () => {
    expect(readConfig({}).host).toBe('0.0.0.0');
    expect(readConfig({ HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
    expect(readConfig({ HOST: 'atlas.local' }).host).toBe('atlas.local');
    expect(() => readConfig({ HOST: 'http://x/' })).toThrow(/HOST must be an address or a host name/);
  });

  it('names the address a person opens: localhost for every interface, the host otherwise', () => {
    expect(hubUrl('0.0.0.0', 4200)).toBe('http://localhost:4200/');
    expect(hubUrl('::', 4200)).toBe('http://localhost:4200/');
    expect(hubUrl('127.0.0.1', 4200)).toBe('http://127.0.0.1:4200/');
    expect(hubUrl('::1', 4200)).toBe('http://[::1]:4200/');
  });
});

describe('the running hub and the CLI', () => {
  it('listens on HOST only, and the CLI refused the store names that address and checks --district with the hub', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-hub-'));
    const db = await Database.open({ dataDir });
    const config = { ...readConfig({ HOST: '127.0.0.1', ATLAS_DATA_DIR: dataDir }), port: 0, demo: false };
    const atlasApp = await createApp(db, config);
    try {
      await importFile(db, { layer: 'districts', fileName: 'd.geojson', content: districtFile });
      const port = await listen(atlasApp, 0, config.host);
      const address = atlasApp.httpServer.address();
      expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
      const url = hubUrl(config.host, port);
      recordHubAddress(dataDir, url);

      fs.writeFileSync(path.join(dataDir, 'stops.csv'), 'code,lon,lat\nS1,123.4,41.8\n');
      const imported = await atlas(['import', 'bus-stops', path.join(dataDir, 'stops.csv')], dataDir);
      expect(imported.code).not.toBe(0);
      expect(imported.stderr).toContain(`(the hub at ${url})`);
      expect(imported.stderr).toContain(`at ${url}graphql`);
      expect(imported.stderr).not.toContain('localhost:4000');

      const unknown = await atlas(['token', '--role', 'official', '--district', '999999'], dataDir);
      expect(unknown.code).not.toBe(0);
      expect(unknown.stdout).toBe('');
      expect(unknown.stderr).toMatch(/There is no district "999999" in the store; --district takes one of its 1: 210102 和平区\./);
      const known = await atlas(['token', '--role', 'official', '--district', '210102'], dataDir);
      expect(known.code, known.stderr).toBe(0);
      expect(verifyToken(known.stdout.trim(), loadJwtSecret(dataDir, {}).secret)).toEqual({ role: 'official', districtCode: '210102' });
    } finally {
      await atlasApp.apollo.stop();
      await db.close();
    }
    expect(fs.readdirSync(dataDir).filter((name) => name.startsWith('atlas.'))).toEqual([]);

    // The hub gone, the CLI opens the store itself (tens of seconds on a busy machine: one run only).
    const unknown = await atlas(['token', '--role', 'official', '--district', '999999'], dataDir);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/There is no district "999999" in the store/);
  }, 300_000);
});
