// The import links each record to its district, community and grid cell with GiST joins (upsert.ts linkSql). A join
// that stops using the staged anchors' index still gives the right links, only one scan of every staged row per parent
// polygon: at province scale 30,000 renovation sites among 20,002 communities took 684 s instead of 7.5 s. So this test
// reads the plan of the import's own INSERT, not its time: every spatial test there is an index condition. The plan is
// read in the import's own transaction (its inTransaction hook), over the rows it staged; nothing of the hub is replaced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/database.js';
import { importFile, type ImportOptions, type ImportSummary } from '../server/ingest/import.service.js';
import { linkPlans, parentsInExtentSql, upsertSql } from '../server/ingest/upsert.js';
import { layerByName } from '../server/layers.js';
import { STORE_KINDS } from './support/stores.js';
import { random } from './coverage.fixtures.js';

const polygon = (code: string, ring: number[][], properties: Record<string, unknown> = {}) => ({
  type: 'Feature', properties: { code, name: code, ...properties }, geometry: { type: 'Polygon', coordinates: [ring] },
});
const square = (code: string, x0: number, y0: number, x1: number, y1: number, properties: Record<string, unknown> = {}) =>
  polygon(code, [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]], properties);
const collection = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

// Two districts (west and east halves), 4 × 4 communities of 0.02°, 8 × 8 grid cells of 0.01°.
const X0 = 123.4;
const Y0 = 41.8;
const tiles = (n: number, size: number, prefix: string) =>
  Array.from({ length: n * n }, (_, i) => square(`${prefix}${String(i).padStart(2, '0')}`, X0 + (i % n) * size, Y0 + Math.floor(i / n) * size, X0 + (i % n + 1) * size, Y0 + (Math.floor(i / n) + 1) * size));
const DISTRICTS = collection([square('D1', X0, Y0, X0 + 0.04, Y0 + 0.08), square('D2', X0 + 0.04, Y0, X0 + 0.08, Y0 + 0.08)]);
const COMMUNITIES = collection(tiles(4, 0.02, 'C'));
const GRID_CELLS = collection(tiles(8, 0.01, 'G'));

/**
 * 300 compounds of different sizes and vertex counts, and at the end 6 self-intersecting ones (bow ties) that the import
 * repairs in place: an UPDATE of staged rows in their page (HOT), the condition under which an index built later in the
 * same transaction cannot be used by it.
 */
