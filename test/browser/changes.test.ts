// The "what changed" view and the dashboard's history in a real browser: an import that moves, adds and removes a stop
// drawn in its three colours and listed; camera changes kept from the public; the trend of the snapshots the test took.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { FeatureCollection, Geometry } from 'geojson';
import { readConfig } from '../../server/config.js';
import { takeSnapshot } from '../../server/history/snapshots.js';
import { STORE_KINDS } from '../support/stores.js';
import { CHROMIUM_INSTALL, CHROMIUM_INSTALLED, launchChromium, openGuardedPage, waitForMapIdle } from './support/browser.js';
import { startBrowserHub, type BrowserHub } from './support/browser-hub.js';
import { buildClient } from './support/build-client.js';
import { interiorPoint } from './support/page-probes.js';

type Stop = { code: string; lon: number; lat: number };
const csv = (stops: Stop[]) => `code,name,lon,lat\n${stops.map((s) => `${s.code},变更测试${s.code},${s.lon},${s.lat}`).join('\n')}\n`;

/** What the changes layers drew: per rendered feature its code, kind, role, position and colour (r, g, b in 0–1). */
function drawnChanges(page: Page) {
  return page.evaluate(() => {
    type Colour = { r: number; g: number; b: number };
    const map = (window as unknown as { __atlasMap: { queryRenderedFeatures(options: { layers: string[] }): { properties: Record<string, string>; geometry: Geometry; layer: { id: string; paint: Record<string, Colour> } }[] } }).__atlasMap;
    return map.queryRenderedFeatures({ layers: ['changes-circle', 'changes-was-circle', 'changes-was-line'] }).map((feature) => ({
      layer: feature.layer.id,
      code: feature.properties.code,
      kind: feature.properties.kind,
      role: feature.properties.role,
      coordinates: feature.geometry.type === 'Point' ? feature.geometry.coordinates : null,
      colour: feature.layer.paint['circle-color'] ?? feature.layer.paint['line-color'],
      ring: feature.layer.paint['circle-stroke-color'],
    }));
  });
}

/** The colour family a person would name: green, red or amber (orange-yellow). */
function colourName({ r, g, b }: { r: number; g: number; b: number }): string {
  if (g > r && g > b) return 'green';
  if (r > 0.6 && g > 0.45 && b < 0.3) return 'amber';
  if (r > g * 2 && r > b * 2) return 'red';
  return `other (${r.toFixed(2)}, ${g.toFixed(2)}, ${b.toFixed(2)})`;
}

