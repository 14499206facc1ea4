// Import throughput by format (features per second) into a scratch database, against a minimal loader: parse, INSERT … unnest, link.
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { Database } from '../../server/db/database.js';
import { compared, measureOf, notMeasured, NotMeasured, type Figure } from '../lib/figures.js';
import type { BenchContext, Section } from '../lib/context.js';
import { benchDatabaseName, dropDatabase, recreateDatabase } from '../lib/stores.js';
import { timeMs } from '../lib/stats.js';

const SECTION = 'Import throughput';
const SOURCE = 'bench-import';

interface Camera {
  code: string;
  name: string;
  direction_deg: string;
  fov_deg: string;
  range_m: string;
  operator: string;
  lon: string;
  lat: string;
}

const LINK_CAMERAS = [
  `UPDATE cameras t SET district_code = d.code FROM districts d WHERE t.source = $1 AND ST_Intersects(d.geom_m, t.geom_m)`,
  `UPDATE cameras t SET community_code = c.code FROM communities c WHERE t.source = $1 AND ST_Intersects(c.geom_m, t.geom_m)`,
  `UPDATE cameras t SET grid_code = g.code FROM grid_cells g WHERE t.source = $1 AND ST_Intersects(g.geom_m, t.geom_m)`,
];

/** The least a loader must do with the same file: parse it, insert every row with both geometries, link rows to their areas. */
async function minimalCameraLoader(db: Database, rows: Camera[]) {
  await db.transaction(async (client) => {
    await client.query(
      `INSERT INTO cameras (code, name, direction_deg, fov_deg, range_m, operator, geom, geom_m, source)
       SELECT code, name, dir, coalesce(fov, 360), rng, op, p, ST_Transform(p, atlas_metric_srid()), $9
       FROM (SELECT *, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS p
             FROM unnest($1::text[], $2::text[], $3::float8[], $4::float8[], $5::float8[], $6::text[], $7::float8[], $8::float8[])
                  AS r(code, name, dir, fov, rng, op, lon, lat)) r`,
      [
        rows.map((r) => r.code), rows.map((r) => r.name), rows.map((r) => num(r.direction_deg)), rows.map((r) => num(r.fov_deg)),
        rows.map((r) => num(r.range_m)), rows.map((r) => r.operator), rows.map((r) => Number(r.lon)), rows.map((r) => Number(r.lat)), SOURCE,
      ],
    );
    for (const statement of LINK_CAMERAS) await client.query(statement, [SOURCE]);
  });
}

const num = (text: string) => (text === '' || text === undefined ? null : Number(text));

function camerasAsGeoJson(rows: Camera[]): string {
  const features = rows.map((r) => {
    const { lon, lat, ...properties } = r;
    return { type: 'Feature', properties, geometry: { type: 'Point', coordinates: [Number(lon), Number(lat)] } };
  });
  return JSON.stringify({ type: 'FeatureCollection', features });
}

