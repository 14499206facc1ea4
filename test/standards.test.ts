// Standards as rules on both stores: per-community values, targets, pass/fail and shortfalls known from the fixture,
// pass shares per district, the renovation programme against its plan, and only admins changing a rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../server/ingest/import.service.js';
import { RENOVATION_CHECKLIST } from '../server/layers.js';
import type { Role } from '../server/auth/viewer.js';
import { STORE_KINDS } from './support/stores.js';
import { asRole, testViewerResolver } from './support/auth.js';
import { startHub, type TestHub } from './support/hub.js';
import { featureCollection, lonLat, pointsCsv, polygon, square } from './coverage.fixtures.js';

const allDone = Object.fromEntries(RENOVATION_CHECKLIST.map((i) => [i.key, true]));

function fixtures() {
  const districts = featureCollection([
    { properties: { code: '210102', name: '和平区' }, geometry: polygon([[-500, -500], [1500, -500], [1500, 1500], [-500, 1500]]) },
    { properties: { code: '210103', name: '沈河区' }, geometry: polygon([[9500, -500], [11_500, -500], [11_500, 1500], [9500, 1500]]) },
  ]);
  const communities = featureCollection([
    {
      properties: {
        code: 'A', name: '甲社区', kind: 'urban', households: 3000, population: 3000, elderly: 600, care_beds: 21,
        service_area_m2: 900, office_area_m2: 500, activity_area_m2: 300, social_orgs: 7, volunteers: 400,
      },
      geometry: square(0, 0, 1000),
    },
    {
      properties: {
        code: 'B', name: '乙社区', kind: 'rural', households: 1600, population: 4000, elderly: 1000, care_beds: 20,
        service_area_m2: 400, office_area_m2: 450, activity_area_m2: 420, social_orgs: 4, volunteers: 100,
      },
      geometry: square(10_000, 0, 1000),
    },
  ]);
  // A's two cells overlap by 100 m × 900 m and leave 500 m × 100 m uncovered; one of them has no worker.
  const cells = featureCollection([
    { properties: { code: 'A-1', community_code: 'A', workers: 1 }, geometry: polygon([[0, 0], [500, 0], [500, 1000], [0, 1000]]) },
    { properties: { code: 'A-2', community_code: 'A', workers: 0 }, geometry: polygon([[400, 0], [1000, 0], [1000, 900], [400, 900]]) },
    { properties: { code: 'B-1', community_code: 'B', workers: 2 }, geometry: square(10_000, 0, 1000) },
  ]);
  const stops = pointsCsv(['code'], [{ x: 500, y: 500, values: { code: 'S-A' } }]);
  const site = (code: string, x: number, program: string, year: number, status: string, checklist: Record<string, boolean>) => ({
    properties: { code, program, plan_year: year, status, checklist },
    geometry: { type: 'Point', coordinates: lonLat(x, 500) },
  });
  const sites = featureCollection([
    site('R1', 100, 'city', 2018, 'completed', allDone),
    site('R2', 200, 'city', 2018, 'completed', { ...allDone, lifts_safe: false }),
    site('R3', 300, 'city', 2018, 'completed', allDone),
    site('R4', 400, 'city', 2019, 'in_progress', {}),
    site('R5', 10_100, 'city', 2018, 'completed', allDone),
    site('R6', 10_200, 'owner', 2018, 'planned', {}),
  ]);
  return { districts, communities, cells, stops, sites };
}