describe.skipIf(!CHROMIUM_INSTALLED)(CHROMIUM_INSTALLED ? 'in Chromium' : `skipped (${CHROMIUM_INSTALL})`, () => {
describe.each(STORE_KINDS.map((kind) => kind.name))('what changed, over the %s store', (storeName) => {
  let hub: BrowserHub;
  let browser: Browser;

  beforeAll(async () => {
    buildClient();
    hub = await startBrowserHub('tiny', storeName);
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  const importStops = async (fileName: string, stops: Stop[], replace: boolean) => {
    const response = await fetch(`${hub.url}/api/import/bus-stops?fileName=${fileName}&source=change-test&crs=wgs84${replace ? '&replace=1' : ''}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.token('admin')}`, 'content-type': 'text/csv' },
      body: csv(stops),
    });
    expect(response.status, await response.clone().text()).toBe(200);
  };

  it('draws a moved stop amber (with where it was), an added one green and a removed one red, lists them, and exports the change set', async () => {
    const { data } = await hub.gql<{ communities: { nodes: { boundary: Geometry }[] } }>('{ communities(first: 5) { nodes { boundary } } }');
    const [lon, lat] = interiorPoint(data!.communities.nodes[2].boundary);
    const a = { code: 'CT-A', lon, lat };
    const b = { code: 'CT-B', lon: lon + 0.003, lat };
    const c = { code: 'CT-C', lon, lat: lat + 0.003 };
    await importStops('first.csv', [a, b, c], false);
    // About 330 m east and 220 m south; B stays as it was, C is left out (removed), D is new.
    const moved = { ...a, lon: lon + 0.004, lat: lat - 0.002 };
    const d = { code: 'CT-D', lon: lon - 0.003, lat };
    await importStops('second.csv', [moved, b, d], true);
    const versions = await hub.gql<{ dataVersions: { nodes: { id: string; added: number; changed: number; removed: number; unchanged: number }[] } }>('{ dataVersions(first: 1) { nodes { id added changed removed unchanged } } }');
    const version = versions.data!.dataVersions.nodes[0];
    expect(version).toMatchObject({ added: 1, changed: 1, removed: 1, unchanged: 1 });
    const truth = new Map([['CT-A', 'CHANGED'], ['CT-D', 'ADDED'], ['CT-C', 'REMOVED']]);

    const { page, context, outsideRequests, pageErrors } = await openGuardedPage(browser);
    await page.addInitScript((token) => localStorage.setItem('atlas.token', token), hub.token('analyst'));
    await page.goto(`${hub.url}/#l=communities,districts&p=changes&ch=v:${version.id}`);
    const rows = page.locator('[data-testid="change-list"] tbody tr');
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(3);
    const listed = await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-code'), tr.getAttribute('data-kind'), tr.getAttribute('data-layer')]));
    expect(new Map(listed.map(([code, kind]) => [code, kind]))).toEqual(truth);
    expect(listed.every(([, , layer]) => layer === 'bus-stops')).toBe(true);
    expect(await page.getByTestId('changes-cameras-hidden').count()).toBe(0);

    // The view frames the changes on its own; every change is drawn in its colour.
    await waitForMapIdle(page);
    const drawn = await drawnChanges(page);
    const now = drawn.filter((f) => f.role === 'now');
    expect(new Map(now.map((f) => [f.code, f.kind.toUpperCase()]))).toEqual(truth);
    const colours = new Map(now.map((f) => [f.code, colourName(f.colour)]));
    expect(colours).toEqual(new Map([['CT-A', 'amber'], ['CT-D', 'green'], ['CT-C', 'red']]));
    const near = (coordinates: number[] | null, stop: Stop) => coordinates !== null && Math.abs(coordinates[0] - stop.lon) < 1e-4 && Math.abs(coordinates[1] - stop.lat) < 1e-4;
    expect(near(now.find((f) => f.code === 'CT-A')!.coordinates, moved), 'CT-A drawn where it is now').toBe(true);
    expect(near(now.find((f) => f.code === 'CT-C')!.coordinates, c), 'CT-C drawn where it was').toBe(true);
    const was = drawn.filter((f) => f.code === 'CT-A' && f.role === 'was');
    expect(was.length).toBe(1);
    expect(near(was[0].coordinates, a), 'CT-A\'s old place').toBe(true);
    expect(colourName(was[0].ring)).toBe('amber');
    expect(drawn.some((f) => f.code === 'CT-A' && f.role === 'move')).toBe(true);
    // Nothing else of the city is drawn as changed: B was sent again as it was.
    expect(drawn.some((f) => f.code === 'CT-B')).toBe(false);

    // A click in the list frames that feature.
    await page.locator('tr[data-code="CT-D"] [data-testid="change-fly-to"]').click();
    await waitForMapIdle(page);
    const centre = await page.evaluate(() => (window as unknown as { __atlasMap: { getCenter(): { lng: number; lat: number } } }).__atlasMap.getCenter());
    expect(Math.abs(centre.lng - d.lon) + Math.abs(centre.lat - d.lat)).toBeLessThan(1e-3);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-changes-${version.id}`).click()]);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const exported = JSON.parse(Buffer.concat(chunks).toString('utf8')) as FeatureCollection;
    expect(new Map(exported.features.map((f) => [f.properties!.code, String(f.properties!.kind).toUpperCase()]))).toEqual(truth);
    expect(outsideRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 240_000);

  it('keeps camera changes from the public, with the sentence, and shows them to an analyst', async () => {
    const cameras = await hub.gql<{ cameras: { totalCount: number } }>('{ cameras(first: 1) { totalCount } }', {}, { authorization: `Bearer ${hub.token('analyst')}` });
    expect(cameras.data!.cameras.totalCount).toBeGreaterThan(0);
    const counts = async (token: string | null) => {
      const { page, context } = await openGuardedPage(browser);
      if (token) await page.addInitScript((t) => localStorage.setItem('atlas.token', t), token);
      // Every feature of the demo city was imported today: since last month, all of it is new.
      await page.goto(`${hub.url}/#l=districts&p=changes`);
      const table = page.getByTestId('change-counts');
      await table.waitFor({ timeout: 90_000 });
      const layers = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-layer')));
      const hidden = await page.getByTestId('changes-cameras-hidden').count();
      const communitiesAdded = Number(await page.getByTestId('change-counts-communities-ADDED').getAttribute('data-value'));
      await context.close();
      return { layers, hidden, communitiesAdded };
    };
    const communities = (await hub.gql<{ communities: { totalCount: number } }>('{ communities(first: 1) { totalCount } }')).data!.communities.totalCount;
    const publicView = await counts(null);
    expect(publicView.hidden).toBe(1);
    expect(publicView.layers).not.toContain('cameras');
    expect(publicView.communitiesAdded).toBe(communities);
    const analystView = await counts(hub.token('analyst'));
    expect(analystView.hidden).toBe(0);
    expect(analystView.layers).toContain('cameras');
  }, 240_000);

  it('shows in the dashboard a trend of the snapshots taken, what changed since last month, and prints the trend', async () => {
    const config = { ...readConfig({}), demo: false };
    const today = new Date();
    // Snapshots in two earlier months and this one: three points, whatever the day.
    const earlier = [2, 1].map((back) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 12, 4)));
    for (const at of earlier) await takeSnapshot(hub.db, config, 'manual', at);
    await takeSnapshot(hub.db, config, 'manual');
    const server = await hub.gql<{ standardsTrend: { at: string }[] }>('{ standardsTrend(ruleId: "bus-stop-500m") { at } }');
    expect(server.data!.standardsTrend.length).toBe(3);
    // The share every snapshot recorded: the data did not change between them (bus-stop-500m: 100 % within 0.001).
    const ranking = await hub.gql<{ coverageRanking: { nodes: { coverage: { coveredShare: number } }[] } }>('{ coverageRanking(kind: BUS_STOPS, radiusMeters: 500, first: 5000) { nodes { coverage { coveredShare } } } }');
    const nodes = ranking.data!.coverageRanking.nodes;
    const share = nodes.filter((n) => n.coverage.coveredShare >= 1 - 0.001).length / nodes.length;

    const { page, context, outsideRequests, pageErrors } = await openGuardedPage(browser, { locale: 'en-GB' });
    await page.addInitScript(() => localStorage.setItem('atlas.language', 'en'));
    await page.goto(`${hub.url}/#l=districts&p=dashboard`);
    const trend = page.getByTestId('trend-bus-stop-500m');
    await trend.waitFor({ timeout: 90_000 });
    expect(Number(await trend.getAttribute('data-points'))).toBe(3);
    const points = trend.getByTestId('trend-point');
    expect(await points.count()).toBe(3);
    const shares = await points.evaluateAll((circles) => circles.map((c) => Number(c.getAttribute('data-share'))));
    for (const shown of shares) expect(shown).toBeCloseTo(share, 9);
    const months = await points.evaluateAll((circles) => circles.map((c) => c.getAttribute('data-month')));
    expect(new Set(months).size).toBe(3);
    expect(await trend.locator('text').allTextContents()).toEqual(expect.arrayContaining(['0%', '50%', '100%']));

    const changes = page.getByTestId('dashboard-change-counts');
    await changes.waitFor({ timeout: 90_000 });
    const communities = (await hub.gql<{ communities: { totalCount: number } }>('{ communities(first: 1) { totalCount } }')).data!.communities.totalCount;
    expect(Number(await page.getByTestId('dashboard-change-counts-communities-ADDED').getAttribute('data-value'))).toBe(communities);

    await page.emulateMedia({ media: 'print' });
    expect(await trend.isVisible()).toBe(true);
    expect(await page.locator('.print-header').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    await page.getByTestId('dashboard-change-counts-communities-ADDED').getByRole('button').click();
    await page.getByTestId('changes-panel').waitFor();
    expect(new URL(page.url()).hash).toContain('p=changes');
    expect(outsideRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 240_000);
});
});
