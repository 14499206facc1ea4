// Incremental coverage: after one small import (a new stop, a moved camera, a changed community boundary), the next
// whole-city listing against a cold one, in the same run. Each change is undone afterwards (the seeded store is reused).
import { compared, measureOf, notMeasured, type Figure } from '../lib/figures.js';
import type { BenchContext, Section } from '../lib/context.js';
import type { BenchHub } from '../lib/hub.js';
import type { SeededStore } from '../lib/stores.js';
import { timeMs } from '../lib/stats.js';
import { viaGraphql } from './coverage.js';
import { importFile } from '../../server/ingest/import.service.js';
import { readConfig } from '../../server/config.js';
import { takeSnapshot } from '../../server/history/snapshots.js';
import type { Database } from '../../server/db/database.js';
import { LAYERS } from '../../server/layers.js';

const SECTION = 'Coverage after one change';
const PAGE = 5000;

interface Change {
  label: string;
  kind: 'bus-stops' | 'cameras';
  /** Two imports: the change, and the one that undoes it. */
  imports(): Promise<[() => Promise<unknown>, () => Promise<unknown>]>;
}

const feature = (geometry: unknown, properties: Record<string, unknown>) => JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry, properties }] });

function changes(store: SeededStore): Change[] {
  const db = store.db;
  const run = (layer: 'bus-stops' | 'cameras' | 'communities', content: string, source: string, replace = false) =>
    () => importFile(db, { layer, fileName: `bench-${layer}.geojson`, content, source, replace, actor: 'bench' });
  return [
    {
      label: 'one new bus stop',
      kind: 'bus-stops',
      async imports() {
        const { rows } = await db.query<{ lon: number; lat: number }>('SELECT ST_X(geom) + 0.001 AS lon, ST_Y(geom) + 0.001 AS lat FROM bus_stops ORDER BY code LIMIT 1 OFFSET 7');
        const stop = feature({ type: 'Point', coordinates: [rows[0].lon, rows[0].lat] }, { code: 'BENCH-NEW-STOP', name: '基准新站' });
        // Undone by hand (an import cannot send an empty file): the stop goes and every stop entry goes stale.
        const undo = async () => {
          await db.query(`DELETE FROM bus_stops WHERE code = 'BENCH-NEW-STOP'`);
          await db.query(`UPDATE layer_versions SET version = version + 1 WHERE layer = 'bus-stops'`);
        };
        return [run('bus-stops', stop, 'bench-new-stop'), undo];
      },
    },
    {
      label: 'one camera moved 30 m',
      kind: 'cameras',
      async imports() {
        const { rows } = await db.query('SELECT code, name, direction_deg, fov_deg, range_m, operator, source, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM cameras ORDER BY code LIMIT 1 OFFSET 11');
        const c = rows[0];
        const props = { code: c.code, name: c.name, direction_deg: c.direction_deg, fov_deg: c.fov_deg, range_m: c.range_m, operator: c.operator };
        return [
          run('cameras', feature({ type: 'Point', coordinates: [c.lon + 0.0003, c.lat] }, props), c.source),
          run('cameras', feature({ type: 'Point', coordinates: [c.lon, c.lat] }, props), c.source),
        ];
      },
    },
    {
      label: 'one community boundary changed',
      kind: 'bus-stops',
      async imports() {
        // A community shrunk by 2 % about its centre (its grid cells and district are what the change reaches), then
        // sent back as it was; every attribute goes with it, so only the boundary changes.
        const { rows } = await db.query(
          `SELECT to_jsonb(c) - 'geom' - 'geom_m' AS attrs, c.source, ST_AsGeoJSON(c.geom, 9)::json AS geometry,
                  ST_AsGeoJSON(ST_Translate(ST_Scale(ST_Translate(c.geom, -ST_X(p), -ST_Y(p)), 0.98, 0.98), ST_X(p), ST_Y(p)), 9)::json AS shrunk
           FROM communities c, LATERAL ST_PointOnSurface(c.geom) p ORDER BY c.code LIMIT 1 OFFSET 13`,
        );
        const c = rows[0];
        const names = LAYERS.communities.attributes.map((a) => a.name);
        const props = Object.fromEntries(names.filter((n) => n in c.attrs).map((n) => [n, c.attrs[n]]));
        return [run('communities', feature(c.shrunk, props), c.source), run('communities', feature(c.geometry, props), c.source)];
      },
    },
  ];
}

/** The whole city's coverage of one kind, listed as a client does. */
const listing = (hub: BenchHub, kind: Change['kind']) => viaGraphql(hub, { kind, field: kind === 'bus-stops' ? 'busStopCoverage' : 'cameraCoverage' } as never, PAGE);

export const incremental: Section = {
  name: SECTION,
  async run(ctx: BenchContext): Promise<Figure[]> {
    const figures: Figure[] = [];
    for (const [label, store, hub] of [['real PostGIS', ctx.server, ctx.serverHub], ['embedded', ctx.embedded, ctx.embeddedHub]] as const) {
      if (!store || !hub) {
        figures.push(notMeasured(SECTION, `after one change (${label})`, `no ${label} store in this run`));
        continue;
      }
      for (const change of changes(store)) {
        ctx.say(`    ${change.label} on ${label}…`);
        const model = change.kind === 'bus-stops' ? 'bus_stops_radius' : 'camera_sectors';
        const cold: number[] = [];
        const after: number[] = [];
        const rounds = ctx.scale === 'demo' ? 2 : 1;
        for (let i = 0; i < rounds; i++) {
          await store.db.query('DELETE FROM coverage_cache WHERE model = $1', [model]);
          cold.push((await timeMs(() => listing(hub, change.kind))).ms);
          const [apply, undo] = await change.imports();
          await apply();
          after.push((await timeMs(() => listing(hub, change.kind))).ms);
          await undo();
          await listing(hub, change.kind);
        }
        const figure = compared(SECTION, `${change.label}: next whole-city listing vs cold (${label})`, 'ms', measureOf('after the change', after), measureOf('cold', cold), {
          note: `${store.counts.communities} communities + ${store.counts.grid_cells} grid cells; GraphQL in pages of ${PAGE}`,
          target: '≤ 5 % of cold',
        });
        figure.met = figure.ratio !== undefined && figure.ratio <= 0.05;
        figures.push(figure);
      }
      figures.push(...(await importCost(ctx, store, label)), ...(await historyCost(ctx, store, hub, label)));
    }
    return figures;
  },
};

