// Standards history on both stores: snapshots per month, the trend read from them (not recomputed), scope, bad input,
// and retention that never touches current data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../server/ingest/import.service.js';
import { readConfig } from '../server/config.js';
import { historyMonths, pruneHistory, snapshotBehind, takeSnapshot } from '../server/history/snapshots.js';
import { STORE_KINDS } from './support/stores.js';
import { startHub, type TestHub } from './support/hub.js';
import { asRole, testViewerResolver } from './support/auth.js';
import { featureCollection, polygon, square } from './coverage.fixtures.js';

const districts = featureCollection([
  { properties: { code: '210102', name: '和平区' }, geometry: polygon([[-500, -500], [5500, -500], [5500, 1500], [-500, 1500]]) },
  { properties: { code: '210103', name: '沈河区' }, geometry: polygon([[9500, -500], [15_500, -500], [15_500, 1500], [9500, 1500]]) },
]);

// Urban communities need 8 social organisations (social-orgs). `orgs[i]` is community i's count: 0–2 in 210102, 3–5 in 210103.
const communities = (orgs: number[]) => featureCollection(orgs.map((n, i) => ({
  properties: { code: `H${i}`, name: `社区${i}`, kind: 'urban', social_orgs: n },
  geometry: square((i < 3 ? 0 : 10_000) + (i % 3) * 1500, 0, 1000),
})));

// Three months of data: in each, how many communities of each district pass.
const MONTHS = [
  { at: '2026-08-15T04:00:00Z', orgs: [8, 2, 2, 9, 9, 1] }, // 210102: 1 of 3, 210103: 2 of 3
  { at: '2026-09-20T04:00:00Z', orgs: [8, 8, 2, 9, 1, 1] }, // 2 of 3, 1 of 3
  { at: '2026-10-10T04:00:00Z', orgs: [8, 8, 8, 9, 9, 9] }, // 3 of 3, 3 of 3
];

