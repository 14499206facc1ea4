// The past stays readable, on both stores: the standards report and a district's coverage as of a data version or a
// date equal what the test read from the live hub before the data changed (and the coverage a formula gives), and a
// version that names nothing, a date in the future, an unknown rule are sentences.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../server/ingest/import.service.js';
import { readConfig } from '../server/config.js';
import { takeSnapshot } from '../server/history/snapshots.js';
import { STORE_KINDS } from './support/stores.js';
import { startHub, type TestHub } from './support/hub.js';
import { asRole, testViewerResolver } from './support/auth.js';
import { featureCollection, pointsCsv, polygon, square } from './coverage.fixtures.js';

const districts = featureCollection([
  { properties: { code: '210102', name: '和平区' }, geometry: polygon([[-500, -500], [5500, -500], [5500, 1500], [-500, 1500]]) },
  { properties: { code: '210103', name: '沈河区' }, geometry: polygon([[9500, -500], [15_500, -500], [15_500, 1500], [9500, 1500]]) },
]);
const west = (i: number) => (i < 3 ? 0 : 10_000) + (i % 3) * 1500;
// Urban communities need 8 social organisations (social-orgs): `orgs[i]` is community i's count.
const communities = (orgs: number[]) => featureCollection(orgs.map((n, i) => ({
  properties: { code: `H${i}`, name: `社区${i}`, kind: 'urban', social_orgs: n },
  geometry: square(west(i), 0, 1000),
})));
// A stop at the centre of each listed community: its 500 m circle lies inside the 1 km square.
const stops = (at: number[]) => pointsCsv(['code', 'name'], at.map((i) => ({ x: west(i) + 500, y: 500, values: { code: `S${i}`, name: `站${i}` } })));
const DISC_M2 = Math.PI * 500 * 500;

const REPORT = `query ($d: String, $asOf: AsOfInput, $rules: [String!]) {
  standardsReport(districtCode: $d, asOf: $asOf, ruleIds: $rules, worst: 5) {
    rule { id } evaluated passed failed noData passShare
    worst { communityCode communityName value target shortfall pass }
    snapshot { takenAt dataVersion }
  }
}`;
const AS_OF_DISTRICT = `query ($code: String!, $asOf: AsOfInput!) {
  districtAsOf(code: $code, asOf: $asOf) {
    code name snapshot { dataVersion takenAt }
    busStopCoverage { coveredAreaM2 areaM2 coveredShare nearestMeters gaps }
    cameraCoverage { coveredAreaM2 }
    communities { code name busStopCoverage { coveredAreaM2 coveredShare nearestMeters } }
  }
}`;
const LIVE_COMMUNITIES = `query ($d: String) { communities(districtCode: $d, first: 50) { nodes { code name busStopCoverage { coveredAreaM2 coveredShare nearestMeters } } } }`;

const sortByRule = (report: any[]) => [...report].sort((a, b) => a.rule.id.localeCompare(b.rule.id));
const withoutSnapshot = (report: any[]) => sortByRule(report).map(({ snapshot, ...rest }) => rest);

