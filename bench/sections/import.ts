// Import throughput by format (features per second) into a scratch database, against a minimal loader of the same file:
// read it, INSERT … unnest, link with three UPDATEs.
import fs from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import shpwrite from '@mapbox/shp-write';
import * as shapefile from 'shapefile';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Point } from 'geojson';
import { Database } from '../../server/db/database.js';
import { compared, measureOf, NotMeasured, type Figure } from '../lib/figures.js';
import type { BenchContext, Section } from '../lib/context.js';
import { benchDatabaseName, dropDatabase, recreateDatabase } from '../lib/stores.js';
import { timeMs } from '../lib/stats.js';

const SECTION = 'Import throughput';
const SOURCE = 'bench-import';

/** What the minimal loader inserts: a code, a name, a point and the layer's own attributes. */
interface PointRow {
  code: string;
  name: string;
  lon: number;
  lat: number;
  attrs: Record<string, string | number | null>;
}

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

const linkStatements = (table: string) => [
  `UPDATE ${table} t SET district_code = d.code FROM districts d WHERE t.source = $1 AND ST_Intersects(d.geom, t.geom)`,
  `UPDATE ${table} t SET community_code = c.code FROM communities c WHERE t.source = $1 AND ST_Intersects(c.geom, t.geom)`,
  `UPDATE ${table} t SET grid_code = g.code FROM grid_cells g WHERE t.source = $1 AND ST_Intersects(g.geom, t.geom)`,
];

/** The least a loader must do with the same rows: insert every row with both geometries, link rows to their areas. */
async function minimalLoader(db: Database, layer: 'cameras' | 'bus_stops', rows: PointRow[]) {
  const common = [rows.map((r) => r.code), rows.map((r) => r.name), rows.map((r) => r.lon), rows.map((r) => r.lat)];
  await db.transaction(async (client) => {
    if (layer === 'cameras') {
      await client.query(
        `INSERT INTO cameras (code, name, direction_deg, fov_deg, range_m, operator, geom, geom_m, source)
         SELECT code, name, dir, coalesce(fov, 360), rng, op, p, ST_Transform(p, atlas_metric_srid_for(p)), $9
         FROM (SELECT *, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS p
               FROM unnest($1::text[], $2::text[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::text[])
                    AS r(code, name, lon, lat, dir, fov, rng, op)) r`,
        [...common, ...['direction_deg', 'fov_deg', 'range_m', 'operator'].map((k) => rows.map((r) => r.attrs[k])), SOURCE],
      );
    } else {
      await client.query(
        `INSERT INTO bus_stops (code, name, geom, geom_m, source)
         SELECT code, name, p, ST_Transform(p, atlas_metric_srid_for(p)), $5
         FROM (SELECT *, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS p
               FROM unnest($1::text[], $2::text[], $3::float8[], $4::float8[]) AS r(code, name, lon, lat)) r`,
        [...common, SOURCE],
      );
    }
    for (const statement of linkStatements(layer)) await client.query(statement, [SOURCE]);
  });
}

const num = (value: unknown) => (value === '' || value === undefined || value === null ? null : Number(value));

const cameraRow = (r: Camera): PointRow => ({
  code: r.code, name: r.name, lon: Number(r.lon), lat: Number(r.lat),
  attrs: { direction_deg: num(r.direction_deg), fov_deg: num(r.fov_deg), range_m: num(r.range_m), operator: r.operator },
});

function camerasAsGeoJson(rows: Camera[]): string {
  const features = rows.map((r) => {
    const { lon, lat, ...properties } = r;
    return { type: 'Feature', properties, geometry: { type: 'Point', coordinates: [Number(lon), Number(lat)] } };
  });
  return JSON.stringify({ type: 'FeatureCollection', features });
}

/**
 * The cameras as a zipped Shapefile written by @mapbox/shp-write. DBF field names hold 10 characters, so the columns
 * take the importer's aliases (direction, fov, range); the DBF writer keeps only each character's low byte, so text goes
 * in as its UTF-8 bytes (one character per byte), which the importer detects as UTF-8.
 */
async function camerasAsShapefile(rows: Camera[]): Promise<Buffer> {
  const utf8Bytes = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
  const features = rows.map((r) => ({
    type: 'Feature' as const,
    properties: { code: r.code, name: utf8Bytes(r.name), direction: num(r.direction_deg), fov: num(r.fov_deg), range: num(r.range_m), operator: utf8Bytes(r.operator) },
    geometry: { type: 'Point' as const, coordinates: [Number(r.lon), Number(r.lat)] },
  }));
  return shpwrite.zip<'nodebuffer'>({ type: 'FeatureCollection', features }, { outputType: 'nodebuffer', compression: 'DEFLATE', types: { point: 'cameras' } });
}

