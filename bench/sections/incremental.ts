// Incremental coverage: after one small import (a new stop, a moved camera, a changed community boundary), the next
// whole-city listing against a cold one, in the same run. Each change is undone afterwards (the seeded store is reused).
import { compared, measureOf, notMeasured, type Figure } from '../lib/figures.js';
import type { BenchContext, Section } from '../lib/context.js';
import type { BenchHub } from '../lib/hub.js';
import type { SeededStore } from '../lib/stores.js';
import { timeMs } from '../lib/stats.js';
import { viaGraphql } from './coverage.js';
import { importFile } from '../../server/ingest/import.service.js';

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
    }
    return figures;
  },
};
