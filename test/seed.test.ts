// The demo city (`atlas seed`): the real districts, communities tiled by grids, and the gaps the product exists to find.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readConfig } from '../server/config.js';
import { createContext } from '../server/request/context.js';
import { programmeProgress } from '../server/analysis/standards/renovation.service.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCity, type SeedSummary } from '../server/seed/seed.service.js';
import { STORE_KINDS } from './support/stores.js';

const SEED = 20180101;

function sha256Of(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

describe.each(STORE_KINDS)('the demo city in the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let first: SeedSummary;
  const workDirs: string[] = [];
  const newWorkDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-seed-test-'));
    workDirs.push(dir);
    return dir;
  };
  const count = async (sql: string) => Number((await db.query<{ n: string | number }>(sql)).rows[0].n);

  beforeAll(async () => {
    db = await kind.open();
    first = await seedDemoCity(db, { scale: 'demo', seed: SEED, workDir: newWorkDir() });
  }, 180_000);
  afterAll(async () => {
    await db?.dispose();
    for (const dir of workDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads the 13 real Shenyang districts through the importer, from GCJ-02', async () => {
    const { rows } = await db.query<{ code: string; name: string; crs: string }>(
      `SELECT d.code, d.name, r.crs FROM districts d JOIN import_runs r ON r.id = d.import_run_id ORDER BY d.code`,
    );
    expect(rows).toHaveLength(13);
    expect(rows.map((r) => r.code)).toContain('210102');
    expect(rows.find((r) => r.code === '210102')?.name).toBe('和平区');
    expect(new Set(rows.map((r) => r.crs))).toEqual(new Set(['gcj02']));
  });

  it('fills every layer', async () => {
    for (const table of ['communities', 'grid_cells', 'roads', 'bus_stops', 'cameras', 'renovation_sites']) {
      expect(await count(`SELECT count(*) AS n FROM ${table}`), table).toBeGreaterThan(0);
    }
    expect(await count('SELECT count(*) AS n FROM communities')).toBeGreaterThan(250);
    expect(await count('SELECT count(*) AS n FROM communities')).toBeLessThan(350);
  });

  it('keeps every community inside the district its code names', async () => {
    const outside = await count(`
      SELECT count(*) AS n FROM communities c JOIN districts d ON d.code = left(c.code, 6)
      WHERE c.district_code IS DISTINCT FROM d.code
         -- coordinates in the file are rounded to 1e-7° (about 1 cm): allow a sliver of that width along the border
         OR ST_Area(ST_Difference(c.geom_m, d.geom_m)) > 1e-4 * ST_Area(c.geom_m)`);
    expect(outside).toBe(0);
  });

  it('tiles each community with 4 to 10 grid cells, without gaps or overlaps', async () => {
    const { rows } = await db.query<{ cells_min: number; cells_max: number; gap_max: number; overlap_max: number; untiled: number }>(`
      WITH per_community AS (
        SELECT c.code, count(g.id) AS cells, ST_Area(c.geom_m) AS area,
               ST_Area(ST_Union(g.geom_m)) AS union_area, sum(ST_Area(g.geom_m)) AS summed_area
        FROM communities c LEFT JOIN grid_cells g ON g.district_code = c.district_code AND g.community_code = c.code
        GROUP BY c.code, c.geom_m
      )
      SELECT min(cells)::int AS cells_min, max(cells)::int AS cells_max,
             max(abs(union_area - area) / area) AS gap_max, max((summed_area - union_area) / area) AS overlap_max,
             count(*) FILTER (WHERE cells = 0)::int AS untiled
      FROM per_community`);
    expect(rows[0].untiled).toBe(0);
    expect(rows[0].cells_min).toBeGreaterThanOrEqual(4);
    expect(rows[0].cells_max).toBeLessThanOrEqual(10);
    expect(rows[0].gap_max).toBeLessThan(0.001);
    expect(rows[0].overlap_max).toBeLessThan(0.0001);
  });

  it('gives urban communities 2,000–4,000 households, with a few outside the range', async () => {
    const { rows } = await db.query<{ inside: number; total: number }>(`
      SELECT count(*) FILTER (WHERE households BETWEEN 2000 AND 4000)::int AS inside, count(*)::int AS total FROM communities WHERE kind = 'urban'`);
    const share = Number(rows[0].inside) / Number(rows[0].total);
    expect(share).toBeGreaterThan(0.8);
    expect(share).toBeLessThan(1);
  });

  it('leaves communities far from any stop, and covers others', async () => {
    const far = await count(`SELECT count(*) AS n FROM communities c WHERE NOT EXISTS (SELECT 1 FROM bus_stops s WHERE ST_DWithin(s.geom_m, c.geom_m, 500))`);
    const total = await count('SELECT count(*) AS n FROM communities');
    expect(far).toBeGreaterThan(0);
    expect(far).toBeLessThan(total);
  });

  it('leaves grid cells without a worker', async () => {
    expect(await count('SELECT count(*) AS n FROM grid_cells WHERE workers = 0')).toBeGreaterThan(0);
    expect(await count('SELECT count(*) AS n FROM grid_cells WHERE workers >= 1')).toBeGreaterThan(0);
  });

  it('leaves public areas no camera sees: communities whose camera sectors add up to less than half their area', async () => {
    const uncovered = await count(`
      SELECT count(*) AS n FROM communities c
      WHERE (SELECT coalesce(sum(pi() * k.range_m ^ 2 * k.fov_deg / 360), 0) FROM cameras k WHERE k.community_code = c.code) < 0.5 * ST_Area(c.geom_m)`);
    expect(uncovered).toBeGreaterThan(0);
    const { rows } = await db.query<{ bad: number }>(`
      SELECT count(*) FILTER (WHERE fov_deg <= 0 OR fov_deg > 360 OR range_m < 30 OR range_m > 80 OR (fov_deg < 360 AND direction_deg IS NULL))::int AS bad FROM cameras`);
    expect(rows[0].bad).toBe(0);
  });

  it('lists the 2018–2020 renovation plan of STANDARDS.md, with some districts behind it', async () => {
    const { rows } = await db.query<{ program: string; plan_year: number; n: number }>(
      `SELECT program, plan_year, count(*)::int AS n FROM renovation_sites GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(rows.map((r) => `${r.program} ${r.plan_year} ${r.n}`)).toEqual([
      'city 2018 120', 'city 2019 120', 'city 2020 74', 'owner 2018 200', 'owner 2019 200', 'owner 2020 82',
    ]);
    const behind = await count(`
      SELECT count(DISTINCT district_code) AS n FROM (
        SELECT district_code, plan_year, count(*) AS planned,
               count(*) FILTER (WHERE status = 'completed' AND extract(year FROM completed_on) <= plan_year) AS done
        FROM renovation_sites GROUP BY 1, 2) progress
      WHERE done < planned`);
    expect(behind).toBeGreaterThan(0);
    expect(behind).toBeLessThan(13);
    const incomplete = await count(`
      SELECT count(*) AS n FROM renovation_sites
      WHERE status = 'completed' AND (SELECT count(*) FROM jsonb_each(checklist) WHERE value = 'true'::jsonb) < 11`);
    expect(incomplete).toBeGreaterThan(0);
    // Each district's part of the plan is apportioned by the sites it lists, so over 2018–2020 planned and listed agree
    // to rounding (one compound a year).
    const progress = await programmeProgress(createContext(db, readConfig({}), { role: 'analyst' }), 'city', null, 2021);
    expect(progress.basis).toBe('sites');
    for (const district of progress.districts) {
      const years = district.years.filter((y) => y.year >= 2018 && y.year <= 2020);
      const sum = (pick: (y: (typeof years)[number]) => number) => years.reduce((total, y) => total + pick(y), 0);
      expect(Math.abs(sum((y) => y.planned) - sum((y) => y.listed))).toBeLessThanOrEqual(years.length);
    }
  });

  it('writes the same files for the same seed, and a re-seed changes nothing', async () => {
    const again = await seedDemoCity(db, { scale: 'demo', seed: SEED, workDir: newWorkDir() });
    expect(again.layers.map((l) => l.layer)).toEqual(first.layers.map((l) => l.layer));
    for (const [index, layer] of again.layers.entries()) {
      expect(sha256Of(layer.file), layer.layer).toBe(sha256Of(first.layers[index].file));
      expect(layer.rowsWritten, layer.layer).toBe(0);
    }
  }, 120_000);
});
