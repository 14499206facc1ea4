// A file the hub writes, it reads: every layer's CSV, GeoJSON and .xlsx export imports back into another store as the same rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature, Geometry } from 'geojson';
import { importFile } from '../server/ingest/import.service.js';
import { readLayerForExport } from '../server/tables/layer-table.js';
import { writeExport, type ExportFormat } from '../server/tables/writers.js';
import type { LayerName } from '../server/layers.js';
import type { Viewer } from '../server/auth/viewer.js';
import { STORE_KINDS } from './support/stores.js';

const ADMIN: Viewer = { role: 'admin' };
const square = (x: number, y: number, size: number) => [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]];
const feature = (properties: Record<string, unknown>, geometry: Geometry): Feature => ({ type: 'Feature', properties, geometry });
const checklist = { roads_level: true, water_flowing: false, lights_working: true };

/** One or two records per layer, every attribute given, in the order their links need. */
const FIXTURES: [LayerName, Feature[]][] = [
  ['districts', [
    feature({ code: '210102', name: '和平区' }, { type: 'Polygon', coordinates: square(123.30, 41.70, 0.1) }),
    feature({ code: '210103', name: '沈河区' }, { type: 'Polygon', coordinates: square(123.40, 41.70, 0.1) }),
  ]],
  ['communities', [
    feature({ code: '210102001001', name: '北市社区', district_code: '210102', street: '北市街道', kind: 'urban', households: 2000, population: 5100, elderly: 900,
      service_area_m2: 650.5, office_area_m2: 120, activity_area_m2: 300.25, social_orgs: 4, volunteers: 80, care_beds: 12 }, { type: 'Polygon', coordinates: square(123.31, 41.71, 0.01) }),
    feature({ code: '210103001001', name: '五里河社区', district_code: '210103', street: null, kind: 'town', households: 3000, population: null, elderly: null,
      service_area_m2: null, office_area_m2: null, activity_area_m2: null, social_orgs: null, volunteers: null, care_beds: null }, { type: 'Polygon', coordinates: square(123.41, 41.71, 0.01) }),
  ]],
  ['grid-cells', [
    feature({ code: 'G1', name: '一网格', community_code: '210102001001', workers: 2, households: 400 }, { type: 'Polygon', coordinates: square(123.31, 41.71, 0.005) }),
  ]],
  ['cameras', [
    feature({ code: 'K1', name: '北市路口', direction_deg: 90, fov_deg: 60, range_m: 40, operator: '和平分局' }, { type: 'Point', coordinates: [123.3121234, 41.7121234] }),
    feature({ code: 'K2', name: null, direction_deg: null, fov_deg: 360, range_m: 25.5, operator: null }, { type: 'Point', coordinates: [123.4151, 41.7152] }),
  ]],
  ['bus-stops', [
    feature({ code: 'S1', name: '北站', routes: '1路,2路' }, { type: 'Point', coordinates: [123.312, 41.712] }),
    feature({ code: 'S2', name: '五里河', routes: null }, { type: 'Point', coordinates: [123.412, 41.712] }),
  ]],
  ['renovation-sites', [
    feature({ code: 'R1', name: '北市小区', community_code: '210102001001', program: 'city', plan_year: 2023, status: 'completed', completed_on: '2023-06-30', households: 300, checklist },
      { type: 'Polygon', coordinates: square(123.312, 41.712, 0.002) }),
    feature({ code: 'R2', name: '河畔小区', community_code: null, program: 'owner', plan_year: 2025, status: 'planned', completed_on: null, households: null, checklist: null },
      { type: 'Point', coordinates: [123.413, 41.713] }),
  ]],
  ['roads', [
    feature({ code: 'L1', name: '北京街', kind: 'primary' }, { type: 'LineString', coordinates: [[123.31, 41.715], [123.32, 41.716], [123.33, 41.7155]] }),
  ]],
];

const PROVENANCE = ['source', 'import_run_id', 'source_row'];

/** What a layer holds, as its export reads it, without where each record came from. */
async function contents(db: Parameters<typeof readLayerForExport>[0], layer: LayerName) {
  const table = await readLayerForExport(db, layer, ADMIN);
  return table.rows.map((row, i) => ({
    attributes: Object.fromEntries(Object.entries(row).filter(([column]) => !PROVENANCE.includes(column))),
    geometry: JSON.parse(table.geometries[i]!),
  }));
}

describe.each(STORE_KINDS)('exports of the $name store import back', (kind) => {
  let from: Awaited<ReturnType<typeof kind.open>>;
  let to: Awaited<ReturnType<typeof kind.open>>;
  beforeAll(async () => {
    [from, to] = await Promise.all([kind.open(), kind.open()]);
    for (const [layer, features] of FIXTURES) {
      await importFile(from, { layer, fileName: `${layer}.geojson`, content: JSON.stringify({ type: 'FeatureCollection', features }) });
    }
  }, 240_000);
  afterAll(async () => {
    await from?.dispose();
    await to?.dispose();
  });

  // A workbook holds a label point per record, not its shape (Excel cuts a cell at 32,767 characters): only point layers go round.
  it.each([
    ['csv', FIXTURES.map(([layer]) => layer)],
    ['geojson', FIXTURES.map(([layer]) => layer)],
    ['xlsx', ['cameras', 'bus-stops'] as LayerName[]],
  ] as [ExportFormat, LayerName[]][])('as %s: %j, the same rows', async (format, layers) => {
    for (const layer of layers) {
      const file = await writeExport(await readLayerForExport(from, layer, ADMIN), format);
      const summary = await importFile(to, { layer, fileName: `${layer}.${format}`, content: file, source: `export-${layer}` });
      expect(summary.format, layer).toBe(format);
      expect(await contents(to, layer), `${layer} from ${format}`).toEqual(await contents(from, layer));
    }
  });

  it("refuses a polygon layer's workbook (label points only), saying where the shapes go", async () => {
    const file = await writeExport(await readLayerForExport(from, 'communities', ADMIN), 'xlsx');
    const refusal = await importFile(to, { layer: 'communities', fileName: 'communities.xlsx', content: file }).catch((e) => e);
    expect(refusal.message).toMatch(/communities\.xlsx: row 2, field "geometry": is a Point; the communities layer takes Polygon or MultiPolygon \(longitude\/latitude columns give points: put each boundary as WKT in a column named wkt/);
  });
});