describe.each(STORE_KINDS)('the past as history keeps it ($name store)', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;
  const config = { ...readConfig({}), demo: false };
  const analyst = asRole('analyst');
  // Read from the live hub before anything changed, and the version and moment they belong to.
  let firstReport: any[];
  let firstDistrict: any;
  let firstCommunities: any[];
  let firstVersion: string;
  let firstMoment: string;
  let secondReport: any[];

  beforeAll(async () => {
    db = await kind.open();
    hub = await startHub(db, testViewerResolver);
    await importFile(db, { layer: 'districts', fileName: 'districts.geojson', content: districts });
    await importFile(db, { layer: 'communities', fileName: 'communities.geojson', content: communities([8, 2, 2, 9, 9, 1]) });
    const imported = await importFile(db, { layer: 'bus-stops', fileName: 'stops.csv', content: stops([0, 3]) });
    firstVersion = String(imported.changeSetId);
    const report = await hub.gql(REPORT, {}, analyst);
    expect(report.errors).toBeUndefined();
    firstReport = report.data.standardsReport;
    firstDistrict = (await hub.gql(`{ cityCoverage(kind: BUS_STOPS, districtCode: "210102") { coveredAreaM2 areaM2 coveredShare nearestMeters } }`, {}, analyst)).data.cityCoverage;
    firstCommunities = (await hub.gql(LIVE_COMMUNITIES, { d: '210102' }, analyst)).data.communities.nodes;
    await takeSnapshot(db, config, 'change-set');
    await new Promise((resolve) => setTimeout(resolve, 20));
    firstMoment = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Then the data changes: two communities gain organisations, one stop moves off its community, one is added.
    await importFile(db, { layer: 'communities', fileName: 'communities.geojson', content: communities([8, 8, 2, 9, 9, 9]) });
    await importFile(db, { layer: 'bus-stops', fileName: 'stops.csv', content: stops([1, 3, 4]) });
    await takeSnapshot(db, config, 'change-set');
    secondReport = (await hub.gql(REPORT, {}, analyst)).data.standardsReport;
  }, 240_000);
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  it('reads the standards report as of a version and as of a date as the hub answered it then', async () => {
    expect(withoutSnapshot(secondReport)).not.toEqual(withoutSnapshot(firstReport));
    const byVersion = await hub.gql(REPORT, { asOf: { version: firstVersion } }, analyst);
    expect(byVersion.errors).toBeUndefined();
    expect(withoutSnapshot(byVersion.data.standardsReport)).toEqual(withoutSnapshot(firstReport));
    expect(byVersion.data.standardsReport[0].snapshot.dataVersion).toBe(firstVersion);
    const byDate = await hub.gql(REPORT, { asOf: { at: firstMoment } }, analyst);
    expect(withoutSnapshot(byDate.data.standardsReport)).toEqual(withoutSnapshot(firstReport));
    // social-orgs then: 210102 had H0 passing (8), H1 and H2 failing by 6 each.
    const orgs = byDate.data.standardsReport.find((s: any) => s.rule.id === 'social-orgs');
    expect([orgs.evaluated, orgs.passed]).toEqual([6, 3]);
    const now = await hub.gql(REPORT, { asOf: { at: new Date().toISOString() } }, analyst);
    expect(withoutSnapshot(now.data.standardsReport)).toEqual(withoutSnapshot(secondReport));
  });

  it('keeps a district\'s and its communities\' coverage: as the live hub read it then, and as a formula says', async () => {
    const result = await hub.gql(AS_OF_DISTRICT, { code: '210102', asOf: { version: firstVersion } }, analyst);
    expect(result.errors).toBeUndefined();
    const district = result.data.districtAsOf;
    expect(district.name).toBe('和平区');
    expect(district.busStopCoverage.coveredAreaM2).toBeCloseTo(firstDistrict.coveredAreaM2, 6);
    expect(district.busStopCoverage.areaM2).toBeCloseTo(firstDistrict.areaM2, 6);
    expect(district.busStopCoverage.gaps).toBeNull();
    // One stop in 210102 then (S0, at H0's centre): one whole 500 m disc inside the district.
    expect(Math.abs(district.busStopCoverage.coveredAreaM2 / DISC_M2 - 1)).toBeLessThan(0.01);
    expect(district.communities.map((c: any) => c.code)).toEqual(['H0', 'H1', 'H2']);
    for (const live of firstCommunities) {
      const kept = district.communities.find((c: any) => c.code === live.code);
      expect(kept.name).toBe(live.name);
      expect(kept.busStopCoverage.coveredAreaM2).toBeCloseTo(live.busStopCoverage.coveredAreaM2, 6);
      expect(kept.busStopCoverage.nearestMeters).toBeCloseTo(live.busStopCoverage.nearestMeters, 6);
    }
    // H1 is 500 m from H0's square and 1000 m from S0: uncovered then, covered (S1 at its centre) now.
    expect(district.communities[1].busStopCoverage.coveredAreaM2).toBe(0);
    const now = await hub.gql(AS_OF_DISTRICT, { code: '210102', asOf: { at: new Date().toISOString() } }, analyst);
    expect(Math.abs(now.data.districtAsOf.communities[1].busStopCoverage.coveredAreaM2 / DISC_M2 - 1)).toBeLessThan(0.01);
  });

  it('applies today\'s scope: an official reads another district\'s share but not its communities, and their own report', async () => {
    const other = await hub.gql(AS_OF_DISTRICT, { code: '210103', asOf: { version: firstVersion } }, asRole('official', '210102'));
    expect(other.errors).toBeUndefined();
    expect(other.data.districtAsOf.communities).toEqual([]);
    expect(other.data.districtAsOf.busStopCoverage.coveredAreaM2).toBeGreaterThan(0);
    const own = await hub.gql(REPORT, { asOf: { version: firstVersion } }, asRole('official', '210102'));
    const orgs = own.data.standardsReport.find((s: any) => s.rule.id === 'social-orgs');
    expect([orgs.evaluated, orgs.passed]).toEqual([3, 1]);
    expect(orgs.worst.map((w: any) => [w.communityCode, w.shortfall])).toEqual([['H1', 6], ['H2', 6]]);
  });

  it('answers a re-import of the same file (an empty change set) with the version before it', async () => {
    const same = await importFile(db, { layer: 'bus-stops', fileName: 'stops.csv', content: stops([1, 3, 4]) });
    expect(same.changes).toMatchObject({ added: 0, changed: 0, removed: 0 });
    const result = await hub.gql(REPORT, { asOf: { version: String(same.changeSetId) } }, analyst);
    expect(result.errors).toBeUndefined();
    expect(withoutSnapshot(result.data.standardsReport)).toEqual(withoutSnapshot(secondReport));
  });

  it('says what is wrong: no such version, a date in the future, an unknown rule, both or neither, a version no snapshot caught', async () => {
    const missing = await hub.gql(REPORT, { asOf: { version: '987654' } }, analyst);
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(missing.errors?.[0].message).toMatch(/no data version 987654/);
    const future = await hub.gql(AS_OF_DISTRICT, { code: '210102', asOf: { at: new Date(Date.now() + 86_400_000).toISOString() } }, analyst);
    expect(future.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(future.errors?.[0].message).toMatch(/in the future/);
    const rule = await hub.gql(REPORT, { asOf: { version: firstVersion }, rules: ['no-such-rule'] }, analyst);
    expect(rule.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(rule.errors?.[0].message).toMatch(/no-such-rule/);
    const both = await hub.gql(REPORT, { asOf: { version: firstVersion, at: firstMoment } }, analyst);
    expect(both.errors?.[0].message).toMatch(/not both/);
    const before = await hub.gql(REPORT, { asOf: { at: '2020-01-01T00:00:00Z' } }, analyst);
    expect(before.errors?.[0].message).toMatch(/History begins at/);
    const district = await hub.gql(AS_OF_DISTRICT, { code: '999999', asOf: { version: firstVersion } }, analyst);
    expect(district.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // Two changes with no snapshot between them: the first is no snapshot's data; the second is today's, not yet kept.
    const a = await importFile(db, { layer: 'bus-stops', fileName: 'stops.csv', content: stops([2]) });
    const b = await importFile(db, { layer: 'bus-stops', fileName: 'stops.csv', content: stops([5]) });
    const caught = await hub.gql(REPORT, { asOf: { version: String(a.changeSetId) } }, analyst);
    expect(caught.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(caught.errors?.[0].message).toMatch(new RegExp(`data version ${b.changeSetId} replaced it`));
    const today = await hub.gql(REPORT, { asOf: { version: String(b.changeSetId) } }, analyst);
    expect(today.errors?.[0].message).toMatch(/today's data/);
  });
});