describe.each(STORE_KINDS)('standards history ($name store)', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;
  const config = { ...readConfig({}), demo: false };

  beforeAll(async () => {
    db = await kind.open();
    await importFile(db, { layer: 'districts', fileName: 'districts.geojson', content: districts });
    for (const month of MONTHS) {
      await importFile(db, { layer: 'communities', fileName: 'communities.geojson', content: communities(month.orgs) });
      expect(await snapshotBehind(db)).toBe(true);
      // An earlier snapshot in the same month is superseded by the month's last one.
      await takeSnapshot(db, config, 'change-set', new Date(new Date(month.at).getTime() - 86_400_000));
      await takeSnapshot(db, config, 'month-end', new Date(month.at));
      expect(await snapshotBehind(db)).toBe(false);
    }
    hub = await startHub(db, testViewerResolver);
  });
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  const trend = `query ($d: String, $from: String, $to: String) { standardsTrend(ruleId: "social-orgs", districtCode: $d, from: $from, to: $to) { at evaluated passed passShare } }`;

  it('reads each month\'s share from its last snapshot, per district and for the city', async () => {
    const passing = (orgs: number[], from: number, to: number) => orgs.slice(from, to).filter((n) => n >= 8).length;
    const city = await hub.gql(trend, { from: '2026-01-01', to: '2026-12-01' }, asRole('analyst'));
    expect(city.errors).toBeUndefined();
    expect(city.data.standardsTrend).toEqual(MONTHS.map((m) => ({ at: new Date(m.at).toISOString(), evaluated: 6, passed: passing(m.orgs, 0, 6), passShare: passing(m.orgs, 0, 6) / 6 })));
    const district = await hub.gql(trend, { d: '210103', from: '2026-01-01', to: '2026-12-01' }, asRole('analyst'));
    expect(district.data.standardsTrend.map((p: any) => p.passed)).toEqual(MONTHS.map((m) => passing(m.orgs, 3, 6)));
    const window = await hub.gql(trend, { from: '2026-09-01', to: '2026-09-30' }, asRole('analyst'));
    expect(window.data.standardsTrend.map((p: any) => p.at)).toEqual([new Date(MONTHS[1].at).toISOString()]);
  });

  it('gives an official their own district, refuses another, and names what is wrong', async () => {
    const own = await hub.gql(trend, { from: '2026-01-01' }, asRole('official', '210102'));
    expect(own.data.standardsTrend.map((p: any) => [p.evaluated, p.passed])).toEqual([[3, 1], [3, 2], [3, 3]]);
    const other = await hub.gql(trend, { d: '210103' }, asRole('official', '210102'));
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const unknown = await hub.gql(`{ standardsTrend(ruleId: "no-such-rule") { at } }`);
    expect(unknown.errors?.[0].message).toMatch(/no standard "no-such-rule"/);
    const backwards = await hub.gql(trend, { from: '2026-10-01', to: '2026-01-01' });
    expect(backwards.errors?.[0].message).toMatch(/is after/);
  });

  /** Everything current: every layer's rows (as text), the data versions and the coverage cache. */
  const currentData = async () => (await db.query(
    `SELECT (SELECT md5(string_agg(t::text, ',' ORDER BY t.code)) FROM districts t) AS districts,
            (SELECT md5(string_agg(t::text, ',' ORDER BY t.code)) FROM communities t) AS communities,
            (SELECT json_object_agg(layer, version ORDER BY layer) FROM layer_versions) AS versions,
            (SELECT md5(coalesce(string_agg(concat_ws('|', area_layer, area_code, model, params_key, area_version, source_version, covered_m2), ',' ORDER BY area_layer, model, params_key, area_code), '')) FROM coverage_cache) AS cache`,
  )).rows[0];

  it('prunes history older than the retention and leaves the layers, their versions and the cache as they are', async () => {
    const before = await currentData();
    const pruned = await pruneHistory(db, 1, new Date('2026-10-01T00:00:00Z'));
    expect(pruned).toEqual({ snapshots: 2, changeSets: 0 }); // August's two; the change sets were committed today
    const left = await hub.gql(trend, { from: '2026-01-01', to: '2026-12-01' }, asRole('analyst'));
    expect(left.data.standardsTrend.map((p: any) => p.at)).toEqual(MONTHS.slice(1).map((m) => new Date(m.at).toISOString()));
    // The change sets too, once they are older than the retention (backdated here): their feature changes go with them
    // (no foreign key cascades to them, db/migrations/150), and those of a set that stays, stay.
    const count = async (table: string, where = 'true') => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`)).rows[0].n;
    const newest = (await db.query<{ id: number }>('SELECT max(change_set_id)::int AS id FROM feature_changes')).rows[0].id;
    const newestRows = await count('feature_changes', `change_set_id = ${newest}`);
    expect(newestRows).toBeGreaterThan(0);
    const sets = await count('change_sets');
    await db.query(`UPDATE change_sets SET at = '2026-05-01T00:00:00Z' WHERE id <> ${newest}`);
    expect(await pruneHistory(db, 1, new Date('2026-10-01T00:00:00Z'))).toEqual({ snapshots: 0, changeSets: sets - 1 });
    expect(await count('feature_changes')).toBe(newestRows);
    expect(await count('feature_changes', `change_set_id = ${newest}`)).toBe(newestRows);
    await db.query(`UPDATE change_sets SET at = '2026-05-01T00:00:00Z'`);
    expect(await pruneHistory(db, 1, new Date('2026-10-01T00:00:00Z'))).toEqual({ snapshots: 0, changeSets: 1 });
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM feature_changes')).rows[0].n).toBe(0);
    expect(await currentData()).toEqual(before);
    // The kept months still read, and today's report is what it was.
    const still = await hub.gql(trend, { from: '2026-01-01', to: '2026-12-01' }, asRole('analyst'));
    expect(still.data.standardsTrend).toEqual(left.data.standardsTrend);
  });

  it('reads the retention from ATLAS_HISTORY_MONTHS (36 when unset or not a number of months)', () => {
    const saved = process.env.ATLAS_HISTORY_MONTHS;
    try {
      process.env.ATLAS_HISTORY_MONTHS = '6';
      expect(historyMonths()).toBe(6);
      for (const value of ['', 'abc', '-2', '0']) {
        process.env.ATLAS_HISTORY_MONTHS = value;
        expect(historyMonths(), value).toBe(36);
      }
      delete process.env.ATLAS_HISTORY_MONTHS;
      expect(historyMonths()).toBe(36);
    } finally {
      if (saved === undefined) delete process.env.ATLAS_HISTORY_MONTHS;
      else process.env.ATLAS_HISTORY_MONTHS = saved;
    }
  });
});
