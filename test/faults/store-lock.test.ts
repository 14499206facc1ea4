// The embedded store opened by a second process: a clear error naming the holder, not corruption; a dead holder's lock is taken over.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.js';
import { importFile } from '../../server/ingest/import.service.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('the embedded store lock', () => {
  it('refuses a second process with a sentence naming the holder, and leaves the store whole', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-lock-'));
    const db = await Database.open({ dataDir });
    try {
      const square = { type: 'Polygon', coordinates: [[[123.4, 41.8], [123.41, 41.8], [123.41, 41.81], [123.4, 41.81], [123.4, 41.8]]] };
      await importFile(db, { layer: 'districts', fileName: 'd.geojson', content: JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '210102', name: '和平区' }, geometry: square }] }) });
      const before = (await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM districts')).rows[0].n;
      fs.writeFileSync(path.join(dataDir, 'stops.csv'), 'code,name,lon,lat\nS1,站,123.4,41.8\n');
      const second = spawnSync(process.execPath, ['bin/atlas.mjs', 'import', 'bus-stops', path.join(dataDir, 'stops.csv')], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: '', ATLAS_DATA_DIR: dataDir },
        encoding: 'utf8',
      });
      expect(second.status).not.toBe(0);
      expect(second.stderr + second.stdout).toMatch(new RegExp(`in use by process ${process.pid}`));
      expect(second.stderr + second.stdout).not.toMatch(/\n\s+at /);
      // The holder still works and has what it had.
      expect((await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM districts')).rows[0].n).toBe(before);
      expect(before).toBe(1);
      expect((await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM bus_stops')).rows[0].n).toBe(0);
    } finally {
      await db.close();
    }
    expect(fs.existsSync(path.join(dataDir, 'atlas.lock'))).toBe(false);
  }, 120_000);

  it('takes over the lock of a process that died without releasing it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-lock-'));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    fs.writeFileSync(path.join(dataDir, 'atlas.lock'), JSON.stringify({ pid: Number(dead.stdout), startedAt: new Date().toISOString() }));
    const db = await Database.open({ dataDir });
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'atlas.lock'), 'utf8')).pid).toBe(process.pid);
    await db.close();
  }, 120_000);
});