/** New cameras near the seeded ones, as a GeoJSON file of `count` features under source `source`, moved `shift` degrees east. */
async function newCameras(db: Database, count: number, tag: string, shift = 0): Promise<string> {
  const { rows } = await db.query<{ lon: number; lat: number }>('SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM cameras ORDER BY code LIMIT $1', [count]);
  return JSON.stringify({
    type: 'FeatureCollection',
    features: rows.map((r, i) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [r.lon + 0.0001 + shift, r.lat + 0.0001] }, properties: { code: `BENCH-${tag}-${i}`, range_m: 60, fov_deg: 90, direction_deg: 90 } })),
  });
}

/**
 * Import throughput with change sets recorded against the same imports with recording off, alternating
 * in one run: a file of new cameras (every row added), then the same cameras each moved (every row changed, geometry
 * before and after kept).
 */
async function importCost(ctx: BenchContext, store: SeededStore, label: string): Promise<Figure[]> {
  const db = store.db;
  const count = Math.min(store.counts.cameras ?? 10_000, ctx.scale === 'demo' ? 10_000 : 50_000);
  const speeds = { added: { on: [] as number[], off: [] as number[] }, moved: { on: [] as number[], off: [] as number[] } };
  for (let i = 0; i < (ctx.scale === 'demo' ? 3 : 2); i++) {
    for (const on of i % 2 === 0 ? [true, false] : [false, true]) {
      const source = `bench-history-${on ? 'on' : 'off'}-${i}`;
      const [added, moved] = [await newCameras(db, count, source), await newCameras(db, count, source, 0.0002)];
      try {
        for (const [what, content] of [['added', added], ['moved', moved]] as const) {
          const ms = (await timeMs(() => importFile(db, { layer: 'cameras', fileName: 'bench.geojson', content, source, actor: 'bench', recordChanges: on }))).ms;
          speeds[what][on ? 'on' : 'off'].push((count / ms) * 1000);
        }
      } finally {
        await db.query('DELETE FROM cameras WHERE source = $1', [source]);
      }
    }
  }
  return (['added', 'moved'] as const).map((what) => {
    const figure = compared(SECTION, `import of ${count} cameras, every one ${what === 'added' ? 'new' : 'moved'}: change sets recorded vs not (${label})`, 'features/s', measureOf('with change sets', speeds[what].on), measureOf('recording off', speeds[what].off), {
      note: 'the same GeoJSON import; the change set left empty (recordChanges: false) for the baseline',
      target: 'within 15 %',
    });
    figure.met = figure.ratio !== undefined && figure.ratio >= 0.85;
    return figure;
  });
}

/** 24 monthly snapshots of the city's standards: the trend over them, warm, and what they take in the store. */
async function historyCost(ctx: BenchContext, store: SeededStore, hub: BenchHub, label: string): Promise<ReturnType<typeof compared>[]> {
  const db = store.db;
  const config = { ...readConfig({}), demo: false };
  const base = new Date(Date.UTC(2024, 0, 15, 4));
  const snapshotMs: number[] = [];
  for (let m = 0; m < 24; m++) {
    const at = new Date(base);
    at.setUTCMonth(base.getUTCMonth() + m);
    snapshotMs.push((await timeMs(() => takeSnapshot(db, config, 'month-end', at))).ms);
  }
  const { rows } = await db.query<{ code: string }>('SELECT code FROM districts ORDER BY code LIMIT 1');
  const query = `query ($d: String) { standardsTrend(ruleId: "bus-stop-500m", districtCode: $d, from: "2024-01-01", to: "2025-12-31") { at passShare } }`;
  await hub.gql(query, { d: rows[0]?.code });
  const trend: number[] = [];
  for (let i = 0; i < ctx.runs; i++) trend.push((await timeMs(() => hub.gql(query, { d: rows[0]?.code }))).ms);
  const size = (await db.query<{ bytes: number }>(`SELECT (pg_total_relation_size('standard_snapshot_results') + pg_total_relation_size('coverage_snapshot_results') + pg_total_relation_size('standard_snapshots'))::bigint AS bytes`)).rows[0].bytes;
  const changes = (await db.query<{ bytes: number }>(`SELECT (pg_total_relation_size('feature_changes') + pg_total_relation_size('change_sets'))::bigint AS bytes`)).rows[0].bytes;
  await db.query(`DELETE FROM standard_snapshots WHERE at < '2026-01-01'`);
  const trendFigure = compared(SECTION, `standardsTrend of a district over 24 months, warm (${label})`, 'ms', measureOf('GraphQL', trend), undefined, {
    note: `24 snapshots of every community's result per standard and every community's and district's coverage: ${(size / 1e6).toFixed(1)} MB in the store; change sets so far ${(changes / 1e6).toFixed(1)} MB; a snapshot took ${(snapshotMs.reduce((a, b) => a + b, 0) / snapshotMs.length / 1000).toFixed(1)} s on average`,
    target: '≤ 50 ms',
  });
  trendFigure.met = trendFigure.subject!.median <= 50;
  return [trendFigure];
}