function sites(): string {
  const next = random(11);
  const features = Array.from({ length: 300 }, (_, i) => {
    const [cx, cy, r] = [X0 + 0.002 + next() * 0.076, Y0 + 0.002 + next() * 0.076, 0.0002 + next() * 0.0012];
    const vertices = 4 + Math.floor(next() * 40);
    const ring = Array.from({ length: vertices }, (_, k) => [cx + r * Math.cos((2 * Math.PI * k) / vertices), cy + r * Math.sin((2 * Math.PI * k) / vertices)]);
    return polygon(`S${String(i).padStart(3, '0')}`, [...ring, ring[0]], { program: i % 2 ? 'city' : 'owner', plan_year: 2018 + (i % 3) });
  });
  for (let i = 0; i < 6; i++) {
    const [x, y] = [X0 + 0.005 + i * 0.012, Y0 + 0.005 + i * 0.012];
    features.push(polygon(`B${i}`, [[x, y], [x + 0.001, y + 0.001], [x + 0.001, y], [x, y + 0.001], [x, y]]));
  }
  return collection(features);
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  Filter?: string;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/**
 * Imports `options` and, in the import's own transaction once its rows are written (the `inTransaction` hook a sync
 * uses), reads the plan of the link statement as the import built it for these staged rows, and the staged rows' HOT
 * updates so far. EXPLAIN plans without running: the plan is the one the same statement got a moment before.
 */
async function importReadingLinkPlan(db: Database, options: ImportOptions): Promise<{ summary: ImportSummary; plan: PlanNode; hotUpdates: number }> {
  let plan: PlanNode | undefined;
  let hotUpdates = 0;
  const layer = layerByName(options.layer);
  const summary = await importFile(db, {
    ...options,
    inTransaction: async (client, done) => {
      const hot = await client.query<{ n: number }>(`SELECT n_tup_hot_upd::integer AS n FROM pg_stat_xact_user_tables WHERE relid = 'import_rows'::regclass`);
      hotUpdates = hot.rows[0]?.n ?? 0;
      const parents = (await client.query(parentsInExtentSql(layer))).rows[0];
      const plans = linkPlans(layer, done.rowsWritten, parents);
      const explained = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${upsertSql(layer, plans)}`, [done.runId, done.source]);
      plan = explained.rows[0]['QUERY PLAN'][0].Plan;
    },
  });
  return { summary, plan: plan!, hotUpdates };
}

describe.each(STORE_KINDS)('link plans of the import into the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let sitesImport: Awaited<ReturnType<typeof importReadingLinkPlan>>;
  beforeAll(async () => {
    db = await kind.open();
    await importFile(db, { layer: 'districts', fileName: 'districts.geojson', content: DISTRICTS });
    await importFile(db, { layer: 'communities', fileName: 'communities.geojson', content: COMMUNITIES });
    await importFile(db, { layer: 'grid-cells', fileName: 'grid-cells.geojson', content: GRID_CELLS });
    // Both tests read this one import: its plan, and the links it wrote.
    sitesImport = await importReadingLinkPlan(db, { layer: 'renovation-sites', fileName: 'sites.geojson', content: sites() });
  }, 180_000);
  afterAll(async () => db?.dispose());

  it('probes the staged anchors through their index for every link, even after rows were repaired in place', async () => {
    const { summary, plan, hotUpdates } = sitesImport;
    expect(summary).toMatchObject({ rowsWritten: 306, rowsRepaired: 6 });
    // The premise: the repairs updated staged rows in their pages (the statistic is per transaction).
    expect(hotUpdates).toBeGreaterThan(0);
    const nodes = nodesOf(plan);
    // 306 sites, 16 communities, 64 cells, 2 districts: each parent is the outer side of its link (linkPlans) and probes
    // the anchors' index, three times.
    const anchorProbes = nodes.filter((n) => n['Index Name'] === 'import_anchors_anchor_idx');
    expect(anchorProbes).toHaveLength(3);
    for (const probe of anchorProbes) expect(probe['Index Cond']).toMatch(/anchor && /);
    // No spatial test is left as a filter of a sequential scan (a scan of every staged row per parent).
    const unindexed = nodes.filter((n) => n['Node Type'] === 'Seq Scan' && /st_intersects/i.test(n.Filter ?? ''));
    expect(unindexed.map((n) => `${n['Relation Name']}: ${n.Filter}`)).toEqual([]);
  });

  it('links each site as a plain scan of its point on surface does', async () => {
    const { rows } = await db.query<{ code: string; links: string[]; expected: string[] }>(`
      SELECT r.code, ARRAY[r.community_code, r.grid_code, r.district_code] AS links,
             ARRAY[(SELECT min(p.code) FROM communities p WHERE ST_Intersects(p.geom, ST_PointOnSurface(r.geom))),
                   (SELECT min(p.code) FROM grid_cells p WHERE ST_Intersects(p.geom, ST_PointOnSurface(r.geom))),
                   (SELECT min(p.code) FROM districts p WHERE ST_Intersects(p.geom, ST_PointOnSurface(r.geom)))] AS expected
      FROM renovation_sites r ORDER BY r.code`);
    expect(rows).toHaveLength(306);
    for (const row of rows) expect([row.code, ...row.links]).toEqual([row.code, ...row.expected]);
    // Every site lies in the test's area, so every link is set.
    expect(rows.filter((r) => r.links.includes(null as unknown as string))).toEqual([]);
  });
});