/** What a minimal loader does with the zipped Shapefile: unzip, read every record with `shapefile`. */
async function readShapefileRows(zip: Buffer): Promise<PointRow[]> {
  const entries = new AdmZip(zip).getEntries();
  const data = (extension: string) => entries.find((e) => e.entryName.endsWith(extension))!.getData();
  const source = await shapefile.open(data('.shp'), data('.dbf'), { encoding: 'utf-8' });
  const rows: PointRow[] = [];
  for (let next = await source.read(); !next.done; next = await source.read()) {
    const p = next.value.properties as Record<string, string | number>;
    const [lon, lat] = (next.value.geometry as Point).coordinates;
    rows.push({ code: String(p.code), name: String(p.name), lon, lat, attrs: { direction_deg: num(p.direction), fov_deg: num(p.fov), range_m: num(p.range), operator: String(p.operator) } });
  }
  return rows;
}

/** The bus stops as a GTFS feed: a zip holding stops.txt (stop_id, stop_name, stop_lat, stop_lon). */
function stopsAsGtfs(csv: Buffer): Buffer {
  const stops = parseCsv(csv, { columns: true, skip_empty_lines: true }) as { code: string; name: string; lon: string; lat: string }[];
  const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const lines = ['stop_id,stop_name,stop_lat,stop_lon', ...stops.map((s) => [s.code, s.name, s.lat, s.lon].map(quote).join(','))];
  const zip = new AdmZip();
  zip.addFile('stops.txt', Buffer.from(lines.join('\n') + '\n', 'utf8'));
  return zip.toBuffer();
}

