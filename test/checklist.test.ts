// The renovation checklist, one rule on both stores: what a file says of each item is stored as true/false under the
// item's key; GraphQL's checklistDone, the tiles' checklist_done and the checklist standard count the same items. The
// expected counts are written here from the file the test imports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { importFile } from '../server/ingest/import.service.js';
import { ImportRefusedError } from '../server/ingest/rows.js';
import { RENOVATION_CHECKLIST } from '../server/layers.js';
import { STORE_KINDS } from './support/stores.js';
import { startHub, type TestHub } from './support/hub.js';
import { asRole, testViewerResolver } from './support/auth.js';
import { featureCollection, lonLat, square } from './coverage.fixtures.js';
import { tileOf } from './support/tiles.js';

const keys = RENOVATION_CHECKLIST.map((i) => i.key);
const site = (code: string, x: number, checklist: Record<string, unknown>) => ({
  properties: { code, program: 'city', plan_year: 2019, status: 'completed', checklist },
  geometry: { type: 'Point', coordinates: lonLat(x, 1000) },
});
// What each site's file says, and how many items are done by the words of the importer (true, 1, 是, 已完成 …).
const SITES = [
  { code: 'K1', checklist: Object.fromEntries(keys.map((k) => [k, true])), done: 11 },
  // Chinese item names and words: 3 done (是, 已完成, "1"), 2 not (否, 未完成).
  { code: 'K2', checklist: { 路要平整: '是', 水要畅通: '已完成', 灯要明亮: '1', 绿要美观: '否', 线要规整: '未完成' }, done: 3 },
  // Strings that a lenient reader and a strict one would count differently: "true" is done, "false" and "0" are not.
  { code: 'K3', checklist: { roads_level: 'true', water_flowing: 'false', lights_working: '0', greenery: true }, done: 2 },
  { code: 'K4', checklist: {}, done: 0 },
];

describe.each(STORE_KINDS)('the renovation checklist on the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;
  beforeAll(async () => {
    db = await kind.open();
    await importFile(db, { layer: 'districts', fileName: 'd.geojson', content: featureCollection([{ properties: { code: '210102', name: '和平区' }, geometry: square(0, 0, 3000) }]) });
    await importFile(db, { layer: 'communities', fileName: 'c.geojson', content: featureCollection([{ properties: { code: 'A', name: '甲', kind: 'urban', households: 100 }, geometry: square(500, 500, 2000) }]) });
    await importFile(db, { layer: 'renovation-sites', fileName: 'sites.geojson', content: featureCollection(SITES.map((s, i) => site(s.code, 600 + i * 100, s.checklist))) });
    hub = await startHub(db, testViewerResolver);
  }, 180_000);
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  it('keeps the 11 items of the standard in one list (the SQL function names the same keys as server/layers.ts)', async () => {
    const { rows } = await db.query<{ items: string[] }>('SELECT atlas_checklist_items() AS items');
    expect(rows[0].items).toEqual(keys);
  });

  it('stores every checklist as the items by key, true or false', async () => {
    const { rows } = await db.query<{ code: string; checklist: Record<string, unknown> }>('SELECT code, checklist FROM renovation_sites ORDER BY code');
    for (const row of rows) for (const value of Object.values(row.checklist)) expect(typeof value).toBe('boolean');
    expect(rows.find((r) => r.code === 'K2')!.checklist).toEqual({ roads_level: true, water_flowing: true, lights_working: true, greenery: false, cables_tidy: false });
  });

  it('counts the same items in GraphQL, in the tiles and in the checklist standard', async () => {
    const result = await hub.gql('{ renovationSites(first: 10) { nodes { code checklistDone checklist { key done } } } }', undefined, asRole('analyst'));
    expect(result.errors).toBeUndefined();
    const graphql = new Map(result.data.renovationSites.nodes.map((n: { code: string; checklistDone: number; checklist: { done: boolean }[] }) => {
      expect(n.checklist.filter((i) => i.done).length).toBe(n.checklistDone);
      return [n.code, n.checklistDone];
    }));
    expect(Object.fromEntries(graphql)).toEqual(Object.fromEntries(SITES.map((s) => [s.code, s.done])));

    // The tile at z14 holding the sites.
    const [, x, y] = tileOf(lonLat(750, 1000), 14);
    const response = await fetch(`${hub.url}/tiles/renovation-sites/14/${x}/${y}.mvt`, { headers: asRole('analyst') });
    expect(response.status).toBe(200);
    const layer = new VectorTile(new PbfReader(new Uint8Array(await response.arrayBuffer()))).layers['renovation-sites'];
    const tiles: Record<string, number> = {};
    for (let i = 0; i < layer.length; i++) {
      const p = layer.feature(i).properties;
      tiles[String(p.code)] = Number(p.checklist_done);
      expect(p.checklist_total).toBe(11);
    }
    expect(tiles).toEqual(Object.fromEntries(SITES.map((s) => [s.code, s.done])));

    const standards = await hub.gql('{ community(code: "A") { standards { ruleId value detail } } }', undefined, asRole('analyst'));
    expect(standards.errors).toBeUndefined();
    const rule = standards.data.community.standards.find((r: { ruleId: string }) => r.ruleId === 'renovation-checklist');
    // Four completed sites, three of them with an item not done.
    expect(rule.value).toBe(SITES.filter((s) => s.done < 11).length);
    expect(rule.detail).toMatch(/of 4 completed/);
  });

  it('refuses a checklist that names an item the standard does not have, naming the row and the items', async () => {
    const bad = featureCollection([site('K9', 1200, { roads_level: true, 屋顶: '是' })]);
    const error = await importFile(db, { layer: 'renovation-sites', fileName: 'bad.geojson', content: bad }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRefusedError);
    const problem = (error as ImportRefusedError).problems[0];
    expect(problem.row).toBe(1);
    expect(problem.message).toMatch(/"屋顶".*not one of the 11 items.*roads_level/);
    expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM renovation_sites WHERE code = 'K9'")).rows[0].n).toBe(0);
  });
});