export const importThroughput: Section = {
  name: SECTION,
  async run(ctx: BenchContext): Promise<Figure[]> {
    const workDir = ctx.server?.workDir;
    if (!workDir || !fs.existsSync(path.join(workDir, 'cameras.csv'))) throw new NotMeasured('the seed wrote no cameras.csv to import (no real PostGIS store seeded in this run)');
    const { importFile } = await import('../../server/ingest/import.service.js');
    const name = benchDatabaseName(ctx.scale, '_import');
    const url = await recreateDatabase(ctx.baseUrl, name);
    const db = await Database.open({ url, maxConnections: 4 });
    const figures: Figure[] = [];
    try {
      // The areas cameras are linked to, imported the ordinary way (untimed).
      await importFile(db, { layer: 'districts', fileName: 'districts.gcj02.geojson', content: fs.readFileSync(path.join(workDir, 'districts.gcj02.geojson')), crs: 'gcj02', fieldMap: { code: 'adcode' } });
      const communities = fs.readFileSync(path.join(workDir, 'communities.geojson'));
      await importFile(db, { layer: 'communities', fileName: 'communities.geojson', content: communities });
      await importFile(db, { layer: 'grid-cells', fileName: 'grid-cells.geojson', content: fs.readFileSync(path.join(workDir, 'grid-cells.geojson')) });
      await db.query('ANALYZE');
      const csv = fs.readFileSync(path.join(workDir, 'cameras.csv'));
      const cameras = parseCsv(csv, { columns: true, skip_empty_lines: true }) as Camera[];
      const geojson = camerasAsGeoJson(cameras);
      const runs = Math.min(ctx.runs, ctx.scale === 'demo' ? 5 : 2);
      const formats = [
        { format: 'csv', fileName: 'cameras.csv', content: csv },
        { format: 'geojson', fileName: 'cameras.geojson', content: Buffer.from(geojson) },
      ];
      const clear = () => db.query('DELETE FROM cameras WHERE source = $1', [SOURCE]);
      for (const { format, fileName, content } of formats) {
        ctx.say(`    ${cameras.length} cameras as ${format}…`);
        const importer: number[] = [];
        const minimal: number[] = [];
        // A warm-up round at demo scale only: at city scale one round imports 100,000 cameras twice.
        for (let i = ctx.scale === 'demo' ? -1 : 0; i < runs; i++) {
          await clear();
          const viaImporter = await timeMs(() => importFile(db, { layer: 'cameras', fileName, content, source: SOURCE, format }));
          if (viaImporter.value.rowsWritten !== cameras.length) throw new Error(`the importer wrote ${viaImporter.value.rowsWritten} of ${cameras.length} cameras from ${fileName}`);
          await clear();
          const viaMinimal = await timeMs(async () => {
            const rows = format === 'csv' ? (parseCsv(content, { columns: true, skip_empty_lines: true }) as Camera[]) : (JSON.parse(content.toString('utf8')).features as { properties: Camera; geometry: { coordinates: number[] } }[]).map((f) => ({ ...f.properties, lon: String(f.geometry.coordinates[0]), lat: String(f.geometry.coordinates[1]) }));
            await minimalCameraLoader(db, rows);
          });
          if (i >= 0) {
            importer.push((cameras.length / viaImporter.ms) * 1000);
            minimal.push((cameras.length / viaMinimal.ms) * 1000);
          }
        }
        const figure = compared(SECTION, `cameras (points), ${format}`, 'features/s', measureOf('importer (all-or-nothing, checked, linked)', importer), measureOf('minimal loader (parse, INSERT … unnest, 3 link UPDATEs)', minimal), {
          target: '≥ 20,000 points/s',
          note: `${cameras.length.toLocaleString('en-US')} points per run, real PostGIS`,
        });
        figure.met = figure.subject!.median >= 20_000;
        figures.push(figure);
      }
      // Polygons: communities as GeoJSON (one run each way; no minimal loader, the row count is small).
      const polygonRuns: number[] = [];
      const count = (JSON.parse(communities.toString('utf8')).features as unknown[]).length;
      for (let i = 0; i < runs; i++) {
        await db.query('DELETE FROM communities WHERE source = $1', [SOURCE]);
        const { ms } = await timeMs(() => importFile(db, { layer: 'communities', fileName: 'communities.geojson', content: communities, source: SOURCE, replace: false }).catch((e) => { throw e; }));
        polygonRuns.push((count / ms) * 1000);
      }
      figures.push(compared(SECTION, 'communities (polygons), geojson, re-import in place', 'features/s', measureOf('importer', polygonRuns), undefined, { note: `${count} polygons per run; the codes already exist, so every row is an update` }));
      figures.push(notMeasured(SECTION, 'shapefile', 'no Shapefile writer in the dependencies to produce the same points as a .shp (the importer reads them with `shapefile`)', 'features/s'));
      figures.push(notMeasured(SECTION, 'GTFS stops.txt', 'not yet: the seed writes bus stops as CSV only', 'features/s'));
    } finally {
      await db.close();
      await dropDatabase(ctx.baseUrl, name);
    }
    return figures;
  },
};
