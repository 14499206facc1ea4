// A standards snapshot after each committed change set (server/history/schedule.ts), on both stores: taken in the
// background once the import has returned, of the data version the import committed, with each community's result
// as the rule says (8 social organisations or more for an urban community); nothing is taken for an empty change set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../server/ingest/import.service.js';
import { readConfig } from '../server/config.js';
import { startHistorySchedule, type HistorySchedule } from '../server/history/schedule.js';
import { STORE_KINDS } from './support/stores.js';
import { featureCollection, polygon, square } from './coverage.fixtures.js';

const districts = featureCollection([
  { properties: { code: '210102', name: '和平区' }, geometry: polygon([[-500, -500], [5500, -500], [5500, 1500], [-500, 1500]]) },
]);
const communities = (orgs: number[]) => featureCollection(orgs.map((n, i) => ({
  properties: { code: `H${i}`, name: `社区${i}`, kind: 'urban', social_orgs: n },
  geometry: square(i * 1500, 0, 1000),
})));

describe.each(STORE_KINDS)('a snapshot after each change set ($name store)', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let schedule: HistorySchedule;
  const config = { ...readConfig({}), demo: false };

  beforeAll(async () => {
    db = await kind.open();
    await importFile(db, { layer: 'districts', fileName: 'districts.geojson', content: districts });
    schedule = startHistorySchedule(db, config, { afterChangeMs: 0, log: (m) => { throw new Error(m); } });
    await schedule.settled();
  });
  afterAll(async () => {
    schedule?.stop();
    await db?.dispose();
  });

  const snapshots = async () => (await db.query<{ id: number; reason: string; change_set_id: number; passes: Record<string, boolean> }>(
    `SELECT s.id, s.reason, s.change_set_id,
            (SELECT json_object_agg(r.community_code, r.pass) FROM standard_snapshot_results r WHERE r.snapshot_id = s.id AND r.rule_id = 'social-orgs') AS passes
     FROM standard_snapshots s ORDER BY s.id`,
  )).rows;

  it('records the standards as each import left them, without the import waiting for it', async () => {
    await schedule.settled();
    const taken = (await snapshots()).length;
    for (const orgs of [[8, 2, 9], [8, 8, 1]]) {
      const summary = await importFile(db, { layer: 'communities', fileName: 'communities.geojson', content: communities(orgs) });
      expect(summary.changes.added + summary.changes.changed).toBeGreaterThan(0);
      await schedule.settled();
      const all = await snapshots();
      expect(all.length).toBe(taken + 1 + (orgs[1] === 8 ? 1 : 0));
      const last = all[all.length - 1];
      expect(last.reason).toBe('change-set');
      expect(Number(last.change_set_id)).toBe(summary.changeSetId);
      expect(last.passes).toEqual(Object.fromEntries(orgs.map((n, i) => [`H${i}`, n >= 8])));
    }
  });

  it('takes none for the same file again (an empty change set)', async () => {
    const before = (await snapshots()).length;
    const again = await importFile(db, { layer: 'communities', fileName: 'communities.geojson', content: communities([8, 8, 1]) });
    expect(again.changes).toMatchObject({ added: 0, changed: 0, removed: 0 });
    await schedule.settled();
    expect((await snapshots()).length).toBe(before);
  });
});