function readGtfsRows(zip: Buffer): PointRow[] {
  const stops = parseCsv(new AdmZip(zip).readFile('stops.txt')!, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return stops.map((s) => ({ code: s.stop_id, name: s.stop_name, lon: Number(s.stop_lon), lat: Number(s.stop_lat), attrs: {} }));
}

interface Format {
  label: string;
  layer: 'cameras' | 'bus-stops';
  format: string;
  fileName: string;
  content: Buffer;
  count: number;
  minimalLabel: string;
  /** The minimal loader's reading of the same file. */
  read: (content: Buffer) => Promise<PointRow[]> | PointRow[];
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
      await importFile(db, { layer: 'communities', fileName: 'communities.geojson', content: Buffer.from(communities), source: SOURCE });
      await importFile(db, { layer: 'grid-cells', fileName: 'grid-cells.geojson', content: fs.readFileSync(path.join(workDir, 'grid-cells.geojson')) });
      await db.query('ANALYZE');
      const csv = fs.readFileSync(path.join(workDir, 'cameras.csv'));
      const cameras = parseCsv(csv, { columns: true, skip_empty_lines: true }) as Camera[];
      const stopsCsv = fs.readFileSync(path.join(workDir, 'bus-stops.csv'));
      const gtfs = stopsAsGtfs(stopsCsv);
      const stopCount = readGtfsRows(gtfs).length;
      const runs = Math.min(ctx.runs, ctx.scale === 'demo' ? 5 : 2);
      const minimalCsv = 'minimal loader (csv-parse, INSERT … unnest, 3 link UPDATEs)';
      const formats: Format[] = [
        { label: 'cameras (points), csv', layer: 'cameras', format: 'csv', fileName: 'cameras.csv', content: csv, count: cameras.length, minimalLabel: minimalCsv,
          read: (content) => (parseCsv(content, { columns: true, skip_empty_lines: true }) as Camera[]).map(cameraRow) },
        { label: 'cameras (points), geojson', layer: 'cameras', format: 'geojson', fileName: 'cameras.geojson', content: Buffer.from(camerasAsGeoJson(cameras)), count: cameras.length,
          minimalLabel: 'minimal loader (JSON.parse, INSERT … unnest, 3 link UPDATEs)',
          read: (content) => (JSON.parse(content.toString('utf8')).features as { properties: Camera; geometry: { coordinates: number[] } }[]).map((f) => cameraRow({ ...f.properties, lon: String(f.geometry.coordinates[0]), lat: String(f.geometry.coordinates[1]) })) },
        { label: 'cameras (points), shapefile (zipped .shp/.dbf)', layer: 'cameras', format: 'shapefile', fileName: 'cameras.zip', content: await camerasAsShapefile(cameras), count: cameras.length,
          minimalLabel: 'minimal loader (adm-zip + shapefile, INSERT … unnest, 3 link UPDATEs)', read: readShapefileRows },
        { label: 'bus stops (points), GTFS stops.txt (zip)', layer: 'bus-stops', format: 'gtfs', fileName: 'gtfs.zip', content: gtfs, count: stopCount,
          minimalLabel: 'minimal loader (adm-zip + csv-parse, INSERT … unnest, 3 link UPDATEs)', read: readGtfsRows },
      ];
      for (const f of formats) {
        const table = f.layer === 'cameras' ? 'cameras' : 'bus_stops';
        // Each timed run starts from the same table: the rows of the previous run deleted and vacuumed away (untimed),
        // so neither loader pays for the other's dead index entries.
        const clear = async () => {
          await db.query(`DELETE FROM ${table} WHERE source = $1`, [SOURCE]);
          await db.query(`VACUUM ${table}`);
        };
        ctx.say(`    ${f.count} ${f.layer} as ${f.format} (${(f.content.length / 1e6).toFixed(1)} MB)…`);
        const importer: number[] = [];
        const minimal: number[] = [];
        // A warm-up round at demo scale only: at city scale one round imports 100,000 cameras twice.
        for (let i = ctx.scale === 'demo' ? -1 : 0; i < runs; i++) {
          await clear();
          // importFile moves a big file's bytes to its reading thread (the buffer is empty afterwards): each run gets a copy.
          const content = Buffer.from(f.content);
          const viaImporter = await timeMs(() => importFile(db, { layer: f.layer, fileName: f.fileName, content, source: SOURCE, format: f.format }));
          if (viaImporter.value.rowsWritten !== f.count) throw new Error(`the importer wrote ${viaImporter.value.rowsWritten} of ${f.count} ${f.layer} from ${f.fileName}`);
          await clear();
          const viaMinimal = await timeMs(async () => minimalLoader(db, table, await f.read(f.content)));
          const written = Number((await db.query(`SELECT count(*) AS n FROM ${table} WHERE source = $1`, [SOURCE])).rows[0].n);
          if (written !== f.count) throw new Error(`the minimal loader wrote ${written} of ${f.count} ${f.layer} from ${f.fileName}`);
          if (i >= 0) {
            importer.push((f.count / viaImporter.ms) * 1000);
            minimal.push((f.count / viaMinimal.ms) * 1000);
          }
        }
        await clear();
        const figure = compared(SECTION, f.label, 'features/s', measureOf('importer (all-or-nothing, checked, linked)', importer), measureOf(f.minimalLabel, minimal), {
          target: '≥ 20,000 points/s',
          note: `${f.count.toLocaleString('en-US')} points per run, ${(f.content.length / 1e6).toFixed(1)} MB, real PostGIS`,
        });
        figure.met = figure.subject!.median >= 20_000;
        figures.push(figure);
      }
      // Polygons: communities as GeoJSON (no minimal loader, the row count is small).
      const polygonRuns: number[] = [];
      const count = (JSON.parse(communities.toString('utf8')).features as unknown[]).length;
      for (let i = 0; i < runs; i++) {
        const content = Buffer.from(communities);
        const { ms } = await timeMs(() => importFile(db, { layer: 'communities', fileName: 'communities.geojson', content, source: SOURCE, replace: false }));
        polygonRuns.push((count / ms) * 1000);
      }
      figures.push(compared(SECTION, 'communities (polygons), geojson, re-import in place', 'features/s', measureOf('importer', polygonRuns), undefined, { note: `${count} polygons per run: the file imported before, again (every code exists; the change set finds each row unchanged)` }));
      // New polygons linked to their community, grid cell and district, as the seed loads renovation sites: the province's
      // 30,000 took 684 s when the staged anchors' index could not be used (import_anchors in stage.sql).
      const sitesFile = path.join(workDir, 'renovation-sites.geojson');
      if (fs.existsSync(sitesFile)) {
        const sites = fs.readFileSync(sitesFile);
        const siteCount = (JSON.parse(sites.toString('utf8')).features as unknown[]).length;
        const siteRuns: number[] = [];
        for (let i = 0; i < runs; i++) {
          await db.query('DELETE FROM renovation_sites WHERE source = $1', [SOURCE]);
          await db.query('VACUUM renovation_sites');
          const content = Buffer.from(sites);
          const { value, ms } = await timeMs(() => importFile(db, { layer: 'renovation-sites', fileName: 'renovation-sites.geojson', content, source: SOURCE }));
          if (value.rowsWritten !== siteCount) throw new Error(`the importer wrote ${value.rowsWritten} of ${siteCount} renovation sites`);
          siteRuns.push((siteCount / ms) * 1000);
        }
        figures.push(compared(SECTION, 'renovation sites (polygons), geojson, new rows', 'features/s', measureOf('importer', siteRuns), undefined, { note: `${siteCount} polygons per run, each linked to its community, grid cell and district` }));
      }
    } finally {
      await db.close();
      await dropDatabase(ctx.baseUrl, name);
    }
    return figures;
  },
};