describe.each(STORE_KINDS)('standards on the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;
  // Real tokens; the official's district is 210102.
  const as = (role: Role) => asRole(role, role === 'official' ? '210102' : undefined);
  beforeAll(async () => {
    db = await kind.open();
    const data = fixtures();
    await importFile(db, { layer: 'districts', fileName: 'districts.geojson', content: data.districts });
    await importFile(db, { layer: 'communities', fileName: 'communities.geojson', content: data.communities });
    await importFile(db, { layer: 'grid-cells', fileName: 'cells.geojson', content: data.cells });
    await importFile(db, { layer: 'bus-stops', fileName: 'stops.csv', content: data.stops });
    await importFile(db, { layer: 'renovation-sites', fileName: 'sites.geojson', content: data.sites });
    hub = await startHub(db, testViewerResolver);
  }, 180_000);
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  async function results(code: string) {
    const result = await hub.gql(`{ community(code: "${code}") { standards { ruleId value target targetMax pass shortfall unit detail } } }`, undefined, as('analyst'));
    expect(result.errors).toBeUndefined();
    return new Map<string, any>(result.data.community.standards.map((r: { ruleId: string }) => [r.ruleId, r]));
  }

  it('lists the rules of STANDARDS.md as data', async () => {
    const result = await hub.gql(`{ standardRules { id target targetMax targetsByKind params enabled unit } }`);
    expect(result.errors).toBeUndefined();
    const ids = result.data.standardRules.map((r: { id: string }) => r.id);
    for (const id of ['bus-stop-500m', 'camera-public-area', 'grid-one-worker', 'grid-tiling', 'service-area-per-100-households', 'office-400', 'community-size', 'social-orgs', 'renovation-city', 'renovation-owners', 'renovation-checklist']) {
      expect(ids).toContain(id);
    }
    const city = result.data.standardRules.find((r: { id: string }) => r.id === 'renovation-city');
    expect(city.params.plan).toEqual({ 2018: 120, 2019: 120, 2020: 74 });
  });

  it('checks a community: value, target, pass and shortfall in the rule\'s unit', async () => {
    const a = await results('A');
    expect(Math.abs(a.get('bus-stop-500m').value / (Math.PI / 4) - 1)).toBeLessThan(0.01);
    expect(a.get('bus-stop-500m').pass).toBe(false);
    expect(Math.abs(a.get('bus-stop-500m').shortfall - (1 - Math.PI / 4))).toBeLessThan(0.01);
    expect(a.get('grid-one-worker')).toMatchObject({ value: 1, target: 0, pass: false, shortfall: 1 });
    // 100 m × 900 m overlap plus 500 m × 100 m gap.
    expect(Math.abs(a.get('grid-tiling').value - 140_000)).toBeLessThan(140);
    expect(a.get('grid-tiling').pass).toBe(false);
    expect(a.get('service-area-per-100-households')).toMatchObject({ value: 30, target: 30, pass: true, shortfall: 0 });
    expect(a.get('office-400')).toMatchObject({ value: 300, target: 400, pass: false, shortfall: 100, unit: 'm²' });
    expect(a.get('community-size')).toMatchObject({ value: 3000, target: 2000, targetMax: 4000, pass: true, shortfall: 0 });
    expect(a.get('social-orgs')).toMatchObject({ value: 7, target: 8, pass: false, shortfall: 1 });
    expect(a.get('volunteers-13pct').pass).toBe(true);
    expect(a.get('elderly-beds')).toMatchObject({ value: 35, pass: true });
    expect(a.get('renovation-checklist')).toMatchObject({ value: 1, pass: false, shortfall: 1 });
    expect(a.get('camera-public-area')).toMatchObject({ value: 0, pass: false, shortfall: 1 });
  });

  it('applies targets by community kind', async () => {
    const b = await results('B');
    expect(b.get('community-size')).toMatchObject({ value: 1600, target: 300, targetMax: 1500, pass: false, shortfall: 100 });
    expect(b.get('social-orgs')).toMatchObject({ value: 4, target: 4, pass: true });
    expect(b.get('grid-tiling').pass).toBe(true);
    expect(b.get('grid-one-worker')).toMatchObject({ value: 0, pass: true });
    expect(b.get('bus-stop-500m')).toMatchObject({ value: 0, pass: false, shortfall: 1 });
    expect(b.get('renovation-checklist')).toMatchObject({ value: 0, pass: true });
  });

  it('gives pass shares and the worst communities for a district and the city', async () => {
    const result = await hub.gql(`{ standardsReport(ruleIds: ["social-orgs", "bus-stop-500m", "office-400"], worst: 5) {
      rule { id } evaluated passed failed noData passShare worst { communityCode shortfall } } }`);
    expect(result.errors).toBeUndefined();
    const byId = new Map<string, any>(result.data.standardsReport.map((s: { rule: { id: string } }) => [s.rule.id, s]));
    expect(byId.get('social-orgs')).toMatchObject({ evaluated: 2, passed: 1, failed: 1, passShare: 0.5, worst: [{ communityCode: 'A', shortfall: 1 }] });
    expect(byId.get('bus-stop-500m').worst.map((w: { communityCode: string }) => w.communityCode)).toEqual(['B', 'A']);
    expect(byId.get('office-400').passShare).toBe(0.5);
    const district = await hub.gql(`{ standardsReport(districtCode: "210103", ruleIds: ["social-orgs"]) { evaluated passShare } }`);
    expect(district.data.standardsReport[0]).toEqual({ evaluated: 1, passShare: 1 });
  });

  it('lets only an admin change a rule, and the change takes effect', async () => {
    // The rule is put back as it was afterwards, so that the other tests read STANDARDS.md's targets in any order.
    const before = (await hub.gql(`{ standardRules { id targetsByKind } }`)).data.standardRules.find((r: { id: string }) => r.id === 'social-orgs').targetsByKind;
    try {
      const mutation = `mutation { updateStandardRule(id: "social-orgs", change: { targetsByKind: { urban: { target: 6 } } }) { id targetsByKind } }`;
      const refused = await hub.gql(mutation, undefined, as('analyst'));
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const done = await hub.gql(mutation, undefined, as('admin'));
      expect(done.errors).toBeUndefined();
      expect(done.data.updateStandardRule.targetsByKind.urban).toEqual({ target: 6 });
      expect(done.data.updateStandardRule.targetsByKind.rural).toEqual({ target: 4 });
      expect((await results('A')).get('social-orgs')).toMatchObject({ target: 6, pass: true, shortfall: 0 });
      const radius = await hub.gql(`mutation { updateStandardRule(id: "bus-stop-500m", change: { params: { radiusMeters: -3 } }) { id } }`, undefined, as('admin'));
      expect(radius.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    } finally {
      const restored = await hub.gql(`mutation($change: StandardRuleChange!) { updateStandardRule(id: "social-orgs", change: $change) { targetsByKind } }`, { change: { targetsByKind: before } }, as('admin'));
      expect(restored.errors).toBeUndefined();
      expect(restored.data.updateStandardRule.targetsByKind).toEqual(before);
    }
  });

  it('follows the renovation programme by district and year against the plan', async () => {
    const query = `{ renovationProgress(program: CITY) { basis city { year planned listed completed inProgress behind }
      districts { districtCode share years { year planned completed inProgress behind } } } }`;
    const result = await hub.gql(query);
    expect(result.errors).toBeUndefined();
    const { basis, city, districts } = result.data.renovationProgress;
    expect(basis).toBe('households');
    expect(city).toEqual([
      { year: 2018, planned: 120, listed: 4, completed: 4, inProgress: 0, behind: 116 },
      { year: 2019, planned: 120, listed: 1, completed: 0, inProgress: 1, behind: 120 },
      { year: 2020, planned: 74, listed: 0, completed: 0, inProgress: 0, behind: 74 },
    ]);
    // Households 3000 : 1600, so 120 splits 78.26 : 41.74 → 78 : 42, and 74 → 48.26 : 25.74 → 48 : 26.
    const [heping, shenhe] = districts;
    expect(heping.districtCode).toBe('210102');
    expect(heping.share).toBeCloseTo(3000 / 4600, 6);
    expect(heping.years.map((y: { planned: number }) => y.planned)).toEqual([78, 78, 48]);
    expect(shenhe.years.map((y: { planned: number }) => y.planned)).toEqual([42, 42, 26]);
    expect(heping.years[0]).toMatchObject({ completed: 3, behind: 75 });
    expect(shenhe.years[0]).toMatchObject({ completed: 1, behind: 41 });

    const refused = await hub.gql(`mutation { apportionRenovationPlan(program: CITY, basis: SITES) { basis } }`, undefined, as('official'));
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bySites = await hub.gql(`mutation { apportionRenovationPlan(program: CITY, basis: SITES) { basis districts { share years { planned } } } }`, undefined, as('admin'));
    expect(bySites.errors).toBeUndefined();
    // Sites 4 : 1 → 96 : 24 in 2018 and 2019, 59.2 : 14.8 → 59 : 15 in 2020.
    expect(bySites.data.apportionRenovationPlan.basis).toBe('sites');
    expect(bySites.data.apportionRenovationPlan.districts.map((d: { years: { planned: number }[] }) => d.years.map((y) => y.planned))).toEqual([[96, 96, 59], [24, 24, 15]]);
    const byHand = await hub.gql(`mutation { setRenovationPlanShares(program: OWNER, shares: [{ districtCode: "210102", share: 1 }, { districtCode: "210103", share: 1 }]) { city { planned notStarted } districts { years { planned } } } }`, undefined, as('admin'));
    expect(byHand.errors).toBeUndefined();
    expect(byHand.data.setRenovationPlanShares.city[0]).toEqual({ planned: 200, notStarted: 1 });
    expect(byHand.data.setRenovationPlanShares.districts.map((d: { years: { planned: number }[] }) => d.years[2].planned)).toEqual([41, 41]);
  });
});
